import { describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../src/schedule/scheduler.ts';
import { sequence } from '../../src/schedule/steps.ts';
import type { JobFn } from '../../src/schedule/run.ts';
import { SettingsSchema } from '../../src/config/settings.ts';
import { currentLockHolder } from '../../src/store/jobs.ts';
import { gate, openTmpDb, runs } from './helpers.ts';

const noop: JobFn = async () => ({ detail: '完成' });
const NEVER = '0 0 1 1 *';
const quiet = { nightly: NEVER, weeklyFull: NEVER, backup: NEVER, walCheckpoint: NEVER, retention: NEVER };
const jobsWith = (over: Partial<Record<string, JobFn>> = {}) => ({
  nightly: noop,
  weeklyFull: noop,
  walCheckpoint: noop,
  backup: noop,
  retention: noop,
  ...over,
});

describe('scheduler', () => {
  it('a slow job never overlaps with its next cron trigger; the overlapping triggers are recorded as skipped', async () => {
    const db = openTmpDb();
    const settings = SettingsSchema.parse({ schedule: { ...quiet, nightly: '* * * * * *' } });
    const g = gate();
    let active = 0;
    let maxActive = 0;
    let calls = 0;
    const s = createScheduler({
      db,
      settings,
      jobs: jobsWith({
        nightly: async () => {
          calls++;
          active++;
          maxActive = Math.max(maxActive, active);
          await g.wait;
          active--;
          return { detail: '慢任务完成' };
        },
      }),
    });
    s.start();
    await vi.waitFor(() => expect(runs(db, 'nightly').filter((r) => r.status === 'skipped').length).toBeGreaterThanOrEqual(2), {
      timeout: 10_000,
      interval: 100,
    });
    expect(calls).toBe(1);
    expect(s.status().running?.job).toBe('nightly');
    const skipped = runs(db, 'nightly').filter((r) => r.status === 'skipped');
    expect(skipped.every((r) => r.trigger === 'schedule' && /同一任务仍在运行/.test(r.detail ?? ''))).toBe(true);
    g.open();
    await s.stop();
    expect(maxActive).toBe(1);
    expect(runs(db, 'nightly').filter((r) => r.status === 'ok')).toHaveLength(1);
    db.close();
  });

  it('runNow twice: the second call is skipped while the first runs', async () => {
    const db = openTmpDb();
    const g = gate();
    const s = createScheduler({ db, settings: SettingsSchema.parse({}), jobs: jobsWith({ backup: async () => (await g.wait, { detail: '已备份' }) }) });
    const first = s.runNow('backup');
    const second = await s.runNow('backup');
    expect(second.status).toBe('skipped');
    g.open();
    expect((await first).status).toBe('ok');
    db.close();
  });

  it('a different job waits for the running one instead of overlapping or being lost', async () => {
    const db = openTmpDb();
    const g = gate();
    const events: string[] = [];
    const s = createScheduler({
      db,
      settings: SettingsSchema.parse({}),
      jobs: jobsWith({
        nightly: async () => {
          events.push('nightly:start');
          await g.wait;
          events.push('nightly:end');
          return { detail: '巡检完成' };
        },
        backup: async () => {
          events.push('backup:start');
          return { detail: '已备份' };
        },
      }),
    });
    const nightly = s.runNow('nightly', 'schedule');
    const backup = s.runNow('backup', 'schedule');
    expect(s.status().queued).toEqual(['backup']);
    // A second trigger of the queued job is not queued twice.
    expect((await s.runNow('backup', 'schedule')).detail).toMatch(/已在排队/);
    g.open();
    expect((await nightly).status).toBe('ok');
    expect((await backup).status).toBe('ok');
    expect(events).toEqual(['nightly:start', 'nightly:end', 'backup:start']);
    db.close();
  });

  it('stop() signals the running job and waits for it to finish', async () => {
    const db = openTmpDb();
    const g = gate();
    const events: string[] = [];
    let sawAbort!: () => void;
    const aborted = new Promise<void>((r) => (sawAbort = r));
    const s = createScheduler({
      db,
      settings: SettingsSchema.parse({}),
      jobs: jobsWith({
        nightly: async (ctx) => {
          ctx.signal.addEventListener('abort', () => sawAbort());
          await g.wait;
          events.push('job finished');
          return { detail: '收尾后结束' };
        },
      }),
    });
    s.start();
    const run = s.runNow('nightly');
    const stopped = s.stop().then(() => events.push('stop resolved'));
    await aborted;
    expect(events).toEqual([]);
    g.open();
    await stopped;
    expect(events).toEqual(['job finished', 'stop resolved']);
    expect((await run).status).toBe('ok');
    expect(s.status().jobs.every((j) => j.nextRun === null)).toBe(true);
    // After stop, nothing new starts.
    expect((await s.runNow('backup')).status).toBe('skipped');
    db.close();
  });

  it('stop() gives up after its timeout: the run is closed as failed and the lock released', async () => {
    const db = openTmpDb();
    const s = createScheduler({
      db,
      settings: SettingsSchema.parse({}),
      stopTimeoutMs: 200,
      jobs: jobsWith({ nightly: () => new Promise(() => {}) }),
    });
    void s.runNow('nightly');
    await vi.waitFor(() => expect(currentLockHolder(db)?.job).toBe('nightly'));
    await s.stop();
    const [row] = runs(db, 'nightly');
    expect(row.status).toBe('failed');
    expect(row.detail).toMatch(/服务停止时任务.*未结束，已中断/);
    expect(currentLockHolder(db)).toBeNull();
    db.close();
  });

  it('records the nightly composite step by step; a failed step stops the rest, which are recorded as skipped', async () => {
    const db = openTmpDb();
    const order: string[] = [];
    const nightly = sequence([
      { name: 'crawl', label: '抓取', run: async () => (order.push('crawl'), '120 个栏目，新增 8 条') },
      {
        name: 'assess',
        label: '评估',
        run: async () => {
          order.push('assess');
          throw new Error('规则文件 rules/rubric.yaml 有误');
        },
      },
      { name: 'alerts', label: '预警', run: async () => void order.push('alerts') },
    ]);
    const s = createScheduler({ db, settings: SettingsSchema.parse({}), jobs: jobsWith({ nightly }) });
    const r = await s.runNow('nightly', 'schedule');
    expect(order).toEqual(['crawl', 'assess']);
    expect(r.status).toBe('failed');
    expect(r.steps.map((x) => [x.name, x.status])).toEqual([
      ['crawl', 'ok'],
      ['assess', 'failed'],
      ['alerts', 'skipped'],
    ]);
    expect(r.steps[2].detail).toBe('未执行：评估失败');
    expect(r.detail).toContain('抓取：120 个栏目，新增 8 条');
    const [row] = runs(db, 'nightly');
    expect(JSON.parse(row.steps_json)[1].detail).toContain('rules/rubric.yaml');
    expect(s.status().jobs.find((j) => j.name === 'nightly')?.lastRun?.status).toBe('failed');
    db.close();
  });

  it('status() lists every job with its cron, next run and last run', async () => {
    const db = openTmpDb();
    const settings = SettingsSchema.parse({ schedule: { nightly: '30 1 * * *' } });
    const s = createScheduler({ db, settings, jobs: jobsWith() });
    s.start();
    await s.runNow('backup');
    const st = s.status();
    expect(st.timezone).toBe('Asia/Shanghai');
    expect(st.jobs.map((j) => j.name)).toEqual(['nightly', 'weeklyFull', 'walCheckpoint', 'backup', 'retention']);
    const n = st.jobs[0];
    expect(n.cron).toBe('30 1 * * *');
    // 01:30 Asia/Shanghai is 17:30 UTC.
    expect(n.nextRun).toMatch(/T17:30:00\.000Z$/);
    expect(st.jobs[3].lastRun?.status).toBe('ok');
    await s.stop();
    db.close();
  });
});
