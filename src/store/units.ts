import { stmt, type DB } from './db.ts';

/** Units (the assessed offices), as the last plan sync left them. */

export interface UnitRow {
  id: string;
  name: string;
  kind: '镇街' | '区直部门';
  contactsJson: string;
  channelsJson: string;
  active: number;
}

const UNIT = `id, name, kind, contacts_json AS contactsJson, channels_json AS channelsJson, active FROM units`;

/** Every unit any plan listed, the plan's current ones and those it dropped. */
export function allUnits(db: DB): UnitRow[] {
  return stmt(db, `SELECT ${UNIT}`).all() as UnitRow[];
}

/** The plan's current units, by id. */
export function activeUnits(db: DB): UnitRow[] {
  return stmt(db, `SELECT ${UNIT} WHERE active = 1 ORDER BY id`).all() as UnitRow[];
}

/** The plan's current units as the dashboard lists them (镇街 first), or those of one kind. */
export function listUnits(db: DB, kind?: string): UnitRow[] {
  return kind
    ? (stmt(db, `SELECT ${UNIT} WHERE active = 1 AND kind = ? ORDER BY kind, id`).all(kind) as UnitRow[])
    : (stmt(db, `SELECT ${UNIT} WHERE active = 1 ORDER BY kind, id`).all() as UnitRow[]);
}

/** The units with a score sheet or findings of a year, whether or not the current plan lists them (镇街 first). */
export function unitsAssessedIn(db: DB, year: number, kind?: string): UnitRow[] {
  return stmt(
    db,
    `SELECT ${UNIT} WHERE (@kind IS NULL OR kind = @kind) AND id IN (
       SELECT unit_id FROM score_suggestions WHERE year = @year
       UNION SELECT unit_id FROM score_decisions WHERE year = @year
       UNION SELECT unit_id FROM findings WHERE year = @year)
     ORDER BY kind, id`,
  ).all({ year, kind: kind ?? null }) as UnitRow[];
}

export function getUnit(db: DB, id: string): UnitRow | undefined {
  return stmt(db, `SELECT ${UNIT} WHERE id = ?`).get(id) as UnitRow | undefined;
}

export function unitExists(db: DB, unitId: string): boolean {
  return stmt(db, 'SELECT 1 FROM units WHERE id = ?').get(unitId) !== undefined;
}
