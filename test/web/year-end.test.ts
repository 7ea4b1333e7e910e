import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { rubricItems } from '../../src/config/rules.ts';
import { recordDecision } from '../../src/assess/sheet.ts';
import { upsertSuggestion } from '../../src/store/scores.ts';
import { Fixture } from '../assess/fixture.ts';
import { buildWebFixture, YEAR, type WebFixture } from './fixture.ts';
import { dashboardInBrowser, xlsxSummary } from './helpers.ts';

/**
 * The year-end as an assessor meets it in Chromium: unfinished sheets show what is scored and the grades still
 * open, never a guessed grade; one unit's figures read the same on every page and in every download; 结果 and
 * the 通报 rank 镇街 and 区直部门 apart, grade first, with a 弄虚作假 unit among 不合格; the verdict shows as
 * saved and is withdrawn only by its own act with its own reason.
 */

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let fx: WebFixture;
let page: Page;
let site: Awaited<ReturnType<typeof dashboardInBrowser>>;

/** Every item of a sheet entered by hand, summing to `total` (items filled in rubric order). */
function fillByHand(unitId: string, total: number): void {
  let left = total;
  for (const it of rubricItems(fx.rules)) {
    const value = Math.min(it.points, left);
    left = Math.round((left - value) * 100) / 100;
    const suggested = fx.db.prepare('SELECT suggested FROM score_suggestions WHERE unit_id = ? AND code = ?').get(unitId, it.code) as { suggested: number | null } | undefined;
    const action = suggested?.suggested != null ? 'override' : 'manual';
    recordDecision(fx.db, { unitId, year: YEAR, code: it.code, action, value, reason: '按材料评分', userId: null }, fx.rules);
  }
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  const f = new Fixture(fx.db);
  f.unit('zhushan', '珠山镇人民政府', '镇街');
  f.unit('zhudao', '竹岛街道办事处', '镇街');
  fillByHand('zhushan', 95);
  fillByHand('zhudao', 50);
  // A suggestion as an older rules version stored it, finer than today's two decimals.
  upsertSuggestion(fx.db, { unitId: fx.own.unitId, year: YEAR, code: '公开时限-1', suggested: 7.414, basis: '10 × 37 / 50', evidence: [], rulesVersion: fx.rules.version.id, asOf: '2026-11-20' });
  site = await dashboardInBrowser(fx);
  page = site.page;
}, 120_000);

afterAll(async () => {
  await site?.close();
});

const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Submits a form by its button and waits for the answer page. */
async function submit(button: string): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), page.click(button)]);
  await page.waitForLoadState('load');
}

const GRADE_GUESS = /(优秀|良好|合格|不合格)（建议）/;

describe('year-end in Chromium', () => {
  it('before the manual items are in: the automatic part and the grades still open, no grade, on 总览, the unit page, 评分表 and 结果', async () => {
    await page.goto(`${site.url}/overview`);
    const row = page.locator('#overview-table tr', { has: page.locator('a', { hasText: '新厂街道办事处' }) });
    // 23 + 9 + 7.41 + 4 of the 55 automatic points; the 45 manual points are still to be entered.
    await expect(row.locator('td.score-total').textContent()).resolves.toMatch(/^\s*已评 43\.41 \/ 55 分\s*45 分待录入\s*$/);
    // 43.41 with none of the 45 manual points is 不合格; with all of them 88.41, 良好.
    await expect(row.locator('td.grade').textContent()).resolves.toBe('可能 不合格～良好');
    await expect(row.locator('td.grade .badge').count()).resolves.toBe(0);
    expect(await page.locator('body').textContent()).not.toMatch(GRADE_GUESS);
    await page.screenshot({ path: join(ARTIFACTS, 'overview-open.png'), fullPage: true });

    await page.goto(`${site.url}/units/${fx.own.unitId}`);
    expect(await text('#unit-score .n')).toBe('已评 43.41 / 55 分 45 分待录入');
    expect(await text('#unit-score .l')).toBe('评分表尚未评定完');
    expect(await text('#unit-grade .n')).toBe('可能 不合格～良好');

    await page.goto(`${site.url}/units/${fx.own.unitId}/score`);
    expect(await text('.stat .n.total')).toBe('已评 43.41 / 55 分 45 分待录入');
    expect(await text('.stat .n.grade')).toBe('可能 不合格～良好');

    await page.goto(`${site.url}/results`);
    expect(await text(`#result-${fx.own.unitId} td.rank`)).toBe('—');
    expect(await text(`#result-${fx.own.unitId} td.grade`)).toBe('可能 不合格～良好');
    expect(await page.locator('body').textContent()).not.toMatch(GRADE_GUESS);
  }, 120_000);

  it("once every item has a value: one unit's figures are the same on the sheet, 总览, the unit page, 结果, CSV, xlsx, JSON and the 通报", async () => {
    await page.goto(`${site.url}/units/${fx.own.unitId}/score`);
    const timely = page.locator('[id="item-公开时限-1"]');
    // The stored 7.414 is 7.41 under the rubric's two decimals: the button says what will be stored.
    await expect(timely.locator('form.inline:not(.override) button').textContent()).resolves.toBe('确认 7.41 分');
    const manual: Record<string, string> = {
      '组织领导-1': '4.5', '组织领导-2': '5', '组织领导-3': '4.25', '公开内容-2': '5', '公开形式-2': '8.5', '公开效果-1': '5', '公开效果-2': '4', '公开效果-3': '4.75',
    };
    for (const it of rubricItems(fx.rules)) {
      const r = page.locator(`[id="item-${it.code}"]`);
      if (manual[it.code]) {
        await r.locator('form.manual input[name=value]').fill(manual[it.code]);
        await submit(`[id="item-${it.code}"] form.manual button`);
      } else {
        await submit(`[id="item-${it.code}"] form.inline:not(.override) button`);
      }
      expect(await page.locator('.error').count(), it.code).toBe(0);
    }
    // 23 + 9 + 7.41 + 4 + 41 = 84.41; 公开时限 7.41 + 4 = 11.41.
    const total = '84.41';
    expect(await text('[id="item-公开时限-1"] td.num strong')).toBe('7.41');
    expect(await text('.stat .n.total')).toBe(total);
    expect(await text('.stat .n.grade')).toBe('良好');
    await page.screenshot({ path: join(ARTIFACTS, 'score-complete.png'), fullPage: true });

    await page.goto(`${site.url}/overview`);
    const row = page.locator('#overview-table tr', { has: page.locator('a', { hasText: '新厂街道办事处' }) });
    expect(((await row.locator('td.score-total').textContent()) ?? '').trim()).toBe(total);
    expect(((await row.locator('td.grade').textContent()) ?? '').trim()).toBe('良好');
    const cells = (await row.locator('td').allTextContents()).map((s) => s.trim());
    expect(cells).toContain('11.41');

    await page.goto(`${site.url}/units/${fx.own.unitId}`);
    expect(await text('#unit-score .n')).toBe(total);

    await page.goto(`${site.url}/results`);
    expect(await text(`#result-${fx.own.unitId} td.score-total`)).toBe(total);
    expect(await text(`#result-${fx.own.unitId} td.rank`)).toBe('2');
    expect(await page.locator(`#result-${fx.own.unitId} td`).allTextContents()).toContain('11.41');

    const csv = (await (await page.request.get(`${site.url}/results/download/csv`)).text()).replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(','));
    const csvRow = csv.find((r) => r[0] === fx.own.unitId)!;
    expect(csvRow[csv[0].indexOf('公开时限-1 确认分')]).toBe('7.41');
    expect(csvRow[csv[0].indexOf('确认总分')]).toBe(total);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-xlsx')]);
    const file = join(ARTIFACTS, 'year-end.xlsx');
    await download.saveAs(file);
    const xlsxRow = (await xlsxSummary(file)).find((r) => r['单位编号'] === fx.own.unitId)!;
    expect(String(xlsxRow['公开时限-1 确认分'])).toBe('7.41');
    expect(String(xlsxRow['确认总分'])).toBe(total);
    // Second among the 镇街, after 珠山镇 (95, 优秀) and before 竹岛街道 (50): the same place everywhere.
    expect(xlsxRow['同类名次']).toBe(2);

    const json = await (await page.request.get(`${site.url}/results/download/json`)).json();
    const unit = json.units.find((u: { id: string }) => u.id === fx.own.unitId);
    expect(String(unit.scores.find((s: { code: string }) => s.code === '公开时限-1').confirmed)).toBe('7.41');
    expect(String(unit.total)).toBe(total);
    expect(unit.kindRank).toBe(2);

    // No sheet is 定稿 yet: the 通报 is only a draft (名次, 单位, 得分, 等次, 备注).
    await page.goto(`${site.url}/results/download/html?draft=1`);
    const reportRow = page.locator('table.grid tr', { hasText: '新厂街道办事处' });
    expect((await reportRow.locator('td').allTextContents()).slice(0, 4)).toEqual(['2', '新厂街道办事处', total, '良好']);
  }, 300_000);

  it('a 弄虚作假 verdict shows as saved, with its reason; withdrawing it needs its own act and reason; both are in the history and the audit log', async () => {
    await page.goto(`${site.url}/units/zhushan/score`);
    expect(await text('#verdict-state')).toBe('未认定弄虚作假');
    await expect(page.locator('#verdict-withdraw').count()).resolves.toBe(0);
    await page.fill('#verdict-record-reason', '自查报告所附截图与巡检快照不符，经约谈核实');
    await submit('#verdict-record button');
    expect(await page.locator('.error').count()).toBe(0);
    for (const visit of ['after saving', 'on a fresh load']) {
      if (visit === 'on a fresh load') await page.goto(`${site.url}/units/zhushan/score`);
      expect(await text('#verdict-state'), visit).toBe('已认定弄虚作假 考核结果直接记为不合格。');
      expect(await text('#verdict-reason'), visit).toBe('自查报告所附截图与巡检快照不符，经约谈核实');
      // The only act left is the withdrawal: nothing on the page can re-save or silently clear the verdict.
      await expect(page.locator('#verdict-record').count()).resolves.toBe(0);
      await expect(page.locator('#verdict-withdraw textarea[required]').count()).resolves.toBe(1);
    }
    expect(await text('.stat .n.grade')).toBe('不合格 弄虚作假');

    // A withdrawal without a reason, past the browser's own check, is refused by the server in Chinese.
    await page.$eval('#verdict-withdraw', (f) => ((f as HTMLFormElement).noValidate = true));
    await submit('#verdict-withdraw button');
    expect(await text('.error')).toBe('撤销弄虚作假认定须写明理由。');
    expect(await text('#verdict-state')).toContain('已认定弄虚作假');
    const csrf = (await page.locator('#verdict-withdraw input[name=_csrf]').getAttribute('value'))!;
    const tooLong = await page.request.post(`${site.url}/units/zhushan/score/verdict/withdraw`, { form: { _csrf: csrf, reason: '理'.repeat(2001) }, headers: { origin: site.url } });
    expect(tooLong.status()).toBe(400);
    expect(await tooLong.text()).toContain('理由不能超过 2000 字。');
    const again = await page.request.post(`${site.url}/units/zhushan/score/verdict`, { form: { _csrf: csrf, reason: '重复提交' }, headers: { origin: site.url } });
    expect(again.status()).toBe(400);
    expect(await again.text()).toContain('已认定弄虚作假。如需更改理由，请先撤销认定，再重新认定。');
    await page.screenshot({ path: join(ARTIFACTS, 'verdict.png'), fullPage: true });
  }, 120_000);

  it('结果 and the 通报 rank 镇街 and 区直部门 apart, grade first: the 弄虚作假 unit is 不合格, marked, after the unit that scored 不合格', async () => {
    await page.goto(`${site.url}/results`);
    const rows = async (kind: string) =>
      Promise.all(
        (await page.locator(`[id="results-${kind}"] tbody tr`).all()).map(async (r) =>
          [await r.locator('td.rank').textContent(), await r.locator('td a').textContent(), await r.locator('td.score-total').textContent(), await r.locator('td.grade').textContent()].map((s) => (s ?? '').replace(/\s+/g, ' ').trim()).join(' | '),
        ),
      );
    expect(await page.locator('h2').allTextContents()).toEqual(['镇街', '区直部门']);
    expect(await rows('镇街')).toEqual(['1 | 新厂街道办事处 | 84.41 | 良好', '2 | 竹岛街道办事处 | 50 | 不合格', '3 | 珠山镇人民政府 | 95 | 不合格 弄虚作假']);
    expect((await rows('区直部门'))[0]).toMatch(/^— \| 区教育局.* \| 已评 55 \/ 55 分 45 分待录入 \| 可能 不合格～优秀$/);
    await page.screenshot({ path: join(ARTIFACTS, 'results-ranked.png'), fullPage: true });

    // The 通报's result tables (a draft: no sheet is 定稿): 名次 | 单位 | 得分 | 等次 | 备注.
    await page.goto(`${site.url}/results/download/html?draft=1`);
    const tables = await page.locator('h3.h2 + table.grid').evaluateAll((ts) =>
      ts.map((t) => [t.previousElementSibling!.textContent, Array.from(t.querySelectorAll('tbody tr')).map((r) => Array.from(r.querySelectorAll('td')).map((d) => d.textContent).join(' | '))]),
    );
    expect(tables[0][0]).toMatch(/^（一）镇街/);
    expect((tables[0][1] as string[]).map((r) => r.split(' | ').slice(0, 4).join(' | '))).toEqual(['1 | 新厂街道办事处 | 84.41 | 良好', '2 | 竹岛街道办事处 | 50 | 不合格', '3 | 珠山镇人民政府 | 95 | 不合格']);
    expect((tables[0][1] as string[])[2].split(' | ')[4]).toContain('弄虚作假');
    expect((tables[0][1] as string[])[1].split(' | ')[4]).not.toContain('弄虚作假');
    expect(tables[1][0]).toMatch(/^（二）区直部门/);
    expect(tables[1][1]).toHaveLength(1);
    expect((tables[1][1] as string[])[0]).toMatch(/^— \| 区教育局.* \| 已评 55 \/ 55 分，45 分待录入 \| 待定（可能为 不合格～优秀）/);
  }, 120_000);

  it('the withdrawal with a reason puts the unit back by its score; the history and the audit log hold both acts', async () => {
    await page.goto(`${site.url}/units/zhushan/score`);
    await page.fill('#verdict-withdraw-reason', '复核认定截图差异系栏目改版所致');
    await submit('#verdict-withdraw button');
    expect(await page.locator('.error').count()).toBe(0);
    expect(await text('#verdict-state')).toBe('未认定弄虚作假');
    expect(await text('#verdict-last')).toMatch(/^撤销弄虚作假认定：.+，王考核。理由：复核认定截图差异系栏目改版所致$/);
    expect(await text('.stat .n.grade')).toBe('优秀');
    const history = await page.locator('h2:has-text("评分记录") + .table-wrap tbody tr').allTextContents();
    expect(history.filter((r) => r.includes('弄虚作假'))).toHaveLength(2);
    expect(history[0]).toContain('撤销弄虚作假认定');
    expect(history[0]).toContain('复核认定截图差异系栏目改版所致');
    expect(history[1]).toContain('认定弄虚作假');
    expect(history[1]).toContain('自查报告所附截图与巡检快照不符');
    const audit = await Promise.all(
      (await page.locator('h2:has-text("审计日志") + .table-wrap tbody tr').all()).map(async (r) => (await r.locator('td').allTextContents()).slice(1)),
    );
    expect(audit).toEqual([
      ['王考核', '撤销弄虚作假认定', '复核认定截图差异系栏目改版所致'],
      ['王考核', '认定弄虚作假', '自查报告所附截图与巡检快照不符，经约谈核实'],
    ]);
    expect(fx.db.prepare("SELECT action, detail FROM audit_log WHERE target = 'score:zhushan:2026' ORDER BY id").all()).toEqual([
      { action: 'score.verdict', detail: '自查报告所附截图与巡检快照不符，经约谈核实' },
      { action: 'score.verdict-withdraw', detail: '复核认定截图差异系栏目改版所致' },
    ]);
    await page.goto(`${site.url}/results`);
    expect(await text('[id="results-镇街"] tbody tr:first-child td a')).toBe('珠山镇人民政府');
  }, 120_000);
});
