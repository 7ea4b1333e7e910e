import { resolve } from 'node:path';
import type { Settings } from '../config/index.ts';
import { snapshotPath } from '../evidence/index.ts';
import { choreJobs, sequence, type JobFn, type Step } from '../schedule/index.ts';
import type { JobName } from '../schedule/index.ts';
import { runAssess } from '../assess/index.ts';
import type { DB } from '../store/index.ts';
import { shanghaiDay } from '../shared/time.ts';
import { jobLabel, RECTIFICATION } from '../shared/vocabulary.ts';
import { verifyRectifications } from '../store/index.ts';
import { crawlSummaryText, runCrawl, type CrawlRunOptions } from './commands/crawl.ts';
import { assessOptions } from './commands/assess-common.ts';
import { runAlerts } from './commands/alerts.ts';

export interface JobWiring {
  db: DB;
  settings: Settings;
  snapshotsDir: string;
  /** The annual plan; without one only the chores run. */
  planPath?: string;
  /** Where --dry-run style files would go; also the JSON-lines logs. */
  logDir: string;
  fetcherOverrides?: CrawlRunOptions['fetcherOverrides'];
}

/**
 * The scheduler's job table, wired to the same functions the CLI commands run: the scheduler itself
 * never imports a stage (DESIGN §3).
 */
export function jobTable(w: JobWiring): Record<JobName, JobFn> {
  const noPlan: JobFn = async () => ({ status: 'failed', detail: '未指定年度考核计划（zwgk serve --plan 文件），无法抓取' });
  const crawl = (kind: 'nightly' | 'full'): Step => ({
    name: 'crawl',
    label: jobLabel(kind === 'full' ? 'fullCrawl' : 'crawl'),
    run: async (ctx) => {
      const s = await runCrawl(w.db, {
        planPath: w.planPath!,
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
  const assess: Step = {
    name: 'assess',
    label: jobLabel('assess'),
    run: async () => {
      const s = runAssess(w.db, assessOptions(w.db, w.planPath!));
      // A finding the night's crawl no longer shows counts as rectified; one past its deadline as overdue.
      const r = verifyRectifications(w.db, shanghaiDay());
      const fixes = r.rectified || r.overdue ? `；整改：${RECTIFICATION.rectified} ${r.rectified} 项，${RECTIFICATION.overdue} ${r.overdue} 项` : '';
      return `${s.units} 个单位，${s.columns} 个栏目，问题 ${s.findings} 项${fixes}`;
    },
  };
  const alerts: Step = {
    name: 'alerts',
    label: jobLabel('alerts'),
    run: async () => {
      if (!w.settings.smtpUrl || !w.settings.mailFrom) return '未配置邮件服务器（ZWGK_SMTP_URL、ZWGK_MAIL_FROM），本次不发送预警邮件';
      const r = await runAlerts(w.db, { planPath: w.planPath!, dryRun: false, outDir: resolve(w.logDir, 'alerts'), settings: w.settings });
      if (r.incomplete) throw new Error(r.lines.join('；'));
      return r.lines.join('；');
    },
  };
  return {
    nightly: w.planPath ? sequence([crawl('nightly'), assess, alerts]) : noPlan,
    weeklyFull: w.planPath ? sequence([crawl('full'), assess]) : noPlan,
    ...choreJobs({ db: w.db, settings: w.settings, snapshotFiles: (sha) => [snapshotPath(w.snapshotsDir, sha)] }),
  };
}
