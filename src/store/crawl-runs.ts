import { stmt, type DB } from './db.ts';
import { selectPage, type PageRequest, type TablePage } from './table-page.ts';
import { nowIso } from '../shared/time.ts';
import type { VisitOutcome } from '../shared/vocabulary.ts';

/** What a column's pages claimed about its size (the extraction stage's PagerClaims). */
export interface VisitClaims {
  totalRecords?: number;
  totalPages?: number;
  perPage?: number;
}

/** Crawl runs: what was tried each night (how each column answered is in visits.ts). */

export type { VisitOutcome };
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

/** Shown on the dashboard beside a visit whose run was killed before it finished (no outcome: no conclusion). */
export const INTERRUPTED_VISIT = '抓取进程在本栏目巡检完成前被终止（如被强行结束或断电），本次未得出结论';

/** Runs a SIGKILL left 'running' are closed as 'interrupted' before a new run starts. */
export function closeInterruptedRuns(db: DB): number {
  const at = nowIso();
  stmt(db, `UPDATE column_visits SET finished_at = ?, error = coalesce(error, ?) WHERE finished_at IS NULL`).run(at, INTERRUPTED_VISIT);
  // A refusal its run never settled (did the whole site refuse us?) concludes nothing either.
  stmt(db, `UPDATE column_visits SET outcome = NULL, fault = 'auditor', error = ? || coalesce(error, '') WHERE outcome = 'blocked' AND fault IS NULL`).run(
    '抓取进程在核对整个网站是否都拒绝访问之前被终止，本次未得出结论。栏目拒绝访问的情况：',
  );
  return stmt(db, `UPDATE crawl_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'`).run(at).changes;
}

export function startCrawlRun(db: DB, planId: number | null, kind: 'nightly' | 'full'): number {
  return Number(
    stmt(db, `INSERT INTO crawl_runs (plan_id, kind, started_at, pid) VALUES (?, ?, ?, ?)`).run(planId, kind, nowIso(), process.pid)
      .lastInsertRowid,
  );
}

export function finishCrawlRun(db: DB, runId: number, status: RunStatus, stats: Record<string, unknown>): void {
  stmt(db, `UPDATE crawl_runs SET status = ?, finished_at = ?, stats_json = ? WHERE id = ?`).run(status, nowIso(), JSON.stringify(stats), runId);
}

export interface CrawlRunRow {
  id: number;
  planId: number | null;
  kind: 'nightly' | 'full';
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  pid: number | null;
  statsJson: string;
}

/** Crawl runs newest first, a page at a time, with how many columns each visited, how many failed and how many the auditor cut short. */
export function crawlRunsPage(db: DB, f: { status?: RunStatus }, page: PageRequest): TablePage<CrawlRunRow & { visits: number; failed: number; ours: number }> {
  return selectPage(
    db,
    {
      select: `r.id, r.plan_id AS planId, r.kind, r.started_at AS startedAt, r.finished_at AS finishedAt, r.status, r.pid, r.stats_json AS statsJson,
            (SELECT count(*) FROM column_visits v WHERE v.run_id = r.id) visits,
            (SELECT count(*) FROM column_visits v WHERE v.run_id = r.id AND v.outcome IN ('unreachable', 'challenge', 'parse-failed', 'blocked')) failed,
            (SELECT count(*) FROM column_visits v WHERE v.run_id = r.id AND v.fault = 'auditor') ours`,
      from: 'crawl_runs r',
      where: f.status !== undefined ? ['r.status = @status'] : [],
      orderBy: 'r.id DESC',
      params: { status: f.status },
    },
    page,
  );
}

/** When the first crawl of all started, or null before any crawl. */
export function firstCrawlAt(db: DB): string | null {
  return (stmt(db, 'SELECT min(started_at) AS at FROM crawl_runs').get() as { at: string | null }).at;
}
