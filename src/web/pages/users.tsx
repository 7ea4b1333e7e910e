import { z } from 'zod';
import type { Ctx } from '../env.ts';
import { Badge, Csrf, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { createUser, getUser, setDisabled, setPasswordHash, userNameTaken, usersPage, type User, type UserState } from '../../store/index.ts';
import { serveTable } from '../data-table.tsx';
import { listUnits, unitExists } from '../../store/index.ts';
import { appendAudit } from '../../store/index.ts';
import { hashPassword, passwordProblem } from '../password.ts';
import { errorPage } from './errors.tsx';
import { ROLES } from '../../shared/vocabulary.ts';

async function renderUsers(c: Ctx, msg?: { error?: string; notice?: string }) {
  const { db } = c.get('deps');
  const session = c.get('session')!;
  const units = listUnits(db);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const table = await serveTable<User>(c, {
    id: 'users',
    fileName: '用户',
    filters: { q: { placeholder: '搜索用户名' }, unit: units.map((u) => ({ id: u.id, name: u.name })), state: { ...ROLES, disabled: '已停用' } },
    load: (q, page) => usersPage(db, { q: q.q, unitId: q.unit, state: q.state as UserState | undefined }, page),
    empty: '没有符合条件的账号。',
    columns: [
      { header: '用户名', text: (u) => u.name },
      { header: '角色', text: (u) => ROLES[u.role] },
      { header: '单位', text: (u) => (u.unitId ? unitName.get(u.unitId) ?? u.unitId : null) },
      { header: '状态', text: (u) => (u.disabled ? '已停用' : '启用'), cell: (u) => (u.disabled ? <Badge tone="muted">已停用</Badge> : <Badge tone="ok">启用</Badge>) },
      { header: '创建时间', text: (u) => fmtTime(u.createdAt) },
      {
        header: '操作',
        screenOnly: true,
        text: () => null,
        cell: (u) => (
          <>
            {u.id === session.user.id ? <span class="muted small">当前账号</span> : (
              <form method="post" action={`/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`} class="inline">
                <Csrf session={session} />
                <button type="submit" class={u.disabled ? '' : 'danger'}>{u.disabled ? '启用' : '停用'}</button>
              </form>
            )}{' '}
            <form method="post" action={`/users/${u.id}/password`} class="inline">
              <Csrf session={session} />
              <input type="password" name="password" placeholder="新密码" autocomplete="new-password" required aria-label="新密码" />
              <button type="submit">重设密码</button>
            </form>
          </>
        ),
      },
    ],
  });
  if (table instanceof Response) return table;
  return render(
    c,
    <Layout title="用户" session={session} active="users">
      {msg?.error ? <div class="error">{msg.error}</div> : null}
      {msg?.notice ?? (c.req.query('saved') === '1' ? '已保存。' : undefined) ? <div class="notice">{msg?.notice ?? '已保存。'}</div> : null}
      {table.view}
      <div class="card w520">
        <h3>新建账号</h3>
        <form method="post" action="/users">
          <Csrf session={session} />
          <label for="nu-name">用户名</label>
          <input type="text" id="nu-name" name="name" required maxlength={40} autocomplete="off" />
          <label for="nu-role">角色</label>
          <select id="nu-role" name="role">
            <option value="assessor">{ROLES.assessor}</option>
            <option value="unit">{`${ROLES.unit}（仅本单位；可提交本单位的整改）`}</option>
            <option value="admin">{ROLES.admin}</option>
          </select>
          <label for="nu-unit">{`所属单位（仅${ROLES.unit}）`}</label>
          <select id="nu-unit" name="unit">
            <option value="">—</option>
            {units.map((u) => <option value={u.id}>{u.name}</option>)}
          </select>
          <label for="nu-pw">初始密码（至少 10 个字符）</label>
          <input type="password" id="nu-pw" name="password" required autocomplete="new-password" />
          <p><button type="submit" class="primary">创建</button></p>
        </form>
      </div>
    </Layout>,
    msg?.error ? 400 : 200,
  );
}

export const getUsers = (c: Ctx) => renderUsers(c);

const CreateForm = z.object({
  name: z.string().trim().regex(/^[\p{L}\p{N}_.@-]{2,40}$/u),
  role: z.enum(['admin', 'assessor', 'unit']),
  unit: z.string().optional(),
  password: z.string(),
});

export async function postUserCreate(c: Ctx) {
  const { db } = c.get('deps');
  const f = CreateForm.safeParse(await c.req.parseBody());
  if (!f.success) return renderUsers(c, { error: '用户名应为 2–40 个字母、汉字、数字或 _ . @ -，并选择角色。' });
  const { name, role, password } = f.data;
  const unit = role === 'unit' ? f.data.unit || undefined : undefined;
  if (role === 'unit' && (!unit || !unitExists(db, unit))) return renderUsers(c, { error: '单位用户须选择所属单位。' });
  if (userNameTaken(db, name)) return renderUsers(c, { error: '该用户名已存在，请换一个。' });
  const problem = passwordProblem(password);
  if (problem) return renderUsers(c, { error: problem });
  const u = createUser(db, { name, role, unitId: unit ?? null, passwordHash: await hashPassword(password) });
  appendAudit(db, c.get('session')!.user.id, 'user.create', `user:${u.id}`, `${u.name}（${ROLES[u.role]}）`);
  return c.redirect('/users?saved=1', 303);
}

function targetUser(c: Ctx) {
  const id = c.req.param('userId') ?? '';
  return /^\d+$/.test(id) ? getUser(c.get('deps').db, Number(id)) : undefined;
}

const toggle = (disabled: boolean) => (c: Ctx) => {
  const u = targetUser(c);
  if (!u) return errorPage(c, 404);
  const me = c.get('session')!.user.id;
  if (u.id === me) return renderUsers(c, { error: '不能停用当前登录的账号。' });
  setDisabled(c.get('deps').db, u.id, disabled);
  appendAudit(c.get('deps').db, me, disabled ? 'user.disable' : 'user.enable', `user:${u.id}`, u.name);
  return c.redirect('/users?saved=1', 303);
};

export const postUserDisable = toggle(true);
export const postUserEnable = toggle(false);

export async function postUserPassword(c: Ctx) {
  const u = targetUser(c);
  if (!u) return errorPage(c, 404);
  const pw = (await c.req.parseBody()).password;
  const problem = typeof pw === 'string' ? passwordProblem(pw) : '请填写新密码。';
  if (problem) return renderUsers(c, { error: problem });
  const { db } = c.get('deps');
  setPasswordHash(db, u.id, await hashPassword(pw as string));
  appendAudit(db, c.get('session')!.user.id, 'user.password', `user:${u.id}`, u.name);
  if (u.id === c.get('session')!.user.id) return c.redirect('/login', 303);
  return c.redirect('/users?saved=1', 303);
}
