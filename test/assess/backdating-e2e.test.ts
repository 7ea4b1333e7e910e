import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/shared/time.ts';
import { Assessor, runAssess } from '../../src/assess/index.ts';
import { assessOptions, openRun } from '../../src/run/index.ts';
import { columnState } from '../../src/web/columns.ts';
import { getColumn } from '../../src/store/columns.ts';
import { demoWorld, type DemoWorld } from '../helpers/demo-crawl.ts';

/**
 * DESIGN §2 back-dating, end to end: an item that appears after a crawl which read past its claimed date,
 * and an item whose claimed date changes between crawls, become findings citing the snapshots that prove them.
 */
describe('back-dated and re-dated items, crawled from the demo portal', () => {
  let w: DemoWorld;
  const today = shanghaiDay();
  type Finding = { kind: string; item_id: number; evidence_json: string; detail_json: string };
  const findings = (kind: string) => w.db.prepare(`SELECT kind, item_id, evidence_json, detail_json FROM findings WHERE kind = ? AND active = 1`).all(kind) as Finding[];
  const itemId = (url: string) => (w.db.prepare('SELECT id FROM items WHERE url = ?').get(url) as { id: number }).id;
  const listFetches = (runId: number, url: string) =>
    (w.db.prepare(`SELECT vf.fetch_id AS id FROM visit_fetches vf JOIN column_visits v ON v.id = vf.visit_id JOIN columns c ON c.id = v.column_id WHERE v.run_id = ? AND c.url = ?`).all(runId, url) as Array<{ id: number }>).map((r) => r.id);

  beforeAll(async () => {
    w = await demoWorld({ refDate: today, units: ['xinchang'], faults: false });
  }, 120_000);
  afterAll(() => w?.close());

  it('finds both, each citing the crawl that proves it', async () => {
    const unit = w.portal.truth.units.find((u) => u.id === 'xinchang')!;
    const news = unit.columns.find((c) => c.class === '动态要闻')!;
    const notices = unit.columns.find((c) => c.class === '通知公告')!;
    const first = await w.crawl();

    // A news item "published" two weeks ago that the first crawl, which read past that day, did not see.
    const claimed = addDays(today, -14);
    const othersOnClaimed = news.items.filter((i) => !i.pinned && i.publishedAt === claimed).length;
    const late = w.portal.mutate.addItem(unit.id, news.slug, { title: '新厂街道召开安全生产专题会议', publishedAt: claimed });
    // A notice whose date is moved three days later between the crawls.
    const moved = notices.items.find((i) => !i.pinned && !i.dead)!;
    const oldDate = moved.publishedAt;
    const newDate = addDays(oldDate, 3);
    w.portal.mutate.setPublishedAt(unit.id, notices.slug, moved.url, newDate);

    const second = await w.crawl();
    expect(second.itemsNew).toBe(1);
    runAssess(w.db, assessOptions(openRun(w.db, w.planPath), today));

    const back = findings('back-dated').filter((f) => f.item_id === itemId(late.url));
    expect(back).toHaveLength(1);
    const proof = JSON.parse(back[0].evidence_json) as number[];
    // The first night's list page, where the item was absent, and the second night's, where it appeared.
    expect(proof).toEqual(expect.arrayContaining([listFetches(first.runId, news.url)[0], listFetches(second.runId, news.url)[0]]));
    expect(JSON.parse(back[0].detail_json)).toMatchObject({ claimed });

    const re = findings('re-dated').filter((f) => f.item_id === itemId(moved.url));
    expect(re).toHaveLength(1);
    expect(JSON.parse(re[0].detail_json).changes).toEqual([expect.objectContaining({ from: oldDate, to: newDate })]);
    const reProof = JSON.parse(re[0].evidence_json) as number[];
    expect(reProof).toEqual(expect.arrayContaining([listFetches(first.runId, notices.url)[0], listFetches(second.runId, notices.url)[0]]));

    // Nothing else in the unit is called back-dated: every other item was there from the first crawl.
    expect(findings('back-dated')).toHaveLength(1);

    // The dashboard's timeline counts the back-dated item on the day the crawl proved it absent, as the
    // report does, not on the day it claims (both take it from the assessment).
    const opts = assessOptions(openRun(w.db, w.planPath), today);
    const column = getColumn(w.db, (w.db.prepare('SELECT id FROM columns WHERE url = ?').get(news.url) as { id: number }).id)!;
    const state = columnState(w.db, opts.rules, opts.period, column);
    const reported = new Assessor(w.db, opts).unit(unit.id).columns.find((c) => c.column.id === column.id)!;
    expect(state.fresh).toEqual(reported.freshness);
    expect(state.pubs).toContain(today);
    expect(state.pubs.includes(claimed)).toBe(othersOnClaimed > 0);
  }, 300_000);
});
