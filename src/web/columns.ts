// Column state for the unit and column pages, computed with the assess stage's freshness rules.
import type { DB } from '../store/index.ts';
import { columnClass, type Rules } from '../config/index.ts';
import { AssessReader, assessColumn, assessedColumn, windowPolicy, workdayCounter, type Freshness } from '../assess/index.ts';
import { itemCount, publicationDates, type ColumnRow, type VisitRow } from '../store/index.ts';
import { VISIT_OUTCOME_ZH, type VisitOutcome } from '../store/index.ts';
import { addDays, shanghaiDay, shanghaiMidnight } from '../shared/time.ts';

const OUTCOME_TONE: Record<VisitOutcome, 'ok' | 'warn' | 'bad'> = { ok: 'ok', blank: 'warn', unreachable: 'bad', challenge: 'bad', 'parse-failed': 'warn' };

/**
 * What one visit found, as a label and badge tone. A finished visit without an outcome concluded nothing: its
 * run was killed, or the auditor's disk refused its evidence (its error says which).
 */
export const visitOutcomeLabel = (v: Pick<VisitRow, 'finishedAt' | 'outcome'>): [string, 'ok' | 'warn' | 'bad' | 'muted' | 'info'] =>
  v.finishedAt === null
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
  review: ['需核对', 'warn'],
};

export function asOfDay(period: { to: string }): string {
  const today = shanghaiDay();
  return today < period.to ? today : period.to;
}

export interface ColumnState {
  column: ColumnRow;
  pubs: string[];
  itemCount: number;
  fresh: Freshness;
  windowLabel: string;
  windowDays: number | null;
}

/** The column's freshness exactly as the assess stage computes it (the same visits, items and evidence rules). */
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
  const reader = new AssessReader(db);
  const assessing = assessedColumn(column, cls.name);
  const assessed = assessColumn(
    {
      period,
      asOf,
      asOfEndMs: shanghaiMidnight(addDays(asOf, 1)).getTime(),
      policy: windowPolicy(rules, cls.name),
      limitWorkdays: rules.timeliness.proactive.limitWorkdays,
      countWorkdays: workdayCounter(rules),
    },
    assessing,
    reader.visits(column.id),
    reader.items(column.id),
    reader.dates(column.id),
    assessing.layout === 'single' ? reader.pageStates(column.id) : [],
  );
  const fresh = assessed.freshness;
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
