import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Fixture } from '../assess/fixture.ts';
import { buildWebFixture, type WebFixture } from './fixture.ts';
import { browserSite, loginPage } from './helpers.ts';

/**
 * The most common office screen, 1366 × 768, in Chromium with classic scrollbars (they take width, as on the
 * office PCs): 总览 and a unit page never scroll sideways, unit names stay on one line, no two texts of a chart
 * overlap (month ticks included) and every limit line lies inside its plot.
 */

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let fx: WebFixture;
let site: Awaited<ReturnType<typeof browserSite>>;
let page: Page;

// Long names as a real district has them, so that the tables and the score chart are as wide as in use.
const MORE_UNITS: Array<[string, string, '镇街' | '区直部门']> = [
  ['lishi', '里市街道办事处', '镇街'],
  ['shishibu', '石狮埠街道办事处', '镇街'],
  ['jingcheng', '竟成镇人民政府', '镇街'],
  ['fgw', '区发展和改革委员会', '区直部门'],
  ['rsj', '区人力资源和社会保障局', '区直部门'],
  ['zjj', '区住房和城乡建设局（区人民防空办公室）', '区直部门'],
  ['scj', '区市场监督管理局', '区直部门'],
  ['nyj', '区农业农村局（区乡村振兴局）', '区直部门'],
  ['yjj', '区应急管理局', '区直部门'],
  ['wlj', '区文化和旅游局', '区直部门'],
];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  const f = new Fixture(fx.db);
  for (const [id, name, kind] of MORE_UNITS) f.unit(id, name, kind);
  site = await browserSite(fx, { ignoreDefaultArgs: ['--hide-scrollbars'] });
  page = await (await site.browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await loginPage(page, site.url, fx.users.assessor.name);
}, 120_000);

afterAll(() => site?.close());

interface ChartReport {
  id: string;
  texts: number;
  overlaps: string[];
  limitOutside: boolean | null;
}

/** Opens a page, waits for its charts and fonts, and reads what a reader's eye would catch. */
async function inspect(path: string) {
  await page.goto(site.url + path);
  await page.waitForFunction(() => {
    const charts = Array.from(document.querySelectorAll<HTMLElement>('.chart'));
    return charts.length > 0 && charts.every((el) => el.querySelector('canvas'));
  });
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    type Rect = { x: number; y: number; width: number; height: number; applyTransform(m: unknown): void; clone(): Rect };
    type El = { type: string; style?: { text?: unknown }; transform?: unknown; getBoundingRect(): Rect };
    interface Chart {
      getZr(): { storage: { getDisplayList(update: boolean): El[] } };
      convertToPixel(finder: object, value: unknown[]): number[];
      containPixel(finder: object, value: number[]): boolean;
    }
    const ec = (window as unknown as { echarts: { getInstanceByDom(el: HTMLElement): Chart | undefined } }).echarts;
    const data = JSON.parse(document.getElementById('chart-data')!.textContent!) as { charts: Array<{ el: string; type: string; from?: string; window?: number | null }> };
    const charts: ChartReport[] = [];
    for (const c of data.charts) {
      const chart = ec.getInstanceByDom(document.getElementById(c.el)!);
      if (!chart) continue;
      // Every text drawn (tick labels, names, data labels, the limit line's label), as placed on the canvas.
      const texts = chart
        .getZr()
        .storage.getDisplayList(true)
        .filter((e) => typeof e.style?.text === 'string' && (e.style.text as string).trim() !== '')
        .map((e) => {
          const r = e.getBoundingRect().clone();
          if (e.transform) r.applyTransform(e.transform);
          return { text: String(e.style!.text), r };
        });
      const overlaps: string[] = [];
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i].r, b = texts[j].r;
          const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
          const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
          if (w > 0.5 && h > 0.5) overlaps.push(`“${texts[i].text}” × “${texts[j].text}”`);
        }
      }
      const limitOutside = c.type === 'timeline' && c.window ? !chart.containPixel({ gridIndex: 0 }, chart.convertToPixel({ seriesIndex: 0 }, [c.from, c.window])) : null;
      charts.push({ id: c.el, texts: texts.length, overlaps, limitOutside });
    }
    const doc = document.scrollingElement!;
    const names = Array.from(document.querySelectorAll<HTMLElement>('.unit-name > *'));
    const wrapped = names.filter((el) => el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).lineHeight) * 1.5);
    const cut = names.filter((el) => el.scrollWidth > el.clientWidth && el.title !== el.textContent);
    return {
      scrollWidth: doc.scrollWidth,
      clientWidth: doc.clientWidth,
      // A wide table may scroll in its own wrapper, but these pages' tables are meant to fit whole.
      tablesScrolling: Array.from(document.querySelectorAll<HTMLElement>('.table-wrap')).filter((w) => w.scrollWidth > w.clientWidth).map((w) => w.querySelector('table')?.id ?? '?'),
      unitNames: names.length,
      truncated: names.filter((el) => el.scrollWidth > el.clientWidth).length,
      wrapped: wrapped.map((el) => el.textContent),
      cutWithoutTitle: cut.map((el) => el.textContent),
      charts,
    };
  });
}

describe('layout at 1366 × 768', () => {
  it('总览: no sideways scroll, unit names on one line, chart texts apart', async () => {
    const r = await inspect('/overview');
    await page.screenshot({ path: join(ARTIFACTS, 'layout-1366-overview.png'), fullPage: true });
    expect(r.clientWidth).toBeLessThan(1366); // the classic scrollbar takes its width, as on office PCs
    expect(r.scrollWidth).toBeLessThanOrEqual(r.clientWidth);
    expect(r.tablesScrolling).toEqual([]);
    expect(r.unitNames).toBe(MORE_UNITS.length + 2);
    expect(r.wrapped).toEqual([]);
    expect(r.cutWithoutTitle).toEqual([]);
    expect(r.truncated).toBeGreaterThan(0); // the long names are cut, with the full name in the title
    expect(r.charts.map((c) => c.id)).toEqual(['chart-grades', 'chart-scores']);
    for (const c of r.charts) {
      expect(c.texts, c.id).toBeGreaterThan(5);
      expect(c.overlaps, c.id).toEqual([]);
    }
  }, 60_000);

  it('unit page: no sideways scroll; month ticks readable with the year once; every limit line inside its plot', async () => {
    const r = await inspect(`/units/${fx.own.unitId}`);
    await page.screenshot({ path: join(ARTIFACTS, 'layout-1366-unit.png'), fullPage: true });
    expect(r.scrollWidth).toBeLessThanOrEqual(r.clientWidth);
    expect(r.tablesScrolling).toEqual([]);
    const timelines = r.charts.filter((c) => c.id.startsWith('tl-'));
    expect(timelines).toHaveLength(3);
    for (const c of r.charts) expect(c.overlaps, c.id).toEqual([]);
    // 工作动态 14 天, 通知公告 6 个月, 人事信息 1 年: the yearly limit is far above a blank column's data.
    expect(timelines.map((c) => c.limitOutside)).toEqual([false, false, false]);
    const ticks = await page.evaluate((id) => {
      type El = { style?: { text?: unknown } };
      const ec = (window as unknown as { echarts: { getInstanceByDom(el: HTMLElement): { getZr(): { storage: { getDisplayList(u: boolean): El[] } } } } }).echarts;
      return ec
        .getInstanceByDom(document.getElementById(id)!)
        .getZr()
        .storage.getDisplayList(true)
        .map((e) => e.style?.text)
        .filter((t): t is string => typeof t === 'string');
    }, `tl-${fx.own.columnId}`);
    expect(ticks.filter((t) => /^\d{1,2}月$/.test(t)).length).toBeGreaterThanOrEqual(5);
    expect(ticks.filter((t) => t.includes('2026'))).toEqual(['2026 年']);
  }, 60_000);

  it('the page header wraps instead of widening the page when it holds more (a year switcher, long crumbs)', async () => {
    await page.goto(`${site.url}/overview`);
    await page.evaluate(() => {
      const h1 = document.querySelector('main h1')!;
      const extra = document.createElement('form');
      extra.className = 'inline';
      extra.innerHTML = Array.from({ length: 12 }, (_, i) => `<button type="button">${2015 + i} 年度</button>`).join('');
      h1.after(extra);
      document.querySelector('main .crumbs')?.append('很长的导航路径'.repeat(20));
    });
    const r = await page.evaluate(() => ({ sw: document.scrollingElement!.scrollWidth, cw: document.scrollingElement!.clientWidth }));
    expect(r.sw).toBeLessThanOrEqual(r.cw);
  }, 60_000);
});
