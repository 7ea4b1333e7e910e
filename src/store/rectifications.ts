import { stmt, type DB } from './db.ts';
import { nowIso } from '../shared/time.ts';

/** 整改: findings sent to their unit with a deadline, and what later assessments verified of them. */

export type RectificationStatus = 'pending' | 'rectified' | 'overdue';

export interface RectificationRow {
  id: number;
  findingId: number;
  deadline: string;
  sentAt: string;
  status: RectificationStatus;
  verifiedAt: string | null;
  note: string | null;
}

/** A year's rectifications by deadline, with their finding's kind, unit and column, and whether it is still found. */
export function listRectifications(
  db: DB,
  year: number,
): Array<RectificationRow & { kind: string; unitId: string; unitName: string; columnName: string | null; findingActive: number }> {
  return stmt(
    db,
    `SELECT r.id, r.finding_id AS findingId, f.kind, f.unit_id AS unitId, u.name AS unitName, c.name AS columnName, r.deadline,
            r.sent_at AS sentAt, r.status, r.verified_at AS verifiedAt, r.note, f.active AS findingActive
       FROM rectifications r JOIN findings f ON f.id = r.finding_id JOIN units u ON u.id = f.unit_id LEFT JOIN columns c ON c.id = f.column_id
      WHERE f.year = ? ORDER BY r.deadline, r.id`,
  ).all(year) as Array<RectificationRow & { kind: string; unitId: string; unitName: string; columnName: string | null; findingActive: number }>;
}

export function createRectification(db: DB, findingId: number, deadline: string, userId: number | null, note: string | null): number {
  return Number(
    stmt(db, 'INSERT INTO rectifications (finding_id, deadline, sent_at, sent_by, note) VALUES (?, ?, ?, ?, ?)').run(findingId, deadline, nowIso(), userId, note)
      .lastInsertRowid,
  );
}

/** Rectifications not yet rectified, with whether the latest assess still reports their finding. */
export function openRectifications(db: DB): Array<Pick<RectificationRow, 'id' | 'status' | 'deadline'> & { findingActive: boolean }> {
  const rows = stmt(
    db,
    `SELECT r.id, r.status, r.deadline, f.active AS findingActive FROM rectifications r JOIN findings f ON f.id = r.finding_id
      WHERE r.status IN ('pending', 'overdue') ORDER BY r.id`,
  ).all() as Array<Pick<RectificationRow, 'id' | 'status' | 'deadline'> & { findingActive: number }>;
  return rows.map((r) => ({ ...r, findingActive: r.findingActive === 1 }));
}

/** Records what a verification decided of one rectification. */
export function setRectificationStatus(db: DB, id: number, status: RectificationStatus, verifiedAt: string): void {
  stmt(db, 'UPDATE rectifications SET status = ?, verified_at = ? WHERE id = ?').run(status, verifiedAt, id);
}
