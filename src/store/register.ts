import { stmt, type DB } from './db.ts';
import { nowIso } from '../shared/time.ts';

/** The 依申请公开 application register (公开时限-2). */

export interface RegisterEntry {
  unitId: string;
  appNo: string;
  receivedOn: string;
  repliedOn: string | null;
  extended: boolean;
}

/** Inserts all entries in one transaction; a duplicate (unit, 申请编号) aborts the whole import. */
export function insertRegisterEntries(db: DB, entries: readonly RegisterEntry[], sourceFile: string, at = nowIso()): void {
  const ins = stmt(
    db,
    `INSERT INTO register_entries (unit_id, app_no, received_on, replied_on, extended, source_file, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const e of entries) ins.run(e.unitId, e.appNo, e.receivedOn, e.repliedOn, e.extended ? 1 : 0, sourceFile, at);
  }).immediate();
}

export function registerAppNos(db: DB): Set<string> {
  return new Set((stmt(db, 'SELECT unit_id || char(0) || app_no AS k FROM register_entries').all() as Array<{ k: string }>).map((r) => r.k));
}

/** A unit's applications received within [from, to], oldest first. */
export function registerEntriesFor(db: DB, unitId: string, from: string, to: string): RegisterEntry[] {
  return (
    stmt(
        db,
        `SELECT unit_id AS unitId, app_no AS appNo, received_on AS receivedOn, replied_on AS repliedOn, extended
         FROM register_entries WHERE unit_id = ? AND received_on BETWEEN ? AND ? ORDER BY received_on, app_no`,
      )
      .all(unitId, from, to) as Array<Omit<RegisterEntry, 'extended'> & { extended: number }>
  ).map((r) => ({ ...r, extended: r.extended === 1 }));
}

/** Applications on record per unit, and when the unit's register was last imported. */
export function registerCounts(db: DB): Array<{ unitId: string; entries: number; lastImportedAt: string }> {
  return stmt(
    db,
    `SELECT unit_id AS unitId, count(*) AS entries, max(imported_at) AS lastImportedAt FROM register_entries GROUP BY unit_id ORDER BY unit_id`,
  ).all() as Array<{ unitId: string; entries: number; lastImportedAt: string }>;
}
