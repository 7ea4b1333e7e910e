/** The scheduler's job table. */
export const JOB_NAMES = ['nightly', 'weeklyFull', 'walCheckpoint', 'backup', 'retention'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** Who started a run: the built-in scheduler, a CLI command (often from host cron), or a person (dashboard). */
export type Trigger = 'schedule' | 'cli' | 'manual';

// Job names are in the vocabulary, so the dashboard names jobs without importing the scheduler.
export { jobLabel } from '../shared/vocabulary.ts';

/** The subset of pino's API the scheduler uses, so a pino logger can be passed as is. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
