// The scheduler's public API: the run layer (the job table) and the CLI (serve, demo, chores) import from here only.
export { createScheduler, type Scheduler, type SchedulerOptions, type SchedulerStatus, type JobStatusView } from './scheduler.ts';
export { runExclusive, DEFAULT_LOCK_TTL_MS, type JobFn, type JobContext, type JobOutcome, type JobRunResult, type RunExclusiveOptions } from './run.ts';
export { sequence, type Step } from './steps.ts';
export { choreJobs, type ChoreOptions } from './chores.ts';
export { pruneSnapshots, type RetentionOptions, type RetentionResult } from './retention.ts';
export { JOB_NAMES, jobLabel, type JobName, type Trigger, type Logger } from './types.ts';
