import { beforeAll, describe, expect, it } from 'vitest';
import { load } from 'cheerio';
import { buildWebFixture, type WebFixture } from './fixture.ts';
import { dashboardFor, loginAs, request } from './helpers.ts';
import { finishCrawlRun, startCrawlRun } from '../../src/store/crawl-runs.ts';

describe('运行: where each crawl run’s requests went', () => {
  let fx: WebFixture;
  let runId: number;

  beforeAll(async () => {
    fx = await buildWebFixture({ canary: 'traffic' });
    runId = startCrawlRun(fx.db, null, 'nightly');
    finishCrawlRun(fx.db, runId, 'ok', {
      requests: 101,
      traffic: {
        requestsFor: { robots: 1, list: 98, article: 0, file: 0, channel: 0, subresource: 2, other: 0 },
        notModified: 90,
        retries: 1,
        browserPages: 1,
        skippedResources: 3,
      },
    });
  });

  it('shows the run’s requests by purpose, its 304s, retries and browser pages; older runs show none', async () => {
    const res = await request(dashboardFor(fx), 'GET', '/runs', { login: loginAs(fx, fx.users.assessor) });
    expect(res.status).toBe(200);
    const $ = load(await res.text());
    const row = $('table').first().find('tbody tr').filter((_, tr) => $(tr).find('td').first().text() === String(runId));
    const cells = row.find('td').map((_, td) => $(td).text()).get();
    expect(cells.at(-2)).toBe('101');
    expect(cells.at(-1)).toBe(
      'robots.txt 1，栏目页 98，浏览器加载的脚本与数据 2；其中 304（已核对、未变化）90，重试 1，浏览器渲染 1 页（未加载图片、字体、音视频 3 个）',
    );
    const older = $('table').first().find('tbody tr').filter((_, tr) => $(tr).find('td').first().text() !== String(runId)).first();
    expect(older.find('td').last().text()).toBe('');
  });
});
