import { stmt, type DB } from './db.ts';
import { nowIso } from '../shared/time.ts';

/** The audit log of admin acts outside the score sheet (unlocks, users): append-only. */

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  action: string;
  target: string | null;
  detail: string | null;
}

export function appendAudit(db: DB, userId: number | null, action: string, target: string | null, detail: string | null): void {
  stmt(db, 'INSERT INTO audit_log (at, user_id, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(nowIso(), userId, action, target, detail);
}

/** What was done to one target, newest first, with the acting user's name. */
export function auditFor(db: DB, target: string, limit: number): Array<AuditRow & { userName: string | null }> {
  return stmt(
    db,
    `SELECT a.id, a.at, a.user_id AS userId, u.name AS userName, a.action, a.target, a.detail
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE a.target = ? ORDER BY a.id DESC LIMIT ?`,
  ).all(target, limit) as Array<AuditRow & { userName: string | null }>;
}
