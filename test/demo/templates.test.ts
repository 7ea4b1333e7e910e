import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoColumn, type DemoPortal } from '../../src/demo/index.ts';
import { column, detailHrefs, get, REF_DATE, SEED } from './helpers.ts';

let portal: DemoPortal;
beforeAll(async () => {
  portal = await startDemoPortal({ seed: SEED, refDate: REF_DATE, faults: false });
});
afterAll(() => portal.close());

const urls = (c: DemoColumn) => c.items.map((i) => i.url);

describe('demo portal serves its truth', () => {
  it('index and unit pages link units and columns by name', async () => {
    const index = await get(portal.indexUrl);
    for (const u of portal.truth.units) expect(index.text).toContain(`>${u.name}</a>`);
    const unit = portal.truth.units.find((u) => u.id === 'fgw')!;
    const page = await get(unit.url);
    for (const c of unit.columns) expect(page.text).toContain(`<a href="${new URL(c.url).pathname}">${c.name}</a>`);
  });

  it('TRS list: createPageHTML pages hold every item with its date, pinned first', async () => {
    const col = column(portal.truth, 'czj', 'tzgg');
    const first = await get(col.url);
    const count = Number(first.text.match(/createPageHTML\((\d+), 0, "index", "html"\)/)![1]);
    expect(count).toBe(Math.ceil(col.items.length / 15));
    expect(first.text).toMatch(/<meta name="ColumnName" content="通知公告">/);
    const seen: string[] = [];
    const dates: string[] = [];
    for (let n = 0; n < count; n++) {
      const page = n === 0 ? first : await get(new URL(`index_${n}.html`, col.url).href);
      expect(page.status).toBe(200);
      seen.push(...detailHrefs(page.text, col.url, /\/t\d{8}_\d+\.html$/));
      dates.push(...[...page.text.matchAll(/<span class="date">([^<]+)<\/span>/g)].map((m) => m[1]));
    }
    expect(seen).toEqual(urls(col));
    expect(dates).toEqual(col.items.map((i) => i.publishedAt));
    expect((await get(new URL(`index_${count}.html`, col.url).href)).status).toBe(404);
    expect(first.text.match(/\[置顶\]<\/em><a href="([^"]+)"/g)).toHaveLength(col.items.filter((i) => i.pinned).length);
  });

  it('TRS list with [MM-DD] dates groups them under year headings', async () => {
    const col = column(portal.truth, 'xinchang', 'gzdt');
    const page = await get(col.url);
    const text = page.text.slice(page.text.indexOf('xxgk-list'));
    const first = col.items.find((i) => !i.pinned)!;
    const before = text.slice(0, text.indexOf(new URL(first.url).pathname.split('/').pop()!));
    expect(before).toContain(`<h4>${first.publishedAt.slice(0, 4)}年</h4>`);
    expect(text).toContain(`<span class="date">[${first.publishedAt.slice(5)}]</span>`);
  });

  it('Hanweb list: datastore records plus dataproxy groups cover every item', async () => {
    const col = column(portal.truth, 'rsj', 'gzdt');
    const page = await get(col.url);
    expect(page.text).toMatch(/<script type="text\/xml"><datastore>/);
    expect(page.text).toContain(`totalRecord:${col.items.length}`);
    const seen = detailHrefs(page.text.slice(0, page.text.indexOf('</datastore>')), col.url, /\/art\/\d{4}\/\d+\/\d+\/art_\d+_\d+\.html$/);
    let next = page.text.match(/<nextgroup><!\[CDATA\[<a href="([^"]+)"/)?.[1];
    while (next) {
      const group = await get(new URL(next, col.url).href);
      expect(group.status).toBe(200);
      seen.push(...detailHrefs(group.text, col.url, /\/art_\d+_\d+\.html$/));
      next = group.text.match(/<nextgroup><!\[CDATA\[<a href="([^"]+)"/)?.[1];
    }
    expect(seen).toEqual(urls(col));
  });

  it('JSON-rendered list: no items in the HTML, every item in the paged API', async () => {
    const col = column(portal.truth, 'wjw', 'gzdt');
    expect(col.needsBrowser).toBe(true);
    const shell = await get(col.url);
    expect(shell.text).not.toMatch(/\/art\/\d{4}\/art_/);
    const api = shell.text.match(/fetch\('([^']+)'/)![1];
    const seen: Array<{ url: string; pubDate: string }> = [];
    for (let p = 1; ; p++) {
      const res = await get(new URL(`${api}${p}&size=12`, col.url).href);
      const body = JSON.parse(res.text) as { data: { pages: number; list: Array<{ url: string; pubDate: string }> } };
      seen.push(...body.data.list);
      if (p >= body.data.pages) break;
    }
    expect(seen.map((s) => new URL(s.url, col.url).href)).toEqual(urls(col));
    const [y, m, d] = col.items[0].publishedAt.split('-');
    expect(seen[0].pubDate).toBe(`${y}/${Number(m)}/${Number(d)}`);
  });

  it('信息公开目录 table: ?page=N with 下一页 links, 索引号 and both dates per row', async () => {
    const col = column(portal.truth, 'fgw', 'zcwj');
    const seen: string[] = [];
    let url: string | undefined = col.url;
    let pages = 0;
    while (url) {
      const page = await get(url);
      pages++;
      expect(page.text).toContain('<th>索引号</th><th>名称</th><th>成文日期</th><th>发布日期</th>');
      seen.push(...detailHrefs(page.text, url, /content_\d+\.html$/));
      const next = page.text.match(/<a href="(\?page=\d+)">下一页<\/a>/)?.[1];
      url = next ? new URL(next, url).href : undefined;
    }
    expect(pages).toBe(Math.ceil(col.items.length / 15));
    expect(seen).toEqual(urls(col));
    const first = await get(col.url);
    const item = col.items[0];
    expect(first.text).toContain(`<td class="syh">${item.indexNo}</td>`);
    expect(first.text).toContain(`<td class="fbrq">${item.publishedAt}</td>`);
  });

  it('detail pages: meta tags, header table or labelled text, each with decoy dates', async () => {
    const meta = column(portal.truth, 'jyj', 'gzdt').items.find((i) => !i.pinned)!;
    const m = await get(meta.url);
    expect(m.text).toContain(`<meta name="PubDate" content="${meta.publishedAt} ${meta.publishedTime}">`);
    expect(m.text).toContain(`<meta name="ArticleTitle" content="${meta.title}">`);
    const maketime = m.text.match(/<meta name="Maketime" content="(\d{4}-\d{2}-\d{2})/)![1];
    expect(maketime).not.toBe(meta.publishedAt);

    const table = column(portal.truth, 'czj', 'zcwj').items.find((i) => i.documentDate)!;
    const t = await get(table.url);
    const cn = (d: string, pad: boolean) => {
      const [y, mo, da] = d.split('-');
      return pad ? `${y}年${mo}月${da}日` : `${y}年${Number(mo)}月${Number(da)}日`;
    };
    expect(t.text).toContain(`<td class="label">发布日期：</td><td>${cn(table.publishedAt, true)}</td>`);
    expect(t.text).toContain(`<td class="label">成文日期：</td><td>${cn(table.documentDate!, false)}</td>`);
    expect(t.text).toContain(`<td>${table.indexNo}</td>`);
    expect(t.text).toContain(`<td>${table.docNo}</td>`);
    expect(t.text).not.toContain('name="PubDate"');

    const labelled = column(portal.truth, 'fgw', 'xmjs').items;
    const label = labelled.find((i) => i.id % 9 !== 0 && i.id % 4 === 3)!;
    const l = await get(label.url);
    expect(l.text).toContain(`发布时间：${label.publishedAt} ${label.publishedTime}`);
    expect(l.text).not.toContain('name="PubDate"');
    const dotted = labelled.find((i) => i.id % 9 !== 0 && i.id % 4 === 1)!;
    expect((await get(dotted.url)).text).toContain(`发布日期：${dotted.publishedAt.replace(/-/g, '.')}`);
    const wide = labelled.find((i) => i.id % 9 === 0)!;
    const digits = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await get(wide.url)).text).toContain(`发布时间：${digits(wide.publishedAt)} ${digits(wide.publishedTime)}`);

    for (const page of [m.text, t.text, l.text]) {
      const body = page.slice(page.indexOf('<div class="content"'));
      const dates = [...body.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日|（(\d{4}-\d{2}-\d{2})）/g)];
      expect(dates.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('dead detail links answer 404 while still listed', async () => {
    const col = column(portal.truth, 'rsj', 'tzgg');
    const dead = col.items.filter((i) => i.dead);
    expect(dead).toHaveLength(3);
    const list = await get(col.url);
    for (const d of dead) {
      expect(list.text).toContain(new URL(d.url).pathname);
      expect((await get(d.url)).status).toBe(404);
    }
  });

  it('a blank column lists nothing', async () => {
    const col = column(portal.truth, 'shishibu', 'rsxx');
    expect(col.items).toHaveLength(0);
    const page = await get(col.url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('暂无信息');
    expect(page.text).not.toMatch(/<span class="date">/);
  });
});
