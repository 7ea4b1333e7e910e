import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorld, expected, stored, REF_DATE, type DemoWorld } from '../helpers/demo-crawl.ts';
import type { DemoColumn } from '../../src/demo/index.ts';

const FROM = '2026-01-01';

// A plan that says `render: browser` for the lists a script draws: the browser reads each one whole on the first
// night, and the data request that filled it serves the later nights over HTTP while it answers the same.
describe('a column the plan renders in a browser', () => {
  let w: DemoWorld;
  let drawn: DemoColumn[];
  let firstRun: number;

  const fetchesOf = (runId: number, url: string) =>
    w.db.prepare('SELECT fetcher, url FROM fetches WHERE run_id = ? AND url = ?').all(runId, url) as Array<{ fetcher: string; url: string }>;
  const sourceOf = (col: DemoColumn) => (w.db.prepare('SELECT list_source AS s FROM columns WHERE url = ?').get(col.url) as { s: string | null }).s;
  const expectRead = (col: DemoColumn) => {
    const exp = expected(col, FROM, REF_DATE);
    const got = stored(w.db, col.url, FROM, REF_DATE);
    expect(got.items.map((i) => i.url).sort(), col.url).toEqual(exp.inPeriod.map((i) => i.url).sort());
    expect(got.latestPublished, col.url).toBe(exp.latestPublished);
    expect(got.visit).toMatchObject({ outcome: 'ok', coverage: 'complete' });
  };

  beforeAll(async () => {
    w = await demoWorld({ variants: true, units: ['fgw', 'wjw', 'wglj', 'jyj'], forceBrowser: true });
    drawn = w.portal.truth.units.filter((u) => ['fgw', 'wjw', 'wglj'].includes(u.id)).flatMap((u) => u.columns.filter((c) => c.needsBrowser));
    firstRun = (await w.crawl()).runId;
  }, 600_000);
  afterAll(() => w?.close());

  it('is rendered on the first night, read whole, and its list learnt from the data request the browser saw', () => {
    for (const col of drawn) {
      expect(fetchesOf(firstRun, col.url).map((f) => f.fetcher), col.url).toContain('browser');
      const source = sourceOf(col);
      if (source) expect(new URL(source).pathname, col.url).not.toBe(new URL(col.url).pathname);
      expectRead(col);
    }
    // One variant (TRS trt + avalon) writes its first page out and draws only the pager: no data request to learn.
    expect(drawn.filter((c) => sourceOf(c)).length).toBe(drawn.length - 1);
    expect(drawn.length).toBeGreaterThanOrEqual(5);
  });

  it('is read from that data request on the next night, conditionally, with no browser', async () => {
    const before = w.portal.requestLog.length;
    const s = await w.crawl();
    const learnt = drawn.filter((c) => sourceOf(c));
    // Only the column with nothing learnt is rendered again (its first page, which shows the newest items).
    expect(s.traffic.browserPages).toBe(drawn.length - learnt.length);
    expect(s.requestsPerColumn).toBeLessThanOrEqual(1.05);
    const asked = w.portal.requestLog.slice(before).map((r) => r.path);
    for (const col of learnt) {
      const source = new URL(sourceOf(col)!);
      expect(asked, col.url).not.toContain(new URL(col.url).pathname);
      expect(asked.filter((p) => p === source.pathname + source.search), col.url).toHaveLength(1);
      expectRead(col);
    }
  }, 300_000);

  it('is rendered again when the learnt request stops answering, and the request it then makes is learnt', async () => {
    const col = drawn.find((c) => sourceOf(c))!;
    const learnt = sourceOf(col);
    const gone = new URL('/api/column/gone?columnId=1', col.url).href;
    w.db.prepare('UPDATE columns SET list_source = ? WHERE url = ?').run(gone, col.url);
    const s = await w.crawl();
    expect(fetchesOf(s.runId, gone)).toHaveLength(1);
    expect(fetchesOf(s.runId, col.url).map((f) => f.fetcher)).toEqual(['browser']);
    expect(sourceOf(col)).toBe(learnt);
    expectRead(col);
  }, 300_000);
});

// Our browser failing is our fault: a night whose Chromium will not start concludes nothing about the lists that
// need it (retried the next night), and never reads them as unreachable or blank against the unit.
describe('a column the plan renders in a browser, on a night our browser will not start', () => {
  let w: DemoWorld;
  let saved: string | undefined;

  beforeAll(async () => {
    saved = process.env.ZWGK_CHROMIUM;
    process.env.ZWGK_CHROMIUM = '/nonexistent/chromium';
    w = await demoWorld({ variants: true, units: ['fgw'], forceBrowser: true });
  }, 120_000);
  afterAll(async () => {
    if (saved === undefined) delete process.env.ZWGK_CHROMIUM;
    else process.env.ZWGK_CHROMIUM = saved;
    await w?.close();
  });

  it('records the visit as ours, names the browser, and finds nothing against the unit', async () => {
    const s = await w.crawl();
    const drawn = w.portal.truth.units.find((u) => u.id === 'fgw')!.columns.filter((c) => c.needsBrowser);
    expect(drawn.length).toBeGreaterThan(0);
    for (const col of drawn) {
      const v = stored(w.db, col.url, FROM, REF_DATE).visit;
      expect(v, col.url).toMatchObject({ fault: 'auditor', outcome: null });
      expect(v?.error, col.url).toMatch(/无法启动 Chromium 浏览器（\/nonexistent\/chromium）.*不计为该单位的问题/);
    }
    expect(s.unfinished).toBe(drawn.length);
    expect(s.outcomes.unreachable).toBe(0);
    expect(s.outcomes.blank).toBe(0);
    // The unit's static columns are read as on any night.
    expect(s.outcomes.ok).toBe(s.columns - drawn.length);
  }, 300_000);
});
