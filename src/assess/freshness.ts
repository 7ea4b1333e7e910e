import { addDays, daysBetween } from '../shared/time.ts';
import type { Freshness, Period, StaleEpisode, VisitEvidence, WindowPolicy } from './types.ts';

export interface FreshnessInput {
  period: Period;
  asOf: string;
  /** null: the class has no window; only the blank check applies. */
  policy: WindowPolicy | null;
  /**
   * Days on which the column was updated: non-pinned items with a date, each on the day it is taken to
   * exist from (its claimed date, or later when back-dating disproves it). Any order, duplicates allowed.
   */
  updates: Iterable<string>;
  /** Any item at all (pinned or undated included) known on or before as-of: a column with one is not blank. */
  hasAnyItem: boolean;
  visits: VisitEvidence;
  /** With visits 'review': why the latest read is in doubt. */
  reviewReason?: string;
}

/**
 * A column's freshness over the period as of a day. The assessed window is [period.from, min(asOf, period.to)];
 * the state on period.from comes from the newest update before the period. With no update before a day the
 * clock starts at period.from, so a column that never updated goes stale one window after the period opens.
 */
export function freshness(input: FreshnessInput): Freshness {
  const { period, asOf, policy } = input;
  const end = asOf < period.to ? asOf : period.to;
  const days = [...new Set(input.updates)].filter((d) => d <= asOf).sort();
  const lastUpdate = days.length ? days[days.length - 1] : null;
  const daysSinceUpdate = lastUpdate ? daysBetween(lastUpdate, asOf) : null;
  const base = { lastUpdate, daysSinceUpdate };

  if (input.visits === 'none') return { status: null, ...base, deadline: null, staleEpisodes: [] };
  // Doubt is never turned into 超期 or 空白: no episodes, no blank, only the reason for an assessor to look.
  if (input.visits === 'review') return { status: 'review', ...base, deadline: null, staleEpisodes: [], reviewReason: input.reviewReason ?? '最近一次读取不完整' };
  if (input.visits === 'failed-only' && !input.hasAnyItem) {
    return { status: 'unreachable', ...base, deadline: null, staleEpisodes: [] };
  }
  if (!input.hasAnyItem) return { status: 'blank', ...base, deadline: null, staleEpisodes: [] };
  if (!policy) return { status: 'ok', ...base, deadline: null, staleEpisodes: [] };

  const staleEpisodes: StaleEpisode[] = [];
  let since: string | null = null;
  for (const d of days) if (d < period.from) since = d;
  const inPeriod = days.filter((d) => d >= period.from && d <= end);
  const stretch = (ref: string | null, lastStale: string, ongoing: boolean): void => {
    const deadline = policy.deadline(ref ?? period.from);
    const start = addDays(deadline, 1) > period.from ? addDays(deadline, 1) : period.from;
    if (start > lastStale) return;
    staleEpisodes.push({
      from: start,
      to: ongoing ? null : lastStale,
      overdueDays: daysBetween(deadline, lastStale),
      since: ref,
      deadline,
    });
  };
  for (const d of inPeriod) {
    stretch(since, addDays(d, -1), false);
    since = d;
  }
  if (end >= period.from) stretch(since, end, true);

  const deadline = policy.deadline(since ?? period.from);
  const at = end >= period.from ? end : asOf;
  const status = at > deadline ? 'stale' : at >= policy.warnFrom(since ?? period.from) ? 'warning' : 'ok';
  return { status, ...base, deadline, staleEpisodes };
}
