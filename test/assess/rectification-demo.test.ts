import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/shared/time.ts';
import { decideRectification, issueRectifications, submitRectification } from '../../src/assess/index.ts';
import { openRun, runAssess } from '../../src/run/index.ts';
import { getRectification } from '../../src/store/rectifications.ts';
import { demoWorld, type DemoWorld } from '../helpers/demo-crawl.ts';

/**
 * 第十一条's loop on the demo portal with real crawls: a 动态 column that stopped updating is found stale, sent for
 * 整改, planned and reported by the unit and accepted by the office; it stays open while the crawl still finds the
 * column stale, and the night after the unit publishes again the crawl closes it.
 */
describe('整改 closed by a later crawl of the demo portal', () => {
  let w: DemoWorld;
  const today = shanghaiDay();
  beforeAll(async () => {
    w = await demoWorld({ refDate: today, units: ['xinchang'], faults: false });
  }, 120_000);
  afterAll(() => w?.close());

  it('a stale column: issued, planned, reported, accepted, waits for the crawl, closed after the unit publishes', async () => {
    const unit = w.portal.truth.units.find((u) => u.id === 'xinchang')!;
    const news = unit.columns.find((c) => c.class === '动态要闻')!;
    // The column's last update moved three weeks back: 动态 allows two.
    const lastUpdate = addDays(today, -21);
    for (const it of news.items.filter((i) => i.publishedAt > lastUpdate)) w.portal.mutate.setPublishedAt(unit.id, news.slug, it.url, lastUpdate);

    await w.crawl();
    runAssess(openRun(w.db, w.planPath), today);
    const columnId = (w.db.prepare('SELECT id FROM columns WHERE url = ?').get(news.url) as { id: number }).id;
    const stale = w.db.prepare("SELECT id, detail_json FROM findings WHERE kind = 'stale-episode' AND column_id = ? AND active = 1").all(columnId) as Array<{ id: number; detail_json: string }>;
    const ongoing = stale.filter((f) => typeof JSON.parse(f.detail_json).to !== 'string');
    expect(ongoing).toHaveLength(1);

    const { issued } = issueRectifications(w.db, openRun(w.db, w.planPath).rules, { findingIds: [ongoing[0].id], deadline: addDays(today, 20), note: null, userId: null, today });
    expect(issued).toHaveLength(1);
    const id = issued[0];
    const step = (kind: 'plan' | 'report') => {
      submitRectification(w.db, { rectificationId: id, kind, body: '恢复每周更新工作动态，明确责任人', files: [], userId: null, today });
      return decideRectification(w.db, { rectificationId: id, outcome: 'accepted', reason: null, userId: null });
    };
    expect(step('plan')).toBe('in-progress');
    expect(step('report')).toBe('verifying');

    // The unit says it is fixed, but the column is still stale: the next night keeps the 整改 open.
    await w.crawl();
    expect(runAssess(openRun(w.db, w.planPath), today).fixes.rectified).toBe(0);
    expect(getRectification(w.db, id)!.status).toBe('verifying');

    // The unit publishes; the next crawl reads it and the assessment closes the 整改.
    w.portal.mutate.addItem(unit.id, news.slug, { title: '新厂街道开展文明城市创建工作', publishedAt: today });
    const night = await w.crawl();
    expect(night.itemsNew).toBe(1);
    expect(runAssess(openRun(w.db, w.planPath), today).fixes.rectified).toBe(1);
    expect(getRectification(w.db, id)!.status).toBe('rectified');
    // The stretch now ends the day before the new post.
    expect(JSON.parse((w.db.prepare('SELECT detail_json FROM findings WHERE id = ?').get(ongoing[0].id) as { detail_json: string }).detail_json).to).toBe(addDays(today, -1));
  }, 300_000);
});
