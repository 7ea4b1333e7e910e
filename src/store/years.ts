import { stmt, type DB } from './db.ts';
import { currentPlan } from './plans.ts';
import { listUnits, unitsAssessedIn, type UnitRow } from './units.ts';

/**
 * The assessment years the store holds. A year's period is that of the plan of the year loaded last; a year's
 * units are the current plan's for the current plan's year, and for any other year the units assessed in it
 * (units are not kept per plan: a later plan may have renamed, added or dropped some).
 */

export interface PlanYear {
  year: number;
  period: { from: string; to: string };
}

/** Every year with a plan, newest first, each with the period of its plan loaded last. */
export function planYears(db: DB): PlanYear[] {
  const rows = stmt(
    db,
    `SELECT year, period_from AS periodFrom, period_to AS periodTo FROM plans p
      WHERE id = (SELECT id FROM plans q WHERE q.year = p.year ORDER BY loaded_at DESC, id DESC LIMIT 1)
      ORDER BY year DESC`,
  ).all() as Array<{ year: number; periodFrom: string; periodTo: string }>;
  return rows.map((r) => ({ year: r.year, period: { from: r.periodFrom, to: r.periodTo } }));
}

/** The units a year covers (镇街 first), or those of one kind; see the module note. */
export function unitsOfYear(db: DB, year: number, kind?: string): UnitRow[] {
  return (currentPlan(db)?.year ?? year) === year ? listUnits(db, kind) : unitsAssessedIn(db, year, kind);
}

/**
 * Changes whenever what the assessment reads of items can have changed: a new page fetched (list or detail), a new
 * item or date sighting, a plan sync touching columns. Cheap (row ids), for caching figures computed from items.
 */
export function evidenceMark(db: DB): string {
  const r = stmt(
    db,
    `SELECT (SELECT max(id) FROM fetches) AS f, (SELECT max(id) FROM items) AS i, (SELECT max(id) FROM item_dates) AS d,
            (SELECT max(updated_at) FROM columns) AS c`,
  ).get() as Record<string, unknown>;
  return [r.f, r.i, r.d, r.c].join('|');
}
