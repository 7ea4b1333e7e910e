// Read models and the few writes of the dashboard's operational pages (整改, 预警, 运行, audit).
import type { DB } from './db.ts';
import { nowIso } from '../shared/time.ts';

/** The record before this one in the chain (by id), if any. */
export function previousFetchHash(db: DB, id: number): string | undefined {
  return (db.prepare('SELECT record_hash FROM fetches WHERE id < ? ORDER BY id DESC LIMIT 1').get(id) as { record_hash: string } | undefined)?.record_hash;
}

export interface AlertRow {
  id: number;
  unit_id: string;
  unit_name: string;
  day: string;
  to_json: string;
  subject: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export function listAlerts(db: DB, limit: number): AlertRow[] {
  return db
    .prepare(
      `SELECT a.id, a.unit_id, u.name unit_name, a.day, a.to_json, a.subject, a.status, a.attempts, a.next_attempt_at, a.last_error,
              a.created_at, a.sent_at
         FROM alerts_outbox a JOIN units u ON u.id = a.unit_id ORDER BY a.id DESC LIMIT ?`,
    )
    .all(limit) as AlertRow[];
}

export function alertStatusCounts(db: DB): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.prepare('SELECT status, count(*) n FROM alerts_outbox GROUP BY status').all() as { status: string; n: number }[]) out[r.status] = r.n;
  return out;
}

export interface RunRow {
  id: number;
  kind: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  stats_json: string;
  visits: number;
  failed: number;
  /** Visits the auditor's own side cut short. */
  ours: number;
}

export function listCrawlRuns(db: DB, limit: number): RunRow[] {
  return db
    .prepare(
      `SELECT r.*, (SELECT count(*) FROM column_visits v WHERE v.run_id = r.id) visits,
              (SELECT count(*) FROM column_visits v WHERE v.run_id = r.id AND v.outcome IN ('unreachable', 'challenge', 'parse-failed')) failed,
              (SELECT count(*) FROM column_visits v WHERE v.run_id = r.id AND v.fault = 'auditor') ours
         FROM crawl_runs r ORDER BY r.id DESC LIMIT ?`,
    )
    .all(limit) as RunRow[];
}

export interface AuditorFaultRow {
  column_id: number;
  column_name: string;
  unit_name: string;
  started_at: string;
  error: string | null;
}

/** Visits the auditor's own side cut short (disk, database, plan selector, parser, a stop): never the unit's. */
export function auditorFaults(db: DB, since: string, limit: number): AuditorFaultRow[] {
  return db
    .prepare(
      `SELECT v.column_id, c.name column_name, u.name unit_name, v.started_at, v.error
         FROM column_visits v JOIN columns c ON c.id = v.column_id JOIN units u ON u.id = c.unit_id
        WHERE v.started_at >= ? AND v.fault = 'auditor' ORDER BY v.started_at DESC LIMIT ?`,
    )
    .all(since, limit) as AuditorFaultRow[];
}

export interface ColumnFailureRow {
  column_id: number;
  column_name: string;
  unit_name: string;
  failures: number;
  last_failure: string;
  last_error: string | null;
}

/** Columns whose visits failed since a given instant, worst first. */
export function failuresPerColumn(db: DB, since: string, limit: number): ColumnFailureRow[] {
  return db
    .prepare(
      `SELECT v.column_id, c.name column_name, u.name unit_name, count(*) failures, max(v.started_at) last_failure,
              (SELECT v2.error FROM column_visits v2 WHERE v2.column_id = v.column_id AND v2.error IS NOT NULL ORDER BY v2.started_at DESC LIMIT 1) last_error
         FROM column_visits v JOIN columns c ON c.id = v.column_id JOIN units u ON u.id = c.unit_id
        WHERE v.started_at >= ? AND v.outcome IN ('unreachable', 'challenge', 'parse-failed')
        GROUP BY v.column_id ORDER BY failures DESC, last_failure DESC LIMIT ?`,
    )
    .all(since, limit) as ColumnFailureRow[];
}

export interface RectRow {
  id: number;
  finding_id: number;
  kind: string;
  unit_id: string;
  unit_name: string;
  column_name: string | null;
  deadline: string;
  sent_at: string;
  status: string;
  verified_at: string | null;
  note: string | null;
  finding_active: number;
}

export function listRectifications(db: DB, year: number): RectRow[] {
  return db
    .prepare(
      `SELECT r.id, r.finding_id, f.kind, f.unit_id, u.name unit_name, c.name column_name, r.deadline, r.sent_at, r.status, r.verified_at,
              r.note, f.active finding_active
         FROM rectifications r JOIN findings f ON f.id = r.finding_id JOIN units u ON u.id = f.unit_id LEFT JOIN columns c ON c.id = f.column_id
        WHERE f.year = ? ORDER BY r.deadline, r.id`,
    )
    .all(year) as RectRow[];
}

/** Active findings that were never sent for rectification: the candidates on the 整改 page. */
export function unsentFindings(db: DB, year: number, limit: number) {
  return db
    .prepare(
      `SELECT f.id, f.kind, f.unit_id, u.name unit_name, c.name column_name, f.detail_json, f.last_detected_at
         FROM findings f JOIN units u ON u.id = f.unit_id LEFT JOIN columns c ON c.id = f.column_id
        WHERE f.year = ? AND f.active = 1 AND f.review != 'dismissed'
          AND NOT EXISTS (SELECT 1 FROM rectifications r WHERE r.finding_id = f.id)
        ORDER BY u.kind, u.id, f.id LIMIT ?`,
    )
    .all(year, limit) as { id: number; kind: string; unit_id: string; unit_name: string; column_name: string | null; detail_json: string; last_detected_at: string }[];
}

export function createRectification(db: DB, findingId: number, deadline: string, userId: number | null, note: string | null): number {
  return Number(
    db
      .prepare('INSERT INTO rectifications (finding_id, deadline, sent_at, sent_by, note) VALUES (?, ?, ?, ?, ?)')
      .run(findingId, deadline, nowIso(), userId, note).lastInsertRowid,
  );
}

export function appendAudit(db: DB, userId: number | null, action: string, target: string | null, detail: string | null): void {
  db.prepare('INSERT INTO audit_log (at, user_id, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(nowIso(), userId, action, target, detail);
}

export interface AuditRow {
  id: number;
  at: string;
  user_name: string | null;
  action: string;
  target: string | null;
  detail: string | null;
}

export function auditFor(db: DB, target: string, limit: number): AuditRow[] {
  return db
    .prepare('SELECT a.id, a.at, u.name user_name, a.action, a.target, a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE a.target = ? ORDER BY a.id DESC LIMIT ?')
    .all(target, limit) as AuditRow[];
}

/**
 * 整改 verification after an assess run: a pending or overdue rectification whose finding the latest assess
 * no longer reports is rectified; a pending one still reported after its deadline is overdue.
 * Call after each nightly assess (the scheduler wires it). Returns how many rows changed.
 */
export function verifyRectifications(db: DB, today: string, at = nowIso()): { rectified: number; overdue: number } {
  return db.transaction(() => {
    const rectified = db
      .prepare(
        `UPDATE rectifications SET status = 'rectified', verified_at = ?
          WHERE status IN ('pending', 'overdue') AND finding_id IN (SELECT id FROM findings WHERE active = 0)`,
      )
      .run(at).changes;
    const overdue = db
      .prepare(
        `UPDATE rectifications SET status = 'overdue', verified_at = ?
          WHERE status = 'pending' AND deadline < ? AND finding_id IN (SELECT id FROM findings WHERE active = 1)`,
      )
      .run(at, today).changes;
    return { rectified, overdue };
  }).immediate();
}
