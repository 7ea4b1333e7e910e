import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { runAssess } from '../../src/assess/run.ts';
import { countWorkdays } from '../../src/assess/workdays.ts';
import { suggestionsFor } from '../../src/store/scores.ts';
import { buildWebFixture, PERIOD, YEAR, type WebFixture } from './fixture.ts';
import { browserLoggedIn, dashboardFor, loginAs, request } from './helpers.ts';
import type { Dashboard } from '../../src/web/app.tsx';

let fx: WebFixture;
let d: Dashboard;
let browser: Browser;
let page: Page;
let site: { url: string; evidenceUrl: string; close(): Promise<void> };

/** 区教育局 gets 70 findings of two kinds besides its own: more than a page of 50. */
const EXTRA = 70;

beforeAll(async () => {
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  // The real assessment, so that findings have the identities the nightly gives them and reviews can be recomputed.
  runAssess(fx.db, { rules: fx.rules, year: YEAR, period: PERIOD, asOf: '2026-11-20', countWorkdays: (a, b) => countWorkdays(fx.rules, a, b) });
  const insert = fx.db.prepare(
    `INSERT INTO findings (identity, kind, unit_id, column_id, year, detail_json, evidence_json, first_detected_at, last_detected_at, rules_version)
     VALUES (?, ?, ?, ?, ?, ?, '[]', '2026-08-01T18:00:00Z', ?, 'v')`,
  );
  for (let i = 0; i < EXTRA; i++) {
    insert.run(`extra-${i}`, i % 2 ? 'dead-link' : 'late-disclosure', fx.other.unitId, fx.other.columnId, YEAR, JSON.stringify({ text: `教育动态第 ${i} 号问题` }),
      `2026-11-${String(1 + (i % 19)).padStart(2, '0')}T18:00:00Z`);
  }
  // 60 more items in 工作动态: its page has more than 50.
  const item = fx.db.prepare(
    `INSERT INTO items (column_id, url, url_key, title, published_at, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z')`,
  );
  for (let i = 0; i < 60; i++) {
    const url = `http://portal.test/xinchang/gzdt/extra${i}.html`;
    item.run(fx.own.columnId, url, url, i % 6 === 0 ? `防汛工作简报${i}` : `社区活动${i}`, `2026-09-${String(1 + (i % 28)).padStart(2, '0')}`);
  }
  d = dashboardFor(fx);
  site = await d.start({ port: 0, evidencePort: 0, host: '127.0.0.1' });
  ({ browser, page } = await browserLoggedIn(site.url, fx.users.assessor.name, { width: 1366, height: 768 }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const countOf = async (id: string) => Number(await page.getAttribute(`#${id}-count`, 'data-total'));
const rowsOf = (id: string) => page.locator(`#${id} tbody tr`);
const dbCount = (where: string, ...args: unknown[]) => (fx.db.prepare(`SELECT count(*) n FROM findings WHERE year = ${YEAR} AND ${where}`).get(...args) as { n: number }).n;

async function go(url: string) {
  await page.goto(url.startsWith('http') ? url : `${site.url}${url}`);
}

async function submitForm(selector: string) {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), page.click(selector)]);
  await page.waitForLoadState('load');
}

describe('long tables in Chromium', () => {
  it('问题清单 filters by unit and type, pages past 50 rows, and the URL round-trips', async () => {
    await go('/findings');
    expect(await countOf('findings')).toBe(dbCount('1'));
    await page.selectOption('#findings-filter select[name=unit]', fx.other.unitId);
    await submitForm('#findings-filter button[type=submit]');
    const inUnit = dbCount('unit_id = ?', fx.other.unitId);
    expect(inUnit).toBeGreaterThan(50);
    expect(new URL(page.url()).searchParams.get('unit')).toBe(fx.other.unitId);
    expect(await countOf('findings')).toBe(inUnit);
    expect(await rowsOf('findings').count()).toBe(50);
    const firstPage = await rowsOf('findings').allTextContents();

    await submitForm(`#findings-pager a[rel=next]`);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    expect(await rowsOf('findings').count()).toBe(inUnit - 50);
    const secondPage = await rowsOf('findings').allTextContents();
    expect(secondPage.some((r) => firstPage.includes(r))).toBe(false);

    // The bookmark: the same URL in a fresh page shows the same rows.
    const bookmark = page.url();
    await go('/overview');
    await go(bookmark);
    expect(await rowsOf('findings').allTextContents()).toEqual(secondPage);

    // Narrow by type: the unit stays, the page goes back to 1.
    await page.selectOption('#findings-filter select[name=kind]', 'dead-link');
    await submitForm('#findings-filter button[type=submit]');
    const params = new URL(page.url()).searchParams;
    expect([params.get('unit'), params.get('kind'), params.get('page')]).toEqual([fx.other.unitId, 'dead-link', null]);
    expect(await countOf('findings')).toBe(dbCount("unit_id = ? AND kind = 'dead-link'", fx.other.unitId));
    expect(await countOf('findings')).toBe(EXTRA / 2);

    // By unit kind: only 镇街 rows.
    await go('/findings?unitKind=镇街&size=200');
    const kindRows = await rowsOf('findings').locator('td:first-child').allTextContents();
    expect(kindRows.length).toBe(dbCount("unit_id IN (SELECT id FROM units WHERE kind = '镇街')"));
    expect(new Set(kindRows)).toEqual(new Set(['新厂街道办事处']));
  });

  it('the export holds exactly the filtered rows, in CSV and in Excel', async () => {
    await go(`/findings?unit=${fx.other.unitId}&kind=dead-link`);
    const shownTexts = await rowsOf('findings').locator('td:nth-child(4)').allTextContents();
    const csvHref = (await page.getAttribute('#findings-csv', 'href'))!;
    expect(new URL(csvHref, site.url).searchParams.get('kind')).toBe('dead-link');
    const csv = await (await page.request.get(new URL(csvHref, site.url).toString())).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toContain('问题');
    expect(lines.length - 1).toBe(EXTRA / 2);
    for (const t of shownTexts) expect(csv).toContain(t);
    expect(csv).not.toContain('逾期公开');

    const xlsx = await page.request.get(new URL((await page.getAttribute('#findings-xlsx', 'href'))!, site.url).toString());
    const wb = new ExcelJS.Workbook();
    const bytes = await xlsx.body();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount - 1).toBe(EXTRA / 2);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header[1]).toBe('问题');
    for (let r = 2; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(2).value).toBe('链接失效');
  });

  it('bad parameters are named in Chinese, ignored, and never a 500', async () => {
    const res = await page.goto(`${site.url}/findings?page=abc&kind=<b>x</b>&size=7`);
    expect(res!.status()).toBe(400);
    const text = (await page.textContent('#findings-problems'))!;
    expect(text).toContain('页码');
    expect(text).toContain('问题类型');
    expect(text).toContain('每页条数');
    expect(await page.locator('#findings-problems b').count()).toBe(0);
    expect(await countOf('findings')).toBe(dbCount('1'));
  });

  it('the column page searches and pages its items', async () => {
    await go(`/columns/${fx.own.columnId}`);
    const total = await countOf('column-items');
    expect(total).toBeGreaterThan(60);
    expect(await rowsOf('column-items').count()).toBe(50);
    await page.fill('#column-items-filter input[name=q]', '防汛');
    await submitForm('#column-items-filter button[type=submit]');
    expect(await countOf('column-items')).toBe(10);
    expect((await rowsOf('column-items').locator('td:first-child').allTextContents()).every((t) => t.includes('防汛'))).toBe(true);
    expect(await page.locator('#column-items-pager').count()).toBe(0);
  });

  it('预警 and 运行 filter by state', async () => {
    await go('/alerts?state=failed');
    expect(await countOf('alerts')).toBe(1);
    expect(await rowsOf('alerts').textContent()).toContain('550 邮箱不存在');
    await go('/runs?state=failed');
    expect(await countOf('crawl-runs')).toBe(1);
  });

  it('excluding a finding takes it out of the suggested score, logs it, and reopening puts it back', async () => {
    const blank = fx.db.prepare("SELECT id FROM findings WHERE unit_id = ? AND kind = 'blank-column' AND active = 1").get(fx.own.unitId) as { id: number };
    expect(blank).toBeDefined();
    const suggested = () => Object.fromEntries(suggestionsFor(fx.db, fx.own.unitId, YEAR).map((s) => [s.code, s.suggested]));
    const before = suggested();

    await go(`/units/${fx.own.unitId}?kind=blank-column`);
    const open = page.locator('.stat', { has: page.locator('.l', { hasText: '待处理问题' }) }).locator('.n');
    const openBefore = Number(await open.textContent());
    const row = rowsOf('findings').first();
    await row.locator('select[name=action]').selectOption('dismiss');
    await row.locator('input[name=reason]').fill('人事信息栏目已按计划撤并，不属考核栏目');
    await submitForm('#findings tbody tr:first-child .review-form button');
    expect(new URL(page.url()).pathname).toBe(`/units/${fx.own.unitId}`);
    expect(await page.textContent('#findings-done')).toContain('已复核 1 条');
    const excluded = rowsOf('findings').first();
    expect(await excluded.getAttribute('class')).toBe('muted');
    expect(await excluded.locator('.review').textContent()).toContain('已排除');
    expect(await excluded.locator('.review').textContent()).toContain('人事信息栏目已按计划撤并');
    expect(Number(await open.textContent())).toBe(openBefore - 1);

    const after = suggested();
    expect(after['公开内容-1']).toBeGreaterThan(before['公开内容-1']!);
    await go(`/units/${fx.own.unitId}/score`);
    expect(await page.textContent('[id="item-公开内容-1"]')).toContain('经复核驳回');
    const audit = fx.db.prepare('SELECT action, detail, user_id AS userId FROM audit_log WHERE target = ?').all(`finding:${blank.id}`);
    expect(audit).toEqual([{ action: 'finding.dismiss', detail: '人事信息栏目已按计划撤并，不属考核栏目', userId: fx.users.assessor.id }]);

    // The excluded state is filterable, and survives the next night's assess.
    await go('/findings?state=dismissed');
    expect(await countOf('findings')).toBe(1);
    runAssess(fx.db, { rules: fx.rules, year: YEAR, period: PERIOD, asOf: '2026-11-21', countWorkdays: (a, b) => countWorkdays(fx.rules, a, b) });
    expect(suggested()['公开内容-1']).toBe(after['公开内容-1']);

    await go(`/units/${fx.own.unitId}?state=dismissed`);
    await rowsOf('findings').first().locator('select[name=action]').selectOption('reopen');
    await rowsOf('findings').first().locator('input[name=reason]').fill('撤并未获批准');
    await submitForm('#findings tbody tr:first-child .review-form button');
    expect(suggested()['公开内容-1']).toBe(before['公开内容-1']);
  });

  it('bulk review acts on the filtered selection it counted, and refuses when the selection changed', async () => {
    await go(`/findings?unit=${fx.other.unitId}&kind=late-disclosure`);
    expect(await page.textContent('#findings-bulk')).toContain(`全部 ${EXTRA / 2} 条`);
    await page.selectOption('#findings-bulk select[name=action]', 'confirm');
    await page.fill('#findings-bulk input[name=reason]', '逐条核对属实');
    await submitForm('#findings-bulk button');
    expect(await page.textContent('#findings-done')).toContain(`已复核 ${EXTRA / 2} 条`);
    expect(dbCount("unit_id = ? AND kind = 'late-disclosure' AND review = 'confirmed'", fx.other.unitId)).toBe(EXTRA / 2);
    expect((fx.db.prepare("SELECT count(*) n FROM audit_log WHERE action = 'finding.confirm'").get() as { n: number }).n).toBe(EXTRA / 2);

    const login = loginAs(fx, fx.users.assessor);
    const stale = await request(d, 'POST', `/findings/review-bulk?unit=${fx.other.unitId}&kind=dead-link`, {
      login,
      form: { action: 'dismiss', reason: '重复', expected: '3' },
    });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('筛选结果已有变化');
    expect(dbCount("kind = 'dead-link' AND review = 'dismissed'")).toBe(0);
    const noReason = await request(d, 'POST', '/findings/review', { login, form: { findingId: '1', action: 'dismiss', reason: ' ' } });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('请填写复核理由');
  });

  it('a unit account sees its own findings without review forms, and cannot review', async () => {
    const unit = loginAs(fx, fx.users.own);
    const html = await (await request(d, 'GET', `/units/${fx.own.unitId}`, { login: unit })).text();
    expect(html).toContain('id="findings"');
    expect(html).not.toContain('review-form');
    expect(html).not.toContain('findings-bulk');
    expect((await request(d, 'POST', '/findings/review', { login: unit, form: { findingId: '1', action: 'dismiss', reason: 'x' } })).status).toBe(403);
  });

  it('一键确认 confirms every undecided automatic item of all units with one reason, skipping decided ones', async () => {
    const login = loginAs(fx, fx.users.assessor);
    // One item already decided by hand: it stays as decided.
    const manual = await request(d, 'POST', `/units/${fx.other.unitId}/score/decision`, {
      login,
      form: { code: '公开内容-1', action: 'override', value: '20', reason: '人工复核' },
    });
    expect(manual.status).toBe(303);
    const auto = fx.db.prepare("SELECT count(*) n FROM score_suggestions WHERE year = ? AND suggested IS NOT NULL").get(YEAR) as { n: number };

    await go('/results');
    await page.fill('#confirm-all input[name=reason]', '经核对，同意系统建议分');
    await submitForm('#confirm-all button');
    expect(await page.textContent('#confirm-all-done')).toContain(`已确认 ${auto.n - 1} 项建议分；跳过已有评分的 1 项`);
    const confirms = fx.db.prepare("SELECT unit_id AS unitId, code, reason, value FROM score_decisions WHERE action = 'confirm'").all() as Array<{ unitId: string; code: string; reason: string; value: number }>;
    expect(confirms.length).toBe(auto.n - 1);
    expect(new Set(confirms.map((c) => c.unitId))).toEqual(new Set([fx.own.unitId, fx.other.unitId]));
    expect(confirms.every((c) => c.reason === '经核对，同意系统建议分')).toBe(true);
    expect(confirms.some((c) => c.unitId === fx.other.unitId && c.code === '公开内容-1')).toBe(false);
    expect((fx.db.prepare("SELECT count(*) n FROM audit_log WHERE action = 'score.confirm-bulk'").get() as { n: number }).n).toBe(auto.n - 1);

    // A second run has nothing left to confirm; the sheet no longer offers it.
    await go(`/units/${fx.own.unitId}/score`);
    expect(await page.locator('#confirm-all').count()).toBe(0);
    const again = await request(d, 'POST', '/results/confirm-all', { login, form: { reason: '再次确认' } });
    expect(again.headers.get('location')).toBe(`/results?confirmed=0-${auto.n}-0`);
  });
});
