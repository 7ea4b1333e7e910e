import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorld, REF_DATE, type DemoWorld } from '../helpers/demo-crawl.ts';
import { dbCrawlSink } from '../../src/store/index.ts';
import type { DemoColumn, DemoItem } from '../../src/demo/index.ts';

const pathOf = (url: string) => new URL(url).pathname;
/** The night's requests to the portal, channel checks (公开形式-2, /xmt/) left out: they are no column's cost. */
const columnRequests = (w: DemoWorld, from: number) => w.portal.requestLog.slice(from).filter((r) => !r.path.startsWith('/xmt/'));

describe('recrawling the demo portal fetches again only what has a reason to change', () => {
  let w: DemoWorld;
  let detailPaths: Set<string>;

  beforeAll(async () => {
    w = await demoWorld({ variants: true });
    await w.crawl();
    detailPaths = new Set((w.db.prepare('SELECT url FROM items').all() as Array<{ url: string }>).map((r) => pathOf(r.url)));
  }, 600_000);
  afterAll(() => w?.close());

  /** A listed item of an ordinary static column, with the column it is in. */
  function listed(skip: number): { unit: string; col: DemoColumn; item: DemoItem } {
    const found = w.portal.truth.units
      .filter((u) => !u.challenge && u.encoding === 'utf-8')
      .flatMap((u) => u.columns.filter((c) => c.template === 'trs' && !c.variant && !c.needsBrowser && !c.robotsDisallowed && !c.trap && c.faults.length === 0).map((col) => ({ unit: u.id, col })))
      .flatMap(({ unit, col }) => col.items.filter((i) => !i.dead && !i.pinned && i.publishedAt <= REF_DATE).slice(0, 1).map((item) => ({ unit, col, item })));
    return found[skip];
  }

  it('a second night of the unchanged portal asks for robots.txt and the list pages only: at most 1.05 requests per column', async () => {
    const before = w.portal.requestLog.length;
    const s = await w.crawl();
    const requests = columnRequests(w, before);
    const perColumn = requests.length / s.columns;
    console.log(`second crawl: ${requests.length} requests for ${s.columns} columns = ${perColumn.toFixed(3)} per column`);
    expect(perColumn).toBeLessThanOrEqual(1.05);
    expect(s.requestsPerColumn).toBeLessThanOrEqual(1.05);
    expect(requests.filter((r) => detailPaths.has(r.path))).toEqual([]);
    // The summary says where the requests went, and they add up.
    const t = s.traffic;
    expect(t.requestsFor).toMatchObject({ article: 0, file: 0, robots: 1 });
    expect(Object.values(t.requestsFor).reduce((a, b) => a + b, 0)).toBe(s.requests);
    // Besides robots.txt, only the columns' own pages (and the scripts of a list only a browser can draw).
    expect(t.requestsFor.list + t.requestsFor.subresource).toBe(requests.length - 1);
    // Conditional GETs: most list pages answer 304, and each 304 is kept as the evidence of the check.
    expect(t.notModified).toBe(w.portal.requestLog.slice(before).filter((r) => r.status === 304).length);
    expect(t.notModified).toBeGreaterThan(s.columns / 2);
    const kept = w.db.prepare('SELECT count(*) AS n FROM fetches WHERE run_id = ? AND status = 304').get(s.runId) as { n: number };
    expect(kept.n).toBe(t.notModified);
  }, 300_000);

  it('a changed list entry is fetched again, and an earlier failure is retried only once its backoff is over', async () => {
    const changed = listed(0);
    const waiting = listed(1);
    const due = listed(2);
    w.portal.mutate.setPublishedAt(changed.unit, changed.col.slug, changed.item.url, REF_DATE);
    const sink = dbCrawlSink(w.db);
    const idOf = (url: string) => (w.db.prepare('SELECT id FROM items WHERE url = ?').get(url) as { id: number }).id;
    // Two items never read yet: one failed last night (its first retry waits a night), one three nights ago (due).
    const failedAt = (item: DemoItem, at: number) => {
      w.db.prepare(`UPDATE items SET detail_status = 'pending' WHERE id = ?`).run(idOf(item.url));
      sink.markDetail(idOf(item.url), 'failed', null, new Date(at).toISOString());
    };
    failedAt(waiting.item, Date.now());
    failedAt(due.item, Date.now() - 3 * 86_400_000);

    const before = w.portal.requestLog.length;
    const s = await w.crawl();
    const asked = (item: DemoItem) => w.portal.requestLog.slice(before).filter((r) => r.path === pathOf(item.url));
    expect(asked(changed.item)).toHaveLength(1);
    // Checked conditionally, with the validators of the page as stored.
    expect(asked(changed.item)[0].ifNoneMatch).toMatch(/^"/);
    expect(asked(waiting.item)).toEqual([]);
    expect(asked(due.item)).toHaveLength(1);
    expect(s.traffic.requestsFor.article).toBe(2);
    const row = (url: string) => w.db.prepare('SELECT detail_status AS status, detail_recheck AS recheck, detail_failures AS failures, published_at AS published FROM items WHERE url = ?').get(url);
    expect(row(changed.item.url)).toEqual({ status: 'ok', recheck: 0, failures: 0, published: REF_DATE });
    expect(row(due.item.url)).toMatchObject({ status: 'ok', recheck: 0, failures: 0 });
    expect(row(waiting.item.url)).toMatchObject({ status: 'failed', failures: 1 });
  }, 300_000);

  it('a full run checks every listed detail again, conditionally: unchanged pages answer 304 and stay as they were', async () => {
    const stored = w.db.prepare(`SELECT count(*) AS n FROM items WHERE detail_status = 'ok'`).get() as { n: number };
    // Failed and still waiting out its backoff: a full run retries it anyway, whole (there is nothing to compare with).
    const failed = (w.db.prepare(`SELECT url FROM items WHERE detail_status = 'failed'`).all() as Array<{ url: string }>).map((r) => pathOf(r.url));
    expect(failed).toHaveLength(1);
    const before = w.portal.requestLog.length;
    const s = await w.crawl('full');
    const details = w.portal.requestLog.slice(before).filter((r) => detailPaths.has(r.path));
    expect(details.length).toBeGreaterThan(stored.n / 2);
    expect(details.filter((r) => r.status === 304).length).toBeGreaterThan(details.length * 0.9);
    // A link found dead has no stored page to compare with either: it is asked for whole, and is dead still.
    const whole = details.filter((r) => r.ifNoneMatch === null && r.ifModifiedSince === null);
    expect(whole.filter((r) => r.status !== 404).map((r) => r.path)).toEqual(failed);
    expect(s.traffic.notModified).toBeGreaterThanOrEqual(details.filter((r) => r.status === 304).length);
    const after = w.db.prepare(`SELECT count(*) AS n FROM items WHERE detail_status = 'ok' AND detail_recheck = 0`).get() as { n: number };
    expect(after.n).toBe(stored.n + 1);
  }, 600_000);
});
