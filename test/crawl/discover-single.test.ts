import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/rules.ts';
import { discoverPlan } from '../../src/crawl/discover.ts';
import { createFetcher } from '../../src/crawl/index.ts';
import { html, startServer, type TestServer } from './server.ts';

const list = html(
  `<ul class="list">${Array.from({ length: 6 }, (_, i) => `<li><a href="/fgw/tzgg/a${i}.html">关于开展第${i + 1}批重点项目申报工作的通知</a><span>2026-11-0${i + 1}</span></li>`).join('')}</ul>`,
);
const profile = html(
  `<h1>机构概况</h1><div class="info">发布日期：2025-03-02</div><div class="content"><p>${'区发展和改革局是区政府工作部门，负责拟订并组织实施全区国民经济和社会发展规划。'.repeat(8)}</p></div>`,
);

describe('plan discover', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const pages: Record<string, string> = {
        '/xxgk/': html('<ul><li><a href="/fgw/">区发展和改革局</a></li></ul>'),
        '/fgw/': html('<ul class="lm"><li><a href="/fgw/tzgg/">通知公告</a></li><li><a href="/fgw/jggk/">机构概况</a></li></ul>'),
        '/fgw/tzgg/': list,
        '/fgw/jggk/': profile,
      };
      const body = pages[req.url ?? ''];
      if (body) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      else res.writeHead(404).end();
    });
  });
  afterAll(() => server.close());

  it('marks a column whose URL is one article as layout: single, and a list as nothing', async () => {
    const fetcher = createFetcher({ allowPrivateHosts: [server.host], perHostDelayMs: 0 });
    try {
      const { plan } = await discoverPlan(fetcher, `${server.origin}/xxgk/`, loadRules(), 2026);
      const cols = plan.units[0].columns;
      expect(cols.map((c) => [c.name, c.layout ?? null])).toEqual([
        ['通知公告', null],
        ['机构概况', 'single'],
      ]);
    } finally {
      await fetcher.close();
    }
  });
});
