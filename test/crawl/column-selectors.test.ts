import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openDb } from '../../src/store/db.ts';
import { openRun, runCrawl } from '../../src/run/index.ts';

// A list whose markup the generic heuristic has no reason to pick (one block per page, dates in <em>) and whose
// pager is a plain "more" link: the plan's per-column selectors, `next` included, must carry the column.
const PAGES: Record<string, { items: Array<[string, string, string]>; next?: string }> = {
  '/lm/': { items: [['/a/3.html', '区政府常务会议研究部署冬季供暖工作', '2026-11-02']], next: '/lm/more-2' },
  '/lm/more-2': { items: [['/a/2.html', '全区安全生产工作会议召开', '2026-10-15']], next: '/lm/more-3' },
  '/lm/more-3': { items: [['/a/1.html', '区领导调研乡村振兴工作', '2026-09-01']] },
};

function page(path: string): string {
  const p = PAGES[path];
  const items = p.items.map(([href, title, date]) => `<section class="rec"><h4 class="t"><a href="${href}">${title}</a></h4><em class="d">${date}</em></section>`).join('');
  return `<html><head><meta charset="utf-8"><title>列表</title></head><body><nav><a href="/">首页</a></nav>${items}${p.next ? `<p class="pg"><a class="more" href="${p.next}">更多</a></p>` : ''}</body></html>`;
}

describe('per-column selectors from the plan', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/robots.txt') return void res.writeHead(404).end();
      if (PAGES[path]) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(path));
      const item = Object.values(PAGES).flatMap((p) => p.items).find(([href]) => href === path);
      if (item) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><meta name="ArticleTitle" content="${item[1]}"><meta name="PubDate" content="${item[2]} 09:00"></head><body>${item[1]}</body></html>`);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads items with item/title/date and follows the `next` link through every page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-selectors-'));
    const planPath = join(dir, 'plan.yaml');
    writeFileSync(
      planPath,
      [
        'year: 2026',
        'period: { from: 2026-01-01, to: 2026-12-31 }',
        'crawl: { perHostDelayMs: 0 }',
        'allowPrivate: true',
        'units:',
        '  - id: bgs',
        '    name: 区政府办公室',
        '    kind: 区直部门',
        '    columns:',
        '      - name: 政务要闻',
        `        url: ${base}/lm/`,
        '        render: static',
        '        selectors: { item: "section.rec", title: "h4.t a", date: "em.d", next: "p.pg a.more" }',
      ].join('\n'),
    );
    const db = openDb(join(dir, 'zwgk.db'));
    const r = await runCrawl(openRun(db, planPath), { snapshotsDir: join(dir, 'snapshots'), kind: 'nightly' });
    expect(r.outcomes.ok).toBe(1);
    expect(db.prepare('SELECT title, published_at AS d FROM items ORDER BY published_at DESC').all()).toEqual([
      { title: '区政府常务会议研究部署冬季供暖工作', d: '2026-11-02' },
      { title: '全区安全生产工作会议召开', d: '2026-10-15' },
      { title: '区领导调研乡村振兴工作', d: '2026-09-01' },
    ]);
    expect(db.prepare('SELECT pages FROM column_visits').get()).toEqual({ pages: 3 });
    db.close();
  });
});
