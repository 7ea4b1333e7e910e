// The per-unit numbers shared by 总览 and 结果: score sheet sums by category and counts of findings.
import type { DB } from '../store/index.ts';
import type { Rules } from '../config/index.ts';
import { findingCounts, unitsOfYear, type UnitRow } from '../store/index.ts';
import { roundScore, scoreSheet, standing, type ScoreSheet, type Standing } from '../assess/index.ts';

export interface UnitSummary {
  unit: UnitRow;
  sheet: ScoreSheet;
  standing: Standing;
  /**
   * confirmed: the category's sum once every item in it is decided. known: what its items have so far (decided,
   * else suggested); null while none of them has a value.
   */
  byCategory: { name: string; max: number; known: number | null; confirmed: number | null }[];
  counts: { stale: number; blank: number; late: number; backdated: number };
}

export function summarize(db: DB, rules: Rules, year: number, kind?: string): UnitSummary[] {
  const counts = findingCounts(db, year);
  return unitsOfYear(db, year, kind).map((unit) => {
    const sheet = scoreSheet(db, unit.id, year, rules);
    const byCategory = rules.rubric.categories.map((cat) => {
      const items = sheet.items.filter((i) => i.category === cat.name);
      const sum = (value: (i: (typeof items)[number]) => number | null) => roundScore(rules, items.reduce((s, i) => s + (value(i) ?? 0), 0));
      return {
        name: cat.name,
        max: cat.points,
        known: items.some((i) => (i.confirmed ?? i.suggested) !== null) ? sum((i) => i.confirmed ?? i.suggested) : null,
        confirmed: items.every((i) => i.confirmed !== null) ? sum((i) => i.confirmed) : null,
      };
    });
    const c = counts.get(unit.id) ?? {};
    return {
      unit,
      sheet,
      standing: standing(rules, sheet),
      byCategory,
      counts: {
        stale: c['stale-episode'] ?? 0,
        blank: c['blank-column'] ?? 0,
        late: c['late-disclosure'] ?? 0,
        backdated: (c['back-dated'] ?? 0) + (c['re-dated'] ?? 0),
      },
    };
  });
}
