import { stmt, type DB } from './db.ts';
import { likePattern, selectPage, type PageRequest, type TablePage } from './table-page.ts';
import { nowIso } from '../shared/time.ts';

export type Role = 'admin' | 'assessor' | 'unit';

export interface User {
  id: number;
  name: string;
  role: Role;
  unitId: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

interface Row {
  id: number;
  name: string;
  role: Role;
  unit_id: string | null;
  password_hash: string;
  disabled: number;
  created_at: string;
}

const toUser = (r: Row): UserWithHash => ({
  id: r.id,
  name: r.name,
  role: r.role,
  unitId: r.unit_id,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  passwordHash: r.password_hash,
});

const strip = ({ passwordHash: _h, ...u }: UserWithHash): User => u;

export function createUser(db: DB, u: { name: string; role: Role; unitId: string | null; passwordHash: string }): User {
  const at = nowIso();
  const r = stmt(db, 'INSERT INTO users (name, role, unit_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(u.name, u.role, u.role === 'unit' ? u.unitId : null, u.passwordHash, at);
  return getUser(db, Number(r.lastInsertRowid))!;
}

export function getUser(db: DB, id: number): User | undefined {
  const r = stmt(db, 'SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
  return r && strip(toUser(r));
}

/** With the hash: only the login check needs it. */
export function findUserForLogin(db: DB, name: string): UserWithHash | undefined {
  const r = stmt(db, 'SELECT * FROM users WHERE name = ?').get(name) as Row | undefined;
  return r && toUser(r);
}

export function userNameTaken(db: DB, name: string): boolean {
  return stmt(db, 'SELECT 1 FROM users WHERE name = ?').get(name) !== undefined;
}

/** What the 用户 page's state filter can ask for: a role, or the disabled accounts. */
export type UserState = Role | 'disabled';

/** Accounts filtered and paged in SQL (a district has an account or two per unit), without their hashes. */
export function usersPage(db: DB, f: { q?: string; unitId?: string; state?: UserState }, page: PageRequest): TablePage<User> {
  const where = [];
  if (f.q) where.push("name LIKE @q ESCAPE '\\'");
  if (f.unitId !== undefined) where.push('unit_id = @unitId');
  if (f.state === 'disabled') where.push('disabled = 1');
  else if (f.state !== undefined) where.push('role = @state');
  const p = selectPage<Row>(
    db,
    { select: '*', from: 'users', where, orderBy: 'role, name', params: { q: f.q ? likePattern(f.q) : undefined, unitId: f.unitId, state: f.state } },
    page,
  );
  return { rows: p.rows.map((r) => strip(toUser(r))), total: p.total };
}

/** Changing a password ends every session of that user, in the same transaction. */
export function setPasswordHash(db: DB, userId: number, passwordHash: string): void {
  db.transaction(() => {
    stmt(db, 'UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
    stmt(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId);
  }).immediate();
}

/** Disabling ends every session of that user too. */
export function setDisabled(db: DB, userId: number, disabled: boolean): void {
  db.transaction(() => {
    stmt(db, 'UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, userId);
    if (disabled) stmt(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId);
  }).immediate();
}

export function userNames(db: DB): Map<number, string> {
  return new Map((stmt(db, 'SELECT id, name FROM users').all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
}
