// Column state for the unit and column pages: the assess stage's assessment of each column as of today.
import type { DB } from '../store/index.ts';
import { columnClass, type Rules } from '../config/index.ts';
import { ColumnAssessor, workdayCounter, type AssessedItem, type ColumnAssessment, type CountWorkdays, type Freshness } from '../assess/index.ts';
import { itemCount, type ColumnRow, type VisitRow } from '../store/index.ts';
import { COLUMN_STATUS, NO_EVIDENCE, RUN_STATUS, VISIT_INCONCLUSIVE, VISIT_OUTCOME, windowLabel, type ColumnStatus, type VisitOutcome } from '../shared/vocabulary.ts';
import { shanghaiDay } from '../shared/time.ts';

export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'info';

const OUTCOME_TONE: Record<VisitOutcome, 'ok' | 'warn' | 'bad'> = { ok: 'ok', blank: 'warn', unreachable: 'bad', challenge: 'bad', 'parse-failed': 'warn', blocked: 'bad' };

/**
 * What one visit found, as a label and badge tone. A finished visit without an outcome concluded nothing: its
 * run was killed, or the auditor's disk refused its evidence (its error says which).
 */
export const visitOutcomeLabel = (v: Pick<VisitRow, 'finishedAt' | 'outcome'>): [string, Tone] =>
  v.finishedAt === null
    ? [RUN_STATUS.running, 'info']
    : v.outcome === null
      ? [VISIT_INCONCLUSIVE.unfinished, 'muted']
      : [VISIT_OUTCOME[v.outcome], OUTCOME_TONE[v.outcome]];

const STATUS_TONE: Record<ColumnStatus, Tone> = { ok: 'ok', warning: 'warn', stale: 'bad', blank: 'bad', unreachable: 'bad', review: 'warn' };

/** A column's status as a badge; a column not visited yet is muted. */
export function statusBadge(status: ColumnStatus | null): [string, Tone] {
  return status ? [COLUMN_STATUS[status], STATUS_TONE[status]] : [NO_EVIDENCE, 'muted'];
}

export function asOfDay(period: { to: string }): string {
  const today = shanghaiDay();
  return today < period.to ? today : period.to;
}

/** The assessor behind the dashboard's live pages: as of today, or the period's last day once it is over. */
export function liveAssessor(db: DB, rules: Rules, period: { from: string; to: string }, countWorkdays: CountWorkdays = workdayCounter(rules)): ColumnAssessor {
  return new ColumnAssessor(db, { rules, period, asOf: asOfDay(period), countWorkdays });
}

export interface ColumnState {
  column: ColumnRow;
  assessed: ColumnAssessment;
  fresh: Freshness;
  /** Days the column counts as updated (the assessment's), oldest first: the period's and the newest one before it. */
  pubs: string[];
  /** Stored items, whatever their dates (the column page lists them all). */
  itemCount: number;
  windowLabel: string;
  windowDays: number | null;
}

/** The column as the assess stage assesses it (the same visits, items and evidence rules as the report). */
export function columnState(
  db: DB,
  rules: Rules,
  period: { from: string; to: string },
  column: ColumnRow,
  assessor: ColumnAssessor = liveAssessor(db, rules, period),
): ColumnState {
  const cls = (() => {
    try {
      return columnClass(rules, column.class);
    } catch {
      return columnClass(rules, rules.columns.default);
    }
  })();
  const assessed = assessor.column({ ...column, class: cls.name });
  const w = cls.window;
  // The newest update before the period sets the column's state on day one; older ones are not drawn.
  const days = [...new Set(assessed.updates)].sort();
  const before = days.filter((d) => d < period.from).at(-1);
  return {
    column,
    assessed,
    fresh: assessed.freshness,
    pubs: [...(before ? [before] : []), ...days.filter((d) => d >= period.from)],
    itemCount: itemCount(db, column.id),
    windowLabel: windowLabel(w),
    windowDays: !w ? null : 'days' in w ? w.days : Math.round(w.months * 30.4),
  };
}

/** The assessment's verdict on each item it covers (dated in the period, or carrying a finding), by item id. */
export function assessedItems(s: ColumnState): Map<number, AssessedItem> {
  return new Map([...s.assessed.items, ...s.assessed.otherFlagged].map((it) => [it.id, it]));
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
