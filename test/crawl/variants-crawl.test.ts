import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variantExpectation, type DemoColumn } from '../../src/demo/index.ts';
import { assessOptions, openRun } from '../../src/run/index.ts';
import { Assessor, type ColumnAssessment } from '../../src/assess/index.ts';
import { demoWorld, REF_DATE, type DemoWorld } from '../helpers/demo-crawl.ts';
import { shanghaiDay } from '../../src/shared/time.ts';

const FROM = '2026-01-01';
const asOf = shanghaiDay();

/**
 * The variant matrix (src/demo/variants/: CMS variants modelled on real sites, not on our extractor), crawled
 * as a first night: every column is read exactly, item by item, or says 需核对 with its reason; none is ever
 * 超期 or 空白 on a read that is not exact.
 */
describe('crawling the variant matrix', () => {
  let w: DemoWorld;
  let columns: Array<{ col: DemoColumn; assessed: ColumnAssessment }>;
  beforeAll(async () => {
    const probe = await demoWorld({ variants: true, faults: false });
    const ids = probe.portal.truth.units.filter((u) => u.columns.some((c) => c.variant)).map((u) => u.id);
    await probe.close();
    w = await demoWorld({ variants: true, faults: false, units: ids });
    await w.crawl();
    const a = new Assessor(w.db, { ...assessOptions(openRun(w.db, w.planPath), asOf), unitIds: ids });
    const byUrl = new Map(ids.flatMap((id) => a.unit(id).columns.map((c) => [c.column.url, c] as const)));
    columns = w.portal.truth.units.flatMap((u) => u.columns.filter((c) => c.variant).map((col) => ({ col, assessed: byUrl.get(col.url)! })));
  }, 240_000);
  afterAll(() => w.close());

  it('covers every family in three or more variants', () => {
    const variants = new Set(columns.map((c) => c.col.variant));
    for (const family of ['trs-', 'hanweb-', 'js-', 'ml-', 'single-']) expect([...variants].filter((v) => v!.startsWith(family)).length).toBeGreaterThanOrEqual(3);
  });

  it('reads each column exactly, item by item, or reports it 需核对 with a reason', () => {
    let exact = 0;
    let expectedItems = 0;
    let foundItems = 0;
    for (const { col, assessed } of columns) {
      const want = variantExpectation(col);
      const inPeriod = col.items.filter((i) => i.publishedAt >= FROM && i.publishedAt <= asOf);
      expectedItems += inPeriod.length;
      const got = new Map(assessed.items.map((i) => [i.url, i]));
      foundItems += inPeriod.filter((i) => got.has(i.url)).length;
      expect(assessed.column.layout, col.variant).toBe(want.layout);
      const read =
        assessed.items.length === inPeriod.length &&
        inPeriod.every((i) => got.get(i.url)?.publishedAt === i.publishedAt) &&
        assessed.latestPublished === want.latestPublished;
      if (!read) {
        expect(assessed.freshness.status, `${col.variant} read short must be 需核对`).toBe('review');
        expect(assessed.freshness.reviewReason).toBeTruthy();
        continue;
      }
      exact++;
      for (const i of inPeriod) {
        const g = got.get(i.url)!;
        // Titles as the list or the page states them in full (a list may cut them with …).
        expect(g.title.replace(/\.\.\.$|…$/, ''), col.variant).toBe(i.title.slice(0, g.title.replace(/\.\.\.$|…$/, '').length));
        if (i.documentDate) expect(g.documentDate, `${col.variant} 成文日期 of ${i.url}`).toBe(i.documentDate);
        // A row that links a file shows no 索引号 (its columns are 文号, 成文日期, 发布日期); elsewhere it is shown.
        if (i.indexNo && !/\.(pdf|docx?|ofd)$/.test(i.url)) expect(g.indexNo, `${col.variant} 索引号 of ${i.url}`).toBe(i.indexNo);
      }
    }
    // The bar: ≥ 99% of the year's items, and nearly every column exact.
    expect(foundItems / expectedItems).toBeGreaterThanOrEqual(0.99);
    expect(exact).toBe(columns.length);
  });

  it('never reports 超期 or 空白 on a column whose read is not exact, and keeps static columns off the browser', () => {
    expect(REF_DATE <= asOf).toBe(true);
    for (const { col, assessed } of columns) {
      if (assessed.freshness.status === 'stale' || assessed.freshness.status === 'blank') {
        const want = variantExpectation(col);
        expect(assessed.latestPublished, `${col.variant} judged ${assessed.freshness.status}`).toBe(want.latestPublished);
      }
      const learned = w.db.prepare('SELECT render_learned FROM columns WHERE url = ?').get(col.url) as { render_learned: string | null };
      // Only a list that scripts draw may need the browser; every other column stays on the cheap static path.
      if (!col.variant!.startsWith('js-')) expect(learned.render_learned, `${col.variant} render`).not.toBe('browser');
    }
  });
});
