import type { DB } from '../store/index.ts';
import {
  acquireJobLock,
  finishJobRun,
  getJobRun,
  heartbeatJobLock,
  recordSkippedRun,
  releaseJobLock,
  updateRunSteps,
  type HeldLock,
  type LockHolder,
  type StepRecord,
} from '../store/index.ts';
import { jobLabel, type Logger, type Trigger, silentLogger } from './types.ts';

export interface JobOutcome {
  /** Defaults to 'ok'; a job may report failure without throwing (e.g. a step failed). */
  status?: 'ok' | 'failed';
  /** Chinese, shown on the dashboard's 运行 page. */
  detail: string;
  steps?: StepRecord[];
}

export interface JobContext {
  runId: number;
  trigger: Trigger;
  /** Aborted when the server is shutting down or the lock was lost; long jobs should wind down. */
  signal: AbortSignal;
  /** Persists step progress while the job runs, so the 运行 page can show it. */
  reportSteps(steps: StepRecord[]): void;
}

/** A job is any async function; the scheduler never imports a stage, the caller injects these. */
export type JobFn = (ctx: JobContext) => Promise<JobOutcome>;

export interface JobRunResult {
  runId: number;
  job: string;
  trigger: Trigger;
  status: 'ok' | 'failed' | 'skipped';
  detail: string;
  steps: StepRecord[];
  startedAt: string;
  finishedAt: string;
}

export interface RunExclusiveOptions {
  db: DB;
  job: string;
  trigger: Trigger;
  fn: JobFn;
  logger?: Logger;
  /** How long a lock survives without a heartbeat (a stalled or frozen holder). Default 15 min. */
  lockTtlMs?: number;
  /** Aborts the job (e.g. shutdown); it is also aborted if the lock is lost. */
  signal?: AbortSignal;
  /** Called once the lock is held, before the job starts. */
  onStart?(lock: HeldLock): void;
}

export const DEFAULT_LOCK_TTL_MS = 15 * 60_000;

export function describeHolder(h: LockHolder): string {
  return `已有任务“${jobLabel(h.job)}”在运行（进程 ${h.pid}@${h.host}，开始于 ${h.acquiredAt}），本次跳过，未做任何处理`;
}

function resultOf(db: DB, runId: number): JobRunResult {
  const r = getJobRun(db, runId);
  if (!r || r.status === 'running') throw new Error(`任务运行记录 ${runId} 状态异常`);
  return {
    runId,
    job: r.job,
    trigger: r.trigger as Trigger,
    status: r.status,
    detail: r.detail ?? '',
    steps: r.steps,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt ?? r.startedAt,
  };
}

/**
 * Runs one job under the global SQLite lock and records it in job_runs. Never overlaps with another job in
 * any process on the same DB: when the lock is held the run is recorded as 'skipped' with the holder named.
 * The job's own failure is recorded, not thrown.
 */
export async function runExclusive(opts: RunExclusiveOptions): Promise<JobRunResult> {
  const { db, job, trigger } = opts;
  const log = opts.logger ?? silentLogger;
  const ttl = opts.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  const got = acquireJobLock(db, { job, trigger, ttlMs: ttl });
  if (!got.acquired) {
    const runId = recordSkippedRun(db, job, trigger, describeHolder(got.holder));
    log.warn({ job, runId, holder: got.holder }, 'job skipped: lock held');
    return resultOf(db, runId);
  }
  const { lock, tookOverFrom } = got;
  if (tookOverFrom) log.warn({ job, runId: lock.runId, staleHolder: tookOverFrom }, 'took over a stale job lock');
  log.info({ job, runId: lock.runId, trigger }, 'job started');

  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let lockLost = false;
  const beat = setInterval(() => {
    try {
      if (!heartbeatJobLock(db, lock.token, ttl)) {
        lockLost = true;
        log.error({ job, runId: lock.runId }, 'job lock lost to another process');
        abort.abort(new Error('任务锁已被其他进程接管'));
        clearInterval(beat);
      }
    } catch (e) {
      log.warn({ job, err: (e as Error).message }, 'job lock heartbeat failed; will retry');
    }
  }, Math.max(1000, Math.floor(ttl / 3)));
  beat.unref();

  let steps: StepRecord[] | undefined;
  const ctx: JobContext = {
    runId: lock.runId,
    trigger,
    signal: abort.signal,
    reportSteps: (s) => {
      steps = s;
      updateRunSteps(db, lock.runId, s);
    },
  };
  try {
    opts.onStart?.(lock);
    const outcome = await opts.fn(ctx);
    const status = outcome.status ?? 'ok';
    const detail = lockLost ? `${outcome.detail}（运行期间任务锁被其他进程接管）` : outcome.detail;
    finishJobRun(db, lock.runId, status, detail, outcome.steps ?? steps);
    log[status === 'ok' ? 'info' : 'error']({ job, runId: lock.runId, status, detail }, 'job finished');
  } catch (e) {
    const detail = `任务失败：${(e as Error)?.message ?? String(e)}`;
    finishJobRun(db, lock.runId, 'failed', detail, steps);
    log.error({ job, runId: lock.runId, err: (e as Error)?.stack ?? String(e) }, 'job failed');
  } finally {
    clearInterval(beat);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    releaseJobLock(db, lock.token);
  }
  return resultOf(db, lock.runId);
}
