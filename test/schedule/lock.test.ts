import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../src/schedule/scheduler.ts';
import { runExclusive, type JobFn } from '../../src/schedule/run.ts';
import { acquireJobLock, currentLockHolder } from '../../src/store/jobs.ts';
import { SettingsSchema } from '../../src/config/settings.ts';
import { gate, openTmpDb, runs, tmpDbPath } from './helpers.ts';

const HOLD = fileURLToPath(new URL('./fixtures/hold-lock.ts', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts the lock-holding child and resolves once it holds the lock. */
async function holdInChild(dbPath: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLD, dbPath], { stdio: 'pipe' });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
  return child;
}

const noop: JobFn = async () => ({ detail: '完成' });
const settings = SettingsSchema.parse({});
const jobsWith = (over: Partial<Record<string, JobFn>> = {}) => ({
  nightly: noop,
  weeklyFull: noop,
  walCheckpoint: noop,
  backup: noop,
  retention: noop,
  ...over,
});

describe('job lock in SQLite', () => {
  it('two schedulers on one DB: one runs, the other is recorded as skipped naming the holder', async () => {
    const path = tmpDbPath();
    const dbA = openTmpDb(path);
    const dbB = openTmpDb(path);
    const g = gate();
    let started!: () => void;
    const isRunning = new Promise<void>((r) => (started = r));
    const a = createScheduler({ db: dbA, settings, jobs: jobsWith({ nightly: async () => (started(), await g.wait, { detail: '甲完成' }) }) });
    const b = createScheduler({ db: dbB, settings, jobs: jobsWith({ backup: async () => ({ detail: '不应运行' }) }) });

    const first = a.runNow('nightly');
    await isRunning;
    const second = await b.runNow('backup');
    expect(second.status).toBe('skipped');
    expect(second.detail).toMatch(/夜间巡检.*在运行.*本次跳过/);
    expect(second.detail).toContain(String(process.pid));
    g.open();
    expect((await first).status).toBe('ok');

    expect(runs(dbA).map((r) => [r.job, r.status])).toEqual([
      ['nightly', 'ok'],
      ['backup', 'skipped'],
    ]);
    expect(currentLockHolder(dbA)).toBeNull();
    // Once released, the other scheduler gets its turn.
    expect((await b.runNow('backup')).status).toBe('ok');
    dbA.close();
    dbB.close();
  });

  it('a CLI run in another process holds the lock: the scheduler skips, then runs once it is released', async () => {
    const path = tmpDbPath();
    const db = openTmpDb(path);
    const child = await holdInChild(path);
    const s = createScheduler({ db, settings, jobs: jobsWith() });

    const skipped = await s.runNow('nightly', 'schedule');
    expect(skipped.status).toBe('skipped');
    expect(skipped.detail).toContain(`进程 ${child.pid}@`);
    expect(skipped.detail).toContain('“抓取”');

    let childOut = '';
    child.stdout.on('data', (d) => (childOut += d));
    child.stdin.write('go\n');
    await once(child, 'exit');
    expect(childOut).toContain('ok');
    expect((await s.runNow('nightly', 'schedule')).status).toBe('ok');
    expect(runs(db).map((r) => [r.job, r.trigger, r.status])).toEqual([
      ['crawl', 'cli', 'ok'],
      ['nightly', 'schedule', 'skipped'],
      ['nightly', 'schedule', 'ok'],
    ]);
    db.close();
  });

  it('takes over the lock of a SIGKILLed process and marks its unfinished run failed', async () => {
    const path = tmpDbPath();
    const db = openTmpDb(path);
    const child = await holdInChild(path);
    expect(currentLockHolder(db)?.pid).toBe(child.pid);
    child.kill('SIGKILL');
    await once(child, 'exit');

    const r = await runExclusive({ db, job: 'backup', trigger: 'cli', fn: async () => ({ detail: '备份完成' }) });
    expect(r.status).toBe('ok');
    const rows = runs(db);
    expect(rows.map((x) => [x.job, x.status])).toEqual([
      ['crawl', 'failed'],
      ['backup', 'ok'],
    ]);
    expect(rows[0].detail).toMatch(/未正常结束.*已不存在/);
    expect(currentLockHolder(db)).toBeNull();
    db.close();
  });

  it('takes over a lock whose holder stopped heartbeating, even when that process is alive', () => {
    const db = openTmpDb();
    const t0 = new Date('2026-06-01T00:00:00Z');
    const first = acquireJobLock(db, { job: 'nightly', trigger: 'schedule', ttlMs: 60_000, now: t0 });
    expect(first.acquired).toBe(true);
    const during = acquireJobLock(db, { job: 'backup', trigger: 'schedule', ttlMs: 60_000, now: new Date(t0.getTime() + 30_000) });
    expect(during.acquired).toBe(false);
    const after = acquireJobLock(db, { job: 'backup', trigger: 'schedule', ttlMs: 60_000, now: new Date(t0.getTime() + 61_000) });
    expect(after.acquired).toBe(true);
    if (after.acquired) expect(after.tookOverFrom?.job).toBe('nightly');
    db.close();
  });

  it('heartbeats keep a long job lock alive; a job whose lock was taken over is told to stop', async () => {
    const db = openTmpDb();
    const r = await runExclusive({
      db,
      job: 'nightly',
      trigger: 'schedule',
      lockTtlMs: 3000,
      fn: async (ctx) => {
        const first = currentLockHolder(db)!.heartbeatAt;
        await vi.waitFor(() => expect(currentLockHolder(db)!.heartbeatAt).not.toBe(first), { timeout: 20_000, interval: 100 });
        // Another process decides this holder is stale and takes the lock (new token).
        db.prepare(`UPDATE job_lock SET token = 'someone-else', pid = 1`).run();
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        return { detail: '收到中止信号后结束' };
      },
    });
    expect(r.status).toBe('ok');
    expect(r.detail).toBe('收到中止信号后结束（运行期间任务锁被其他进程接管）');
    // The lock now belongs to the other holder: ours must not have released it.
    expect(currentLockHolder(db)?.pid).toBe(1);
    db.close();
  });

  it('a failing job releases the lock and is recorded failed with its message', async () => {
    const db = openTmpDb();
    const r = await runExclusive({
      db,
      job: 'backup',
      trigger: 'manual',
      fn: async () => {
        throw new Error('磁盘已满');
      },
    });
    expect(r.status).toBe('failed');
    expect(r.detail).toBe('任务失败：磁盘已满');
    expect(currentLockHolder(db)).toBeNull();
    db.close();
  });
});
