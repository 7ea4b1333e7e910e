// Column state for the unit and column pages, computed with the assess stage's freshness rules.
import type { DB } from '../store/db.ts';
import { columnClass, type Rules } from '../config/rules.ts';
import { freshness, windowPolicy, type Freshness, type VisitEvidence } from '../assess/index.ts';
import { itemCount, publicationDates, type ColumnRow, type VisitRow } from '../store/web-read.ts';
import { VISIT_OUTCOME_ZH, type VisitOutcome } from '../store/crawl-runs.ts';
import { shanghaiDay } from '../shared/time.ts';

const OUTCOME_TONE: Record<VisitOutcome, 'ok' | 'warn' | 'bad'> = { ok: 'ok', blank: 'warn', unreachable: 'bad', challenge: 'bad', 'parse-failed': 'bad' };

/**
 * What one visit found, as a label and badge tone. A finished visit without an outcome concluded nothing: its
 * run was killed, or the auditor's disk refused its evidence (its error says which).
 */
export const visitOutcomeLabel = (v: Pick<VisitRow, 'finished_at' | 'outcome'>): [string, 'ok' | 'warn' | 'bad' | 'muted' | 'info'] =>
  v.finished_at === null
    ? ['进行中', 'info']
    : v.outcome === null
      ? ['未完成', 'muted']
      : [VISIT_OUTCOME_ZH[v.outcome], OUTCOME_TONE[v.outcome]];

export const STATUS_ZH: Record<string, [string, 'ok' | 'warn' | 'bad' | 'muted' | 'info']> = {
  ok: ['正常', 'ok'],
  warning: ['即将超期', 'warn'],
  stale: ['超期未更新', 'bad'],
  blank: ['空白栏目', 'bad'],
  unreachable: ['无法访问', 'bad'],
};

export function asOfDay(period: { to: string }): string {
  const today = shanghaiDay();
  return today < period.to ? today : period.to;
}

/** As the assess stage counts it: a visit without an outcome (cut short) concluded nothing. */
function visitEvidence(db: DB, columnId: number, asOf: string): VisitEvidence {
  const r = db
    .prepare("SELECT max(outcome IN ('ok', 'blank')) good, count(*) n FROM column_visits WHERE column_id = ? AND started_at < ? AND outcome IS NOT NULL")
    .get(columnId, asOf + 'T16:00:00Z') as { good: number | null; n: number };
  return r.n === 0 ? 'none' : r.good ? 'ok' : 'failed-only';
}

export interface ColumnState {
  column: ColumnRow;
  pubs: string[];
  itemCount: number;
  fresh: Freshness;
  windowLabel: string;
  windowDays: number | null;
}

export function columnState(db: DB, rules: Rules, period: { from: string; to: string }, column: ColumnRow): ColumnState {
  const asOf = asOfDay(period);
  const pubs = publicationDates(db, column, period.from);
  const n = itemCount(db, column.id);
  const cls = (() => {
    try {
      return columnClass(rules, column.class);
    } catch {
      return columnClass(rules, rules.columns.default);
    }
  })();
  const fresh = freshness({
    period,
    asOf,
    policy: windowPolicy(rules, cls.name),
    updates: pubs,
    hasAnyItem: n > 0,
    visits: visitEvidence(db, column.id, asOf),
  });
  const w = cls.window;
  return {
    column,
    pubs,
    itemCount: n,
    fresh,
    windowLabel: !w ? '无更新时限' : 'days' in w ? `${w.days} 天` : `${w.months} 个月`,
    windowDays: !w ? null : 'days' in w ? w.days : Math.round(w.months * 30.4),
  };
}

export function timelineChart(el: string, s: ColumnState, period: { from: string; to: string }) {
  return {
    el,
    type: 'timeline',
    from: period.from,
    to: asOfDay(period),
    window: s.windowDays,
    windowLabel: s.windowLabel,
    pubs: s.pubs,
    episodes: s.fresh.staleEpisodes.map((e) => ({ from: e.from, to: e.to })),
  };
}
