import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/rules.ts';
import { freshness, type FreshnessInput } from '../../src/assess/freshness.ts';
import { windowPolicy } from '../../src/assess/policy.ts';

const rules = loadRules();
const year2026 = { from: '2026-01-01', to: '2026-12-31' };
const news = windowPolicy(rules, '动态要闻'); // 14 days, warning 3 days ahead
const notices = windowPolicy(rules, '通知公告'); // 6 months, warning 30 days ahead

const base = (over: Partial<FreshnessInput>): FreshnessInput => ({
  period: year2026,
  asOf: '2026-03-31',
  policy: news,
  updates: [],
  hasAnyItem: true,
  visits: 'ok',
  ...over,
});

describe('freshness', () => {
  it('finds every stale stretch, the first one carried over from before the period', () => {
    const f = freshness(base({ updates: ['2026-02-20', '2025-12-20', '2026-01-10', '2026-01-10'] }));
    // 2025-12-20 + 14 = 2026-01-03 (last fresh day); stale 01-04..01-09, update on 01-10
    // 01-10 + 14 = 01-24; stale 01-25..02-19; 02-20 + 14 = 03-06; stale 03-07.. ongoing on 03-31
    expect(f.staleEpisodes.map(({ from, to, overdueDays }) => ({ from, to, overdueDays }))).toEqual([
      { from: '2026-01-04', to: '2026-01-09', overdueDays: 6 },
      { from: '2026-01-25', to: '2026-02-19', overdueDays: 26 },
      { from: '2026-03-07', to: null, overdueDays: 25 },
    ]);
    expect(f.status).toBe('stale');
    expect(f.lastUpdate).toBe('2026-02-20');
    expect(f.daysSinceUpdate).toBe(39);
    expect(f.deadline).toBe('2026-03-06');
  });

  it('a gap exactly equal to the window is not stale; the day after it is', () => {
    expect(freshness(base({ updates: ['2026-01-01', '2026-01-15'], asOf: '2026-01-29' })).staleEpisodes).toEqual([]);
    expect(freshness(base({ updates: ['2026-01-01', '2026-01-15'], asOf: '2026-01-29' })).status).toBe('warning');
    const f = freshness(base({ updates: ['2026-01-01', '2026-01-15'], asOf: '2026-01-30' }));
    expect(f.status).toBe('stale');
    expect(f.staleEpisodes).toEqual([{ from: '2026-01-30', to: null, overdueDays: 1, since: '2026-01-15', deadline: '2026-01-29' }]);
    // an update on the 16th day resets the age that day: the 15 days without one hold no stale day
    expect(freshness(base({ updates: ['2026-01-01', '2026-01-16'], asOf: '2026-01-20' })).staleEpisodes).toEqual([]);
    // 17th day: the 16th (age 15) was stale
    expect(freshness(base({ updates: ['2026-01-01', '2026-01-17'], asOf: '2026-01-20' })).staleEpisodes).toEqual([
      { from: '2026-01-16', to: '2026-01-16', overdueDays: 1, since: '2026-01-01', deadline: '2026-01-15' },
    ]);
  });

  it('warns within the lead time before the deadline', () => {
    const at = (asOf: string) => freshness(base({ updates: ['2026-03-20'], asOf })).status;
    // deadline 04-03, warnings from 03-31
    expect(at('2026-03-30')).toBe('ok');
    expect(at('2026-03-31')).toBe('warning');
    expect(at('2026-04-03')).toBe('warning');
    expect(at('2026-04-04')).toBe('stale');
  });

  it('a column whose only item is pinned is not blank but never updated: stale one window after the period opens', () => {
    const f = freshness(base({ updates: [], hasAnyItem: true, asOf: '2026-02-10' }));
    expect(f.status).toBe('stale');
    expect(f.lastUpdate).toBeNull();
    expect(f.daysSinceUpdate).toBeNull();
    expect(f.staleEpisodes).toEqual([{ from: '2026-01-16', to: null, overdueDays: 26, since: null, deadline: '2026-01-15' }]);
  });

  it('blank, unreachable, windowless and no-evidence columns', () => {
    expect(freshness(base({ hasAnyItem: false })).status).toBe('blank');
    expect(freshness(base({ hasAnyItem: false })).staleEpisodes).toEqual([]);
    expect(freshness(base({ hasAnyItem: false, visits: 'failed-only' })).status).toBe('unreachable');
    expect(freshness(base({ policy: windowPolicy(rules, '机构信息'), updates: ['2019-05-01'] }))).toMatchObject({
      status: 'ok',
      deadline: null,
      staleEpisodes: [],
      daysSinceUpdate: daysFrom('2019-05-01', '2026-03-31'),
    });
    const none = freshness(base({ visits: 'none', hasAnyItem: false }));
    expect(none.status).toBeNull();
    expect(none.staleEpisodes).toEqual([]);
  });

  it('calendar-month windows clamp to month end, across New Year', () => {
    // 2025-08-31 + 6 months = 2026-02-28: fresh through Feb 28, stale from Mar 1
    const f = freshness(base({ policy: notices, period: { from: '2025-07-01', to: '2026-06-30' }, updates: ['2025-06-15', '2025-08-31'], asOf: '2026-03-05' }));
    expect(f.staleEpisodes).toEqual([{ from: '2026-03-01', to: null, overdueDays: 5, since: '2025-08-31', deadline: '2026-02-28' }]);
    // a 14-day column over New Year: 2025-12-25 + 14 = 2026-01-08
    const g = freshness(base({ period: { from: '2025-07-01', to: '2026-06-30' }, updates: ['2025-12-25'], asOf: '2026-01-20' }));
    // no update before 2025-12-25 in the period: stale from 07-16 (period.from + 14 + 1) until then
    expect(g.staleEpisodes[0]).toMatchObject({ from: '2025-07-16', to: '2025-12-24', since: null });
    expect(g.staleEpisodes.slice(1)).toEqual([{ from: '2026-01-09', to: null, overdueDays: 12, since: '2025-12-25', deadline: '2026-01-08' }]);
  });

  it('after the period ends the state is that of the last period day; updates after as-of are ignored', () => {
    const f = freshness(base({ updates: ['2026-12-01', '2027-01-05'], asOf: '2027-01-03' }));
    expect(f.staleEpisodes).toHaveLength(2);
    expect(f.staleEpisodes.slice(1)).toEqual([{ from: '2026-12-16', to: null, overdueDays: 16, since: '2026-12-01', deadline: '2026-12-15' }]);
    expect(f.lastUpdate).toBe('2026-12-01');
  });
});

function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}
