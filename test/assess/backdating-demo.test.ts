import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startDemoPortal, type DemoColumn, type DemoItem, type DemoPortal, type DemoUnit } from '../../src/demo/index.ts';
import { openDb, type DB } from '../../src/store/db.ts';
import { runCrawl } from '../../src/cli/commands/crawl.ts';
import { loadRules } from '../../src/config/rules.ts';
import { Assessor, workdayCounter } from '../../src/assess/index.ts';
import { addDays, shanghaiDay } from '../../src/shared/time.ts';

/**
 * Back-dating and re-dating end to end: crawl the demo portal, then (on the portal) add an item dated two
 * weeks back and change another item's date, crawl again, assess. Each finding cites both snapshots.
 */
const REF = '2026-11-20';
let portal: DemoPortal;
let db: DB;
let planPath: string;
let snapshots: string;
let unit: DemoUnit;
let col: DemoColumn;

const crawl = () => runCrawl(db, { planPath, snapshotsDir: snapshots, kind: 'nightly', fetcherOverrides: { perHostDelayMs: 0, perHostConcurrency: 4, retryBaseDelayMs: 50 } });

beforeAll(async () => {
  portal = await startDemoPortal({ refDate: REF, faults: false });
  // One static column is enough, and keeps the test quick.
  const usable = (c: DemoColumn) => c.template === 'trs' && !c.needsBrowser && !c.robotsDisallowed && !c.trap && c.items.filter((i) => !i.pinned).length >= 5;
  unit = portal.truth.units.find((u) => !u.challenge && u.encoding === 'utf-8' && u.columns.some(usable))!;
  col = unit.columns.find(usable)!;
  const plan = parse(portal.planYaml({ year: 2026, crawl: { perHostDelayMs: 0, perHostConcurrency: 4 } }));
  plan.units = plan.units.filter((u: { id: string }) => u.id === unit.id);
  plan.units[0].columns = plan.units[0].columns.filter((c: { url: string }) => c.url === col.url);
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-backdate-'));
  planPath = join(dir, 'plan.yaml');
  snapshots = join(dir, 'snapshots');
  writeFileSync(planPath, stringify(plan));
  db = openDb(join(dir, 'z.db'));
}, 120_000);
afterAll(async () => {
  db?.close();
  await portal?.close();
});

describe('back-dated and re-dated items on the demo portal', () => {
  it('are found, each citing the snapshot where it was absent (or dated otherwise) and the one where it appeared', async () => {
    await crawl();
    const firstVisit = db.prepare('SELECT id, outcome, complete, covered_from FROM column_visits ORDER BY id LIMIT 1').get() as { id: number; outcome: string; complete: number; covered_from: string };
    expect(firstVisit).toMatchObject({ outcome: 'ok', complete: 1 });
    const firstPages = (db.prepare('SELECT fetch_id FROM visit_fetches WHERE visit_id = ? ORDER BY page_no').all(firstVisit.id) as Array<{ fetch_id: number }>).map((r) => r.fetch_id);

    const claimed = addDays(REF, -14);
    const added = portal.mutate.addItem(unit.id, col.slug, { title: '补发的两周前工作动态', publishedAt: claimed });
    const [newest, second] = col.items.filter((i: DemoItem) => !i.pinned && i.url !== added.url);
    const moved = addDays(newest.publishedAt, 1);
    const oldDate = second.publishedAt;
    portal.mutate.setPublishedAt(unit.id, col.slug, second.url, moved);
    await crawl();

    const rules = loadRules();
    const a = new Assessor(db, { rules, year: 2026, period: { from: '2026-01-01', to: '2026-12-31' }, asOf: shanghaiDay(), countWorkdays: workdayCounter(rules) }).unit(unit.id);
    const item = (url: string) => db.prepare('SELECT id, first_seen_fetch_id AS f FROM items WHERE url = ?').get(url) as { id: number; f: number };

    const back = a.findings.find((f) => f.kind === 'back-dated');
    expect(back, JSON.stringify(a.findings.map((f) => f.kind))).toBeDefined();
    const addedRow = item(added.url);
    expect(back!.itemId).toBe(addedRow.id);
    expect(back!.evidence).toEqual(expect.arrayContaining([...firstPages, addedRow.f]));
    expect(back!.detail.text).toContain(`标注发布日期 ${claimed}`);

    const re = a.findings.find((f) => f.kind === 're-dated');
    expect(re).toBeDefined();
    expect(re!.itemId).toBe(item(second.url).id);
    expect(re!.detail.text).toContain(`${oldDate} → ${moved}`);
    expect(re!.evidence).toHaveLength(2);
    expect(re!.evidence).toContain(firstPages[0]);
  }, 600_000);
});
