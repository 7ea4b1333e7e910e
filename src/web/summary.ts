// The per-unit numbers shared by 总览 and 结果: score sheet sums by category and counts of findings.
import type { DB } from '../store/index.ts';
import type { Rules } from '../config/index.ts';
import { findingCounts, listUnits, type UnitRow } from '../store/index.ts';
import { gradeFor, scoreSheet, type ScoreSheet } from '../assess/index.ts';

export interface UnitSummary {
  unit: UnitRow;
  sheet: ScoreSheet;
  byCategory: { name: string; max: number; suggested: number; confirmed: number | null }[];
  /** The grade the sheet would get if every open item were accepted as suggested. */
  suggestedGrade: string;
  counts: { stale: number; blank: number; late: number; backdated: number };
}

const round = (n: number) => Math.round(n * 100) / 100;

export function summarize(db: DB, rules: Rules, year: number, kind?: string): UnitSummary[] {
  const counts = findingCounts(db, year);
  return listUnits(db, kind).map((unit) => {
    const sheet = scoreSheet(db, unit.id, year, rules);
    const byCategory = rules.rubric.categories.map((cat) => {
      const items = sheet.items.filter((i) => i.category === cat.name);
      return {
        name: cat.name,
        max: cat.points,
        suggested: round(items.reduce((s, i) => s + (i.suggested ?? 0), 0)),
        confirmed: items.every((i) => i.confirmed !== null) ? round(items.reduce((s, i) => s + (i.confirmed ?? 0), 0)) : null,
      };
    });
    const c = counts.get(unit.id) ?? {};
    return {
      unit,
      sheet,
      byCategory,
      suggestedGrade: gradeFor(rules, sheet.suggestedTotal, sheet.verdict === '弄虚作假'),
      counts: {
        stale: c['stale-episode'] ?? 0,
        blank: c['blank-column'] ?? 0,
        late: c['late-disclosure'] ?? 0,
        backdated: (c['back-dated'] ?? 0) + (c['re-dated'] ?? 0),
      },
    };
  });
}
