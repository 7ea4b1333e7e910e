import { describe, expect, it } from 'vitest';
import { trs } from '../../../src/extract/pagers/trs.ts';
import { html, readWith, realPage } from './helpers.ts';

const DIR = 'http://fgw.example.gov.cn/xxgk/tzgg/';
const read = (script: string, url = DIR) => readWith(trs, html(`<div id="page_div"></div><script>${script}</script>`), url);
const at = (...files: string[]) => files.map((f) => `${DIR}${f}`);

describe('TRS createPageHTML', () => {
  it('reads the real 0-based call: createPageHTML(20, 0, "index", "html") on ndrc.gov.cn', () => {
    const r = readWith(trs, realPage('list-ndrc-trs-1.html'), 'https://www.ndrc.gov.cn/xxgk/zcfb/tz/');
    expect(r.pages).toEqual(Array.from({ length: 19 }, (_, i) => `https://www.ndrc.gov.cn/xxgk/zcfb/tz/index_${i + 1}.html`));
    expect(r.claims).toEqual({ totalPages: 20 });
  });

  it('reads the element-id form with a record count, 1-based: createPageHTML(\'page_div\',10, 1,\'dezlist\',\'shtml\',149)', () => {
    // The call as zjt.hainan.gov.cn's list page writes it; its pages are dezlist.shtml, dezlist_2.shtml …
    const r = read("createPageHTML('page_div',10, 1,'dezlist','shtml',149);", `${DIR}dezlist.shtml`);
    expect(r.pages).toEqual(at(...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `dezlist_${n}.shtml`)));
    expect(r.claims).toEqual({ totalPages: 10, totalRecords: 149 });
  });

  it('on a later page of the element-id form lists the first page and every other, never itself', () => {
    const r = read("createPageHTML('paging',5,3,'index','html',98);", `${DIR}index_3.html`);
    expect(r.pages).toEqual(at('index.html', 'index_2.html', 'index_4.html', 'index_5.html'));
  });

  it('a current page of 1+ on the first page, or equal to the count, is 1-based whatever the form', () => {
    expect(read('createPageHTML(4, 1, "index", "html");', `${DIR}index.html`).pages).toEqual(at('index_2.html', 'index_3.html', 'index_4.html'));
    expect(read('createPageHTML(4, 4, "index", "html");', `${DIR}index_4.html`).pages).toEqual(at('index.html', 'index_2.html', 'index_3.html'));
  });

  it('a later page of the number-first form stays 0-based', () => {
    const r = read('createPageHTML(4, 2, "index", "html");', `${DIR}index_2.html`);
    expect(r.pages).toEqual(at('index.html', 'index_1.html', 'index_3.html'));
  });

  it('reads a record count after the extension in the number-first form', () => {
    const r = read('createPageHTML(3, 0, "index", "shtml", 45);');
    expect(r.pages).toEqual(at('index_1.shtml', 'index_2.shtml'));
    expect(r.claims).toEqual({ totalPages: 3, totalRecords: 45 });
  });

  it('resolves variables assigned a literal before the call', () => {
    const r = read('var countPage = 3//共多少页\nvar currentPage = 0;//当前页\ncreatePageHTML(countPage, currentPage, "index", "htm");');
    expect(r.pages).toEqual(at('index_1.htm', 'index_2.htm'));
    // The value assigned last before the call counts, not a later one.
    expect(read('var n = 2; createPageHTML(n, 0, "index", "html"); n = 9;').pages).toEqual(at('index_1.html'));
  });

  it('ignores the function definition and calls with computed arguments', () => {
    const def =
      'function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){ if(_nPageCount == null || _nPageCount<=1){ return; } document.write("<a href=\\"" + _sPageName + "_1." + _sPageExt + "\\">下一页</a>"); }';
    const r = read(`${def} createPageHTML(total / size, 0, "index", "html"); createPageHTML(pageCount, 0, "index", "html");`);
    expect(r).toEqual({ pages: [], dataEndpoints: [], claims: {} });
  });

  it('caps a hostile count', () => {
    expect(readWith(trs, html('<script>createPageHTML(10000000, 0, "index", "html");</script>'), DIR, 10).pages).toHaveLength(11);
  });
});
