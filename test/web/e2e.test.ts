import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../src/shared/chromium.ts';
import { rubricItems } from '../../src/config/rules.ts';
import { buildWebFixture, DISK_FULL, PASSWORD, type WebFixture } from './fixture.ts';
import { dashboardFor, xlsxSummary } from './helpers.ts';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let fx: WebFixture;
let browser: Browser;
let canary: Server;
let canaryHits: string[] = [];
let site: { url: string; evidenceUrl: string; close(): Promise<void> };
const dialogs: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  canary = createServer((req, res) => {
    canaryHits.push(req.url ?? '');
    res.end('canary');
  });
  await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
  fx = await buildWebFixture({ canary: `http://127.0.0.1:${(canary.address() as AddressInfo).port}` });
  site = await dashboardFor(fx).start({ port: 0, evidencePort: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await new Promise((r) => canary?.close(r));
});

async function newPage(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

/** Clicks a form's submit button and waits for the page the server answers with. */
async function submit(page: Page, button: ReturnType<Page['locator']>): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), button.click()]);
  await page.waitForLoadState('load');
  expect(await page.locator('.error').count()).toBe(0);
}

async function login(page: Page, name: string): Promise<void> {
  await page.goto(`${site.url}/login`);
  await page.fill('#name', name);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

/** Nothing from the data became markup on the dashboard origin. */
async function assertInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    injected: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], [onfocus], base, meta[http-equiv]').length,
    scripts: Array.from(document.scripts)
      .filter((s) => !(s.type === 'application/json' || /^\/static\/(app|echarts\.min)\.js$/.test(new URL(s.src || 'about:blank', location.href).pathname)))
      .map((s) => s.outerHTML.slice(0, 80)),
    pwned: document.body.innerHTML === 'pwned',
  }));
  expect(found).toEqual({ injected: 0, scripts: [], pwned: false });
}

describe('dashboard in Chromium', () => {
  it('assessor: overview, unit, column, evidence, score override and finalize; hostile data stays inert', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await newPage(ctx);
    await login(page, fx.users.assessor.name);
    expect(new URL(page.url()).pathname).toBe('/overview');
    await expect(page.locator('h1').textContent()).resolves.toContain('年度考核总览');
    await page.waitForSelector('#chart-scores canvas');
    await assertInert(page);
    await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });

    // Sorting by a header reorders rows on the client.
    await page.click('#overview-table th:nth-child(1)');
    await expect(page.getAttribute('#overview-table th:nth-child(1)', 'aria-sort')).resolves.toBe('ascending');

    await page.click('text=新厂街道办事处');
    await page.waitForURL(/\/units\/xinchang$/);
    await page.waitForSelector(`#tl-${fx.own.columnId} canvas`);
    await page.waitForSelector('#chart-latency canvas');
    await assertInert(page);
    await page.screenshot({ path: join(ARTIFACTS, 'unit.png'), fullPage: true });

    // Each column's last visit in words: the disk-cut visit of 人事信息 concluded nothing, and the column is still
    // judged by the visits that did (blank), not turned "unreachable".
    const blankRow = page.locator('#unit-columns tr', { has: page.locator('a', { hasText: '人事信息' }) });
    await expect(blankRow.textContent()).resolves.toContain('未完成');
    await expect(blankRow.textContent()).resolves.toContain('空白栏目');
    await expect(blankRow.textContent()).resolves.not.toContain('无法访问');

    await page.goto(`${site.url}/columns/${fx.own.columnId}`);
    await expect(page.locator('body').textContent()).resolves.toContain('新厂街道开展文明创建活动<script>');
    await assertInert(page);

    await page.goto(`${site.url}/columns/${fx.own.blankColumnId}`);
    const cutRow = page.locator('tr', { hasText: DISK_FULL });
    await expect(cutRow.locator('.badge').first().textContent()).resolves.toBe('未完成');

    // 运行 lists what the auditor's own side cut short, with the fix, apart from the units' failures.
    await page.goto(`${site.url}/runs`);
    await expect(page.locator('h2', { hasText: '本系统原因未完成的栏目' }).count()).resolves.toBe(1);
    await expect(page.locator('tr', { hasText: DISK_FULL }).textContent()).resolves.toContain('请清理磁盘空间');

    await page.goto(`${site.url}/evidence/${fx.own.hostileFetchId}`);
    const frameEl = await page.waitForSelector('iframe.evidence-frame');
    const src = (await frameEl.getAttribute('src')) ?? '';
    expect(new URL(src).origin).toBe(site.evidenceUrl);
    expect(await frameEl.getAttribute('sandbox')).toBe('');
    const frame = await frameEl.contentFrame();
    await frame!.waitForLoadState('load');
    await expect(frame!.locator('h1').textContent()).resolves.toBe('工作动态');
    await page.waitForTimeout(1500); // give a meta refresh its chance to fire
    expect(frame!.url()).toBe(src);
    // A record written through the evidence store passes every check; a hand-made one with fake hashes does not.
    await expect(page.locator('.card:has(h3:text("校验"))').textContent()).resolves.not.toContain('异常');
    await expect(page.locator('img.screenshot').evaluate((i: HTMLImageElement) => i.naturalWidth)).resolves.toBeGreaterThan(0);
    await assertInert(page);
    // Full-page capture leaves out-of-process frames blank: grow the viewport instead.
    await page.setViewportSize({ width: 1400, height: 1750 });
    await page.screenshot({ path: join(ARTIFACTS, 'evidence.png') });
    await page.setViewportSize({ width: 1400, height: 900 });

    await page.goto(`${site.url}/evidence/${fx.own.fetchId}`);
    await expect(page.locator('.card:has(h3:text("校验"))').textContent()).resolves.toContain('重新计算的记录哈希与保存的不符');

    // Score sheet: override with a reason, confirm the rest, enter the manual items, give a verdict, finalize.
    await page.goto(`${site.url}/units/xinchang/score`);
    await assertInert(page);
    const row = page.locator('[id="item-公开内容-1"]');
    // The reason field is required in the form; the server's refusal without one is tested in score.test.ts.
    await expect(row.locator('form.override input[name=reason]').getAttribute('required')).resolves.not.toBeNull();
    await row.locator('form.override input[name=value]').fill('25');
    await row.locator('form.override input[name=reason]').fill('复核后认定 6 月份有一次更新未被抓取，少扣 2 分');
    await submit(page, row.locator('form.override button'));
    await expect(page.locator('[id="item-公开内容-1"] td.num strong').textContent()).resolves.toBe('25');
    for (const it of rubricItems(fx.rules)) {
      if (it.code === '公开内容-1') continue;
      const r = page.locator(`[id="item-${it.code}"]`);
      if ((await r.locator('form.manual').count()) > 0) {
        await r.locator('form.manual input[name=value]').fill(String(Math.min(4, it.points)));
        await submit(page, r.locator('form.manual button'));
      } else {
        await submit(page, r.locator('form.inline:not(.override) button'));
      }
    }
    await page.fill('#verdict-record-reason', '疑似倒签一条，待核实');
    await submit(page, page.locator('#verdict-record button'));
    await page.fill('#verdict-withdraw-reason', '核实为系统迁移所致，非倒签');
    await submit(page, page.locator('#verdict-withdraw button'));
    // 定稿 asks first, showing what will be locked.
    await submit(page, page.locator('#finalize'));
    await expect(page.locator('#to-lock').textContent()).resolves.toMatch(/79.*良好/);
    await page.check('#confirm-check');
    await submit(page, page.locator('#confirm-finalize'));
    await expect(page.locator('.lock').textContent()).resolves.toContain('已定稿锁定');
    await expect(page.locator('#score-table form').count()).resolves.toBe(0);
    const log = await page.locator('h2:has-text("评分记录") + .table-wrap').textContent();
    expect(log).toContain('复核后认定 6 月份有一次更新未被抓取');
    expect(log).toContain('定稿');
    await page.screenshot({ path: join(ARTIFACTS, 'score.png'), fullPage: true });

    // The final table and the xlsx download, parsed back.
    await page.goto(`${site.url}/results`);
    await expect(page.locator('[id="results-镇街"]').textContent()).resolves.toContain('79');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-xlsx')]);
    const file = join(ARTIFACTS, 'results.xlsx');
    await download.saveAs(file);
    const xc = (await xlsxSummary(file)).find((r) => r['单位编号'] === 'xinchang')!;
    expect(xc['单位名称']).toBe('新厂街道办事处');
    expect(xc['公开内容-1 确认分']).toBe(25);
    expect(xc['确认总分']).toBe(79);
    expect(xc['等次']).toBe('良好');

    await page.goto(`${site.url}/units/${fx.other.unitId}`);
    // The last visit's outcome is in Chinese, never the stored code.
    const newsRow = page.locator('#unit-columns tr', { has: page.locator('a', { hasText: '教育动态' }) });
    await expect(newsRow.textContent()).resolves.toContain('无法访问');
    await expect(newsRow.textContent()).resolves.not.toContain('unreachable');
    for (const p of ['/results', '/rectifications', '/alerts', '/runs', `/columns/${fx.other.columnId}`, `/units/${fx.other.unitId}`, `/units/${fx.other.unitId}/score`]) {
      await page.goto(site.url + p);
      await assertInert(page);
    }
    await ctx.close();
  }, 400_000);

  it('unit user: sees its own unit read-only and is refused another unit', async () => {
    const ctx = await browser.newContext();
    const page = await newPage(ctx);
    await login(page, fx.users.own.name);
    expect(new URL(page.url()).pathname).toBe('/units/xinchang');
    await assertInert(page);
    await page.goto(`${site.url}/units/xinchang/score`);
    await expect(page.locator('#score-table form').count()).resolves.toBe(0);
    for (const p of [`/units/${fx.other.unitId}`, `/columns/${fx.other.columnId}`, `/evidence/${fx.other.fetchId}`, '/overview', '/users']) {
      const res = await page.goto(site.url + p);
      expect(res?.status()).toBe(403);
      await expect(page.locator('h1').textContent()).resolves.toBe('无权访问');
    }
    await ctx.close();
  }, 200_000);

  it('no dialog opened and the canary server was never contacted', () => {
    expect(dialogs).toEqual([]);
    expect(canaryHits).toEqual([]);
  });
});
