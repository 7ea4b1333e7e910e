import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { parseFlags } from '../flags.ts';
import { createProgress } from '../progress.ts';
import { createJsonLog } from '../json-log.ts';
import { loadPlan, type Plan } from '../../config/index.ts';
import { loadRules } from '../../config/index.ts';
import { createFetcher, createPagePool, type PagePool, type StorageState } from '../../crawl/index.ts';
import { crawlAll, type CrawlRunSummary } from '../../crawl/index.ts';
import type { EvidenceSink } from '../../crawl/index.ts';
import { createEvidenceStore, readSnapshot, snapshotsDirProblem } from '../../evidence/index.ts';
import { UnavailableError } from '../../shared/errors.ts';
import type { DB } from '../../store/index.ts';
import { startBackgroundCheckpoints } from '../../store/index.ts';
import { syncPlan } from '../../store/index.ts';
import { VISIT_INCONCLUSIVE, VISIT_OUTCOME } from '../../shared/vocabulary.ts';
import { loadCookies, saveCookies } from '../../store/index.ts';
import { hostOf } from '../../shared/url.ts';
import { runExclusive } from '../../schedule/index.ts';

export interface CrawlRunOptions {
  planPath: string;
  snapshotsDir: string;
  /** 'full' pages back through every list (the weekly reconcile); 'nightly' stops at known items. */
  kind: 'nightly' | 'full';
  /** JSON-lines log file; none when omitted. */
  logFile?: string;
  /** Per-unit progress on a terminal. */
  progress?: NodeJS.WriteStream;
  /** Overrides for tests and benchmarks (e.g. no politeness delay against the local demo portal). */
  fetcherOverrides?: Parameters<typeof createFetcher>[0];
  /** Aborted to stop: no new column starts, those in flight finish, the browser closes last. */
  signal?: AbortSignal;
}

/** The plan's own hosts may be private or loopback (an intranet portal, the demo); no other private host may be reached. */
export function planHosts(plan: Plan): string[] {
  return [...new Set(plan.units.flatMap((u) => [...u.columns.map((c) => hostOf(c.url)), ...u.channels.map((c) => hostOf(c.url))]))];
}

/** The fetch layer as the plan's crawl settings ask for it: shared by the crawl and `plan probe`. */
export function planFetcherOptions(plan: Plan): Parameters<typeof createFetcher>[0] {
  const c = plan.crawl;
  return {
    userAgent: c.userAgent,
    globalConcurrency: c.globalConcurrency,
    perHostConcurrency: c.perHostConcurrency,
    perHostDelayMs: c.perHostDelayMs,
    timeoutMs: c.timeoutMs,
    retries: c.retries,
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
export async function runCrawl(db: DB, o: CrawlRunOptions): Promise<CrawlRunSummary> {
  // Checked before the night starts: without a writable snapshot directory no page could be kept as evidence.
  const disk = snapshotsDirProblem(o.snapshotsDir);
  if (disk) throw new UnavailableError(`${disk.problem}。请${disk.fix}。本次抓取未开始。`);
  const rules = loadRules();
  const loaded = loadPlan(o.planPath, rules);
  const { plan } = loaded;
  const sync = syncPlan(db, loaded, rules);
  const c = plan.crawl;
  const fetcher = createFetcher({ ...planFetcherOptions(plan), cookies: loadCookies<StorageState>(db), ...o.fetcherOverrides });
  const log = createJsonLog(o.logFile);
  const progress = createProgress(o.progress, db);
  const pages = createPagePool();
  const checkpoints = startBackgroundCheckpoints(db);
  try {
    return await crawlAll({
      db,
      fetcher,
      evidence: evidenceSink(db, o.snapshotsDir, pages),
      pages,
      planId: sync.planId,
      kind: o.kind,
      periodFrom: plan.period.from,
      maxPagesPerColumn: c.maxPagesPerColumn,
      concurrency: c.globalConcurrency,
      log,
      onColumn: progress.column,
      signal: o.signal,
    });
  } finally {
    progress.done();
    saveCookies(db, fetcher.cookies());
    await fetcher.close();
    await pages.close();
    await checkpoints.stop();
    log.close();
  }
}

const flagsSchema = z.object({
  plan: z.string().min(1, '请给出计划文件路径'),
  full: z.boolean().optional(),
  log: z.string().min(1).optional(),
});

const OUTCOME_ZH: Record<string, string> = { ...VISIT_OUTCOME, unfinished: VISIT_INCONCLUSIVE.ours, notStarted: VISIT_INCONCLUSIVE.notStarted };

export function crawlSummaryText(s: CrawlRunSummary): string {
  const outcomes = [...Object.entries(s.outcomes), ['unfinished', s.unfinished] as const, ['notStarted', s.notStarted] as const]
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${OUTCOME_ZH[k] ?? k} ${n}`)
    .join('，');
  const status = { ok: '完成', partial: '部分栏目失败', failed: '全部失败', interrupted: '被中止（服务停止或收到停止信号），未完成的栏目下次巡检时补上' }[s.status];
  return [
    `抓取${status}（第 ${s.runId} 次抓取）：${s.columns} 个栏目（${outcomes}），列表页 ${s.pages} 页，新增信息 ${s.itemsNew} 条。`,
    `请求 ${s.requests} 次${s.channels.requests ? `（其中其他公开载体 ${s.channels.requests} 次）` : ''}，平均每栏目 ${s.requestsPerColumn} 次。`,
    ...(s.channels.checked ? [`其他公开载体 ${s.channels.checked} 个${s.channels.unreachable ? `，其中 ${s.channels.unreachable} 个无法访问` : '，均可访问'}。`] : []),
    ...(s.snapshotProblem ? [`部分页面未能留存证据：${s.snapshotProblem}`] : []),
    ...(s.interruptedRunsClosed ? [`上次被中断的 ${s.interruptedRunsClosed} 次抓取已标记为“中断”，其未完成的文章本次已补抓。`] : []),
  ].join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('crawl')
    .description('按计划抓取每个栏目一次（列表全部分页与新文章），留存证据')
    .requiredOption('--plan <文件>', '年度考核计划 YAML 文件')
    .option('--full', '完整核对：翻阅全部列表页，而不是遇到已知信息即停止（建议每周一次）')
    .option('--log <文件>', '把 JSON 行格式的抓取日志追加写入该文件')
    .action(async (opts: unknown) => {
      const f = parseFlags('crawl', flagsSchema, opts);
      // Bad input is reported before taking the job lock, so it exits 2 rather than "job failed".
      loadPlan(f.plan, loadRules());
      let summary: CrawlRunSummary | undefined;
      // SIGTERM (systemctl stop) or Ctrl-C: start no new column, let pages in flight finish, close the browser
      // last, and say the night did not finish (exit 1). A second signal is left to its default.
      const stop = new AbortController();
      const onSignal = (sig: NodeJS.Signals) => {
        ctx.warn(`收到 ${sig}：不再开始新的栏目，正在等待进行中的页面完成……`);
        stop.abort();
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      // The same lock as `zwgk serve`'s scheduler: a cron-run crawl never overlaps the built-in nightly job.
      const run = await runExclusive({
        db: ctx.db(),
        job: f.full ? 'weeklyFull' : 'crawl',
        trigger: 'cli',
        signal: stop.signal,
        fn: async (job) => {
          summary = await runCrawl(ctx.db(), {
            planPath: f.plan,
            snapshotsDir: ctx.snapshotsDir(),
            kind: f.full ? 'full' : 'nightly',
            logFile: f.log,
            progress: process.stderr.isTTY ? process.stderr : undefined,
            signal: job.signal,
          });
          const text = crawlSummaryText(summary);
          // A night that did not finish, or could not keep all its evidence, is not a success for cron or systemd.
          const failed = summary.status === 'failed' || summary.status === 'interrupted' || summary.snapshotProblem !== null;
          return { status: failed ? 'failed' : 'ok', detail: text.split('\n')[0] };
        },
      });
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      if (summary) ctx.print(crawlSummaryText(summary));
      else ctx.warn(run.detail);
      if (run.status !== 'ok') ctx.exitCode = 1;
    });
}
