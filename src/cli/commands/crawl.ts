import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { parseFlags } from '../flags.ts';
import { createProgress } from '../progress.ts';
import type { CrawlRunSummary } from '../../crawl/index.ts';
import { crawlSummaryText, loadRunInput, openRun, runCrawl } from '../../run/index.ts';
import { runExclusive } from '../../schedule/index.ts';

const flagsSchema = z.object({
  plan: z.string().min(1, '请给出计划文件路径'),
  full: z.boolean().optional(),
  log: z.string().min(1).optional(),
});

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
      const input = loadRunInput(f.plan);
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
          summary = await runCrawl(openRun(ctx.db(), input), {
            snapshotsDir: ctx.snapshotsDir(),
            kind: f.full ? 'full' : 'nightly',
            logFile: f.log,
            progress: () => createProgress(process.stderr.isTTY ? process.stderr : undefined, ctx.db()),
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
