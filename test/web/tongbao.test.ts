import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/shared/chromium.ts';
import type { Dashboard } from '../../src/web/app.tsx';
import { TongbaoSettingsSchema } from '../../src/config/settings.ts';
import { REPORT_FORMATS } from '../../src/assess/report/formats.ts';
import { reportUnits } from '../../src/assess/report/model.ts';
import { recordDecision, scoreSheet } from '../../src/assess/sheet.ts';
import { countWorkdays } from '../../src/assess/workdays.ts';
import { asOfDay } from '../../src/web/columns.ts';
import { buildWebFixture, PASSWORD, PERIOD, YEAR, type WebFixture } from './fixture.ts';
import { dashboardFor, loginAs, request } from './helpers.ts';
import { decideAll, paragraphs, readDocx, tables } from '../assess/official-docs.ts';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const TONGBAO = TongbaoSettingsSchema.parse({ publicUrl: 'https://www.zhushan.gov.cn/zwgk/khjg/', copyTo: '区委办公室' });

let fx: WebFixture;
let d: Dashboard;
let browser: Browser;
let site: { url: string; close(): Promise<void> };
const cspViolations: string[] = [];

const decisions = () => (fx.db.prepare('SELECT count(*) n FROM score_decisions').get() as { n: number }).n;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  d = dashboardFor(fx, { tongbao: TONGBAO });
  site = await d.start({ port: 0, evidencePort: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function login(page: Page, name: string): Promise<void> {
  await page.goto(`${site.url}/login`);
  await page.fill('#name', name);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

/** Clicks a button that opens a new tab (formtarget/target _blank) and returns the loaded tab. */
async function popup(page: Page, selector: string): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.click(selector)]);
  tab.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await tab.waitForLoadState('load');
  await tab.evaluate(() => document.fonts.ready);
  return tab;
}

/** What the stylesheet did to the 通报: fonts, colours and where the main parts sit on the page. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const el = (s: string) => document.querySelector(s)!;
    const box = (s: string) => {
      const r = el(s).getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map(Math.round);
    };
    return {
      body: getComputedStyle(document.body).fontFamily,
      bodySize: getComputedStyle(document.body).fontSize,
      title: getComputedStyle(el('h1.title')).fontFamily,
      titleSize: getComputedStyle(el('h1.title')).fontSize,
      markColor: getComputedStyle(el('.issuer-mark')).color,
      boxes: ['.issuer-mark', '.doc-no', 'h1.title', 'table.grid', '.closing', '.imprint'].map(box),
    };
  });

describe('publishing the 通报 from the dashboard', () => {
  it('打印通报 is refused with the unfinished units; the 预览 is marked 草稿 on every page', async () => {
    const assessor = loginAs(fx, fx.users.assessor);
    const refused = await request(d, 'GET', '/results/download/html?number=3', { login: assessor });
    expect(refused.status).toBe(409);
    const text = await refused.text();
    expect(text).toContain('以下 2 个单位的评分表尚未定稿，通报不能印发');
    expect(text).toContain('href="/units/xinchang/score"');
    expect(text).toContain('新厂街道办事处');
    expect((await request(d, 'GET', '/results/download/docx?number=3', { login: assessor })).status).toBe(409);
    const bad = await request(d, 'GET', '/results/download/html?number=0x10&draft=1', { login: assessor });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('文号序号应为 1 到 99999 之间的整数');

    const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await ctx.newPage();
    await login(page, fx.users.assessor.name);
    await page.goto(`${site.url}/results`);
    await expect(page.locator('#unfinished').textContent()).resolves.toContain('新厂街道办事处');
    const stop = await popup(page, '#print-tongbao');
    expect(await stop.locator('h1').textContent()).toBe('通报未能生成');
    await expect(stop.locator('#unfinished li').allTextContents()).resolves.toEqual(expect.arrayContaining(['新厂街道办事处']));
    await stop.close();

    const preview = await popup(page, '#preview-tongbao');
    const mark = preview.locator('.draft-mark');
    await expect(mark.textContent()).resolves.toBe('草稿');
    // Fixed: Chromium repeats it on every printed page; visible on screen and in print.
    for (const media of ['screen', 'print'] as const) {
      await preview.emulateMedia({ media });
      expect(await mark.evaluate((e) => [getComputedStyle(e).position, getComputedStyle(e).display, getComputedStyle(e).visibility])).toEqual(['fixed', 'block', 'visible']);
      expect((await mark.boundingBox())!.width).toBeGreaterThan(50);
    }
    await preview.screenshot({ path: join(ARTIFACTS, 'tongbao-draft-print.png'), fullPage: true });
    expect(await preview.title()).toBe(`【草稿】关于${YEAR}年度政务公开绩效考核结果的通报`);
    await ctx.close();
  }, 300_000);

  it('finalising asks first, showing the total and grade it will lock; no lock without the confirmation', async () => {
    decideAll(fx.db, fx.rules, fx.own.unitId, 91.5);
    const sheet = scoreSheet(fx.db, fx.own.unitId, YEAR, fx.rules);
    expect([sheet.total, sheet.grade]).toEqual([91.5, '优秀']);
    const assessor = loginAs(fx, fx.users.assessor);
    const before = decisions();
    // Without the box ticked, or with a total that is not the sheet's, nothing is locked.
    const unticked = await request(d, 'POST', `/units/${fx.own.unitId}/score/finalize`, { login: assessor, form: { total: '91.5', grade: '优秀' } });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain('请先勾选“我已核对”');
    const stale = await request(d, 'POST', `/units/${fx.own.unitId}/score/finalize`, { login: assessor, form: { confirm: 'yes', total: '90', grade: '优秀' } });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('评分表在打开确认页之后有变动（现为总分 91.5、等次“优秀”），未定稿');
    expect(decisions()).toBe(before);
    expect(scoreSheet(fx.db, fx.own.unitId, YEAR, fx.rules).finalized).toBe(false);

    const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await ctx.newPage();
    await login(page, fx.users.assessor.name);
    await page.goto(`${site.url}/units/${fx.own.unitId}/score`);
    await Promise.all([page.waitForURL(/\/score\/finalize$/), page.click('#finalize')]);
    await expect(page.locator('#to-lock').textContent()).resolves.toMatch(/91\.5.*优秀/);
    await expect(page.locator('label:has(#confirm-check)').textContent()).resolves.toContain('确认以总分 91.5、等次“优秀”定稿');
    // The browser will not send the form unticked (required); nothing happened.
    await page.click('#confirm-finalize');
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe(`/units/${fx.own.unitId}/score/finalize`);
    expect(decisions()).toBe(before);
    await page.screenshot({ path: join(ARTIFACTS, 'finalize-confirm.png'), fullPage: true });
    await page.check('#confirm-check');
    await Promise.all([page.waitForURL(/\/score\?saved=1$/), page.click('#confirm-finalize')]);
    await expect(page.locator('.lock').first().textContent()).resolves.toContain('已定稿锁定');
    expect(scoreSheet(fx.db, fx.own.unitId, YEAR, fx.rules).finalized).toBe(true);
    const log = fx.db.prepare("SELECT action, user_id FROM score_decisions WHERE unit_id = ? AND action = 'finalize'").all(fx.own.unitId);
    expect(log).toEqual([{ action: 'finalize', user_id: fx.users.assessor.id }]);

    // The score sheet to sign: printable with the official stylesheet, and as Word.
    const sheetTab = await popup(page, '#print-sheet');
    await expect(sheetTab.locator('h1.title').textContent()).resolves.toBe(`新厂街道办事处${YEAR}年度政务公开绩效考核评分表`);
    expect(await sheetTab.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"?仿宋_GB2312/);
    expect(await sheetTab.locator('.draft-mark').count()).toBe(0);
    expect(await sheetTab.locator('.signatures p').allTextContents()).toEqual([expect.stringMatching(/^考核人（签字）：/), expect.stringMatching(/^审核人（签字）：/)]);
    await sheetTab.screenshot({ path: join(ARTIFACTS, 'score-sheet-print.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-sheet-docx')]);
    expect(download.suggestedFilename()).toBe(`新厂街道办事处${YEAR}年度政务公开绩效考核评分表.docx`);
    const file = join(ARTIFACTS, 'score-sheet.docx');
    await download.saveAs(file);
    const sheetXml = (await readDocx(readFileSync(file))).document;
    expect(tables(sheetXml)[0].at(-1)).toEqual(['合计', '', '100', '', '91.5', '']);
    await ctx.close();

    // The unit's own account may print its sheet, not another unit's.
    const own = loginAs(fx, fx.users.own);
    expect((await request(d, 'GET', `/units/${fx.own.unitId}/score/sheet/docx`, { login: own })).status).toBe(200);
    expect((await request(d, 'GET', `/units/${fx.other.unitId}/score/sheet/html`, { login: own })).status).toBe(403);
    expect((await request(d, 'GET', `/units/${fx.own.unitId}/score/finalize`, { login: own })).status).toBe(403);
  }, 300_000);

  it('unlocking stays an admin act with a reason, in the audit log', async () => {
    const assessor = loginAs(fx, fx.users.assessor);
    expect((await request(d, 'POST', `/units/${fx.own.unitId}/score/unlock`, { login: assessor, form: { reason: '想改' } })).status).toBe(403);
    const admin = loginAs(fx, fx.users.admin);
    expect((await request(d, 'POST', `/units/${fx.own.unitId}/score/unlock`, { login: admin, form: { reason: '' } })).status).toBe(400);
    expect((await request(d, 'POST', `/units/${fx.own.unitId}/score/unlock`, { login: admin, form: { reason: '复核组织领导-3 的材料' } })).status).toBe(303);
    expect(fx.db.prepare("SELECT user_id, detail FROM audit_log WHERE action = 'score.unlock' AND target = ?").all(`score:${fx.own.unitId}:${YEAR}`)).toEqual([
      { user_id: fx.users.admin.id, detail: '复核组织领导-3 的材料' },
    ]);
    const { total, grade } = scoreSheet(fx.db, fx.own.unitId, YEAR, fx.rules);
    expect((await request(d, 'POST', `/units/${fx.own.unitId}/score/finalize`, { login: admin, form: { confirm: 'yes', total: String(total), grade: grade ?? '' } })).status).toBe(303);
  });

  it('once every sheet is 定稿: 打印通报 in Chromium looks like the CLI’s file, and the Word download reads back', async () => {
    decideAll(fx.db, fx.rules, fx.other.unitId, 58);
    recordDecision(fx.db, { unitId: fx.other.unitId, year: YEAR, action: 'finalize', userId: fx.users.assessor.id }, fx.rules);

    const ctx = await browser.newContext({ viewport: { width: 1000, height: 1200 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await login(page, fx.users.assessor.name);
    await page.goto(`${site.url}/results`);
    await page.fill('#tb-number', '12');
    await page.fill('#tb-date', '2027-01-15');
    const served = await popup(page, '#print-tongbao');
    expect(await served.locator('link[rel=stylesheet]').getAttribute('href')).toBe('/static/official.css');
    expect(await served.locator('style').count()).toBe(0);
    await expect(served.locator('.doc-no').textContent()).resolves.toBe('珠政务公开办〔2027〕12号');
    await expect(served.locator('.closing .date').textContent()).resolves.toBe('2027年1月15日');
    await expect(served.locator('a[href="https://www.zhushan.gov.cn/zwgk/khjg/"]').count()).resolves.toBe(1);
    expect(await served.locator('.draft-mark').count()).toBe(0);
    const dash = await layout(served);
    expect(dash.body).toMatch(/^"?仿宋_GB2312"?, FangSong_GB2312/);
    expect(dash.title).toMatch(/^"?方正小标宋简体/);
    expect([dash.bodySize, dash.titleSize]).toEqual(['21.3333px', '29.3333px']); // 16 pt and 22 pt
    expect(dash.markColor).toBe('rgb(230, 0, 18)');
    await served.screenshot({ path: join(ARTIFACTS, 'tongbao-dashboard.png'), fullPage: true });
    await served.emulateMedia({ media: 'print' });
    await served.screenshot({ path: join(ARTIFACTS, 'tongbao-dashboard-print.png'), fullPage: true });
    await served.pdf({ path: join(ARTIFACTS, 'tongbao-dashboard.pdf'), preferCSSPageSize: true });
    await served.emulateMedia({ media: 'screen' });

    // The file `zwgk report --format html` writes: the same renderer with the stylesheet carried inside.
    const cliFile = join(ARTIFACTS, 'tongbao-cli.html');
    const chunks: string[] = [];
    const asOf = asOfDay(PERIOD);
    await REPORT_FORMATS.html.write(
      fx.rules,
      reportUnits(fx.db, { rules: fx.rules, year: YEAR, period: PERIOD, asOf, countWorkdays: (a, b) => countWorkdays(fx.rules, a, b) }),
      { asOf, year: YEAR, period: PERIOD, notice: { settings: TONGBAO, number: 12, signDate: '2027-01-15', draft: false } },
      (c) => void chunks.push(String(c)),
    );
    writeFileSync(cliFile, chunks.join(''));
    const standalone = await ctx.newPage();
    await standalone.setViewportSize({ width: 1000, height: 1200 });
    await standalone.goto(pathToFileURL(cliFile).href);
    await standalone.evaluate(() => document.fonts.ready);
    await standalone.screenshot({ path: join(ARTIFACTS, 'tongbao-cli.png'), fullPage: true });
    expect(await layout(standalone)).toEqual(dash);
    // Pixel for pixel the same page.
    expect(readFileSync(join(ARTIFACTS, 'tongbao-cli.png')).equals(readFileSync(join(ARTIFACTS, 'tongbao-dashboard.png')))).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-docx')]);
    expect(download.suggestedFilename()).toBe(`${YEAR}年度政务公开绩效考核通报.docx`);
    const file = join(ARTIFACTS, 'tongbao.docx');
    await download.saveAs(file);
    const xml = (await readDocx(readFileSync(file))).document;
    const p = paragraphs(xml);
    expect(p.slice(0, 4)).toEqual(['珠山区政务公开工作领导小组办公室文件', '珠政务公开办〔2027〕12号', `关于${YEAR}年度政务公开绩效考核结果的通报`, '各镇（街道）、区直各部门：']);
    expect(tables(xml).map((t) => t.slice(1).map((r) => r.slice(1, 4)))).toEqual([[['新厂街道办事处', '91.5', '优秀']], [[expect.stringContaining('区教育局'), '58', '不合格']]]);
    expect(p).toContain('抄送：区委办公室');
    await ctx.close();
    expect(cspViolations).toEqual([]);
  }, 300_000);
});
