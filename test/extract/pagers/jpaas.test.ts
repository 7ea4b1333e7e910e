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
});
