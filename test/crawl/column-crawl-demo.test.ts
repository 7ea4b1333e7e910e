import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorld, expected, stored, REF_DATE, type DemoWorld } from '../helpers/demo-crawl.ts';
import { Assessor } from '../../src/assess/index.ts';
import { assessOptions, openRun } from '../../src/run/index.ts';
import { shanghaiDay } from '../../src/shared/time.ts';

const FROM = '2026-01-01';

describe('crawling the demo portal', () => {
  let w: DemoWorld;
  let first: Awaited<ReturnType<DemoWorld['crawl']>>;

  beforeAll(async () => {
    w = await demoWorld();
    first = await w.crawl();
  }, 600_000);
  afterAll(() => w?.close());

  it('reproduces every column’s items, newest date and 成文日期 for every template', () => {
    const templates = new Set<string>();
    for (const unit of w.portal.truth.units) {
      for (const col of unit.columns) {
        if (col.robotsDisallowed) continue;
        templates.add(col.template + (col.needsBrowser ? '+browser' : ''));
        const exp = expected(col, FROM, REF_DATE);
        const got = stored(w.db, col.url, FROM, REF_DATE);
        const where = `${unit.id}/${col.slug} (${col.template}${col.needsBrowser ? ', browser' : ''})`;
        expect(got.items.length, where).toBe(exp.itemCount);
        expect(got.latestPublished, where).toBe(exp.latestPublished);
        const byUrl = new Map(got.items.map((i) => [i.url, i]));
        for (const t of exp.inPeriod) {
          const g = byUrl.get(t.url);
          expect(g, `${where} ${t.url}`).toBeDefined();
          expect(g!.publishedAt, `${where} ${t.title}`).toBe(t.publishedAt);
          expect(!!g!.pinned, `${where} pinned ${t.title}`).toBe(t.pinned);
          if (t.dead) expect(g!.detailStatus, `${where} dead ${t.url}`).toBe('dead');
          else expect(g!.documentDate, `${where} 成文日期 ${t.title}`).toBe(t.documentDate);
        }
        expect(got.visit.outcome, where).toBe(col.items.length ? 'ok' : 'blank');
      }
    }
    expect([...templates].sort()).toEqual(expect.arrayContaining(['hanweb', 'jsonjs+browser', 'trs', 'trs+browser', 'xxgk-table']));
  });

  // A list a script draws needs the browser once; the data request that filled it then serves it over HTTP.
  it('reads script-drawn lists over HTTP from the data request the browser saw, and keeps every static column static', () => {
    for (const unit of w.portal.truth.units) {
      for (const col of unit.columns) {
        if (col.robotsDisallowed) continue;
        const row = w.db.prepare('SELECT list_source AS source, render_learned AS render FROM columns WHERE url = ?').get(col.url) as { source: string | null; render: string | null };
        const where = `${unit.id}/${col.slug} (${col.template})`;
        if (col.template === 'jsonjs') expect(row.source, where).toMatch(/\/api\/column\/list\?columnId=/);
        else expect(row, where).toEqual({ source: null, render: null });
      }
    }
  });

  it('never requests a path robots.txt disallows, and says the column was refused', () => {
    const refused = w.portal.truth.units.flatMap((u) => u.columns.filter((c) => c.robotsDisallowed));
    expect(refused.length).toBeGreaterThan(0);
    for (const col of refused) {
      const dir = new URL(col.url).pathname.replace(/[^/]*$/, '');
      expect(w.portal.requestLog.filter((r) => r.path.startsWith(dir))).toEqual([]);
      const got = stored(w.db, col.url, FROM, REF_DATE);
      // The rest of the portal answered: the refusal is the unit's (禁止巡检), not a site that failed to answer.
      expect(got.visit).toMatchObject({ outcome: 'blocked', blocked_by: 'robots', fault: 'site' });
      expect(String(got.visit.error)).toMatch(/robots\.txt/);
    }
  });

  it('bounds a pagination trap', () => {
    const traps = w.portal.truth.units.flatMap((u) => u.columns.filter((c) => c.trap));
    expect(traps.length).toBeGreaterThan(0);
    for (const col of traps) {
      const got = stored(w.db, col.url, FROM, REF_DATE);
      const dir = new URL(col.url).pathname.replace(/[^/]*$/, '');
      const listRequests = w.portal.requestLog.filter((r) => r.path.startsWith(dir) && /index(_\d+)?\.html/.test(r.path));
      expect(listRequests.length).toBeLessThanOrEqual(50 + 5);
      expect(got.items.length).toBe(expected(col, FROM, REF_DATE).itemCount);
    }
  });

  it('checks every unit’s other carriers (公开形式-2), keeps each answer as evidence, and lays them out for the assessor', () => {
    const truth = w.portal.truth.units.flatMap((u) => u.channels.map((c) => ({ unit: u.id, url: c.url, reachable: c.reachable ? 1 : 0 })));
    expect(truth.filter((c) => !c.reachable)).toHaveLength(1);
    const rows = w.db
      .prepare(
        `SELECT cc.unit_id AS unit, cc.url, cc.reachable, cc.status, cc.error, f.status AS fetchStatus, f.body_sha256 AS sha
         FROM channel_checks cc JOIN fetches f ON f.id = cc.fetch_id WHERE cc.run_id = ? ORDER BY cc.url`,
      )
      .all(first.runId) as Array<{ unit: string; url: string; reachable: number; status: number; error: string | null; fetchStatus: number; sha: string | null }>;
    expect(rows.map(({ unit, url, reachable }) => ({ unit, url, reachable }))).toEqual([...truth].sort((a, b) => (a.url < b.url ? -1 : 1)));
    for (const r of rows) {
      expect(r.fetchStatus).toBe(r.status);
      expect(r.sha).toMatch(/^[0-9a-f]{64}$/);
    }
    const dead = rows.find((r) => !r.reachable)!;
    expect(dead).toMatchObject({ status: 404, error: '站点返回 HTTP 404。' });
    expect(first.channels).toEqual({ checked: truth.length, unreachable: 1, requests: truth.length });

    const today = shanghaiDay();
    const assessor = new Assessor(w.db, assessOptions(openRun(w.db, w.planPath), today));
    const deadUnit = w.portal.truth.units.find((u) => u.channels.some((c) => !c.reachable))!;
    const item = assessor.unit(deadUnit.id).suggestions.find((s) => s.code === '公开形式-2')!;
    expect(item.suggested).toBeNull();
    for (const c of deadUnit.channels) expect(item.basis).toContain(c.name);
    expect(item.basis).toContain(`最近一次 ${today} 无法访问（站点返回 HTTP 404）`);
    expect(item.basis).toContain(`最近一次 ${today} 可访问`);
    expect(item.evidence).toHaveLength(deadUnit.channels.length);
  });

  it('a second crawl of the unchanged portal costs at most 1.2 requests per column', async () => {
    const before = w.portal.requestLog.length;
    const second = await w.crawl();
    // The night's channel checks (公开形式-2) are one request per carrier, not part of any column's cost.
    const requests = w.portal.requestLog.slice(before).filter((r) => !r.path.startsWith('/xmt/')).length;
    const perColumn = requests / second.columns;
    console.log(`second crawl: ${requests} requests for ${second.columns} columns = ${perColumn.toFixed(2)} per column (first crawl: ${first.requests})`);
    expect(second.itemsNew).toBe(0);
    expect(perColumn).toBeLessThanOrEqual(1.2);
    // Channels answered last night: tonight's checks are conditional, and a 304 counts as reachable.
    const checks = w.db.prepare('SELECT status, reachable FROM channel_checks WHERE run_id = ? ORDER BY status').all(second.runId);
    const reachable = w.portal.truth.units.flatMap((u) => u.channels).filter((c) => c.reachable).length;
    expect(checks).toEqual([...Array.from({ length: reachable }, () => ({ status: 304, reachable: 1 })), { status: 404, reachable: 0 }]);
  }, 300_000);

  it('a later crawl finds a new item with its detail, and reads nothing else again', async () => {
    const unit = w.portal.truth.units.find((u) => !u.challenge && u.encoding === 'utf-8')!;
    const col = unit.columns.find((c) => c.template === 'trs' && c.items.length > 0 && !c.robotsDisallowed && !c.trap)!;
    const added = w.portal.mutate.addItem(unit.id, col.slug, { title: '关于开展2026年冬季安全生产大检查的通知', publishedAt: REF_DATE, documentDate: '2026-11-18' });
    const before = w.portal.requestLog.length;
    const r = await w.crawl();
    expect(r.itemsNew).toBe(1);
    const row = w.db.prepare('SELECT published_at AS p, document_date AS d, detail_status AS s FROM items WHERE url = ?').get(added.url);
    expect(row).toEqual({ p: REF_DATE, d: '2026-11-18', s: 'ok' });
    expect(w.portal.requestLog.slice(before).filter((e) => e.path === new URL(added.url).pathname)).toHaveLength(1);
  }, 300_000);
});
