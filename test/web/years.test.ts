import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { rubricItems } from '../../src/config/rules.ts';
import { ColumnAssessor, runAssess } from '../../src/assess/run.ts';
import { columnsOfUnit } from '../../src/store/columns.ts';
import { recordDecision, scoreSheet, standing } from '../../src/assess/sheet.ts';
import { countWorkdays } from '../../src/assess/workdays.ts';
import { formatScore } from '../../src/assess/score-format.ts';
import { shanghaiDay } from '../../src/shared/time.ts';
import { Fixture } from '../assess/fixture.ts';
import { buildWebFixture, PERIOD, YEAR, type WebFixture } from './fixture.ts';
import { dashboardInBrowser } from './helpers.ts';

/**
 * Two plan years in one database, in Chromium: the year selector switches every page to that year's units and
 * scores, links and forms keep the year, an unknown year gets a Chinese notice; 年度对比 shows each year's figures as
 * the assessment computes them (无数据 where a year has none); 总览 says how the last crawl ended and links to it.
 */

const PAST = YEAR - 1;
const PAST_PERIOD = { from: `${PAST}-01-01`, to: `${PAST}-12-31` };

let fx: WebFixture;
let page: Page;
let site: Awaited<ReturnType<typeof dashboardInBrowser>>;
let lastRun: number;
/** Stale episodes last year's assessment found, per unit. */
const pastStale = new Map<string, number>();

const cwd = (from: string, to: string) => countWorkdays(fx.rules, from, to);
const days = (from: string, to: string, step: number, skip: (d: string) => boolean = () => false): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += step * 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (!skip(d)) out.push(d);
  }
  return out;
};
const minus = (day: string, n: number) => new Date(Date.parse(day) - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  const f = new Fixture(fx.db);
  // A second Fixture on the same store: its fetch hashes must not repeat the first one's.
  (f as unknown as { seq: number }).seq = 1_000_000;
  const db = fx.db;
  // The two plans, the current year's loaded last.
  const plan = db.prepare(`INSERT INTO plans (year, period_from, period_to, source_path, content_hash, loaded_at) VALUES (?, ?, ?, ?, ?, ?)`);
  plan.run(PAST, PAST_PERIOD.from, PAST_PERIOD.to, `plan-${PAST}.yaml`, 'h-past', `${PAST}-01-02T00:00:00Z`);
  plan.run(YEAR, PERIOD.from, PERIOD.to, `plan-${YEAR}.yaml`, 'h-now', `${YEAR}-01-02T00:00:00Z`);

  // Last year: 新厂街道 (a spring gap in its news) and 老街街道, which this year's plan dropped; 教育局 was not crawled.
  const laojie = f.unit('laojie', '老街街道办事处', '镇街');
  const ljNews = f.column(laojie, '老街动态', '动态要闻');
  for (const day of [`${PAST}-01-05`, `${PAST}-03-01`, `${PAST}-05-01`, `${PAST}-07-01`, `${PAST}-09-01`, `${PAST}-11-01`, `${PAST}-12-20`]) {
    const run = f.run(day);
    for (const col of [fx.own.columnId, ljNews]) f.visit(col, run, { outcome: 'ok' });
  }
  days(`${PAST}-01-02`, `${PAST}-12-28`, 9, (d) => d > `${PAST}-04-01` && d < `${PAST}-05-25`).forEach((d, i) =>
    f.item(fx.own.columnId, { title: `新厂街道工作动态${PAST}第${i + 1}期`, publishedAt: d, documentDate: minus(d, i % 3 === 0 ? 40 : 3) }),
  );
  days(`${PAST}-01-03`, `${PAST}-12-28`, 20).forEach((d, i) => f.item(ljNews, { title: `老街动态${i + 1}`, publishedAt: d, documentDate: minus(d, 1 + (i % 5)) }));
  const assessed = runAssess(db, { rules: fx.rules, year: PAST, period: PAST_PERIOD, asOf: PAST_PERIOD.to, countWorkdays: cwd, unitIds: [fx.own.unitId, laojie] });
  for (const u of assessed.perUnit) pastStale.set(u.unit.id, (db.prepare("SELECT count(*) n FROM findings WHERE unit_id = ? AND year = ? AND kind = 'stale-episode'").get(u.unit.id, PAST) as { n: number }).n);
  // This year's plan dropped 老街街道, as a plan sync leaves it.
  db.prepare("UPDATE units SET active = 0 WHERE id = 'laojie'").run();
  db.prepare('UPDATE columns SET active = 0 WHERE id = ?').run(ljNews);
  // 新厂街道's sheet of last year is decided and 定稿.
  for (const it of scoreSheet(db, fx.own.unitId, PAST, fx.rules).items) {
    const input = it.suggested !== null ? { action: 'confirm' as const } : { action: 'manual' as const, value: it.max - 1 };
    recordDecision(db, { unitId: fx.own.unitId, year: PAST, code: it.code, reason: '按材料评分', userId: null, ...input }, fx.rules);
  }
  recordDecision(db, { unitId: fx.own.unitId, year: PAST, action: 'finalize', userId: null }, fx.rules);

  // The newest crawl: a full one that ended with one column failed.
  lastRun = f.run(`${YEAR}-11-28`, 'full');
  db.prepare("UPDATE crawl_runs SET status = 'partial' WHERE id = ?").run(lastRun);
  f.visit(fx.own.columnId, lastRun, { outcome: 'ok' });
  f.visit(fx.other.columnId, lastRun, { outcome: 'unreachable' });

  site = await dashboardInBrowser(fx);
  page = site.page;
}, 300_000);

afterAll(async () => {
  await site?.close();
});

const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const unitNames = async () => (await page.locator('#overview-table tbody td:first-child').allTextContents()).map((s) => s.trim());
const yearOfUrl = () => new URL(page.url()).searchParams.get('year');

/** Goes to a link and waits for the page it opens. */
async function follow(selector: string): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (fr) => fr === page.mainFrame() }), page.click(selector)]);
  await page.waitForLoadState('load');
}

/**
 * A unit's figures of a year in the comparison table's words: the sheet, the stale episodes the year's assessment
 * stored, the median latency of the items the assessment evaluates in the year's period (the unit page's chart).
 */
function expected(unitId: string, year: number) {
  const period = year === YEAR ? PERIOD : PAST_PERIOD;
  const today = shanghaiDay();
  const assessor = new ColumnAssessor(fx.db, { rules: fx.rules, period, asOf: today < period.to ? today : period.to, countWorkdays: cwd });
  const sheet = scoreSheet(fx.db, unitId, year, fx.rules);
  const hasSheet = sheet.decisions.length > 0 || sheet.items.some((i) => i.suggested !== null);
  const stale = fx.db.prepare("SELECT count(*) n FROM findings WHERE unit_id = ? AND year = ? AND kind = 'stale-episode' AND active = 1").get(unitId, year) as { n: number };
  const lat = columnsOfUnit(fx.db, unitId)
    .flatMap((col) => assessor.column(col).items.flatMap((i) => (i.timeliness.latencyWorkdays === null ? [] : [i.timeliness.latencyWorkdays])))
    .sort((x, y) => x - y);
  const mid = lat.length % 2 ? lat[(lat.length - 1) / 2] : (lat[lat.length / 2 - 1] + lat[lat.length / 2]) / 2;
  return {
    score: hasSheet ? [standing(fx.rules, sheet).score, standing(fx.rules, sheet).open].filter(Boolean).join(' ') : '无数据',
    stale: hasSheet ? String(stale.n) : '无数据',
    latency: lat.length ? `${Number.isInteger(mid) ? mid : mid.toFixed(1)} 个工作日` : '无数据',
  };
}

async function compareRow(year: number) {
  const cells = (await page.locator(`#compare-${year} td`).allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  return { score: cells[1], grade: cells[2], stale: cells[3], latency: cells[4] };
}

describe('years in Chromium', () => {
  it('总览 defaults to the newest plan year; the selector switches to last year, with its units and scores', async () => {
    await page.goto(`${site.url}/overview`);
    expect(await text('h1')).toBe(`${YEAR} 年度考核总览`);
    expect(await page.locator('#year-select option').allTextContents()).toEqual([`${YEAR} 年度`, `${PAST} 年度`]);
    expect(await unitNames()).not.toContain('老街街道办事处');

    await Promise.all([page.waitForURL((u) => u.searchParams.get('year') === String(PAST)), page.selectOption('#year-select', String(PAST))]);
    expect(await text('h1')).toBe(`${PAST} 年度考核总览`);
    expect(await unitNames()).toEqual(['老街街道办事处', '新厂街道办事处']);
    const past = scoreSheet(fx.db, fx.own.unitId, PAST, fx.rules);
    expect(past.finalized).toBe(true);
    const row = page.locator('#overview-table tr', { has: page.locator('a', { hasText: '新厂街道办事处' }) });
    expect((await row.locator('td.score-total').textContent())!.trim()).toBe(formatScore(fx.rules, past.total));
    expect((await row.locator('td.grade').textContent())!.trim()).toBe(past.grade);
  });

  it('links and forms keep the year: unit page, 评分 (locked when 定稿), a decision on last year stays in last year', async () => {
    await page.goto(`${site.url}/overview?year=${PAST}`);
    await follow(`#overview-table a:text("新厂街道办事处")`);
    expect(new URL(page.url()).pathname).toBe(`/units/${fx.own.unitId}`);
    expect(yearOfUrl()).toBe(String(PAST));
    expect(await page.locator('nav a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('year')))).toEqual(
      expect.arrayContaining([String(PAST)]),
    );
    expect(await page.locator('nav a').evaluateAll((as) => as.every((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('year') !== null))).toBe(true);
    const past = scoreSheet(fx.db, fx.own.unitId, PAST, fx.rules);
    expect(await text('#unit-score .n')).toBe(formatScore(fx.rules, past.total));
    // The column page's items and timeline are last year's period.
    await follow(`#unit-columns a`);
    expect(yearOfUrl()).toBe(String(PAST));
    await follow('.crumbs a');
    await follow('#unit-grade a');
    expect(await text('h1')).toBe(`新厂街道办事处 · ${PAST} 年度评分表`);
    expect(await text('.lock')).toContain('已定稿锁定');
    expect(await page.locator('#score-table form').count()).toBe(0);

    // 老街街道 (last year only): its sheet is open; a confirmation posts to last year and comes back to it.
    await page.goto(`${site.url}/units/laojie/score?year=${PAST}`);
    const code = scoreSheet(fx.db, 'laojie', PAST, fx.rules).items.find((i) => i.suggested !== null)!.code;
    await follow(`#item-${code.replace(/[^\w-]/g, (ch) => `\\${ch}`)} form.inline:not(.override) button`);
    expect(yearOfUrl()).toBe(String(PAST));
    expect(await text('.notice')).toBe('已保存。');
    expect(scoreSheet(fx.db, 'laojie', PAST, fx.rules).items.find((i) => i.code === code)!.confirmed).not.toBeNull();
    expect(scoreSheet(fx.db, 'laojie', YEAR, fx.rules).decisions).toEqual([]);
  });

  it('results and their downloads are the chosen year’s', async () => {
    await page.goto(`${site.url}/results?year=${PAST}`);
    expect(await text('h1')).toBe(`${PAST} 年度考核结果`);
    const href = await page.locator('#dl-json').getAttribute('href');
    const json = await (await page.request.get(`${site.url}${href}`)).json();
    expect(json.year).toBe(PAST);
    expect(json.units.map((u: { id: string }) => u.id).sort()).toEqual(['laojie', fx.own.unitId].sort());
  });

  it('an unknown or malformed year gets a Chinese notice, not an error page', async () => {
    const unknown = await page.goto(`${site.url}/overview?year=1999`);
    expect(unknown!.status()).toBe(404);
    expect(await text('#year-notice')).toContain('没有 1999 年度的考核计划');
    expect(await page.locator('main a', { hasText: `${PAST} 年度` }).getAttribute('href')).toBe(`/overview?year=${PAST}`);
    const bad = await page.goto(`${site.url}/units/${fx.own.unitId}?year=20x6`);
    expect(bad!.status()).toBe(400);
    expect(await text('#year-notice')).toBe('年度参数应为四位数字的年份，如 ?year=2026。');
  });

  it('年度对比 on the unit page: each year as the assessment computes it, 无数据 where a year has none', async () => {
    await page.goto(`${site.url}/units/${fx.own.unitId}`);
    for (const year of [YEAR, PAST]) {
      const row = await compareRow(year);
      const want = expected(fx.own.unitId, year);
      expect(row.score).toBe(want.score);
      expect(row.stale).toBe(want.stale);
      expect(row.latency).toBe(want.latency);
      expect(row.latency).toMatch(/^\d+(\.\d)? 个工作日$/);
    }
    const pastRow = await compareRow(PAST);
    expect(pastRow.grade).toBe(scoreSheet(fx.db, fx.own.unitId, PAST, fx.rules).grade);
    expect(Number(pastRow.stale)).toBe(pastStale.get(fx.own.unitId));
    expect(Number(pastRow.stale)).toBeGreaterThan(0);

    await page.goto(`${site.url}/units/${fx.other.unitId}`);
    expect(await compareRow(PAST)).toEqual({ score: '无数据', grade: '无数据', stale: '无数据', latency: '无数据' });
    expect((await compareRow(YEAR)).score).toBe(expected(fx.other.unitId, YEAR).score);

    // Seen from last year, there is no earlier year to compare with.
    await page.goto(`${site.url}/units/${fx.own.unitId}?year=${PAST}`);
    expect(await page.locator('#unit-year-compare tbody tr').count()).toBe(1);
  });

  it('年度对比 on 总览 pools each year’s units', async () => {
    await page.goto(`${site.url}/overview`);
    const cells = async (year: number) => (await page.locator(`#overview-year-compare #compare-${year} td`).allTextContents()).map((s) => s.trim());
    const past = await cells(PAST);
    expect(past[1]).toBe('2');
    const own = scoreSheet(fx.db, fx.own.unitId, PAST, fx.rules);
    expect(past[2]).toBe(`${formatScore(fx.rules, own.total)}（1 家已评定）`);
    expect(past[4]).toContain(`${own.grade} 1`);
    expect(past[5]).toBe(String(pastStale.get('xinchang')! + pastStale.get('laojie')!));
    expect(pastStale.get('laojie')).toBeGreaterThan(0);
    const now = await cells(YEAR);
    expect(now[1]).toBe('2');
    expect(now[2]).toBe('无数据');
  });

  it('总览 says when the last crawl ran and how it ended, and links to it on 运行', async () => {
    await page.goto(`${site.url}/overview`);
    const line = await text('#last-crawl');
    expect(line).toContain(`全量巡检 #${lastRun}`);
    expect(line).toContain('开始 2026-11-28 02:00');
    expect(line).toContain('部分失败');
    expect(line).toContain('巡检栏目 2 个');
    expect(line).toContain('失败 1 个');
    await follow('#last-crawl-link');
    expect(new URL(page.url()).pathname).toBe('/runs');
    expect(new URL(page.url()).hash).toBe(`#run-${lastRun}`);
    const row = (await page.locator(`#run-${lastRun} td`).allTextContents()).map((s) => s.trim());
    expect(row.slice(0, 2)).toEqual([String(lastRun), '全量']);
    expect(row.slice(4, 7)).toEqual(['部分失败', '2', '1']);
  });
});
