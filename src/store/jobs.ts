import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { stmt, type DB } from './db.ts';
import { selectPage, type PageRequest, type TablePage } from './table-page.ts';

/** The single global lock: jobs never overlap, whichever process (serve, cron-run CLI) runs them. */
const LOCK = 'jobs';

export type JobStatus = 'running' | 'ok' | 'failed' | 'skipped';
export type StepStatus = 'ok' | 'failed' | 'skipped';

export interface StepRecord {
  name: string;
  label: string;
  status: StepStatus | 'running';
  detail: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobRunRow {
  id: number;
  job: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: JobStatus;
  detail: string | null;
  steps: StepRecord[];
  pid: number | null;
  host: string | null;
}

export interface LockHolder {
  job: string;
  runId: number | null;
  pid: number;
  host: string;
  acquiredAt: string;
  heartbeatAt: string;
  expiresAt: string;
}

export interface HeldLock {
  token: string;
  runId: number;
}

export type AcquireResult =
  | { acquired: true; lock: HeldLock; tookOverFrom: LockHolder | null }
  | { acquired: false; holder: LockHolder };

interface LockRow {
  token: string;
  job: string;
  run_id: number | null;
  pid: number;
  host: string;
  acquired_at: string;
  heartbeat_at: string;
  expires_at: string;
}

const HOST = hostname();

/**
 * Whether a process still exists. Only meaningful for a holder on this host: signal 0 checks existence
 * without touching it; EPERM means it exists but belongs to another user.
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(row: LockRow): LockHolder {
  return {
    job: row.job,
    runId: row.run_id,
    pid: row.pid,
    host: row.host,
    acquiredAt: row.acquired_at,
    heartbeatAt: row.heartbeat_at,
    expiresAt: row.expires_at,
  };
}

/** Why a lock row no longer protects anything, or null while its holder is alive. */
export function staleReason(holder: LockHolder, now: Date): string | null {
  if (holder.host === HOST && !pidAlive(holder.pid)) return `持有进程 ${holder.pid} 已不存在`;
  if (Date.parse(holder.expiresAt) <= now.getTime()) return `持有进程 ${holder.pid}@${holder.host} 自 ${holder.heartbeatAt} 起未续约，已过期`;
  return null;
}

export interface AcquireOptions {
  job: string;
  trigger: string;
  ttlMs: number;
  now?: Date;
}

/**
 * Takes the global lock and opens a job_runs row for it in one IMMEDIATE transaction, so two processes
 * racing for it cannot both win. A stale holder is taken over and its unfinished run marked failed.
 * A live holder is returned untouched (the caller records the skip).
 */
export function acquireJobLock(db: DB, opts: AcquireOptions): AcquireResult {
  const now = opts.now ?? new Date();
  const at = now.toISOString();
  const expires = new Date(now.getTime() + opts.ttlMs).toISOString();
  const tx = db.transaction((): AcquireResult => {
    const row = stmt(db, 'SELECT * FROM job_lock WHERE name = ?').get(LOCK) as LockRow | undefined;
    let tookOverFrom: LockHolder | null = null;
    if (row) {
      const holder = holderOf(row);
      const stale = staleReason(holder, now);
      if (!stale) return { acquired: false, holder };
      tookOverFrom = holder;
      if (row.run_id !== null) {
        stmt(db, `UPDATE job_runs SET status = 'failed', finished_at = ?, detail = ? WHERE id = ? AND status = 'running'`).run(
          at,
          `任务未正常结束（${stale}），锁已被后续任务接管`,
          row.run_id,
        );
      }
    }
    // Any other run still marked running has no live lock behind it: its process died before releasing.
    stmt(db, `UPDATE job_runs SET status = 'failed', finished_at = ?, detail = ? WHERE status = 'running'`).run(
      at,
      '任务未正常结束（进程异常退出或被强制停止）',
    );
    const runId = insertRun(db, opts.job, opts.trigger, at, 'running', null, null);
    const token = randomBytes(12).toString('hex');
    stmt(
      db,
      `INSERT INTO job_lock (name, token, job, run_id, pid, host, acquired_at, heartbeat_at, expires_at)
       VALUES (@name, @token, @job, @runId, @pid, @host, @at, @at, @expires)
       ON CONFLICT(name) DO UPDATE SET token = excluded.token, job = excluded.job, run_id = excluded.run_id,
         pid = excluded.pid, host = excluded.host, acquired_at = excluded.acquired_at,
         heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
    ).run({ name: LOCK, token, job: opts.job, runId, pid: process.pid, host: HOST, at, expires });
    return { acquired: true, lock: { token, runId }, tookOverFrom };
  });
  return tx.immediate();
}

/** Extends the lock's expiry; false when it is no longer ours (taken over after a long stall). */
export function heartbeatJobLock(db: DB, token: string, ttlMs: number, now = new Date()): boolean {
  const r = stmt(db, 'UPDATE job_lock SET heartbeat_at = ?, expires_at = ? WHERE name = ? AND token = ?')
    .run(now.toISOString(), new Date(now.getTime() + ttlMs).toISOString(), LOCK, token);
  return r.changes === 1;
}

export function releaseJobLock(db: DB, token: string): void {
  stmt(db, 'DELETE FROM job_lock WHERE name = ? AND token = ?').run(LOCK, token);
}

export function currentLockHolder(db: DB): LockHolder | null {
  const row = stmt(db, 'SELECT * FROM job_lock WHERE name = ?').get(LOCK) as LockRow | undefined;
  return row ? holderOf(row) : null;
}

function insertRun(db: DB, job: string, trigger: string, at: string, status: JobStatus, detail: string | null, finished: string | null): number {
  const r = stmt(db, 'INSERT INTO job_runs (job, trigger, started_at, finished_at, status, detail, pid, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(job, trigger, at, finished, status, detail, process.pid, HOST);
  return Number(r.lastInsertRowid);
}

/** Records a run that did not happen because another job held the lock or the same job was already running. */
export function recordSkippedRun(db: DB, job: string, trigger: string, detail: string, now = new Date()): number {
  const at = now.toISOString();
  return insertRun(db, job, trigger, at, 'skipped', detail, at);
}

export function updateRunSteps(db: DB, runId: number, steps: StepRecord[]): void {
  stmt(db, `UPDATE job_runs SET steps_json = ? WHERE id = ? AND status = 'running'`).run(JSON.stringify(steps), runId);
}

/** Closes a running row; a row already closed (e.g. failed by a shutdown timeout) is left as it is. */
export function finishJobRun(db: DB, runId: number, status: 'ok' | 'failed', detail: string, steps?: StepRecord[], now = new Date()): boolean {
  const r = steps
    ? stmt(db, `UPDATE job_runs SET status = ?, detail = ?, steps_json = ?, finished_at = ? WHERE id = ? AND status = 'running'`)
        .run(status, detail, JSON.stringify(steps), now.toISOString(), runId)
    : stmt(db, `UPDATE job_runs SET status = ?, detail = ?, finished_at = ? WHERE id = ? AND status = 'running'`)
        .run(status, detail, now.toISOString(), runId);
  return r.changes === 1;
}

interface RunDbRow {
  id: number;
  job: string;
  trigger: string;
  started_at: string;
  finished_at: string | null;
  status: JobStatus;
  detail: string | null;
  steps_json: string;
  pid: number | null;
  host: string | null;
}

function toRun(r: RunDbRow): JobRunRow {
  return {
    id: r.id,
    job: r.job,
    trigger: r.trigger,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    detail: r.detail,
    steps: JSON.parse(r.steps_json) as StepRecord[],
    pid: r.pid,
    host: r.host,
  };
}

export function getJobRun(db: DB, id: number): JobRunRow | null {
  const r = stmt(db, 'SELECT * FROM job_runs WHERE id = ?').get(id) as RunDbRow | undefined;
  return r ? toRun(r) : null;
}

/** Newest first; for the dashboard's 运行 page. */
/** Job runs newest first, one job's when given, a page at a time (运行's 定时任务 table). */
export function jobRunsPage(db: DB, f: { job?: string; status?: JobStatus }, page: PageRequest): TablePage<JobRunRow> {
  const where = [];
  if (f.job !== undefined) where.push('job = @job');
  if (f.status !== undefined) where.push('status = @status');
  const p = selectPage<RunDbRow>(db, { select: '*', from: 'job_runs', where, orderBy: 'started_at DESC, id DESC', params: { job: f.job, status: f.status } }, page);
  return { rows: p.rows.map(toRun), total: p.total };
}

/** The newest run of each job, by job name. */
export function latestRunPerJob(db: DB): Map<string, JobRunRow> {
  const rows = stmt(db, `SELECT r.* FROM job_runs r WHERE r.id = (SELECT id FROM job_runs WHERE job = r.job ORDER BY started_at DESC, id DESC LIMIT 1)`)
    .all() as RunDbRow[];
  return new Map(rows.map((r) => [r.job, toRun(r)]));
}
