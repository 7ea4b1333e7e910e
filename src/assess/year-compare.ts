// 年度对比: a unit's (or all units') score, grade, stale episodes and median disclosure latency, year against year.
// Scores and stale episodes are what that year's assessment stored (the figures 总览 and the sheets show, kept for a
// unit a later plan dropped); latency is assessed over the unit's columns in that year's period, as the unit page's
// chart. A figure the year has no data for is null (无数据).
import type { DB } from '../store/index.ts';
import { columnsOfUnit, evidenceMark, findingCounts, unitsOfYear } from '../store/index.ts';
import { GRADES, type Grade, type Rules } from '../config/index.ts';
import { ColumnAssessor } from './run.ts';
import { roundScore } from './score-format.ts';
import { scoreSheet, standing, type ScoreSheet, type Standing } from './sheet.ts';
import type { CountWorkdays } from './timeliness.ts';
import type { Period } from './types.ts';

/** A year to compare: its plan's period and the day it is assessed as of (today, or the period's end once over). */
export interface YearSpec {
  year: number;
  period: Period;
  asOf: string;
}

export interface UnitYear {
  year: number;
  /** null: the unit has no score sheet this year. */
  standing: Standing | null;
  /** Stale episodes the year's assessment found (its current findings); null: the unit was not assessed that year. */
  staleEpisodes: number | null;
  /** Median working days 成文日期 → 发布日期 of the evaluable items; null: none could be evaluated. */
  medianLatency: number | null;
}

export interface OverviewYear {
  year: number;
  units: number;
  /** Sheets with every item decided, and the mean of their totals (null when none). */
  settled: number;
  meanTotal: number | null;
  /** Mean of Σ (confirmed ?? suggested) over the units with a sheet (null when none has one). */
  meanSuggested: number | null;
  /** Settled grades only; sheets still open are counted in `settled`'s complement. */
  grades: Record<Grade, number>;
  staleEpisodes: number | null;
  medianLatency: number | null;
}

/** The middle value (the mean of the two middle ones for an even count), null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const hasSheet = (sheet: ScoreSheet): boolean => sheet.decisions.length > 0 || sheet.items.some((i) => i.suggested !== null || i.confirmed !== null);

/** Working days 成文日期 → 发布日期 of every evaluable item of the unit's columns (retired ones too) in the year. */
function latencies(db: DB, assessor: ColumnAssessor, unitId: string): number[] {
  return columnsOfUnit(db, unitId).flatMap((col) =>
    assessor.column(col, { itemsOnly: true }).items.flatMap((it) => (it.timeliness.latencyWorkdays === null ? [] : [it.timeliness.latencyWorkdays])),
  );
}

const assessorFor = (db: DB, rules: Rules, countWorkdays: CountWorkdays, y: YearSpec) => new ColumnAssessor(db, { rules, period: y.period, asOf: y.asOf, countWorkdays });
const staleOf = (counts: Map<string, Record<string, number>>, unitId: string): number => counts.get(unitId)?.['stale-episode'] ?? 0;

/** One unit, each of the given years in the order given. */
export function unitYearComparison(db: DB, rules: Rules, countWorkdays: CountWorkdays, unitId: string, years: readonly YearSpec[]): UnitYear[] {
  return years.map((y) => {
    const sheet = scoreSheet(db, unitId, y.year, rules);
    const assessed = hasSheet(sheet);
    return {
      year: y.year,
      standing: assessed ? standing(rules, sheet) : null,
      staleEpisodes: assessed ? staleOf(findingCounts(db, y.year), unitId) : null,
      medianLatency: median(latencies(db, assessorFor(db, rules, countWorkdays, y), unitId)),
    };
  });
}

/**
 * The pooled median of a year's units, per store, kept while the evidence and the units are the same: it assesses
 * every column's items, too slow to repeat on each visit to 总览 once a district has hundreds of columns.
 */
const pooledMedians = new WeakMap<DB, Map<number, { key: string; value: number | null }>>();

function pooledMedian(db: DB, assessor: ColumnAssessor, y: YearSpec, unitIds: string[]): number | null {
  const key = [y.period.from, y.period.to, y.asOf, evidenceMark(db), unitIds.join(',')].join('/');
  let memo = pooledMedians.get(db);
  if (!memo) pooledMedians.set(db, (memo = new Map()));
  const kept = memo.get(y.year);
  if (kept?.key === key) return kept.value;
  const value = median(unitIds.flatMap((u) => latencies(db, assessor, u)));
  memo.set(y.year, { key, value });
  return value;
}

/** All units of each year (see unitsOfYear), pooled: mean scores, settled grades, stale episodes, median latency. */
export function overviewYearComparison(db: DB, rules: Rules, countWorkdays: CountWorkdays, years: readonly YearSpec[]): OverviewYear[] {
  return years.map((y) => {
    const units = unitsOfYear(db, y.year);
    const assessor = assessorFor(db, rules, countWorkdays, y);
    const sheets = units.map((u) => scoreSheet(db, u.id, y.year, rules)).filter(hasSheet);
    const counts = findingCounts(db, y.year);
    const totals = sheets.flatMap((s) => (s.total !== null ? [s.total] : []));
    const mean = (xs: number[]) => (xs.length ? roundScore(rules, xs.reduce((a, b) => a + b, 0) / xs.length) : null);
    const grades = Object.fromEntries(GRADES.map((g) => [g, sheets.filter((s) => s.total !== null && s.grade === g).length])) as Record<Grade, number>;
    return {
      year: y.year,
      units: units.length,
      settled: totals.length,
      meanTotal: mean(totals),
      meanSuggested: mean(sheets.map((s) => s.suggestedTotal)),
      grades,
      staleEpisodes: sheets.length ? sheets.reduce((n, s) => n + staleOf(counts, s.unitId), 0) : null,
      medianLatency: pooledMedian(db, assessor, y, units.map((u) => u.id)),
    };
  });
}
