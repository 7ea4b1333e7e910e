import { describe, expect, it } from 'vitest';
import { scriptData } from '../../../src/extract/pagers/script-data.ts';
import { html, readWith, realPage } from './helpers.ts';

describe('script data', () => {
  it('reads the real 平潭 avalon page: pageChnlInfo = {recordCount:\'107\', prepage:15}', () => {
    const r = readWith(scriptData, realPage('list-pingtan-trt-avalon-1.html'), 'https://www.pingtan.gov.cn/jcms/zwgk/');
    expect(r.pages).toEqual([]);
    expect(r.claims).toEqual({ totalRecords: 107, perPage: 15 });
  });

  it('a record count in a variable; a page size outside the object that counts records is not its page size', () => {
    const r = readWith(scriptData, html('<script>var recordCount = 58; var grid = {pageSize: 30};</script>'), 'http://x.gov.cn/');
    expect(r.claims).toEqual({ totalRecords: 58 });
  });

  it('lists the endpoints a script loads its list from, not its assets', () => {
    const script = `$.ajax({url: "/api/list?columnId=7", dataType: "json"}); $.getJSON("/data/news.json"); $.get("/js/app.js");`;
    const r = readWith(scriptData, html(`<script>${script}</script>`), 'http://x.gov.cn/col/7/');
    expect(r.dataEndpoints).toEqual(['http://x.gov.cn/api/list?columnId=7', 'http://x.gov.cn/data/news.json']);
  });
});
