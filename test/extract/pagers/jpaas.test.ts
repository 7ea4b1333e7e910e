import { describe, expect, it } from 'vitest';
import { extractListJson } from '../../../src/extract/index.ts';
import { jpaas } from '../../../src/extract/pagers/jpaas.ts';
import { html, readWith, realPage } from './helpers.ts';

const UNIT = 'https://fzggw.zj.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit';

describe('Hanweb jpaas', () => {
  it('reads the real unit API answer: pagination table count=388 rows=15 pageNo=1 → pageNo 2..26', () => {
    const fragment = (JSON.parse(realPage('list-zjfgw-jpaas-unitapi-3.json')) as { data: { html: string } }).data.html;
    const r = readWith(jpaas, fragment, UNIT);
    const q = r.pages.map((u) => new URL(u).searchParams);
    expect(q.map((p) => p.get('pageNo'))).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 2)));
    expect(q.every((p) => p.get('rows') === '15' && p.get('pageId') === '1229565788' && p.get('webId') === '3185')).toBe(true);
    expect(r.claims).toEqual({ totalRecords: 388, perPage: 15, totalPages: 26 });
  });

  it('extractListJson reports the table’s claims for the unit API answer', () => {
    expect(extractListJson(realPage('list-zjfgw-jpaas-unitapi-3.json'), UNIT, { refDay: '2026-09-01' }).claims).toEqual({ totalRecords: 388, perPage: 15, totalPages: 26 });
  });

  it('the real column page: the loader script’s url + queryData is an endpoint, with no claim', () => {
    const r = readWith(jpaas, realPage('list-zjfgw-jpaas-jsrendered-2.html'), 'https://fzggw.zj.gov.cn/col/col1229565788/index.html');
    expect(r.pages).toEqual([]);
    expect(r.dataEndpoints.map((u) => u.split('?')[0])).toEqual([UNIT]);
    expect(new URL(r.dataEndpoints[0]).searchParams.get('tagId')).toBe('信息列表');
    expect(r.claims).toEqual({});
  });

  it('a later page lists the others, never itself', () => {
    const table = `<table class="pagination default_pgToolbar" queryData="{'webId':'3185','pageId':'77'}" rows="10" count="35" pageNo="3" unitUrl="/api-gateway/jpaas-publish-server/front/page/build/unit"></table>`;
    const r = readWith(jpaas, html(table), 'https://fzggw.zj.gov.cn/col/col77/index.html');
    expect(r.pages.map((u) => new URL(u).searchParams.get('pageNo'))).toEqual(['1', '2', '4']);
    expect(r.claims).toEqual({ totalRecords: 35, perPage: 10, totalPages: 4 });
  });

  // The newer unit answer (pageNew.js) shows 共 N 页 / 检索到 M 条记录 in default_pg* cells and no count attribute;
  // unitbuild.js asks for page N with paramJson={"pageNo":N,…}, as crawlers of these sites document.
  it('a unit answer with a default_pg* table pages through paramJson, keeping what the request asked', () => {
    const table = `<ul><li><a href="/art/1.html">关于做好冬季安全生产工作的通知</a><span>2026-11-30</span></li></ul>
<table class="default_pgContainer"><tr><td>第 <input class="default_pgCurrentPage" value="2"/> 页 / 共 <span class="default_pgTotalPage">4</span> 页</td>
<td class="default_pgSearchInfo">检索到 <span class="default_pgTotalRecord">53</span> 条记录</td></tr></table>`;
    const asked = `${UNIT}?pageId=1094&webId=3185&paramJson=${encodeURIComponent('{"pageNo":2,"pageSize":15}')}`;
    const r = readWith(jpaas, table, asked);
    expect(r.pages.map((u) => new URL(u).searchParams.get('paramJson'))).toEqual([1, 3, 4].map((n) => JSON.stringify({ pageNo: n, pageSize: 15 })));
    expect(r.pages.every((u) => new URL(u).searchParams.get('pageId') === '1094')).toBe(true);
    expect(r.claims).toMatchObject({ totalRecords: 53, totalPages: 4 });
    // Anywhere but the unit API, the same table names no pages.
    expect(readWith(jpaas, table, 'https://fzggw.zj.gov.cn/col/col1094/index.html').pages).toEqual([]);
  });
});
