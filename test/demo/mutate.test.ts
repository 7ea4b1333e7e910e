import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoForCli } from '../../src/demo/cli.ts';
import { startDemoPortal, type DemoPortal } from '../../src/demo/index.ts';
import { addDays } from '../../src/shared/time.ts';
import { allColumns, column, get, REF_DATE, SEED } from './helpers.ts';

let portal: DemoPortal;
beforeAll(async () => {
  portal = await startDemoPortal({ seed: SEED, refDate: REF_DATE, faults: false });
});
afterAll(() => portal.close());

describe('demo portal mutations', () => {
  it('adds an item on page 1 at its date position, with a working detail page and a new ETag', async () => {
    const col = column(portal.truth, 'zhoujia', 'tzgg');
    const before = await get(col.url);
    const date = col.items[2].publishedAt;
    const item = portal.mutate.addItem('zhoujia', 'tzgg', { title: '关于补报2026年度基层治理数据的通知', publishedAt: date, documentDate: addDays(date, -3) });
    expect(col.items.indexOf(item)).toBeLessThanOrEqual(3);
    const after = await get(col.url, { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    const hrefs = [...after.text.matchAll(/href="\.(\/\d{6}\/t[^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.indexOf(new URL(item.url).pathname.slice('/xxgk/zhoujia/tzgg'.length))).toBe(col.items.indexOf(item));
    const detail = await get(item.url);
    expect(detail.status).toBe(200);
    const [y, m, d] = date.split('-');
    expect(detail.text).toMatch(new RegExp(`发布(时间|日期)：(${y}-${m}-${d}|${y}\\.${m}\\.${d}|${y}年${m}月${d}日|[０-９]{4}-)`));
    expect(detail.text).toContain(item.title);
    expect(item.documentDate).toBe(addDays(date, -3));
  });

  it('re-dates an item: the list and the detail page show the new date at the same URL', async () => {
    const col = column(portal.truth, 'jyj', 'gzdt');
    const item = col.items[5];
    const newDate = addDays(REF_DATE, -1);
    portal.mutate.setPublishedAt('jyj', 'gzdt', item.url, newDate);
    expect(item.publishedAt).toBe(newDate);
    expect(col.items.indexOf(item)).toBeLessThanOrEqual(1);
    const list = await get(col.url);
    const path = new URL(item.url).pathname.slice('/xxgk/jyj/gzdt'.length);
    expect(list.text).toMatch(new RegExp(`href="\\.${path}"[^>]*>[^<]*</a><span class="date">${newDate}</span>`));
    expect((await get(item.url)).text).toContain(`<meta name="PubDate" content="${newDate} `);
  });

  it('keeps a JS list shell unchanged (304) while its API answer changes', async () => {
    const col = column(portal.truth, 'fgw', 'xmjs');
    const shell = await get(col.url);
    const apiUrl = `${portal.baseUrl}/api/column/list?columnId=${shell.text.match(/columnId=(\d+)/)![1]}&page=1&size=12`;
    const api = await get(apiUrl);
    const title = '珠山区2026年第二批重大项目集中签约';
    portal.mutate.addItem('fgw', 'xmjs', { title, publishedAt: REF_DATE });
    expect((await get(col.url, { headers: { 'if-none-match': shell.headers.get('etag')! } })).status).toBe(304);
    const after = await get(apiUrl, { headers: { 'if-none-match': api.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text).data.list[0].title).toBe(title);
  });

  it('rejects unknown columns and malformed dates', () => {
    expect(() => portal.mutate.addItem('nobody', 'gzdt', { title: 'x', publishedAt: REF_DATE })).toThrow(/没有栏目/);
    expect(() => portal.mutate.addItem('jyj', 'gzdt', { title: 'x', publishedAt: '2026/5/1' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('demo plan', () => {
  it('covers every unit and column with contacts, period and crawl settings', () => {
    const plan = parse(portal.planYaml({ crawl: { perHostConcurrency: 4, perHostDelayMs: 0 }, forceBrowser: true }));
    expect(plan.year).toBe(2026);
    expect(plan.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(plan.crawl).toEqual({ perHostConcurrency: 4, perHostDelayMs: 0 });
    expect(plan.units.map((u: { id: string }) => u.id)).toEqual(portal.truth.units.map((u) => u.id));
    const cols = plan.units.flatMap((u: { columns: unknown[] }) => u.columns) as Array<{ url: string; render: string; class: string }>;
    expect(cols.map((c) => c.url)).toEqual(allColumns(portal.truth).map((c) => c.url));
    const scriptDrawn = portal.truth.units.filter((u) => !u.challenge).flatMap((u) => u.columns.filter((c) => c.needsBrowser));
    expect(scriptDrawn.length).toBeGreaterThan(0);
    expect(cols.filter((c) => c.render === 'browser').map((c) => c.url)).toEqual(scriptDrawn.map((c) => c.url));
    for (const u of plan.units) expect(u.contacts[0].email).toMatch(/@example\.org$/);
  });

  it('is written to a file by the CLI entry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zwgk-demo-'));
    const started = await startDemoForCli({ seed: SEED, refDate: REF_DATE, planPath: join(dir, 'sub', 'plan.yaml') });
    try {
      const text = await readFile(started.planPath!, 'utf8');
      expect(parse(text).units).toHaveLength(12);
      expect(started.summary.join('\n')).toContain(started.portal.indexUrl);
    } finally {
      await started.portal.close();
      await rm(dir, { recursive: true });
    }
  });
});
