import { stmt, type DB } from './db.ts';
import { nowIso } from '../shared/time.ts';
import type { VisitOutcome } from '../shared/vocabulary.ts';

/** What a column's pages claimed about its size (the extraction stage's PagerClaims). */
export interface VisitClaims {
  totalRecords?: number;
  totalPages?: number;
  perPage?: number;
}

/** Crawl runs and column visits: what was tried each night and how each column answered. */

export type { VisitOutcome };
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export interface CrawlColumnRow {
  id: number;
  unitId: string;
  unitName: string;
  name: string;
  url: string;
  class: string;
  render: 'auto' | 'static' | 'browser';
  renderLearned: 'static' | 'browser' | null;
  selectorsJson: string | null;
  layout: 'auto' | 'list' | 'single';
  layoutLearned: 'list' | 'single' | null;
  /** A learnt data endpoint that serves the column's list (read instead of the page). */
  listSource: string | null;
}

export function activeColumns(db: DB): CrawlColumnRow[] {
  return stmt(
    db, 
      `SELECT c.id, c.unit_id AS unitId, u.name AS unitName, c.name, c.url, c.class, c.render,
              c.render_learned AS renderLearned, c.selectors_json AS selectorsJson,
              c.layout, c.layout_learned AS layoutLearned, c.list_source AS listSource
       FROM columns c JOIN units u ON u.id = c.unit_id
       WHERE c.active = 1 AND u.active = 1 ORDER BY c.unit_id, c.id`,
    )
    .all() as CrawlColumnRow[];
}

/** Shown on the dashboard beside a visit whose run was killed before it finished (no outcome: no conclusion). */
export const INTERRUPTED_VISIT = '抓取进程在本栏目巡检完成前被终止（如被强行结束或断电），本次未得出结论';

/** Runs a SIGKILL left 'running' are closed as 'interrupted' before a new run starts. */
export function closeInterruptedRuns(db: DB): number {
  const at = nowIso();
  stmt(db, `UPDATE column_visits SET finished_at = ?, error = coalesce(error, ?) WHERE finished_at IS NULL`).run(at, INTERRUPTED_VISIT);
  return stmt(db, `UPDATE crawl_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'`).run(at).changes;
}

export function startRun(db: DB, planId: number | null, kind: 'nightly' | 'full'): number {
  return Number(
    stmt(db, `INSERT INTO crawl_runs (plan_id, kind, started_at, pid) VALUES (?, ?, ?, ?)`).run(planId, kind, nowIso(), process.pid)
      .lastInsertRowid,
  );
}

export function finishRun(db: DB, runId: number, status: RunStatus, stats: Record<string, unknown>): void {
  stmt(db, `UPDATE crawl_runs SET status = ?, finished_at = ?, stats_json = ? WHERE id = ?`).run(status, nowIso(), JSON.stringify(stats), runId);
}

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
  /** Whose fault a failure was: the unit's site, or the auditor (our disk, database, plan, parser, shutdown). */
  fault: 'site' | 'auditor' | null;
  layout: 'list' | 'single' | null;
}

export function finishVisit(db: DB, visitId: number, r: VisitResult): void {
  stmt(db, 
    `UPDATE column_visits SET finished_at = ?, outcome = ?, fetcher = ?, pages = ?, items_found = ?, items_new = ?,
       requests = ?, complete = ?, covered_from = ?, error = ?, coverage = ?, review_reason = ?, claims_json = ?, fault = ?, layout = ?
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
    visitId,
  );
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

/** The data endpoint to read the column's list from, or null to read the page again. */
export function learnListSource(db: DB, columnId: number, url: string | null): void {
  stmt(db, `UPDATE columns SET list_source = ? WHERE id = ? AND list_source IS NOT ?`).run(url, columnId, url);
}

export function learnLayout(db: DB, columnId: number, layout: 'list' | 'single'): void {
  stmt(db, `UPDATE columns SET layout_learned = ? WHERE id = ? AND layout_learned IS NOT ?`).run(layout, columnId, layout);
}

export interface PageState {
  columnId: number;
  visitId: number;
  fetchId: number;
  seenAt: string;
  title: string | null;
  publishedAt: string | null;
  textSha256: string;
  textChars: number;
}

/** One read of a single-page column. */
export function recordPageState(db: DB, s: PageState): void {
  stmt(
    db,
    `INSERT INTO page_states (column_id, visit_id, fetch_id, seen_at, title, published_at, text_sha256, text_chars)
     VALUES (@columnId, @visitId, @fetchId, @seenAt, @title, @publishedAt, @textSha256, @textChars)`,
  ).run(s);
}

export function linkVisitFetch(db: DB, visitId: number, fetchId: number, pageNo: number): void {
  stmt(db, `INSERT OR IGNORE INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (?, ?, ?)`).run(visitId, fetchId, pageNo);
}

export function learnRender(db: DB, columnId: number, render: 'static' | 'browser'): void {
  stmt(db, `UPDATE columns SET render_learned = ? WHERE id = ? AND render_learned IS NOT ?`).run(render, columnId, render);
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

export interface CapturedPage {
  fetchId: number;
  bodySha256: string;
  etag: string | null;
  lastModified: string | null;
}

/** The newest full capture of a URL, whose validators make the next fetch conditional. */
export function lastCapture(db: DB, url: string, fetcher: 'http' | 'browser'): CapturedPage | null {
  const row = stmt(
    db, 
      `SELECT id, body_sha256, headers_json FROM fetches
       WHERE url = ? AND fetcher = ? AND status = 200 AND body_sha256 IS NOT NULL ORDER BY id DESC LIMIT 1`,
    )
    .get(url, fetcher) as { id: number; body_sha256: string; headers_json: string } | undefined;
  if (!row) return null;
  const h = JSON.parse(row.headers_json) as Record<string, string>;
  return { fetchId: row.id, bodySha256: row.body_sha256, etag: h['etag'] ?? null, lastModified: h['last-modified'] ?? null };
}

/** The validators for a conditional GET against a capture, when its response gave any. */
export function validatorsOf(prior: CapturedPage | null): { etag?: string; lastModified?: string } | undefined {
  return prior && (prior.etag || prior.lastModified) ? { etag: prior.etag ?? undefined, lastModified: prior.lastModified ?? undefined } : undefined;
}
