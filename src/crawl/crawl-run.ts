import PQueue from 'p-queue';
import { databaseProblem, type CrawlColumnRow, type CrawlSink, type VisitOutcome, type VisitResult } from '../store/index.ts';
import { UnavailableError } from '../shared/errors.ts';
import { hostOf } from '../shared/url.ts';
import { checkChannels } from './channel-check.ts';
import { crawlColumn, type EvidenceSink } from './column-crawler.ts';
import type { Fetcher, FetcherStats } from './types.ts';
import type { NightTraffic } from '../shared/night-traffic.ts';
import type { RequestPurpose } from '../shared/vocabulary.ts';
import type { PagePool } from './page-pool.ts';

export interface CrawlRunOptions {
  store: CrawlSink;
  fetcher: Fetcher;
  evidence: EvidenceSink;
  pages: PagePool;
  planId: number | null;
  kind: 'nightly' | 'full';
  periodFrom: string;
  maxPagesPerColumn: number;
  /** Columns crawled at once; the fetcher's per-host limits still apply underneath. */
  concurrency: number;
  log?: (event: string, data: Record<string, unknown>) => void;
  /** Called as each column finishes, for a progress display. */
  onColumn?: (col: CrawlColumnRow, result: VisitResult, done: number, total: number) => void;
  /** Aborted to stop (SIGTERM, the scheduler stopping): no new column starts; those in flight wind down. */
  signal?: AbortSignal;
}

export interface CrawlRunSummary {
  runId: number;
  /** 'interrupted': a stop ended the night early; the columns it did not finish are crawled next night. */
  status: 'ok' | 'partial' | 'failed' | 'interrupted';
  columns: number;
  outcomes: Record<VisitOutcome, number>;
  /** Columns whose visit concluded nothing through the auditor's own fault (disk, database, plan, a stop). */
  unfinished: number;
  /** Columns a stop kept from starting at all. */
  notStarted: number;
  pages: number;
  itemsNew: number;
  requests: number;
  requestsPerColumn: number;
  interruptedRunsClosed: number;
  /** The first snapshot the disk refused this night (why, and the fix), or null: the night's evidence is incomplete. */
  snapshotProblem: string | null;
  /** 公开形式-2: the plan's other carriers checked, how many did not answer, and the requests that took (within `requests`). */
  channels: { checked: number; unreachable: number; requests: number };
  /** Where tonight's requests went (they add up to `requests`), and how many of them were 304s and retries. */
  traffic: NightTraffic;
}

/** The traffic between two readings of the fetcher's counters. */
function trafficSince(before: FetcherStats, after: FetcherStats): NightTraffic {
  const requestsFor = Object.fromEntries(Object.entries(after.requestsFor).map(([k, n]) => [k, n - before.requestsFor[k as RequestPurpose]])) as Record<RequestPurpose, number>;
  return {
    requestsFor,
    notModified: after.notModified - before.notModified,
    retries: after.retries - before.retries,
    browserPages: after.browserPages - before.browserPages,
    skippedResources: after.skippedResources - before.skippedResources,
  };
}

const SITE_REFUSED =
  '同一网站的其他栏目本次也都没有正常应答：是整个网站拒绝了本系统（如本机 IP 被封禁、防火墙拦截或网站禁止一切抓取），不是该单位的问题，' +
  '本次未得出结论；请与门户网站管理方核对。栏目的应答：';

/** One crawl of every active column. Column failures are recorded, never thrown. */
export async function crawlAll(o: CrawlRunOptions): Promise<CrawlRunSummary> {
  const interruptedRunsClosed = o.store.closeInterruptedRuns();
  const runId = o.store.startRun(o.planId, o.kind);
  const columns = o.store.columnsToCrawl();
  const statsBefore = o.fetcher.stats();
  const requestsBefore = statsBefore.requests;
  const outcomes: Record<VisitOutcome, number> = { ok: 0, blank: 0, unreachable: 0, challenge: 0, 'parse-failed': 0, blocked: 0 };
  // Sites that served some column a page tonight, and the columns that refused us: a refusal is the unit's only
  // where its site answered others (a site refusing every column has banned the auditor, which is ours to sort out).
  const answering = new Set<string>();
  const refused: Array<{ col: CrawlColumnRow; error: string | null }> = [];
  let pages = 0;
  let itemsNew = 0;
  let unfinished = 0;
  let done = 0;
  let snapshotProblem: string | null = null;
  let notStarted = 0;
  let databaseDown: string | null = null;
  const queue = new PQueue({ concurrency: Math.max(1, o.concurrency) });
  // Twice the requests in flight: as many pages being read and written as being fetched keeps both busy.
  const detailSlots = new PQueue({ concurrency: 2 * Math.max(1, o.concurrency) });
  for (const col of columns) {
    queue.add(async () => {
      if (o.signal?.aborted || databaseDown) {
        notStarted++;
        return;
      }
      let r: VisitResult;
      try {
        r = await crawlColumn(
        {
          store: o.store,
          fetcher: o.fetcher,
          evidence: o.evidence,
          pages: o.pages,
          runId,
          runKind: o.kind,
          periodFrom: o.periodFrom,
          maxPages: o.maxPagesPerColumn,
          log: o.log,
          signal: o.signal,
          detailSlots,
        },
        col,
      );
      } catch (err) {
        // Only the store itself can fail here (a column's own errors are recorded as its visit): with the database
        // unable to take a row, nothing more can be recorded tonight, so no further column starts.
        databaseDown = databaseProblem(err) ?? `程序错误：${(err as Error)?.message ?? String(err)}`;
        unfinished++;
        return;
      }
      if (r.outcome) outcomes[r.outcome]++;
      else unfinished++;
      if (r.outcome === 'blocked') refused.push({ col, error: r.error });
      else if (r.outcome === 'ok' || r.outcome === 'blank' || r.outcome === 'parse-failed') answering.add(hostOf(col.url));
      pages += r.pages;
      itemsNew += r.itemsNew;
      if (r.snapshotRefused) snapshotProblem ??= r.error;
      o.onColumn?.(col, r, ++done, columns.length);
    });
  }
  await queue.onIdle();
  if (databaseDown) {
    try {
      o.store.finishRun(runId, 'failed', { databaseProblem: databaseDown });
    } catch {
      // the next run closes it as interrupted (closeInterruptedRuns)
    }
    throw new UnavailableError(`${databaseDown}。本次抓取已停止，已巡检的栏目保留，其余栏目下次巡检补上。`);
  }
  for (const { col, error } of refused) {
    if (answering.has(hostOf(col.url))) {
      o.store.settleBlockedVisit(runId, col.id, { unitsBlock: true });
      continue;
    }
    o.store.settleBlockedVisit(runId, col.id, { unitsBlock: false, error: `${SITE_REFUSED}${error ?? ''}` });
    outcomes.blocked--;
    unfinished++;
  }
  const requestsForColumns = o.fetcher.stats().requests - requestsBefore;
  const { snapshotProblem: channelSnapshotProblem, ...checked } = o.signal?.aborted
    ? { snapshotProblem: null, checked: 0, unreachable: 0 }
    : await checkChannels({ store: o.store, fetcher: o.fetcher, evidence: o.evidence, runId, log: o.log });
  snapshotProblem ??= channelSnapshotProblem;
  const statsAfter = o.fetcher.stats();
  const requests = statsAfter.requests - requestsBefore;
  const channels = { ...checked, requests: requests - requestsForColumns };
  const failed = outcomes.unreachable + outcomes.challenge + outcomes['parse-failed'] + outcomes.blocked + unfinished;
  const status = o.signal?.aborted ? 'interrupted' : failed === 0 ? 'ok' : failed === columns.length ? 'failed' : 'partial';
  const summary: CrawlRunSummary = {
    runId,
    status,
    columns: columns.length,
    outcomes,
    unfinished,
    notStarted,
    pages,
    itemsNew,
    requests,
    // Per column means per column: the channel checks' requests are not the columns' cost.
    requestsPerColumn: columns.length ? Math.round((requestsForColumns / columns.length) * 100) / 100 : 0,
    interruptedRunsClosed,
    snapshotProblem,
    channels,
    traffic: trafficSince(statsBefore, statsAfter),
  };
  o.store.finishRun(runId, status, summary as unknown as Record<string, unknown>);
  o.log?.('run', summary as unknown as Record<string, unknown>);
  return summary;
}
