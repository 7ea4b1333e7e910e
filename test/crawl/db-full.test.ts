import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorld, type DemoWorld } from '../helpers/demo-crawl.ts';
import { syncPlan } from '../../src/store/plans.ts';
import { loadPlan } from '../../src/config/plan.ts';
import { columnClassifier, loadRules } from '../../src/config/rules.ts';

/** The auditor's database disk filling up mid-night: a Chinese error for the operator, nothing held against a unit. */
describe('a crawl whose database fills up', () => {
  let w: DemoWorld;
  beforeAll(async () => {
    w = await demoWorld({ faults: false, units: ['xinchang', 'fgw'] });
  });
  afterAll(() => w.close());

  it('stops with the cause and the fix in Chinese, and records no visit as the site\'s failure', async () => {
    const rules = loadRules();
    syncPlan(w.db, loadPlan(w.planPath, rules), columnClassifier(rules));
    const pages = w.db.pragma('page_count', { simple: true }) as number;
    // A few pages of room: the night starts, then the database refuses to grow, as a full disk would.
    w.db.pragma(`max_page_count = ${pages + 12}`);
    await expect(w.crawl()).rejects.toThrow(/数据库所在磁盘已满，无法写入。请清理该磁盘的空间.*本次抓取已停止/);
    w.db.pragma('max_page_count = 1073741823');
    const blamed = w.db
      .prepare(`SELECT count(*) n FROM column_visits WHERE fault = 'site' OR outcome IN ('unreachable', 'challenge', 'parse-failed')`)
      .get() as { n: number };
    expect(blamed.n).toBe(0);
    // The next night, with room again, completes and closes the run the full disk left open.
    const r = await w.crawl();
    expect(r.unfinished).toBe(0);
    const runs = w.db.prepare('SELECT status FROM crawl_runs ORDER BY id').all() as Array<{ status: string }>;
    expect(runs).toHaveLength(2);
    expect(['failed', 'interrupted']).toContain(runs[0].status);
  }, 180_000);
});
