import { describe, expect, it } from 'vitest';
import { extractList } from '../../../src/extract/index.ts';
import { loadPage } from '../../../src/extract/dom.ts';
import { findPager, MAX_REVEALED_PAGES, PAGER_FAMILIES, type PagerFamily } from '../../../src/extract/pagers/index.ts';
import { html } from './helpers.ts';

const URL_ = 'http://zs.example.gov.cn/xxgk/tzgg/';

describe('all pager families together', () => {
  it('runs every family once, in order, with the crawler’s cap', () => {
    const seen: string[] = [];
    const spy: PagerFamily[] = PAGER_FAMILIES.map((f) => ({ name: f.name, read: (p, u, cap) => (seen.push(`${f.name}@${cap}`), f.read(p, u, cap)) }));
    findPager(loadPage(html('')), URL_, spy);
    expect(seen).toEqual(PAGER_FAMILIES.map((f) => `${f.name}@${MAX_REVEALED_PAGES}`));
  });

  it('drops the page itself and pages two families both reveal; the first family to state a claim wins', () => {
    const body = `<div class="page">共 3 页 共 50 条 <a href="index_1.html">2</a><a href="index_2.html">3</a></div><script>createPageHTML(3, 0, "index", "html", 45);</script>`;
    const r = findPager(loadPage(html(body)), `${URL_}index.html`);
    expect(r.nextPages).toEqual([`${URL_}index_1.html`, `${URL_}index_2.html`]);
    expect(r.claims).toEqual({ totalPages: 3, totalRecords: 45 });
  });

  it('extractList reports the claims of whichever family found them', () => {
    const body = `<ul>${[1, 2].map((i) => `<li><a href="t${i}.html">第${i}号通知全文标题</a><span>2026-05-0${i}</span></li>`).join('')}</ul><div class="pager">共 595 条 每页 20 条 1/30页</div>`;
    const r = extractList(html(body), URL_, { refDay: '2026-06-15' });
    expect(r.claims).toEqual({ totalRecords: 595, totalPages: 30, perPage: 20 });
    expect(r.flags).toContain('pager-not-followed');
  });
});
