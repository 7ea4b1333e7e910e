import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { demoWorld, type DemoWorld } from '../helpers/demo-crawl.ts';

const BIN = join(import.meta.dirname, '../../bin/zwgk.js');

/**
 * `systemctl stop` sends SIGTERM in the middle of a night. The crawl must not blame any unit for what the stop
 * cut short (not 无法访问, not 反爬虫), must say the night did not finish (exit 1), and the next night must
 * complete every column. The plan holds a browser-rendered list (区发改委 重大项目, 区卫健委 工作动态) and a slow column.
 */
describe('a crawl stopped with SIGTERM', () => {
  let w: DemoWorld;
  beforeAll(async () => {
    w = await demoWorld({ faults: true, slowMs: 1500, units: ['fgw', 'jyj', 'wjw'] });
    w.db.close();
  });
  afterAll(() => w.portal.close());

  it('blames no unit, exits 1, and the next night completes every column', async () => {
    const args = [BIN, '--db', w.dbPath, '--snapshots', w.snapshots, 'crawl', '--plan', w.planPath];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    // Stop once the night is well under way: some columns done, others (the browser's, the slow one) in flight.
    const started = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const db = openDb(w.dbPath, { readonly: true });
      try {
        const done = (db.prepare('SELECT count(*) n FROM column_visits WHERE finished_at IS NOT NULL').get() as { n: number }).n;
        if (done >= 3) break;
      } catch {
        // the schema is still being created
      } finally {
        db.close();
      }
      if (Date.now() - started > 90_000) throw new Error('the crawl never got going');
    }
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code, out).toBe(1);
    expect(out).toContain('被中止');

    const db = openDb(w.dbPath);
    const visits = db.prepare('SELECT outcome, fault, error, coverage FROM column_visits').all() as Array<{ outcome: string | null; fault: string | null; error: string | null }>;
    const columns = (db.prepare('SELECT count(*) n FROM columns WHERE active = 1').get() as { n: number }).n;
    // Nothing the stop cut short is the site's: every visit either concluded normally or is the auditor's.
    expect(visits.filter((v) => v.fault === 'site' || v.outcome === 'unreachable' || v.outcome === 'challenge')).toEqual([]);
    const stopped = visits.filter((v) => v.outcome === null);
    expect(stopped.every((v) => v.fault === 'auditor' && /巡检中止/.test(v.error ?? ''))).toBe(true);
    expect(visits.length).toBeLessThan(columns + 1);
    expect(db.prepare(`SELECT status FROM crawl_runs`).all()).toEqual([{ status: 'interrupted' }]);

    // The next night reads every column to a conclusion.
    const { openRun, runCrawl } = await import('../../src/run/index.ts');
    const r = await runCrawl(openRun(db, w.planPath), {
      snapshotsDir: w.snapshots,
      kind: 'nightly',
      fetcherOverrides: { perHostDelayMs: 0, perHostConcurrency: 4, retryBaseDelayMs: 50 },
    });
    expect(r.unfinished + r.notStarted).toBe(0);
    const concluded = db
      .prepare(`SELECT count(DISTINCT column_id) n FROM column_visits WHERE outcome IS NOT NULL AND (fault IS NULL OR fault = 'site')`)
      .get() as { n: number };
    expect(concluded.n).toBe(columns);
    db.close();
  }, 240_000);
});
