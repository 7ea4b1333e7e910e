import { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from '../../src/cli/commands/job.ts';
import type { CliContext } from '../../src/cli/context.ts';
import { openDb, type DB } from '../../src/store/db.ts';
import { acquireJobLock } from '../../src/store/jobs.ts';
import { tmpDir } from '../schedule/helpers.ts';

function cli(dbPath: string) {
  const out: string[] = [];
  let db: DB | undefined;
  const ctx: CliContext = {
    dbPath: () => dbPath,
    snapshotsDir: () => join(dbPath, '..', 'snapshots'),
    db: () => (db ??= openDb(dbPath)),
    print: (t) => void out.push(t),
    warn: (t) => void out.push(t),
    exitCode: 0,
    close: () => db?.close(),
  };
  const program = new Command('zwgk').exitOverride();
  register(program, ctx);
  return { ctx, out, run: (...args: string[]) => program.parseAsync(['node', 'zwgk', ...args]) };
}

describe('zwgk job', () => {
  it('backup runs under the job lock, is recorded, and writes data/backups/', async () => {
    const dbPath = join(tmpDir(), 'zwgk.db');
    const { ctx, out, run } = cli(dbPath);
    await run('job', 'backup');
    expect(out[0]).toMatch(/^数据库备份完成：已备份到 .*backups\/zwgk-\d{8}-\d{6}\.db/);
    expect(ctx.exitCode).toBe(0);
    expect(readdirSync(join(dbPath, '..', 'backups'))).toHaveLength(1);
    expect(ctx.db().prepare(`SELECT job, trigger, status FROM job_runs`).all()).toEqual([{ job: 'backup', trigger: 'cli', status: 'ok' }]);
    ctx.close();
  });

  it('exits 1 with the reason when another job holds the lock', async () => {
    const dbPath = join(tmpDir(), 'zwgk.db');
    const { ctx, out, run } = cli(dbPath);
    acquireJobLock(ctx.db(), { job: 'nightly', trigger: 'schedule', ttlMs: 60_000 });
    await run('job', 'wal-checkpoint');
    expect(out[0]).toMatch(/^数据库日志检查点跳过：已有任务“夜间巡检（抓取→评估→预警）”在运行/);
    expect(ctx.exitCode).toBe(1);
    ctx.close();
  });

  it('rejects an unknown job name with the list of names', async () => {
    const { run } = cli(join(tmpDir(), 'zwgk.db'));
    await expect(run('job', 'vacuum')).rejects.toThrow(/没有名为“vacuum”的维护任务。任务名应为 backup、wal-checkpoint、retention 之一/);
  });
});
