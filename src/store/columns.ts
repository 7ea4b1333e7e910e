import { stmt, type DB } from './db.ts';

/** Columns (栏目): what the plan says of each, and what the crawl learnt of it (render, layout, list source). */

export type ColumnLayout = 'list' | 'single';

export interface ColumnRow {
  id: number;
  unitId: string;
  /** unit id + the plan's column key (or a generated one): survives renames and moves. */
  stableKey: string;
  name: string;
  url: string;
  class: string;
  classSource: 'plan' | 'guessed';
  render: 'auto' | 'static' | 'browser';
  renderLearned: 'static' | 'browser' | null;
  selectorsJson: string | null;
  layout: 'auto' | ColumnLayout;
  layoutLearned: ColumnLayout | null;
  /** A learnt data endpoint that serves the column's list (read instead of the page). */
  listSource: string | null;
  active: number;
}

/** A column the crawl visits, with its unit's name for progress and logs. */
export type CrawlColumnRow = ColumnRow & { unitName: string };

/** Every ColumnRow field, for a query over `columns c`. */
export const COLUMN_FIELDS = `c.id, c.unit_id AS unitId, c.stable_key AS stableKey, c.name, c.url, c.class, c.class_source AS classSource,
  c.render, c.render_learned AS renderLearned, c.selectors_json AS selectorsJson, c.layout, c.layout_learned AS layoutLearned,
  c.list_source AS listSource, c.active`;

/** How the column is read: the plan's layout, else the one learnt from the page, else a list. */
export function columnLayout(c: Pick<ColumnRow, 'layout' | 'layoutLearned'>): ColumnLayout {
  return c.layout !== 'auto' ? c.layout : (c.layoutLearned ?? 'list');
}

/** A unit's columns, the plan's current ones first. */
export function columnsOfUnit(db: DB, unitId: string): ColumnRow[] {
  return stmt(db, `SELECT ${COLUMN_FIELDS} FROM columns c WHERE c.unit_id = ? ORDER BY c.active DESC, c.id`).all(unitId) as ColumnRow[];
}

/** A unit's columns that the current plan lists, in id order. */
export function activeColumnsOfUnit(db: DB, unitId: string): ColumnRow[] {
  return stmt(db, `SELECT ${COLUMN_FIELDS} FROM columns c WHERE c.unit_id = ? AND c.active = 1 ORDER BY c.id`).all(unitId) as ColumnRow[];
}

export function getColumn(db: DB, id: number): ColumnRow | undefined {
  return stmt(db, `SELECT ${COLUMN_FIELDS} FROM columns c WHERE c.id = ?`).get(id) as ColumnRow | undefined;
}

/** Every column a crawl visits: the current plan's, of its current units, unit by unit. */
export function activeColumns(db: DB): CrawlColumnRow[] {
  return stmt(
    db,
    `SELECT ${COLUMN_FIELDS}, u.name AS unitName FROM columns c JOIN units u ON u.id = c.unit_id
      WHERE c.active = 1 AND u.active = 1 ORDER BY c.unit_id, c.id`,
  ).all() as CrawlColumnRow[];
}

/** How many current columns each unit has. */
export function activeColumnCounts(db: DB): Map<string, number> {
  const rows = stmt(db, 'SELECT unit_id AS unitId, count(*) AS n FROM columns WHERE active = 1 GROUP BY unit_id').all() as Array<{ unitId: string; n: number }>;
  return new Map(rows.map((r) => [r.unitId, r.n]));
}

/** The unit a column belongs to, or undefined for an unknown column. */
export function unitOfColumn(db: DB, columnId: number): string | undefined {
  return (stmt(db, 'SELECT unit_id AS unitId FROM columns WHERE id = ?').get(columnId) as { unitId: string } | undefined)?.unitId;
}

/** The data endpoint to read the column's list from, or null to read the page again. */
export function learnListSource(db: DB, columnId: number, url: string | null): void {
  stmt(db, `UPDATE columns SET list_source = ? WHERE id = ? AND list_source IS NOT ?`).run(url, columnId, url);
}

export function learnLayout(db: DB, columnId: number, layout: ColumnLayout): void {
  stmt(db, `UPDATE columns SET layout_learned = ? WHERE id = ? AND layout_learned IS NOT ?`).run(layout, columnId, layout);
}

export function learnRender(db: DB, columnId: number, render: 'static' | 'browser'): void {
  stmt(db, `UPDATE columns SET render_learned = ? WHERE id = ? AND render_learned IS NOT ?`).run(render, columnId, render);
}
