import { describe, expect, it } from 'vitest';
import { loadPage } from '../../../src/extract/dom.ts';
import { findPager } from '../../../src/extract/pagers/index.ts';
import { links } from '../../../src/extract/pagers/links.ts';
import { html, realPage } from './helpers.ts';

const ITEMS = '<ul class="list"><li><a href="./202605/t20260528_1.html">关于开展2026年安全生产检查的通知</a><span>2026-05-28</span></li></ul>';
/** The links family alone, through the index (which drops the page itself and duplicates). */
const read = (pager: string, url: string, body = ITEMS) => findPager(loadPage(html(body + pager)), url, [links]);
const range = (from: number, to: number, at: (n: number) => string) => Array.from({ length: to - from + 1 }, (_, i) => at(from + i));

describe('link pagers', () => {
  it('a windowed ?page=N pager (1 … 5, 下一页, a script 尾页) is filled up to its "共 12 页"', () => {
    const pager = `<div class="pagination"><span class="current">1</span><a href="?page=2">2</a><a href="?page=3">3</a><a href="?page=4">4</a><a href="?page=5">5</a><a href="?page=2">下一页</a><a href="javascript:void(0);" onclick="go(12)">尾页</a><span>共 12 页</span></div>`;
    const r = read(pager, 'http://zs.example.gov.cn/news/list.jsp');
    expect(r.nextPages).toEqual(range(2, 12, (n) => `http://zs.example.gov.cn/news/list.jsp?page=${n}`));
    expect(r.claims).toEqual({ totalPages: 12 });
  });

  it('a JSP pager "共有N条记录，当前第1页，总共N页" with cp=N links and its 尾页', () => {
    // The shape of a common JSP pager: 共有${count}条记录，当前第${cp}页，总共${totalPage}页 首页 上一页 下一页 尾页
    const base = 'http://zs.example.gov.cn/ViewDocument?type=3&keyword=';
    const pager = `<div class="page">共有235条记录，当前第1页，总共12页 <a href="ViewDocument?type=3&keyword=&cp=1">首页</a> <a href="ViewDocument?type=3&keyword=&cp=1">上一页</a> <a href="ViewDocument?type=3&keyword=&cp=2">下一页</a> <a href="ViewDocument?type=3&keyword=&cp=12">尾页</a></div>`;
    const r = read(pager, base);
    expect(r.nextPages).toEqual(range(1, 12, (n) => `${base}&cp=${n}`));
    expect(r.claims).toEqual({ totalRecords: 235, totalPages: 12 });
  });

  it('TRS static index_N.html (index_1 is page 2) filled from "共 235 条 每页 20 条"', () => {
    const pager = `<div class="fy"><span>共 235 条 每页 20 条</span><a href="index.html">首页</a><span>1</span><a href="index_1.html">2</a><a href="index_2.html">3</a><a href="index_1.html">下一页</a></div>`;
    const r = read(pager, 'http://zs.example.gov.cn/xxgk/tzgg/index.html');
    expect(r.nextPages).toEqual(range(1, 11, (n) => `http://zs.example.gov.cn/xxgk/tzgg/index_${n}.html`));
    expect(r.claims).toEqual({ totalRecords: 235, perPage: 20 });
  });

  it('list_N.html with "第 1/6 页"', () => {
    const pager = `<p>第 1/6 页 <a href="list_2.html">2</a> <a href="list_3.html">3</a> <a href="list_2.html">下一页</a></p>`;
    const r = read(pager, 'http://zs.example.gov.cn/zwgk/list.html');
    expect(r.nextPages).toEqual(range(2, 6, (n) => `http://zs.example.gov.cn/zwgk/list_${n}.html`));
    expect(r.claims).toEqual({ totalPages: 6 });
  });

  it('a later page of a window fills the early pages too, and its 尾页 number is the page count', () => {
    const a = (n: number, t = String(n)) => `<a href="?pageIndex=${n}">${t}</a>`;
    const pager = `<div class="pages">${a(1, '首页')}${a(5)}${a(6)}<b>7</b>${a(8)}${a(9)}${a(8, '下一页')}${a(12, '末页')}</div>`;
    const r = read(pager, 'http://zs.example.gov.cn/list.aspx?pageIndex=7');
    expect(r.nextPages).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12].map((n) => `http://zs.example.gov.cn/list.aspx?pageIndex=${n}`));
    expect(r.claims).toEqual({ totalPages: 12 });
  });

  it('a reverse-numbered window (丰城 style: page N is index_958_{59−N}) is filled to both ends', () => {
    // writePaging() of the 丰城 component, on page 25 of 58: pages 20..29 link index_958_39 … index_958_30.
    const a = (n: number, t: string) => `<a href="../../n3/n13/index_958_${n}.html" target="_self">${t}</a>&nbsp;`;
    const window = [20, 21, 22, 23, 24].map((p) => a(59 - p, String(p))).join('') + `<a class="cur">25</a>` + [26, 27, 28, 29].map((p) => a(59 - p, String(p))).join('');
    const pager = `<div class="page" id="pag_958">${a(58, '首页')}${a(35, '上页')}${window}${a(33, '下页')}${a(1, '尾页')}&nbsp;总页数:58</div>`;
    const r = read(pager, 'http://www.example.gov.cn/n3/n13/index_958_34.html');
    expect(r.nextPages).toEqual(range(1, 58, (n) => `http://www.example.gov.cn/n3/n13/index_958_${n}.html`).filter((u) => !u.endsWith('_34.html')));
    expect(r.claims).toEqual({ totalPages: 58 });
  });

  it('reads the real 万载 pager: "共595条记录 1/30页", 首页/下一页/末页 and a <select> of every page', () => {
    const r = findPager(loadPage(realPage('list-wanzai-vwell-1.html')), 'http://www.wanzai.gov.cn/news-list-wanzaiyaowen.html', [links]);
    expect(r.nextPages).toEqual(range(1, 30, (n) => `http://www.wanzai.gov.cn/news-list-wanzaiyaowen-${n}.html`));
    expect(r.claims).toEqual({ totalRecords: 595, totalPages: 30 });
  });

  it('reads the real 丰城 page: hidden links index_958_1..199 behind a script pager', () => {
    const r = findPager(loadPage(realPage('list-fengcheng-component-1.html')), 'http://www.jxfc.gov.cn/n3/n13/index.html', [links]);
    expect(r.nextPages).toEqual(range(1, 199, (n) => `http://www.jxfc.gov.cn/n3/n13/index_958_${n}.html`));
  });

  it('"共 N 条" in an item title or a sidebar is no claim; near the pager it is', () => {
    const body = `<ul class="list"><li><a href="./t1.html">共 3 条意见建议已办结</a><span>2026-05-28</span></li></ul><div class="side">本站共 9999 条信息</div>`;
    expect(read('<div class="pager"><a href="?page=2">下一页</a></div>', 'http://zs.example.gov.cn/list.jsp', body).claims).toEqual({});
    expect(read('<div><span>共 42 条</span> <span onclick="go(2)">下一页</span></div>', 'http://zs.example.gov.cn/list.jsp', body).claims).toEqual({ totalRecords: 42 });
  });

  it('a 下一页 link with no number and no sibling name is followed as it is', () => {
    const r = read('<a href="/other/more.html">下一页</a>', 'http://zs.example.gov.cn/list.html');
    expect(r.nextPages).toEqual(['http://zs.example.gov.cn/other/more.html']);
  });
});

describe('record-offset pagers', () => {
  it('?start=N counts records: the range steps by the gap between the offsets shown', () => {
    const pager = `<div class="page"><a href="search.jsp?col=5&start=20">2</a><a href="search.jsp?col=5&start=40">3</a><a href="search.jsp?col=5&start=100">末页</a></div>`;
    const r = read(pager, 'http://zs.example.gov.cn/search.jsp?col=5&start=0');
    expect(r.nextPages).toEqual([20, 40, 60, 80, 100].map((n) => `http://zs.example.gov.cn/search.jsp?col=5&start=${n}`));
  });
});

describe('windows on a later page', () => {
  it('"第 7/12 页" numbers the page itself, which maps a window that only shows 上一页/下一页', () => {
    const pager = `<div class="page-box"><a href="index_5.html">上一页</a><span>第 7/12 页</span><a href="index_7.html">下一页</a></div>`;
    const r = read(pager, 'http://zs.example.gov.cn/xwzx/index_6.html');
    expect(r.nextPages).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10, 11].map((n) => `http://zs.example.gov.cn/xwzx/index_${n}.html`));
    expect(r.claims).toEqual({ totalPages: 12 });
  });

  it('"当前第3页" with ?pageNo=N', () => {
    const pager = `<div class="pagination">共 5 页 当前第3页 <a href="list.do?cat=2&pageNo=4">下一页</a></div>`;
    const r = read(pager, 'http://zs.example.gov.cn/list.do?cat=2&pageNo=3');
    expect(r.nextPages).toEqual([2, 4, 5].map((n) => `http://zs.example.gov.cn/list.do?cat=2&pageNo=${n}`));
  });
});
