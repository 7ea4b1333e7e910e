import { stmt, type DB } from './db.ts';
import { selectPage, type PageRequest, type TablePage } from './table-page.ts';
import { nowIso } from '../shared/time.ts';
import type { ColumnLayout } from './columns.ts';
import type { VisitClaims } from './crawl-runs.ts';
import type { BlockedBy, VisitOutcome } from '../shared/vocabulary.ts';

/** Column visits (one column's read in one crawl run) and the list pages each read (visit_fetches). */

/** A stored visit: what its result said (complete as SQLite's 0/1), with when and where. */
export interface VisitRow
  extends Pick<
    VisitResult,
    'outcome' | 'fetcher' | 'pages' | 'itemsFound' | 'itemsNew' | 'requests' | 'coveredFrom' | 'error' | 'coverage' | 'reviewReason' | 'fault' | 'layout' | 'blockedBy'
  > {
  id: number;
  runId: number;
  columnId: number;
  startedAt: string;
  finishedAt: string | null;
  complete: number;
}

/** Every VisitRow field, for a query over `column_visits v`. */
const VISIT_FIELDS = `v.id, v.run_id AS runId, v.column_id AS columnId, v.started_at AS startedAt, v.finished_at AS finishedAt, v.outcome,
  v.fetcher, v.pages, v.items_found AS itemsFound, v.items_new AS itemsNew, v.requests, v.complete, v.covered_from AS coveredFrom,
  v.error, v.coverage, v.review_reason AS reviewReason, v.fault, v.layout, v.blocked_by AS blockedBy`;

export function startVisit(db: DB, runId: number, columnId: number): number {
  return Number(
    stmt(db, `INSERT INTO column_visits (run_id, column_id, started_at) VALUES (?, ?, ?)`).run(runId, columnId, nowIso()).lastInsertRowid,
  );
}

export interface VisitResult {
  /**
   * null: the visit concluded nothing about the column, because the auditor's own disk refused its evidence.
   * Stored as NULL, like a visit a killed run left behind, so no finding or score holds it against the unit.
   */
  outcome: VisitOutcome | null;
  fetcher: 'http' | 'browser' | null;
  pages: number;
  itemsFound: number;
  itemsNew: number;
  requests: number;
  complete: boolean;
  coveredFrom: string | null;
  error: string | null;
  /** The disk refused a snapshot (a full or read-only disk): `error` says why and how to fix it. Not stored. */
  snapshotRefused?: boolean;
  /** 'review' (需核对): the read fell short or looks wrong; `reviewReason` says how. null when nothing was read. */
  coverage: 'complete' | 'review' | null;
  reviewReason: string | null;
  /** What the pages claimed about the column, and how many items its first page held. */
  claims: VisitClaims;
  firstPageItems: number | null;
  /**
   * Whose fault a failure was: the unit's site, or the auditor (our disk, database, plan, parser, shutdown). A
   * 'blocked' visit has none until its run settles it (settleBlockedVisit).
   */
  fault: 'site' | 'auditor' | null;
  layout: ColumnLayout | null;
  /** With outcome 'blocked': what refused the column. */
  blockedBy: BlockedBy | null;
}

export function finishVisit(db: DB, visitId: number, r: VisitResult): void {
  stmt(
    db,
    `UPDATE column_visits SET finished_at = ?, outcome = ?, fetcher = ?, pages = ?, items_found = ?, items_new = ?,
       requests = ?, complete = ?, covered_from = ?, error = ?, coverage = ?, review_reason = ?, claims_json = ?, fault = ?, layout = ?,
       blocked_by = ?
     WHERE id = ?`,
  ).run(
    nowIso(),
    r.outcome,
    r.fetcher,
    r.pages,
    r.itemsFound,
    r.itemsNew,
    r.requests,
    r.complete ? 1 : 0,
    r.coveredFrom,
    r.error,
    r.coverage,
    r.reviewReason,
    JSON.stringify({ claims: r.claims, firstPageItems: r.firstPageItems }),
    r.fault,
    r.layout,
    r.blockedBy,
    visitId,
  );
}

/**
 * Settles a run's 'blocked' visit of a column once the run knows whether the same site answered other columns: then
 * the refusal is the unit's (fault 'site'); otherwise the whole site refused the auditor, which says nothing about
 * the unit: the visit concludes nothing (no outcome, fault 'auditor') and `error` says why.
 */
export function settleBlockedVisit(db: DB, runId: number, columnId: number, settled: { unitsBlock: true } | { unitsBlock: false; error: string }): void {
  if (settled.unitsBlock) {
    stmt(db, `UPDATE column_visits SET fault = 'site' WHERE run_id = ? AND column_id = ? AND outcome = 'blocked'`).run(runId, columnId);
  } else {
    stmt(db, `UPDATE column_visits SET outcome = NULL, fault = 'auditor', error = ? WHERE run_id = ? AND column_id = ? AND outcome = 'blocked'`).run(
      settled.error,
      runId,
      columnId,
    );
  }
}

export function linkVisitFetch(db: DB, visitId: number, fetchId: number, pageNo: number): void {
  stmt(db, `INSERT OR IGNORE INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (?, ?, ?)`).run(visitId, fetchId, pageNo);
}

/** Items on the first list page of the column's last complete read, to notice a list that suddenly shrank. */
export function previousFirstPage(db: DB, columnId: number): number | null {
  const row = stmt(
    db,
    `SELECT claims_json FROM column_visits WHERE column_id = ? AND coverage = 'complete' AND layout = 'list' ORDER BY id DESC LIMIT 1`,
  ).get(columnId) as { claims_json: string | null } | undefined;
  const n = row?.claims_json ? (JSON.parse(row.claims_json) as { firstPageItems?: number | null }).firstPageItems : null;
  return typeof n === 'number' ? n : null;
}

/**
 * Whether the column has ever had a successful, complete visit whose read was not in doubt (the first crawl pages
 * back past the period; a column read short keeps paging back until one read is whole).
 */
export function hasCompleteVisit(db: DB, columnId: number): boolean {
  return !!stmt(
    db,
    `SELECT 1 FROM column_visits WHERE column_id = ? AND complete = 1 AND outcome IN ('ok', 'blank') AND (coverage IS NULL OR coverage = 'complete') LIMIT 1`,
  ).get(columnId);
}

/** The column's newest visits first, each with the first list page it read. */
export function visitsOfColumn(db: DB, columnId: number, limit: number): Array<VisitRow & { firstFetchId: number | null }> {
  return stmt(
    db,
    `SELECT ${VISIT_FIELDS}, (SELECT min(fetch_id) FROM visit_fetches vf WHERE vf.visit_id = v.id AND vf.page_no = 1) AS firstFetchId
       FROM column_visits v WHERE v.column_id = ? ORDER BY v.started_at DESC LIMIT ?`,
  ).all(columnId, limit) as Array<VisitRow & { firstFetchId: number | null }>;
}

export function lastVisitOfColumn(db: DB, columnId: number): (VisitRow & { firstFetchId: number | null }) | undefined {
  return visitsOfColumn(db, columnId, 1)[0];
}

/** The column's visits, oldest first, each with its run's kind and its list-page fetch ids in page order. */
export function visitHistory(db: DB, columnId: number): Array<VisitRow & { runKind: 'nightly' | 'full'; fetchIds: number[] }> {
  const byVisit = new Map<number, number[]>();
  const pages = stmt(
    db,
    `SELECT f.visit_id AS visitId, f.fetch_id AS fetchId FROM visit_fetches f JOIN column_visits v ON v.id = f.visit_id
     WHERE v.column_id = ? ORDER BY f.visit_id, f.page_no, f.fetch_id`,
  );
  for (const r of pages.iterate(columnId) as Iterable<{ visitId: number; fetchId: number }>) {
    let l = byVisit.get(r.visitId);
    if (!l) byVisit.set(r.visitId, (l = []));
    l.push(r.fetchId);
  }
  const visits = stmt(
    db,
    `SELECT ${VISIT_FIELDS}, r.kind AS runKind FROM column_visits v JOIN crawl_runs r ON r.id = v.run_id WHERE v.column_id = ? ORDER BY v.started_at, v.id`,
  ).all(columnId) as Array<VisitRow & { runKind: 'nightly' | 'full' }>;
  return visits.map((v) => ({ ...v, fetchIds: byVisit.get(v.id) ?? [] }));
}

/** A visit that failed, with where: the column, its unit. */
export interface VisitFailureRow {
  columnId: number;
  columnName: string;
  unitName: string;
}

/** Visits the auditor's own side cut short (disk, database, plan selector, parser, a stop): never the unit's. */
export function auditorFaults(db: DB, since: string, page: PageRequest): TablePage<VisitFailureRow & { startedAt: string; error: string | null }> {
  return selectPage(
    db,
    {
      select: 'v.column_id AS columnId, c.name AS columnName, u.name AS unitName, v.started_at AS startedAt, v.error',
      from: 'column_visits v JOIN columns c ON c.id = v.column_id JOIN units u ON u.id = c.unit_id',
      where: ["v.started_at >= @since", "v.fault = 'auditor'"],
      orderBy: 'v.started_at DESC, v.id DESC',
      params: { since },
    },
    page,
  );
}

/** Columns whose visits failed since a given instant, worst first. */
export function failuresPerColumn(
  db: DB,
  since: string,
  page: PageRequest,
): TablePage<VisitFailureRow & { failures: number; lastFailure: string; lastError: string | null }> {
  const failed = `FROM column_visits v JOIN columns c ON c.id = v.column_id JOIN units u ON u.id = c.unit_id
      WHERE v.started_at >= @since AND v.outcome IN ('unreachable', 'challenge', 'parse-failed', 'blocked')`;
  // One row per column: the total counts columns, not visits.
  const total = (stmt(db, `SELECT count(DISTINCT v.column_id) AS n ${failed}`).get({ since }) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT v.column_id AS columnId, c.name AS columnName, u.name AS unitName, count(*) AS failures, max(v.started_at) AS lastFailure,
            (SELECT v2.error FROM column_visits v2 WHERE v2.column_id = v.column_id AND v2.error IS NOT NULL ORDER BY v2.started_at DESC LIMIT 1) AS lastError
       ${failed}
      GROUP BY v.column_id ORDER BY failures DESC, lastFailure DESC, v.column_id LIMIT @limit OFFSET @offset`,
  ).all({ since, ...page }) as Array<VisitFailureRow & { failures: number; lastFailure: string; lastError: string | null }>;
  return { rows, total };
}
