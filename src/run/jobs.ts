import { resolve } from 'node:path';
import type { Settings } from '../config/index.ts';
import { snapshotPath } from '../evidence/index.ts';
import { choreJobs, sequence, type JobFn, type JobName, type Step } from '../schedule/index.ts';
import type { DB } from '../store/index.ts';
import { shanghaiDay } from '../shared/time.ts';
import { jobLabel, RECTIFICATION } from '../shared/vocabulary.ts';
import { openRun, type RunContext } from './context.ts';
import { crawlSummaryText, runCrawl, type CrawlOptions } from './crawl.ts';
import { runAssess } from './assess.ts';
import { requireSmtp, runAlerts } from './alerts.ts';

export interface ChoreWiring {
  db: DB;
  settings: Settings;
  snapshotsDir: string;
}

export interface JobWiring extends ChoreWiring {
  /** The annual plan; without one only the chores run. */
  planPath?: string;
  /** The JSON-lines logs of the night's crawls. */
  logDir: string;
  fetcherOverrides?: CrawlOptions['fetcherOverrides'];
}

/** The server chores (backup, WAL checkpoint, snapshot retention), for the scheduler and `zwgk job`. */
export function choreTable(w: ChoreWiring): ReturnType<typeof choreJobs> {
  return choreJobs({ db: w.db, settings: w.settings, snapshotFiles: (sha) => [snapshotPath(w.snapshotsDir, sha)] });
}

/** The scheduler's job table: the scheduler itself never imports a stage (DESIGN §3). */
export function jobTable(w: JobWiring): Record<JobName, JobFn> {
  const { planPath } = w;
  const noPlan: JobFn = async () => ({ status: 'failed', detail: '未指定年度考核计划（zwgk serve --plan 文件），无法抓取' });
  // Each run of a job reads the plan once, in its first step, so a plan that cannot be read fails that step.
  const planned = (steps: (run: () => RunContext) => Step[]): JobFn => {
    if (!planPath) return noPlan;
    return (job) => {
      let opened: RunContext | undefined;
      return sequence(steps(() => (opened ??= openRun(w.db, planPath, w.settings))))(job);
    };
  };
  const crawl = (kind: 'nightly' | 'full', run: () => RunContext): Step => ({
    name: 'crawl',
    label: jobLabel(kind === 'full' ? 'fullCrawl' : 'crawl'),
    run: async (ctx) => {
      const s = await runCrawl(run(), {
        snapshotsDir: w.snapshotsDir,
        kind,
        logFile: resolve(w.logDir, `crawl-${shanghaiDay()}.jsonl`),
        fetcherOverrides: w.fetcherOverrides,
        signal: ctx.signal,
      });
      if (s.status === 'failed' || s.status === 'interrupted') throw new Error(crawlSummaryText(s));
      return crawlSummaryText(s).split('\n')[0];
    },
  });
  const assess = (run: () => RunContext): Step => ({
    name: 'assess',
    label: jobLabel('assess'),
    run: async () => {
      const { summary: s, fixes: r } = runAssess(run());
      const fixes = r.rectified || r.overdue ? `；整改：${RECTIFICATION.rectified} ${r.rectified} 项，${RECTIFICATION.overdue} ${r.overdue} 项` : '';
      return `${s.units} 个单位，${s.columns} 个栏目，问题 ${s.findings} 项${fixes}`;
    },
  });
  const alerts = (run: () => RunContext): Step => ({
    name: 'alerts',
    label: jobLabel('alerts'),
    run: async () => {
      if (!w.settings.smtpUrl || !w.settings.mailFrom) return '未配置邮件服务器（ZWGK_SMTP_URL、ZWGK_MAIL_FROM），本次不发送预警邮件';
      const r = await runAlerts(run(), { send: requireSmtp(w.settings) });
      if (r.incomplete) throw new Error(r.lines.join('；'));
      return r.lines.join('；');
    },
  });
  return {
    nightly: planned((run) => [crawl('nightly', run), assess(run), alerts(run)]),
    weeklyFull: planned((run) => [crawl('full', run), assess(run)]),
    ...choreTable(w),
  };
}
