/** The scheduler's job table. */
export const JOB_NAMES = ['nightly', 'weeklyFull', 'walCheckpoint', 'backup', 'retention'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** Who started a run: the built-in scheduler, a CLI command (often from host cron), or a person (dashboard). */
export type Trigger = 'schedule' | 'cli' | 'manual';

const LABELS: Record<string, string> = {
  nightly: '夜间巡检（抓取→评估→预警）',
  weeklyFull: '每周全量抓取',
  walCheckpoint: '数据库日志检查点',
  backup: '数据库备份',
  retention: '快照保留清理',
  crawl: '抓取',
  assess: '评估',
  alerts: '预警',
};

/** The Chinese name of a job for the 运行 page and messages; unknown names (CLI-only jobs) pass through. */
export function jobLabel(job: string): string {
  return LABELS[job] ?? job;
}

/** The subset of pino's API the scheduler uses, so a pino logger can be passed as is. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
