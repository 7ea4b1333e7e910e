import { stmt, type DB } from './db.ts';
import { nowIso } from '../shared/time.ts';

/**
 * Findings keep their identity across nights (kind + subject + episode start, with the year), so that a
 * review, a rectification or an alert made once still refers to the same finding. Rows are never deleted:
 * one that a later assess no longer finds is deactivated.
 */

export type Review = 'open' | 'confirmed' | 'dismissed';

export interface FindingInput {
  identity: string;
  kind: string;
  unitId: string;
  columnId: number | null;
  itemId: number | null;
  detail: Record<string, unknown>;
  evidence: number[];
}

export interface StoredFinding extends FindingInput {
  id: number;
  year: number;
  firstDetectedAt: string;
  lastDetectedAt: string;
  active: boolean;
  review: Review;
  /** The assessor's reason for the review, and who made it when (null while open and never reviewed). */
  reviewReason: string | null;
  reviewedAt: string | null;
  reviewedBy: number | null;
  rulesVersion: string;
}

export interface Row {
  id: number;
  identity: string;
  kind: string;
  unit_id: string;
  column_id: number | null;
  item_id: number | null;
  year: number;
  detail_json: string;
  evidence_json: string;
  first_detected_at: string;
  last_detected_at: string;
  active: number;
  review: Review;
  review_reason: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  rules_version: string;
}

export const toFinding = (r: Row): StoredFinding => ({
  id: r.id,
  identity: r.identity,
  kind: r.kind,
  unitId: r.unit_id,
  columnId: r.column_id,
  itemId: r.item_id,
  year: r.year,
  detail: JSON.parse(r.detail_json),
  evidence: JSON.parse(r.evidence_json),
  firstDetectedAt: r.first_detected_at,
  lastDetectedAt: r.last_detected_at,
  active: r.active === 1,
  review: r.review,
  reviewReason: r.review_reason,
  reviewedAt: r.reviewed_at,
  reviewedBy: r.reviewed_by,
  rulesVersion: r.rules_version,
});

/** Upserts a unit's findings for a year and deactivates the ones not found this time. Call inside a transaction. */
export function syncFindings(db: DB, unitId: string, year: number, found: readonly FindingInput[], rulesVersion: string, at: string): void {
  const upsert = stmt(
    db,
    `INSERT INTO findings (identity, kind, unit_id, column_id, item_id, year, detail_json, evidence_json, first_detected_at, last_detected_at, active, rules_version)
     VALUES (@identity, @kind, @unitId, @columnId, @itemId, @year, @detail, @evidence, @at, @at, 1, @rulesVersion)
     ON CONFLICT (identity) DO UPDATE SET detail_json = excluded.detail_json, evidence_json = excluded.evidence_json,
       last_detected_at = excluded.last_detected_at, active = 1, rules_version = excluded.rules_version`,
  );
  db.exec('CREATE TEMP TABLE IF NOT EXISTS assess_seen (identity TEXT PRIMARY KEY)');
  db.exec('DELETE FROM temp.assess_seen');
  const seen = stmt(db, 'INSERT OR IGNORE INTO temp.assess_seen (identity) VALUES (?)');
  for (const f of found) {
    upsert.run({ ...f, year, detail: JSON.stringify(f.detail), evidence: JSON.stringify(f.evidence), at, rulesVersion });
    seen.run(f.identity);
  }
  stmt(
    db,
    `UPDATE findings SET active = 0 WHERE unit_id = ? AND year = ? AND active = 1 AND identity NOT IN (SELECT identity FROM temp.assess_seen)`,
  ).run(unitId, year);
}

export interface FindingQuery {
  unitId?: string;
  year: number;
  /** default true: only the findings the latest assess still finds */
  activeOnly?: boolean;
  kind?: string;
  columnId?: number;
}

export function listFindings(db: DB, q: FindingQuery): StoredFinding[] {
  const where = ['year = @year'];
  if (q.unitId !== undefined) where.push('unit_id = @unitId');
  if (q.activeOnly ?? true) where.push('active = 1');
  if (q.kind !== undefined) where.push('kind = @kind');
  if (q.columnId !== undefined) where.push('column_id = @columnId');
  return (stmt(db, `SELECT * FROM findings WHERE ${where.join(' AND ')} ORDER BY unit_id, id`).all(q) as Row[]).map(toFinding);
}

export function getFinding(db: DB, id: number): StoredFinding | undefined {
  const r = stmt(db, 'SELECT * FROM findings WHERE id = ?').get(id) as Row | undefined;
  return r && toFinding(r);
}

/** identity → review, for the unit's findings of the year (dismissed ones drop out of suggested scores). */
export function reviewsFor(db: DB, unitId: string, year: number): Map<string, Review> {
  const rows = stmt(db, 'SELECT identity, review FROM findings WHERE unit_id = ? AND year = ?').all(unitId, year) as Array<{ identity: string; review: Review }>;
  return new Map(rows.map((r) => [r.identity, r.review]));
}

/** An assessor's review of a finding, with its reason; the caller checks roles and logs the act. */
export function setFindingReview(db: DB, id: number, review: Review, reason: string | null = null, userId: number | null = null): boolean {
  return (
    stmt(db, 'UPDATE findings SET review = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?').run(review, reason, userId, nowIso(), id)
      .changes === 1
  );
}

/** Active findings per unit and kind for a year, the excluded ones left out (they are no longer the unit's problems). */
export function findingCounts(db: DB, year: number): Map<string, Record<string, number>> {
  const rows = stmt(
    db,
    "SELECT unit_id AS unitId, kind, count(*) AS n FROM findings WHERE year = ? AND active = 1 AND review != 'dismissed' GROUP BY unit_id, kind",
  ).all(year) as {
    unitId: string;
    kind: string;
    n: number;
  }[];
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.unitId) ?? {};
    m[r.kind] = r.n;
    out.set(r.unitId, m);
  }
  return out;
}

/** Whether the latest assess still reports the finding (only those can be sent for 整改). */
export function isActiveFinding(db: DB, id: number): boolean {
  return stmt(db, 'SELECT 1 FROM findings WHERE id = ? AND active = 1').get(id) !== undefined;
}
