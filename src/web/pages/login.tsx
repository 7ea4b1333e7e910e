import { z } from 'zod';
import type { Ctx } from '../env.ts';
import { Bare } from '../layout.tsx';
import { render } from '../render.ts';
import { clientIp, endSession, loginFormToken, startSession } from '../auth.ts';
import type { LoginGuard } from '../login-guard.ts';
import { findUserForLogin } from '../../store/index.ts';
import { burnPasswordCheck, verifyPassword } from '../password.ts';

/** Only plain local paths: an open redirect or markup can never come through `next`. */
const safeNext = (v: unknown): string | undefined => (typeof v === 'string' && /^\/[A-Za-z0-9/_\-.%]*$/.test(v) && !v.startsWith('//') ? v : undefined);

const LoginForm = z.object({ name: z.string().trim().min(1).max(100), password: z.string().min(1).max(500), next: z.string().optional() });

function loginPage(c: Ctx, opts: { error?: string; next?: string; status?: number }) {
  const deps = c.get('deps');
  return render(
    c,
    <Bare title="登录">
      <h1>登录</h1>
      {opts.error ? <div class="error">{opts.error}</div> : null}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value={loginFormToken(deps.secret)} />
        {opts.next ? <input type="hidden" name="next" value={opts.next} /> : null}
        <label for="name">用户名</label>
        <input type="text" id="name" name="name" autocomplete="username" required autofocus />
        <label for="password">密码</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <button type="submit" class="primary">登录</button>
      </form>
      <p class="muted small">账号由区政务公开办管理员创建。忘记密码请联系管理员重置。</p>
    </Bare>,
    opts.status ?? 200,
  );
}

export const getLogin = (c: Ctx) => (c.get('session') ? c.redirect('/') : loginPage(c, { next: safeNext(c.req.query('next')) }));

export function createLoginHandler(guard: LoginGuard) {
  return async (c: Ctx) => {
    const parsed = LoginForm.safeParse(await c.req.parseBody());
    if (!parsed.success) return loginPage(c, { error: '请填写用户名和密码。', status: 400 });
    const { name, password } = parsed.data;
    const next = safeNext(parsed.data.next);
    const admission = guard.admit(clientIp(c), name);
    if (!admission.ok) {
      const error =
        admission.reason === 'backoff'
          ? `该账号最近多次登录失败，为防止密码被猜测，请 ${admission.seconds} 秒后再试。`
          : '当前登录请求过多，服务器暂时无法处理，请稍等几秒后再试。';
      return loginPage(c, { error, next, status: 429 });
    }
    const db = c.get('deps').db;
    const user = findUserForLogin(db, name);
    let ok: boolean;
    try {
      ok = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
    } finally {
      admission.release();
    }
    // One message for every failure: the page must not tell which names exist or are disabled.
    if (!ok || !user || user.disabled) {
      guard.fail(name);
      return loginPage(c, { error: '用户名或密码不正确，或账号已停用。', next, status: 401 });
    }
    guard.succeed(name);
    startSession(c, user.id);
    return c.redirect(next ?? '/', 303);
  };
}

export const postLogout = (c: Ctx) => {
  endSession(c);
  return c.redirect('/login', 303);
};
