import { createHash, randomBytes } from 'node:crypto';
import { stmt, type DB } from './db.ts';
import type { Role } from './users.ts';

/** The DB keeps only sha256(token): a copy of the DB does not let anyone log in. */
export const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  user: { id: number; name: string; role: Role; unitId: string | null };
}

/** Creates a session and returns the cookie token (never stored). */
export function createSession(db: DB, userId: number, limits: SessionLimits, now = Date.now()): { token: string; csrfToken: string } {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const at = new Date(now).toISOString();
  stmt(db, 'INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    tokenId(token),
    userId,
    csrfToken,
    at,
    new Date(now + limits.absoluteMs).toISOString(),
    at,
  );
  return { token, csrfToken };
}

interface Row {
  id: string;
  csrf_token: string;
  expires_at: string;
  last_seen_at: string;
  user_id: number;
  name: string;
  role: Role;
  unit_id: string | null;
  disabled: number;
}

/**
 * The live session for a cookie token, or undefined. Expired (idle or absolute) and disabled-user sessions
 * are deleted on sight. last_seen_at is written at most once a minute to keep reads cheap.
 */
export function findSession(db: DB, token: string, limits: SessionLimits, now = Date.now()): ActiveSession | undefined {
  return findSessionById(db, tokenId(token), limits, now);
}

/** The same by the stored id (the token's sha256), for links that must die with the session they were made for. */
export function findSessionById(db: DB, id: string, limits: SessionLimits, now = Date.now()): ActiveSession | undefined {
  const r = stmt(
      db,
      `SELECT s.id, s.csrf_token, s.expires_at, s.last_seen_at, u.id user_id, u.name, u.role, u.unit_id, u.disabled
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    )
    .get(id) as Row | undefined;
  if (!r) return undefined;
  const lastSeen = Date.parse(r.last_seen_at);
  if (r.disabled === 1 || Date.parse(r.expires_at) <= now || lastSeen + limits.idleMs <= now) {
    deleteSession(db, id);
    return undefined;
  }
  if (now - lastSeen > 60_000) stmt(db, 'UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(new Date(now).toISOString(), id);
  return { id: r.id, csrfToken: r.csrf_token, user: { id: r.user_id, name: r.name, role: r.role, unitId: r.unit_id } };
}

export function deleteSession(db: DB, id: string): void {
  stmt(db, 'DELETE FROM sessions WHERE id = ?').run(id);
}

export function deleteSessionByToken(db: DB, token: string): void {
  deleteSession(db, tokenId(token));
}

export function countUserSessions(db: DB, userId: number): number {
  return (stmt(db, 'SELECT count(*) n FROM sessions WHERE user_id = ?').get(userId) as { n: number }).n;
}

export function purgeExpiredSessions(db: DB, limits: SessionLimits, now = Date.now()): number {
  return stmt(db, 'DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?')
    .run(new Date(now).toISOString(), new Date(now - limits.idleMs).toISOString()).changes;
}
