import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody, extractDetail, extractList, extractListJson, isChallengePage, pageKind } from '../../src/extract/index.ts';
import { DETAILS, LISTS } from './real-pages.expected.ts';

const DIR = join(import.meta.dirname, '../fixtures/real-pages/pages');
const read = (f: string) => decodeBody(readFileSync(join(DIR, f))).text;
// The day the latest of these pages was saved; no list here uses month-day dates, so it only bounds inference.
const REF_DAY = '2026-09-01';

describe('real pages: every file has an expectation', () => {
  it('covers all 31 saved pages', () => {
    const files = readdirSync(DIR).sort();
    expect(files).toHaveLength(31);
    expect([...LISTS.map((l) => l.file), ...DETAILS.map((d) => d.file)].sort()).toEqual(files);
  });
});

describe('real list pages', () => {
  for (const t of LISTS) {
    it(`${t.file}: ${t.count} items`, () => {
      const text = read(t.file);
      const r = t.file.endsWith('.json') ? extractListJson(text, t.url, { refDay: REF_DAY }) : extractList(text, t.url, { refDay: REF_DAY });
      expect(r.items).toHaveLength(t.count);
      if (t.first) expect(r.items[0]).toMatchObject(t.first);
      if (t.last) expect(r.items.at(-1)).toMatchObject(t.last);
      if (t.dates) expect(r.items.map((i) => i.date)).toEqual(t.dates);
      expect(r.items.every((i) => /^https?:\/\//.test(i.url))).toBe(true);
      expect(new Set(r.items.map((i) => i.url)).size).toBe(r.items.length);
      expect(r.items.some((i) => i.pinned)).toBe(false); // none of these pages marks an item 置顶
      expect(r.nextPages).toHaveLength(t.nextPages.count);
      expect(new Set(r.nextPages).size).toBe(r.nextPages.length);
      if (t.nextPages.first) expect(r.nextPages[0]).toBe(t.nextPages.first);
      if (t.nextPages.last) expect(r.nextPages.at(-1)).toBe(t.nextPages.last);
      if (t.dataEndpoint) expect(r.dataEndpoints?.map((u) => u.split('?')[0])).toContain(t.dataEndpoint);
      expect(r.flags).toEqual(t.flags ?? (t.count ? [] : ['no-items']));
      if (t.challenge !== undefined) expect(isChallengePage(200, text)).toBe(t.challenge);
      if (!t.file.endsWith('.json')) expect(pageKind(text)).toBe('list');
    });
  }

  it('hanweb jpage pages ask the data proxy for the records after the embedded 30, once per column', () => {
    const t = LISTS.find((l) => l.file.startsWith('list-jsfgw'))!;
    const r = extractList(read(t.file), t.url, { refDay: REF_DAY });
    const ranges = r.nextPages.map((u) => {
      const q = new URL(u).searchParams;
      return `${q.get('startrecord')}-${q.get('endrecord')}/${q.get('perpage')}@${q.get('columnid')}`;
    });
    expect(ranges).toEqual(['31-60/10@284', '61-90/10@284', '91-120/10@284', '121-138/10@284']);
  });

  it('jpaas JSON pages carry the unit query and pageNo 2..26', () => {
    const t = LISTS.find((l) => l.file.endsWith('.json'))!;
    const r = extractListJson(read(t.file), t.url, { refDay: REF_DAY });
    const q = (u: string) => new URL(u).searchParams;
    expect(r.nextPages.map((u) => q(u).get('pageNo'))).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 2)));
    expect(q(r.nextPages[0]).get('pageId')).toBe('1229565788');
    expect(q(r.nextPages[0]).get('rows')).toBe('15');
  });
});

describe('real detail pages', () => {
  for (const t of DETAILS) {
    it(`${t.file}: ${t.publishedAt ?? '无发布日期'}`, () => {
      const text = read(t.file);
      const r = extractDetail(text, t.url);
      expect({
        title: r.title,
        publishedAt: r.publishedAt,
        documentDate: r.documentDate,
        indexNo: r.indexNo,
        publisher: r.publisher,
        docNo: r.docNo,
      }).toEqual({
        title: t.title,
        publishedAt: t.publishedAt,
        documentDate: t.documentDate,
        indexNo: t.indexNo,
        publisher: t.publisher,
        docNo: t.docNo,
      });
      if (t.publishedAt === null) expect(r.flags).toContain('published-missing');
      expect(isChallengePage(200, text)).toBe(false);
      expect(pageKind(text)).toBe('detail');
    });
  }

  it('names where each date came from', () => {
    const src = (f: string) => extractDetail(read(f), 'http://x.gov.cn/').sources;
    expect(src('detail-jsfgw-hanweb-1.html').publishedAt).toBe('meta');
    expect(src('detail-cmse-trs-1.html').publishedAt).toBe('label');
    expect(src('detail-chinaneast-gb2312-1.html').publishedAt).toBe('byline');
    expect(src('detail-zjfgw-jpaas-xxgk-2.html').documentDate).toBe('table');
    expect(src('detail-jl-xxgk-1.html').documentDate).toBe('table');
    expect(src('detail-ndrc-trs-1.html').docNo).toBe('body'); // the centred 发改经贸〔2026〕1241号 line
    expect(src('detail-govcn-gongbao-1.html').publishedAt).toBe('meta'); // firstpublishedtime
  });

  it('reports the 信息来源 separately from the 发布机构', () => {
    const d = (f: string) => extractDetail(read(f), 'http://x.gov.cn/');
    expect(d('detail-jsfgw-hanweb-1.html')).toMatchObject({ source: '价格管理和成本监审处', publisher: null }); // ContentSource meta
    expect(d('detail-nmg-1.html')).toMatchObject({ source: '内蒙古日报', publisher: null }); // a newspaper, not a publisher
    expect(d('detail-pingtan-trt-article-2.html').source).toBe('平潭综合实验区党工委管委会'); // empty meta, 来源： label
    expect(d('detail-chinaneast-gb2312-1.html').source).toBe('新华网'); // "2005年08月16日　来源：新华网"
  });

  it('an HTTP 412 is a challenge whatever the body', () => {
    expect(isChallengePage(412, read('list-ndrc-trs-1.html'))).toBe(true);
  });
});
