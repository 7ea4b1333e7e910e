import type { Ctx } from '../env.ts';
import { Csrf, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { findUserForLogin, setPasswordHash } from '../../store/index.ts';
import { appendAudit } from '../../store/index.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../password.ts';
import { endSession } from '../auth.ts';

async function accountPage(c: Ctx, error?: string) {
  const session = c.get('session')!;
  return render(
    c,
    <Layout title="修改密码" session={session} active="account">
      {error ? <div class="error">{error}</div> : null}
      <div class="card w420">
        <form method="post" action="/account/password">
          <Csrf session={session} />
          <label for="cur">当前密码</label>
          <input type="password" id="cur" name="current" required autocomplete="current-password" />
          <label for="new">新密码（至少 10 个字符）</label>
          <input type="password" id="new" name="password" required autocomplete="new-password" />
          <p class="small muted">修改后所有已登录的设备都会退出，需要用新密码重新登录。</p>
          <button type="submit" class="primary">修改密码</button>
        </form>
      </div>
    </Layout>,
    error ? 400 : 200,
  );
}

export const getAccount = (c: Ctx) => accountPage(c);

export async function postAccountPassword(c: Ctx) {
  const { db } = c.get('deps');
  const session = c.get('session')!;
  const body = await c.req.parseBody();
  const cur = typeof body.current === 'string' ? body.current : '';
  const pw = typeof body.password === 'string' ? body.password : '';
  const me = findUserForLogin(db, session.user.name);
  if (!me || !(await verifyPassword(cur, me.passwordHash))) return accountPage(c, '当前密码不正确。');
  const problem = passwordProblem(pw);
  if (problem) return accountPage(c, problem);
  setPasswordHash(db, me.id, await hashPassword(pw));
  appendAudit(db, me.id, 'user.password', `user:${me.id}`, '本人修改');
  endSession(c);
  return c.redirect('/login', 303);
}
