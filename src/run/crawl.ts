import type { Plan } from '../config/index.ts';
import type { CrawlRunSummary, EvidenceSink, FetcherOptions, PagePool, StorageState } from '../crawl/index.ts';
import { createEvidenceStore, readSnapshot, snapshotsDirProblem } from '../evidence/index.ts';
import { UnavailableError } from '../shared/errors.ts';
import { hostOf } from '../shared/url.ts';
import { dbCrawlSink, loadCookies, saveCookies, startBackgroundCheckpoints, type CrawlColumnRow, type DB, type VisitResult } from '../store/index.ts';
import { VISIT_INCONCLUSIVE, VISIT_OUTCOME } from '../shared/vocabulary.ts';
import type { RunContext } from './context.ts';
import { trafficText } from '../shared/night-traffic.ts';
import { createJsonLog } from './json-log.ts';

/** A progress display fed as each column finishes (the CLI's, on a terminal). */
export interface CrawlProgress {
  column?: (col: CrawlColumnRow, result: VisitResult, done: number, total: number) => void;
  done(): void;
}

export interface CrawlOptions {
  snapshotsDir: string;
  /** 'full' pages back through every list (the weekly reconcile); 'nightly' stops at known items. */
  kind: 'nightly' | 'full';
  /** JSON-lines log file; none when omitted. */
  logFile?: string;
  /** Made once the plan is in the store, so that it can count each unit's columns. */
  progress?: () => CrawlProgress;
  /** Overrides for tests and benchmarks (e.g. no politeness delay against the local demo portal). */
  fetcherOverrides?: FetcherOptions;
  /** Aborted to stop: no new column starts, those in flight finish, the browser closes last. */
  signal?: AbortSignal;
}

/** The plan's own hosts may be private or loopback (an intranet portal, the demo); no other private host may be reached. */
export function planHosts(plan: Plan): string[] {
  return [...new Set(plan.units.flatMap((u) => [...u.columns.map((c) => hostOf(c.url)), ...u.channels.map((c) => hostOf(c.url))]))];
}

/** The fetch layer as the plan's crawl settings ask for it: shared by the crawl and `plan probe`. */
export function planFetcherOptions(plan: Plan): FetcherOptions {
  const c = plan.crawl;
  return {
    userAgent: c.userAgent,
    globalConcurrency: c.globalConcurrency,
    perHostConcurrency: c.perHostConcurrency,
    perHostDelayMs: c.perHostDelayMs,
    timeoutMs: c.timeoutMs,
    retries: c.retries,
    browserConcurrency: c.browserConcurrency,
    browserRecycleAfter: c.browserRecycleAfter,
    // A plan's own hosts may resolve to intranet addresses only when the plan says it expects that.
    allowPrivateHosts: plan.allowPrivate ? planHosts(plan) : [],
  };
}

function evidenceSink(db: DB, dir: string, pool: PagePool): EvidenceSink {
  const store = createEvidenceStore(db, dir, { writeSnapshot: pool.writeSnapshot });
  return {
    save: (result, ctx, alongside) => store.saveAsync(result, ctx, alongside),
    readBody: (sha) => {
      try {
        return readSnapshot(dir, sha);
      } catch {
        return null;
      }
    },
  };
}

/** One crawl of every column of the plan. Shared by `zwgk crawl`, the scheduler and `zwgk demo`. */
export async function runCrawl(run: RunContext, o: CrawlOptions): Promise<CrawlRunSummary> {
  // Checked before the night starts: without a writable snapshot directory no page could be kept as evidence.
  const disk = snapshotsDirProblem(o.snapshotsDir);
  if (disk) throw new UnavailableError(`${disk.problem}。请${disk.fix}。本次抓取未开始。`);
  const planId = run.syncPlan();
  // Loaded here rather than at the top: `zwgk assess` and `report` open a run too, and need no browser driver.
  const { crawlAll, createFetcher, createPagePool } = await import('../crawl/index.ts');
  const { db, plan } = run;
  const c = plan.crawl;
  const fetcher = createFetcher({ ...planFetcherOptions(plan), cookies: loadCookies<StorageState>(db), ...o.fetcherOverrides });
  const log = createJsonLog(o.logFile);
  const progress = o.progress?.();
  const pages = createPagePool();
  const checkpoints = startBackgroundCheckpoints(db);
  try {
    return await crawlAll({
      store: dbCrawlSink(db),
      fetcher,
      evidence: evidenceSink(db, o.snapshotsDir, pages),
      pages,
      planId,
      kind: o.kind,
      periodFrom: plan.period.from,
      maxPagesPerColumn: c.maxPagesPerColumn,
      concurrency: c.globalConcurrency,
      log,
      onColumn: progress?.column,
      signal: o.signal,
    });
  } finally {
    progress?.done();
    saveCookies(db, fetcher.cookies());
    await fetcher.close();
    await pages.close();
    await checkpoints.stop();
    log.close();
  }
}

const OUTCOME_ZH: Record<string, string> = { ...VISIT_OUTCOME, unfinished: VISIT_INCONCLUSIVE.ours, notStarted: VISIT_INCONCLUSIVE.notStarted };

export function crawlSummaryText(s: CrawlRunSummary): string {
  const outcomes = [...Object.entries(s.outcomes), ['unfinished', s.unfinished] as const, ['notStarted', s.notStarted] as const]
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${OUTCOME_ZH[k] ?? k} ${n}`)
    .join('，');
  const status = { ok: '完成', partial: '完成，部分栏目未能读取', failed: '全部失败', interrupted: '被中止（服务停止或收到停止信号），未完成的栏目下次巡检时补上' }[s.status];
  return [
    `抓取${status}（第 ${s.runId} 次抓取）：${s.columns} 个栏目（${outcomes}），列表页 ${s.pages} 页，新增信息 ${s.itemsNew} 条。`,
    `请求 ${s.requests} 次${s.channels.requests ? `（其中其他公开载体 ${s.channels.requests} 次）` : ''}，平均每栏目 ${s.requestsPerColumn} 次。`,
    `请求去向：${trafficText(s.traffic)}。`,
    ...(s.channels.checked ? [`其他公开载体 ${s.channels.checked} 个${s.channels.unreachable ? `，其中 ${s.channels.unreachable} 个无法访问` : '，均可访问'}。`] : []),
    ...(s.snapshotProblem ? [`部分页面未能留存证据：${s.snapshotProblem}`] : []),
    ...(s.interruptedRunsClosed ? [`上次被中断的 ${s.interruptedRunsClosed} 次抓取已标记为“中断”，其未完成的文章本次已补抓。`] : []),
  ].join('\n');
}
