import { describe, expect, it } from 'vitest';
import { jpage } from '../../../src/extract/pagers/jpage.ts';
import { html, readWith, realPage } from './helpers.ts';

const COL = 'http://fzggw.example.gov.cn/col/col284/index.html';
const PROXY = 'http://fzggw.example.gov.cn/module/web/jpage/dataproxy.jsp';
const read = (script: string) => readWith(jpage, html(`<div id="423656"></div><script>${script}</script>`), COL);
const ranges = (pages: string[]) =>
  pages.map((u) => {
    const q = new URL(u).searchParams;
    return `${q.get('startrecord')}-${q.get('endrecord')}/${q.get('perpage')}`;
  });
const query = (u: string) => Object.fromEntries(new URL(u).searchParams);

describe('Hanweb jpage', () => {
  it('reads the real jsfgw page: the embedded call, not the search re-query (totalRecord:1000), PC and mobile once', () => {
    const r = readWith(jpage, realPage('list-jsfgw-hanweb-datastore-1.html'), 'https://fzggw.jiangsu.gov.cn/col/col284/index.html');
    expect(ranges(r.pages)).toEqual(['31-60/10', '61-90/10', '91-120/10', '121-138/10']);
    // param_423656 = {col:1,appid:'1',webid:3,path:'/',columnid:284,sourceContentType:1,unitid:'423656',webname:…,permissiontype:0}
    expect(query(r.pages[0])).toMatchObject({ col: '1', appid: '1', webid: '3', path: '/', columnid: '284', sourceContentType: '1', unitid: '423656', permissiontype: '0' });
    expect(r.dataEndpoints).toEqual(['https://fzggw.jiangsu.gov.cn/module/web/jpage/dataproxy.jsp']);
    expect(r.claims).toEqual({ totalRecords: 138, perPage: 10, totalPages: 14 });
  });

  it("jpage('id', {...}) with the params inline as a nested object and braces inside strings", () => {
    const r = read(
      "jpage('423656', {totalRecord:'95',dataBefore:'<ul class=\"list\">{', dataAfter:'}</ul>',groupSize:3,proxyUrl:'/module/web/jpage/dataproxy.jsp',perPage:15,ajaxParam:{col:1,webid:49,path:'/',columnid:77,unitid:'423656'}});",
    );
    expect(ranges(r.pages)).toEqual(['46-90/15', '91-95/15']);
    expect(query(r.pages[0])).toMatchObject({ webid: '49', columnid: '77', unitid: '423656', path: '/' });
    expect(r.claims).toEqual({ totalRecords: 95, perPage: 15, totalPages: 7 });
  });

  it('new Jpage({...}) with "params" and the request parameters at the top level', () => {
    const r = read(`new Jpage({
      "id": "423656", "totalRecord": 60, "perPage": 20, "groupSize": 1,
      "proxyUrl": "/module/web/jpage/dataproxy.jsp", "webid": "3", "columnid": "314",
      "params": { "sourceContentType": "1", "unitid": "424388", "extra": { "nested": { "deep": 1 } } }
    });`);
    expect(r.pages.map((u) => u.split('?')[0])).toEqual([PROXY, PROXY]);
    expect(ranges(r.pages)).toEqual(['21-40/20', '41-60/20']);
    expect(query(r.pages[1])).toMatchObject({ webid: '3', columnid: '314', sourceContentType: '1', unitid: '424388' });
    expect(query(r.pages[1]).extra).toBeUndefined(); // a nested object is no request parameter
  });

  it('reads the config and its ajaxParam through variables, and appendParam as a query string', () => {
    const r = read(
      "var param_9 = {webid:1,path:'/',columnid:77}; var cfg = {totalRecord:25,perPage:10,proxyUrl:'/module/web/jpage/dataproxy.jsp',ajaxParam:param_9,appendParam:'&keyword=&year=2026'}; $('#423656').jpage(cfg);",
    );
    expect(ranges(r.pages)).toEqual(['11-20/10', '21-25/10']);
    expect(query(r.pages[0])).toMatchObject({ webid: '1', columnid: '77', year: '2026' });
  });

  it('states no per-page count the configuration does not state', () => {
    const r = read("$('#423656').jpage({totalRecord:12,proxyUrl:'/module/web/jpage/dataproxy.jsp'});");
    expect(ranges(r.pages)).toEqual(['11-12/10']);
    expect(r.claims).toEqual({ totalRecords: 12 });
  });

  it('reads nothing without a proxy or a total', () => {
    expect(read("$('#1').jpage({perPage:10,proxyUrl:'/module/web/jpage/dataproxy.jsp'}); function jpage(a){}")).toEqual({ pages: [], dataEndpoints: [], claims: {} });
  });
});
