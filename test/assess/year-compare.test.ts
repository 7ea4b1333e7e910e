import { describe, expect, it } from 'vitest';
import { median, overviewYearComparison } from '../../src/assess/year-compare.ts';
import { countWorkdays } from '../../src/assess/workdays.ts';
import { loadRules } from '../../src/config/rules.ts';
import { Fixture } from './fixture.ts';

describe('median', () => {
  it('is the middle value, the mean of the two middle ones for an even count, and null for none', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([20, 2, 4, 7])).toBe(5.5);
    expect(median([3])).toBe(3);
    expect(median([])).toBeNull();
  });
});

describe('总览 年度对比', () => {
  it('pools the latency of every unit of the year, and follows new evidence (its kept median is not served stale)', () => {
    const rules = loadRules();
    const f = new Fixture();
    const year = { year: 2026, period: { from: '2026-01-01', to: '2026-12-31' }, asOf: '2026-12-31' };
    const cw = (a: string, b: string) => countWorkdays(rules, a, b);
    const a = f.column(f.unit('a'), '工作动态', '动态要闻');
    const b = f.column(f.unit('b'), '工作动态', '动态要闻');
    // 2026-03-02 (Mon) → 03-04: 2 working days; → 03-06: 4; → 03-13: 9.
    f.item(a, { publishedAt: '2026-03-04', documentDate: '2026-03-02' });
    f.item(b, { publishedAt: '2026-03-06', documentDate: '2026-03-02' });
    const [first] = overviewYearComparison(f.db, rules, cw, [year]);
    expect(first.medianLatency).toBe(3);
    expect(first.staleEpisodes).toBeNull();
    f.item(b, { publishedAt: '2026-03-13', documentDate: '2026-03-02' });
    expect(overviewYearComparison(f.db, rules, cw, [year])[0].medianLatency).toBe(4);
  });
});
