import { describe, expect, it } from 'vitest';
import { generate } from '../../src/demo/generator.ts';
import { columnExpectation } from '../../src/demo/index.ts';
import { addDays, addMonths } from '../../src/shared/time.ts';
import { allColumns, REF_DATE, SEED } from './helpers.ts';

const base = 'http://127.0.0.1:9';
const truthOf = (seed: number, scale = 1) => generate({ seed, refDate: REF_DATE, baseUrl: base, scale }).truth;

describe('demo generator', () => {
  it('is deterministic for a seed and varies with it', () => {
    expect(JSON.stringify(truthOf(SEED))).toBe(JSON.stringify(truthOf(SEED)));
    const titles = (t: ReturnType<typeof truthOf>) => allColumns(t).flatMap((c) => c.items.map((i) => i.title + i.publishedAt));
    expect(titles(truthOf(SEED + 1))).not.toEqual(titles(truthOf(SEED)));
  });

  it('builds 12 units of both kinds with 6–8 columns of every class and template', () => {
    const truth = truthOf(SEED);
    expect(truth.units).toHaveLength(12);
    expect(new Set(truth.units.map((u) => u.kind))).toEqual(new Set(['镇街', '区直部门']));
    for (const u of truth.units) expect(u.columns.length).toBeGreaterThanOrEqual(6), expect(u.columns.length).toBeLessThanOrEqual(8);
    const cols = allColumns(truth);
    expect(new Set(cols.map((c) => c.class))).toEqual(new Set(['动态要闻', '通知公告', '政策文件', '人事', '规划计划', '机构信息', '年报']));
    expect(new Set(cols.map((c) => c.template))).toEqual(new Set(['trs', 'hanweb', 'jsonjs', 'xxgk-table']));
    expect(truth.units.filter((u) => u.encoding === 'gbk')).toHaveLength(1);
    expect(truth.units.filter((u) => u.challenge)).toHaveLength(1);
    expect(cols.filter((c) => c.robotsDisallowed)).toHaveLength(1);
    expect(cols.filter((c) => c.trap)).toHaveLength(1);
  });

  it('plants blank, stale, pinned, dead and late items', () => {
    const cols = allColumns(truthOf(SEED));
    expect(cols.filter((c) => c.items.length === 0).length).toBeGreaterThanOrEqual(1);
    const newest = (c: (typeof cols)[number]) => columnExpectation(c).latestPublished;
    // 动态 window 14 days, 通知公告 6 months, 规划计划 1 year.
    const stale = cols.filter((c) => {
      const n = newest(c);
      if (!n) return false;
      if (c.class === '动态要闻') return n < addDays(REF_DATE, -14);
      if (c.class === '通知公告' || c.class === '政策文件') return n < addMonths(REF_DATE, -6);
      if (c.class === '人事' || c.class === '规划计划') return n < addMonths(REF_DATE, -12);
      return false;
    });
    expect(stale.map((c) => c.class).sort()).toEqual(['动态要闻', '规划计划', '通知公告']);
    const items = cols.flatMap((c) => c.items);
    const pinned = items.filter((i) => i.pinned);
    expect(pinned.length).toBeGreaterThanOrEqual(3);
    for (const c of cols) {
      const firstUnpinned = c.items.findIndex((i) => !i.pinned);
      expect(c.items.slice(0, Math.max(0, firstUnpinned)).every((i) => i.pinned)).toBe(true);
      expect(c.items.slice(Math.max(0, firstUnpinned)).some((i) => i.pinned)).toBe(false);
    }
    // Mostly old pinned items, and one recent pinned item on a stale 动态 column: it must not make it fresh.
    const pinnedCols = cols.filter((c) => c.items.some((i) => i.pinned));
    const recent = pinnedCols.filter((c) => c.items.some((i) => i.pinned && i.publishedAt > (newest(c) ?? '')));
    expect(recent).toHaveLength(1);
    expect(recent[0].class).toBe('动态要闻');
    expect(newest(recent[0])! < addDays(REF_DATE, -14)).toBe(true);
    expect(recent[0].items[0].publishedAt >= addDays(REF_DATE, -14)).toBe(true);
    expect(items.filter((i) => i.dead).length).toBe(5);
    const days = (i: (typeof items)[number]) => (Date.parse(i.publishedAt) - Date.parse(i.documentDate!)) / 86_400_000;
    expect(items.filter((i) => i.documentDate && days(i) >= 40).length).toBeGreaterThan(5);
    expect(items.filter((i) => i.documentDate && days(i) < 0).length).toBe(1);
    expect(items.filter((i) => i.documentDate === null && ['政策文件', '通知公告'].includes(cols.find((c) => c.items.includes(i))!.class)).length).toBeGreaterThan(5);
  });

  it('reaches 20,000 list + detail pages at some scale', () => {
    const truth = truthOf(SEED, 7);
    const pages = allColumns(truth).reduce((n, c) => n + c.items.length + Math.max(1, Math.ceil(c.items.length / 15)), 0);
    expect(truth.units).toHaveLength(84);
    expect(pages).toBeGreaterThanOrEqual(20_000);
    expect(new Set(truth.units.map((u) => u.id)).size).toBe(84);
  });
});
