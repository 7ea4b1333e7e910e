import { createTask, type ScheduledTask } from 'node-cron';
import type { Settings } from '../config/index.ts';
import type { DB } from '../store/index.ts';
import { currentLockHolder, finishJobRun, latestRunPerJob, recordSkippedRun, releaseJobLock, type HeldLock, type JobRunRow, type LockHolder } from '../store/index.ts';
import { runExclusive, type JobFn, type JobRunResult } from './run.ts';
import { JOB_NAMES, jobLabel, silentLogger, type JobName, type Logger, type Trigger } from './types.ts';

export interface SchedulerOptions {
  db: DB;
  settings: Pick<Settings, 'schedule'>;
  /** The run layer's job table (src/run/jobs.ts), handed over by the CLI: the scheduler never imports a stage. */
  jobs: Record<JobName, JobFn>;
  logger?: Logger;
  lockTtlMs?: number;
  /** How long stop() waits for the running job before giving up on it. Default 60 s. */
  stopTimeoutMs?: number;
}

export interface JobStatusView {
  name: JobName;
  label: string;
  cron: string;
  /** ISO instant of the next scheduled trigger, null while stopped. */
  nextRun: string | null;
  /** The newest run of this job from any process (serve, CLI). */
  lastRun: JobRunRow | null;
}

export interface SchedulerStatus {
  started: boolean;
  stopping: boolean;
  timezone: string;
  running: { job: JobName; label: string; trigger: Trigger; runId: number | null; startedAt: string } | null;
  queued: JobName[];
  /** The global lock's holder, possibly another process (a cron-run CLI command). */
  lock: LockHolder | null;
  jobs: JobStatusView[];
}

export interface Scheduler {
  start(): void;
  /** Stops triggers, drops queued jobs, signals the running job and waits for it (up to stopTimeoutMs). */
  stop(): Promise<void>;
  /** Runs a job now; resolves when it has run (after any job already running here) or was skipped. */
  runNow(name: JobName, trigger?: Trigger): Promise<JobRunResult>;
  status(): SchedulerStatus;
}

interface Running {
  job: JobName;
  trigger: Trigger;
  startedAt: string;
  held: { lock: HeldLock | null };
  abort: AbortController;
  done: Promise<JobRunResult>;
}

interface Queued {
  job: JobName;
  trigger: Trigger;
  resolve(r: JobRunResult | Promise<JobRunResult>): void;
}

function skipped(db: DB, job: JobName, trigger: Trigger, detail: string): JobRunResult {
  const at = new Date().toISOString();
  const runId = recordSkippedRun(db, job, trigger, detail);
  return { runId, job, trigger, status: 'skipped', detail, steps: [], startedAt: at, finishedAt: at };
}

/**
 * The nightly job table. Within this process jobs run one at a time: a trigger for the job already running
 * (or already queued) is skipped, a different job waits its turn, so a long crawl does not cost that
 * night's backup. Across processes the SQLite lock decides (see runExclusive).
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { db, jobs } = opts;
  const log = opts.logger ?? silentLogger;
  const tz = opts.settings.schedule.timezone;
  const stopTimeoutMs = opts.stopTimeoutMs ?? 60_000;
  const tasks = new Map<JobName, ScheduledTask>();
  const queue: Queued[] = [];
  let running: Running | null = null;
  let started = false;
  let stopping = false;

  function execute(job: JobName, trigger: Trigger): Promise<JobRunResult> {
    const abort = new AbortController();
    const held: { lock: HeldLock | null } = { lock: null };
    const done = runExclusive({
      db,
      job,
      trigger,
      fn: jobs[job],
      logger: log,
      lockTtlMs: opts.lockTtlMs,
      signal: abort.signal,
      onStart: (lock) => (held.lock = lock),
    }).finally(() => {
      running = null;
      const next = queue.shift();
      if (next) next.resolve(execute(next.job, next.trigger));
    });
    running = { job, trigger, startedAt: new Date().toISOString(), held, abort, done };
    return done;
  }

  function runNow(job: JobName, trigger: Trigger = 'manual'): Promise<JobRunResult> {
    if (!JOB_NAMES.includes(job)) return Promise.reject(new Error(`未知任务：${job}`));
    if (stopping) return Promise.resolve(skipped(db, job, trigger, '服务正在停止，本次跳过'));
    if (running?.job === job) {
      return Promise.resolve(skipped(db, job, trigger, `同一任务仍在运行（开始于 ${running.startedAt}），本次跳过`));
    }
    if (queue.some((q) => q.job === job)) {
      return Promise.resolve(skipped(db, job, trigger, '同一任务已在排队等待，本次跳过'));
    }
    if (running) {
      log.info({ job, waitingFor: running.job }, 'job queued behind the running job');
      return new Promise<JobRunResult>((resolve) => queue.push({ job, trigger, resolve }));
    }
    return execute(job, trigger);
  }

  // node-cron's own warnings (e.g. a trigger missed while the event loop was blocked) go to our log, not the console.
  const cronLogger = {
    info: (m: string) => log.info({ source: 'node-cron' }, m),
    warn: (m: string) => log.warn({ source: 'node-cron' }, m),
    error: (m: string | Error, e?: Error) => log.error({ source: 'node-cron', err: String(e ?? m) }, String(m)),
    debug: () => {},
  };

  function fire(job: JobName): void {
    runNow(job, 'schedule').catch((e: Error) => log.error({ job, err: e.stack ?? String(e) }, 'scheduled job could not be recorded'));
  }

  return {
    start() {
      if (started) return;
      started = true;
      for (const job of JOB_NAMES) {
        const task = createTask(opts.settings.schedule[job], () => fire(job), { timezone: tz, name: `zwgk-${job}`, logger: cronLogger });
        void task.start();
        tasks.set(job, task);
      }
      log.info({ timezone: tz, schedule: opts.settings.schedule }, 'scheduler started');
    },

    async stop() {
      stopping = true;
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
      for (const q of queue.splice(0)) q.resolve(skipped(db, q.job, q.trigger, '服务停止，排队中的任务未执行'));
      const current = running;
      if (!current) return;
      log.info({ job: current.job }, 'waiting for the running job before stopping');
      current.abort.abort(new Error('服务正在停止'));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        current.done.then(
          () => false,
          () => false,
        ),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), stopTimeoutMs))),
      ]);
      clearTimeout(timer);
      const lock = current.held.lock;
      if (timedOut && lock) {
        // The process is about to exit: close the record and free the lock now rather than leaving both
        // for the next run's stale-lock takeover.
        finishJobRun(db, lock.runId, 'failed', `服务停止时任务在 ${Math.round(stopTimeoutMs / 1000)} 秒内未结束，已中断`);
        releaseJobLock(db, lock.token);
        log.error({ job: current.job }, 'running job did not finish before the stop timeout');
      }
    },

    runNow,

    status(): SchedulerStatus {
      const last = latestRunPerJob(db);
      return {
        started,
        stopping,
        timezone: tz,
        running: running && {
          job: running.job,
          label: jobLabel(running.job),
          trigger: running.trigger,
          runId: running.held.lock?.runId ?? null,
          startedAt: running.startedAt,
        },
        queued: queue.map((q) => q.job),
        lock: currentLockHolder(db),
        jobs: JOB_NAMES.map((name) => ({
          name,
          label: jobLabel(name),
          cron: opts.settings.schedule[name],
          nextRun: tasks.get(name)?.getNextRun()?.toISOString() ?? null,
          lastRun: last.get(name) ?? null,
        })),
      };
    },
  };
}
