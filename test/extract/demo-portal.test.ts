import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, CHALLENGE_COOKIE, type DemoColumn, type DemoPortal, type DemoUnit } from '../../src/demo/index.ts';
import { challengeToken } from '../../src/demo/faults.ts';
import { decodeBody, extractDetail, extractList, extractListJson, isChallengePage, type ListItem } from '../../src/extract/index.ts';

/**
 * Extraction against the demo portal's generated truth: every template (TRS createPageHTML, hanweb jpage
 * datastore + data proxy, JSON API, 信息公开目录 table with ?page=N), every list date style, every detail
 * style, the GBK unit and the unit behind the 412 challenge. Pages are followed only through what
 * extraction reveals (nextPages, dataEndpoints), as the crawler will.
 */
const REF = '2026-06-15';
const SEED = 20260101;
let portal: DemoPortal;

beforeAll(async () => {
  portal = await startDemoPortal({ refDate: REF, seed: SEED, faults: false });
});
afterAll(async () => {
  await portal?.close();
});

async function get(url: string, unit: DemoUnit, clearance = true) {
  const headers: Record<string, string> = unit.challenge && clearance ? { cookie: `${CHALLENGE_COOKIE}=${challengeToken(SEED)}` } : {};
  const res = await fetch(url, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type');
  return { status: res.status, text: decodeBody(body, type).text, json: /json/i.test(type ?? '') };
}

/** Follows a column's pages through extraction alone; stops at a page that adds nothing (the trap). */
async function crawlColumn(unit: DemoUnit, col: DemoColumn): Promise<{ items: Map<string, ListItem>; pages: number }> {
  const items = new Map<string, ListItem>();
  const queue = [col.url];
  const seen = new Set<string>();
  let pages = 0;
  while (queue.length && pages < 40) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    pages++;
    const p = await get(url, unit);
    const r = p.json ? extractListJson(p.text, url, { refDay: REF }) : extractList(p.text, url, { refDay: REF });
    let fresh = 0;
    for (const it of r.items) if (!items.has(it.url)) (items.set(it.url, it), fresh++);
    if (pages > 1 && fresh === 0) continue;
    queue.push(...r.nextPages);
    // A JS-rendered shell: its JSON endpoint (visible in the script) is page 1 of the data.
    if (!r.items.length) for (const e of r.dataEndpoints ?? []) queue.push(e.endsWith('=') ? `${e}1` : e);
  }
  return { items, pages };
}

/** One column for each combination of template, list date style, detail style, encoding and challenge. */
function sample(): Array<{ unit: DemoUnit; col: DemoColumn }> {
  const picked = new Map<string, { unit: DemoUnit; col: DemoColumn }>();
  for (const unit of portal.truth.units) {
    for (const col of unit.columns) {
      if (col.robotsDisallowed || !col.items.length) continue;
      const key = [col.template, col.dateStyle, col.detailStyle, unit.encoding, unit.challenge, col.trap, col.items.some((i) => i.pinned)].join('/');
      if (!picked.has(key)) picked.set(key, { unit, col });
    }
  }
  return [...picked.values()];
}

describe('extraction over the demo portal', () => {
  it('covers every template, date style and detail style', () => {
    const cols = sample().map((s) => s.col);
    expect(new Set(cols.map((c) => c.template))).toEqual(new Set(['trs', 'hanweb', 'jsonjs', 'xxgk-table']));
    expect(new Set(cols.map((c) => c.dateStyle))).toEqual(new Set(['iso', 'slash', 'cn', 'md-bracket', 'fullwidth']));
    expect(new Set(cols.map((c) => c.detailStyle))).toEqual(new Set(['meta', 'table', 'label']));
  });

  it('finds every list item with its URL, title, date and 置顶 mark', { timeout: 300_000 }, async () => {
    const report: string[] = [];
    for (const { unit, col } of sample()) {
      const { items } = await crawlColumn(unit, col);
      const got = [...items.values()];
      const want = col.items.map((i) => ({ url: i.url, title: i.title, date: i.publishedAt, pinned: i.pinned }));
      const mismatch = want.filter((w) => {
        const g = items.get(w.url);
        return !g || g.title !== w.title || g.date !== w.date || g.pinned !== w.pinned;
      });
      if (mismatch.length || got.length !== want.length) {
        report.push(`${unit.id}/${col.slug} (${col.template}, ${col.dateStyle}): 应 ${want.length} 得 ${got.length}, 不符 ${mismatch.length}`);
      }
    }
    expect(report).toEqual([]);
  });

  it('reads every detail style: title, 发布日期, 成文日期, 索引号, 文号, 发布机构', { timeout: 300_000 }, async () => {
    const report: string[] = [];
    for (const { unit, col } of sample()) {
      for (const it of col.items.filter((i) => !i.dead).slice(0, 4)) {
        const r = extractDetail((await get(it.url, unit)).text, it.url);
        const want = {
          title: it.title,
          publishedAt: it.publishedAt,
          documentDate: it.documentDate,
          indexNo: it.indexNo ?? null,
          docNo: it.docNo ?? null,
          // Table pages name the 发布机构; the others only show 来源 / ContentSource.
          publisher: it.publisher ?? null,
        };
        const got = {
          title: r.title,
          publishedAt: r.publishedAt,
          documentDate: r.documentDate,
          indexNo: r.indexNo,
          docNo: r.docNo,
          publisher: col.detailStyle === 'table' ? r.publisher : r.source,
        };
        if (JSON.stringify(got) !== JSON.stringify(want)) report.push(`${it.url}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      }
    }
    expect(report).toEqual([]);
  });

  it('recognises the 412 challenge and the real page behind it', async () => {
    const unit = portal.truth.units.find((u) => u.challenge)!;
    const col = unit.columns.find((c) => c.items.length)!;
    const blocked = await get(col.url, unit, false);
    expect(blocked.status).toBe(412);
    expect(isChallengePage(blocked.status, blocked.text)).toBe(true);
    expect(isChallengePage(200, blocked.text)).toBe(true); // even if a proxy rewrote the status
    const cleared = await get(col.url, unit);
    expect(isChallengePage(cleared.status, cleared.text)).toBe(false);
  });
});
