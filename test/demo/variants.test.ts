import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, variantExpectation, type DemoColumn, type DemoPortal, type VariantId } from '../../src/demo/index.ts';
import { get, REF_DATE, SEED } from './helpers.ts';

/**
 * The variant portal serves what its truth says. Each variant is read with its own small regexes (what its
 * real site's markup looks like), never with our extractor.
 */
let portal: DemoPortal;
beforeAll(async () => {
  portal = await startDemoPortal({ seed: SEED, refDate: REF_DATE, faults: false, variants: true });
});
afterAll(() => portal.close());

function variant(v: VariantId): DemoColumn {
  const c = portal.truth.units.flatMap((u) => u.columns).find((x) => x.variant === v);
  if (!c) throw new Error(`no column of variant ${v}`);
  return c;
}
const abs = (href: string, base: string) => new URL(href.replace(/&amp;/g, '&'), base).href;
const truthRows = (c: DemoColumn) => c.items.map((i) => ({ url: i.url, title: i.title, date: i.publishedAt }));
type Row = { url: string; title: string; date: string };
const rowsOf = (text: string, re: RegExp, base: string, order: [number, number, number] = [1, 2, 3]): Row[] =>
  [...text.matchAll(re)].map((m) => ({ url: abs(m[order[0]], base), title: unescape(m[order[1]]), date: m[order[2]] }));
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** Reads pages until `next` gives no further URL. */
async function readAll(first: string, read: (text: string, url: string) => Row[], next: (text: string, url: string, n: number) => string | null): Promise<Row[]> {
  const out: Row[] = [];
  let url: string | null = first;
  for (let n = 0; url && n < 100; n++) {
    const page = await get(url);
    expect(page.status, url).toBe(200);
    out.push(...read(page.text, url));
    url = next(page.text, url, n);
  }
  return out;
}

describe('variant portal', () => {
  it('has every family in at least three variants, plus single-page columns, all listed on the index', async () => {
    const variants = portal.truth.units.flatMap((u) => u.columns).map((c) => c.variant).filter(Boolean) as string[];
    for (const family of ['trs-', 'hanweb-', 'js-', 'ml-', 'single-']) expect(variants.filter((v) => v.startsWith(family)).length).toBeGreaterThanOrEqual(3);
    // Every list spans several pages (a year of items and more), so every pager form is exercised.
    for (const c of portal.truth.units.flatMap((u) => u.columns).filter((x) => x.layout === 'list')) expect(c.items.length, c.variant).toBeGreaterThan(20);
    const index = await get(portal.indexUrl);
    for (const u of portal.truth.units) expect(index.text).toContain(`>${u.name}</a>`);
  });

  it('leaves the base portal’s truth unchanged', async () => {
    const base = await startDemoPortal({ seed: SEED, refDate: REF_DATE, faults: false });
    try {
      const strip = (p: DemoPortal, units: DemoPortal['truth']['units']) => JSON.stringify(units).replaceAll(p.baseUrl, '');
      expect(strip(portal, portal.truth.units.slice(0, base.truth.units.length))).toBe(strip(base, base.truth.units));
      expect(portal.truth.units.slice(base.truth.units.length).every((u) => u.columns.every((c) => c.variant))).toBe(true);
    } finally {
      await base.close();
    }
  });

  it('TRS page_div: createPageHTML(\'page_div\', count, cur from 1, …, records); index_k.shtml for k ≥ 2', async () => {
    const col = variant('trs-pagediv');
    const rows = await readAll(
      col.url,
      (t, u) => rowsOf(t, /<td class="info"><a class="list" href="([^"]+)"[^>]*title="([^"]+)">[^<]*<\/a><\/td><td class="time">([\d-]+)<\/td>/g, u),
      (t, _u, n) => {
        const m = t.match(/createPageHTML\('page_div',(\d+), (\d+),'index','shtml',(\d+)\)/)!;
        expect(Number(m[2])).toBe(n + 1);
        expect(Number(m[3])).toBe(col.items.length);
        return Number(m[2]) < Number(m[1]) ? new URL(`index_${n + 2}.shtml`, col.url).href : null;
      },
    );
    expect(rows).toEqual(truthRows(col));
    expect((await get(new URL('index_1.shtml', col.url).href)).status).toBe(404);
    expect((await get(col.items[0].url)).status).toBe(200);
    expect((await get(new URL('/images/page_div.js', col.url).href)).text).toContain('下一页');
  });

  it('TRS countPage variable: var countPage = N; createPageHTML(countPage, currentPage, "index", "htm")', async () => {
    const col = variant('trs-countpage');
    const rows = await readAll(
      col.url,
      (t, u) => rowsOf(t, /<li><a href="([^"]+)" target="_blank">([^<]+)<\/a><span>([\d-]+)<\/span><\/li>/g, u),
      (t, _u, n) => {
        const count = Number(t.match(/var countPage = (\d+)\/\/共多少页/)![1]);
        expect(t).toContain(`var currentPage = ${n}//当前页`);
        expect(t).toContain('createPageHTML(countPage, currentPage, "index", "htm");');
        return n + 1 < count ? new URL(`index_${n + 1}.htm`, col.url).href : null;
      },
    );
    expect(rows).toEqual(truthRows(col));
    expect(col.items.every((i) => /\/\d{6}\/t\d{8}_\d+\.htm$/.test(i.url))).toBe(true);
  });

  it('TRS table rows (宜春): <TR> per item, GroupBlankLine every five rows', async () => {
    const col = variant('trs-table');
    const first = await get(col.url);
    expect(first.text.match(/class="GroupBlankLine"/g)).toHaveLength(4);
    const rows = await readAll(
      col.url,
      (t, u) => rowsOf(t, /<A style="font-size:14px;" \nhref="([^"]+)">([^<]+)<\/A><\/TD>\n\s*<TD width="80"[^>]*>([\d-]+)<\/TD>/g, u),
      (t, _u, n) => {
        const count = Number(t.match(/createPageHTML\((\d+), \d+, "index", "html"\)/)![1]);
        return n + 1 < count ? new URL(`index_${n + 1}.html`, col.url).href : null;
      },
    );
    expect(rows).toEqual(truthRows(col));
  });

  const hanwebRecord = {
    'hanweb-newjpage': /<li><a href="([^"]+)" title='([^']+)' target="_blank">[^<]*<\/a><span>([\d-]+)<\/span><\/li>/g,
    'hanweb-jquery': /<li><span class="bt_time">([\d-]+)<\/span><a href="([^"]+)" title="([^"]+)" target="_blank">/g,
    'hanweb-double': /<a title='([^']+)' target="_blank" href="([^"]+)">[^<]*<\/a><span class="bt-list-time">([\d-]+)<\/span>/g,
  } as const;
  /** Capture groups of url, title, date in each record shape. */
  const ORDER: Record<keyof typeof hanwebRecord, [number, number, number]> = { 'hanweb-newjpage': [1, 2, 3], 'hanweb-jquery': [2, 3, 1], 'hanweb-double': [2, 1, 3] };
  const order = (v: keyof typeof hanwebRecord) => ORDER[v];

  it('Hanweb new Jpage: nested params, first group inline without <nextgroup>, the rest from dataproxy.jsp', async () => {
    const col = variant('hanweb-newjpage');
    const page = await get(col.url);
    const cfg = JSON.parse(page.text.match(/new Jpage\((\{.*\})\);/)![1]);
    expect(cfg).toMatchObject({ totalRecord: col.items.length, perPage: 15, groupSize: 3, proxyUrl: '/module/web/jpage/dataproxy.jsp' });
    expect(page.text).not.toContain('<nextgroup>');
    const rows = rowsOf(page.text, hanwebRecord['hanweb-newjpage'], col.url);
    expect(rows).toHaveLength(45);
    const group = cfg.perPage * cfg.groupSize;
    for (let start = group + 1; start <= cfg.totalRecord; start += group) {
      const q = new URLSearchParams({ startrecord: String(start), endrecord: String(start + group - 1), perpage: String(cfg.perPage) });
      const body = new URLSearchParams(Object.entries(cfg.params).map(([k, v]) => [k, String(v)]));
      const res = await get(abs(`${cfg.proxyUrl}?${q}`, col.url), { method: 'POST', body });
      rows.push(...rowsOf(res.text, hanwebRecord['hanweb-newjpage'], col.url));
    }
    expect(rows).toEqual(truthRows(col));
    // Without the unitid the constructor posts, jcms answers an empty datastore.
    const noUnit = await get(abs(`${cfg.proxyUrl}?startrecord=46&endrecord=90&perpage=15&columnid=${cfg.params.columnid}`, col.url));
    expect(noUnit.text).toContain('<totalrecord>0</totalrecord>');
  });

  it('Hanweb $(…).jpage and the 江苏 PC + mobile double datastore: every record once per datastore', async () => {
    for (const v of ['hanweb-jquery', 'hanweb-double'] as const) {
      const col = variant(v);
      const page = await get(col.url);
      const stores = [...page.text.matchAll(/<div id="(\d+)"><script type="text\/xml"><datastore>([\s\S]*?)<\/datastore><\/script>/g)];
      expect(stores).toHaveLength(v === 'hanweb-double' ? 2 : 1);
      for (const [, uid, store] of stores) {
        expect(page.text).toContain(`$('#${uid}').jpage({`);
        const rows = rowsOf(store, hanwebRecord[v], col.url, order(v));
        const perPage = Number(page.text.match(/perPage:(\d+)/)![1]);
        expect(rows).toHaveLength(perPage * 3);
        const proxy = page.text.match(/proxyUrl:'([^']+)'/)![1];
        for (let start = rows.length + 1; start <= col.items.length; start += perPage * 3) {
          const q = `startrecord=${start}&endrecord=${start + perPage * 3 - 1}&perpage=${perPage}&columnid=${new URL(col.url).pathname.match(/col(\d+)/)![1]}&unitid=${uid}`;
          rows.push(...rowsOf((await get(abs(`${proxy}?${q}`, col.url))).text, hanwebRecord[v], col.url, order(v)));
        }
        expect(rows, `${v} ${uid}`).toEqual(truthRows(col));
      }
    }
  });

  it('JS list with a top bar: an empty <ul id="list">, today’s date and 网站首页 in the chrome, items from the JSON API', async () => {
    const col = variant('js-topbar');
    const page = await get(col.url);
    expect(page.text).toContain('<ul id="list" class="list"></ul>');
    expect(page.text).toMatch(/今天是：\d{4}年\d{1,2}月\d{1,2}日 星期[日一二三四五六]/);
    expect(page.text).toContain('<a href="/">网站首页</a>');
    const api = page.text.match(/fetch\('([^']+)'/)![1];
    const rows: Row[] = [];
    for (let p = 1; ; p++) {
      const res = JSON.parse((await get(abs(`${api}${p}&pageSize=15`, col.url))).text);
      rows.push(...res.data.rows.map((r: { link: string; title: string; publishTime: string }) => ({ url: abs(r.link, col.url), title: r.title, date: r.publishTime.slice(0, 10) })));
      if (p * res.data.pageSize >= res.data.total) break;
    }
    expect(rows).toEqual(truthRows(col));
  });

  it('jpaas unit API: the list is an HTML fragment in data.html, titles cut with the full one in title', async () => {
    const col = variant('js-jpaas');
    const page = await get(col.url);
    const tag = page.text.match(/url="([^"]+)" queryData="([^"]+)"/)!;
    const query = JSON.parse(tag[2].replace(/'/g, '"'));
    const rows: Row[] = [];
    for (let p = 1; ; p++) {
      const q = new URLSearchParams({ ...query, paramJson: JSON.stringify({ pageNo: p, pageSize: 15 }) });
      const res = JSON.parse((await get(abs(`${tag[1]}?${q}`, col.url))).text);
      rows.push(...rowsOf(res.data.html, /<a class="bt-left" title="([^"]+)" href="([^"]+)"[^>]*>[^<]*<\/a><span class="bt-right">([\d-]+)<\/span>/g, col.url, [2, 1, 3]));
      if (Number(res.data.html.match(/default_pgTotalPage">(\d+)/)[1]) <= p) break;
    }
    expect(rows).toEqual(truthRows(col));
  });

  it('TRS trt + avalon: static pages up to maxStaticIndex, the rest only through the search API', async () => {
    const col = variant('js-avalon');
    const page = await get(col.url);
    const info = page.text.match(/maxStaticIndex: (\d+), classsql: "chnlid=(\d+)", recordCount: '(\d+)'/)!;
    expect(Number(info[3])).toBe(col.items.length);
    expect(page.text).toContain('<li ms-repeat="list">');
    const re = /<a href="([^"]+)" target="_blank" title="([^"]+)">[^<]*<\/a>\s*<em id="rel_\d+"><\/em>\s*<span class="bf-pass">([\d-]+)<\/span>/g;
    const rows = await readAll(col.url, (t, u) => rowsOf(t, re, u), (_t, _u, n) => (n + 1 < Number(info[1]) ? new URL(`index_${n + 1}.htm`, col.url).href : null));
    expect((await get(new URL(`index_${info[1]}.htm`, col.url).href)).status).toBe(404);
    for (let p = Number(info[1]) + 1; (p - 1) * 15 < col.items.length; p++) {
      const res = JSON.parse((await get(abs(`/fjdzapp/search?channelid=${info[2]}&page=${p}&prepage=15`, col.url))).text);
      rows.push(...res.data.docs.map((d: { url: string; title: string; docreltime: string }) => ({ url: abs(d.url, col.url), title: d.title, date: d.docreltime.slice(0, 10) })));
    }
    expect(rows).toEqual(truthRows(col));
  });

  it('目录 with columns 索引号/文号/名称/成文日期/发布日期: every row’s fields match the truth', async () => {
    const col = variant('ml-reorder');
    const cells: string[][] = [];
    await readAll(
      col.url,
      (t) => {
        cells.push(...[...t.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><td class="tl"><a href="([^"]+)"[^>]*>([^<]+)<\/a><\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1)));
        return [];
      },
      (t, u) => (t.match(/<a href="([^"]+)">下一页<\/a>/) ? abs(t.match(/<a href="([^"]+)">下一页<\/a>/)![1], u) : null),
    );
    expect(cells.map(([indexNo, docNo, href, title, doc, pub]) => ({ indexNo, docNo, url: abs(href, col.url), title: unescape(title), doc, pub }))).toEqual(
      col.items.map((i) => ({ indexNo: i.indexNo, docNo: i.docNo, url: i.url, title: i.title, doc: i.documentDate ?? '', pub: i.publishedAt })),
    );
  });

  it('目录 rows linking PDF/DOC/OFD files: dates only in the row, files served with their types', async () => {
    const col = variant('ml-files');
    const rows = await readAll(
      col.url,
      (t, u) => rowsOf(t, /<a href="([^"]+)" target="_blank">([^<]+)\.(?:pdf|doc|ofd)<\/a><\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>([\d-]+)<\/td>/g, u),
      (t, u) => (t.match(/<a href="(\?page=\d+)">下一页<\/a>/) ? abs(t.match(/<a href="(\?page=\d+)">下一页<\/a>/)![1], u) : null),
    );
    expect(rows).toEqual(truthRows(col));
    const types = new Set<string>();
    for (const i of col.items.slice(0, 3)) {
      const file = await get(i.url);
      expect(file.status).toBe(200);
      types.add(file.headers.get('content-type')!.split(';')[0]);
    }
    expect([...types].sort()).toEqual(['application/msword', 'application/ofd', 'application/pdf']);
  });

  it('ul 目录 with labelled spans: 生成日期 is the 成文日期, 发布日期 the publication date', async () => {
    const col = variant('ml-ul');
    const cn = (d: string | null) => (d ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日` : '');
    const seen: Array<Record<string, string>> = [];
    await readAll(
      col.url,
      (t, u) => {
        for (const m of t.matchAll(/<a class="ml-tit" href="([^"]+)"[^>]*>[^<]*<\/a>\s*<p class="ml-info"><span>索引号：([^<]*)<\/span><span>文件编号：([^<]*)<\/span><span>生成日期：([^<]*)<\/span><span>发布日期：([^<]*)<\/span>/g)) {
          seen.push({ url: abs(m[1], u), indexNo: m[2], docNo: m[3], doc: m[4], pub: m[5] });
        }
        return [];
      },
      (t, u) => (t.match(/<a href="(\?page=\d+)">下一页<\/a>/) ? abs(t.match(/<a href="(\?page=\d+)">下一页<\/a>/)![1], u) : null),
    );
    expect(seen).toEqual(col.items.map((i) => ({ url: i.url, indexNo: i.indexNo ?? '', docNo: i.docNo ?? '', doc: cn(i.documentDate), pub: cn(i.publishedAt) })));
  });

  it('single-page columns: the URL is one article with its own date, no list; the expectation says so', async () => {
    const labels: Record<string, (d: string) => string> = {
      'single-trs': (d) => `发布日期：${d}`,
      'single-hanweb': (d) => `更新日期：${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`,
      'single-jpaas': (d) => `<td>发布时间</td><td>${d} 10:00</td>`,
    };
    for (const [v, label] of Object.entries(labels)) {
      const col = variant(v as VariantId);
      expect(col.items).toEqual([]);
      expect(variantExpectation(col)).toEqual({ layout: 'single', itemCount: 0, latestPublished: col.pageDate });
      const page = await get(col.url);
      expect(page.status).toBe(200);
      expect(page.text, v).toContain(label(col.pageDate!));
    }
    expect(variantExpectation(variant('trs-table')).layout).toBe('list');
  });

  it('every variant page carries the portal chrome and answers conditional GETs', async () => {
    for (const c of portal.truth.units.flatMap((u) => u.columns).filter((x) => x.variant)) {
      const page = await get(c.url);
      for (const s of ['今天是：', '网站首页', '您当前的位置', '版权所有', '热点推荐', 'class="left-nav"']) expect(page.text, `${c.variant} ${s}`).toContain(s);
      const dated = page.text.slice(page.text.indexOf('热点推荐')).match(/<span>\d{4}-\d{2}-\d{2}<\/span>/g) ?? [];
      expect(dated.length, c.variant).toBeGreaterThan(0);
      const etag = page.headers.get('etag')!;
      expect((await get(c.url, { headers: { 'if-none-match': etag } })).status).toBe(304);
      expect((await get(c.url, { headers: { 'if-modified-since': page.headers.get('last-modified')! } })).status).toBe(304);
    }
  });

  it('mutate.addItem on a variant column puts the item where the variant keeps items and moves the list’s ETag', async () => {
    for (const [unitId, slug, v, shape] of [['sfj', 'qtwj', 'ml-files', /\/P0\d{6}\/\d+\.(pdf|doc|ofd)$/], ['zjj', 'gzdt', 'trs-pagediv', /\/c\d+\/content\.shtml$/]] as const) {
      const col = variant(v);
      const before = await get(col.url);
      const item = portal.mutate.addItem(unitId, slug, { title: `新增${v}条目`, publishedAt: REF_DATE });
      expect(item.url).toMatch(shape);
      expect(col.items[0]).toBe(item);
      const after = await get(col.url, { headers: { 'if-none-match': before.headers.get('etag')! } });
      expect(after.status).toBe(200);
      expect(after.text).toContain(new URL(item.url).pathname.split('/').slice(-2).join('/'));
      expect((await get(item.url)).status).toBe(200);
    }
  });
});
