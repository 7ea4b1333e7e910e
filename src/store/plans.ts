import { createHash } from 'node:crypto';
import type { DecidedClass, LoadedPlan, PlanColumn, PlanUnit } from '../config/index.ts';
import { nowIso } from '../shared/time.ts';
import { activeColumnsOfUnit, columnsOfUnit, type ColumnRow } from './columns.ts';
import { stmt, type DB } from './db.ts';
import { allUnits, type UnitRow } from './units.ts';

/**
 * Plans, units and columns. Loading a plan is a diff against the store: the same plan twice writes nothing;
 * a changed plan updates units and columns in place so their history (items, visits, findings) stays attached.
 */

export interface PlanRow {
  id: number;
  year: number;
  periodFrom: string;
  periodTo: string;
  sourcePath: string;
  contentHash: string;
  crawlJson: string;
  loadedAt: string;
}

/** Each plan column's class, decided by config's rule (the store keeps what it is told). */
export type ClassifyColumn = (column: PlanColumn) => DecidedClass;

/** The columns fields a plan sets, by ColumnRow field, with the name column_changes records them under. */
const PLANNED_FIELDS = {
  name: 'name',
  url: 'url',
  class: 'class',
  classSource: 'class_source',
  render: 'render',
  selectorsJson: 'selectors_json',
  layout: 'layout',
} as const satisfies Partial<Record<keyof ColumnRow, string>>;

export interface ColumnChange {
  columnId: number;
  unitId: string;
  field: string;
  old: string | null;
  new: string | null;
}

export interface PlanSyncSummary {
  planId: number;
  /** false when the plan (same content) was already the current one */
  planChanged: boolean;
  units: { added: string[]; updated: string[]; reactivated: string[]; deactivated: string[] };
  columns: { added: number; updated: number; reactivated: number; deactivated: number; unchanged: number };
  /** column ids in plan order, per unit id */
  columnIds: Record<string, number[]>;
  changes: ColumnChange[];
}

/** The plan loaded most recently. */
export function currentPlan(db: DB): PlanRow | undefined {
  return stmt(
    db,
    `SELECT id, year, period_from AS periodFrom, period_to AS periodTo, source_path AS sourcePath, content_hash AS contentHash,
       crawl_json AS crawlJson, loaded_at AS loadedAt FROM plans ORDER BY loaded_at DESC, id DESC LIMIT 1`,
  ).get() as PlanRow | undefined;
}

/** Columns without an explicit key get one that no plan key can collide with ('@' is not allowed in keys). */
function generatedKey(unitId: string, url: string, taken: Set<string>): string {
  const base = `${unitId}/@${createHash('sha256').update(url).digest('hex').slice(0, 10)}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/**
 * Pairs plan columns with stored ones: explicit key first, then (within the unit) the same URL — so a
 * rename keeps its id — then the same name — so a move to a new URL keeps its id.
 */
function matchColumns(unitId: string, planned: PlanColumn[], stored: ColumnRow[]): Array<ColumnRow | undefined> {
  const out: Array<ColumnRow | undefined> = planned.map(() => undefined);
  const free = new Set(stored);
  const passes: Array<(p: PlanColumn, s: ColumnRow) => boolean> = [
    (p, s) => p.key !== undefined && s.stableKey === `${unitId}/${p.key}`,
    (p, s) => s.url === p.url,
    (p, s) => s.name === p.name,
  ];
  for (const pass of passes) {
    planned.forEach((p, i) => {
      if (out[i]) return;
      const hit = [...free].find((s) => pass(p, s));
      if (hit) {
        out[i] = hit;
        free.delete(hit);
      }
    });
  }
  return out;
}

/** Loads a validated plan into the store in one transaction and says what changed. */
export function syncPlan(db: DB, loaded: LoadedPlan, classify: ClassifyColumn, now: string = nowIso()): PlanSyncSummary {
  return db.transaction((): PlanSyncSummary => {
    const { plan } = loaded;
    const summary: PlanSyncSummary = {
      planId: 0,
      planChanged: false,
      units: { added: [], updated: [], reactivated: [], deactivated: [] },
      columns: { added: 0, updated: 0, reactivated: 0, deactivated: 0, unchanged: 0 },
      columnIds: {},
      changes: [],
    };

    const current = currentPlan(db);
    const existing = stmt(db, 'SELECT id FROM plans WHERE content_hash = ?').get(loaded.hash) as { id: number } | undefined;
    if (existing) {
      summary.planId = existing.id;
      if (current?.id !== existing.id) {
        stmt(db, 'UPDATE plans SET loaded_at = ?, source_path = ? WHERE id = ?').run(now, loaded.path, existing.id);
        summary.planChanged = true;
      }
    } else {
      summary.planId = Number(
        stmt(db, 'INSERT INTO plans (year, period_from, period_to, source_path, content_hash, crawl_json, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(plan.year, plan.period.from, plan.period.to, loaded.path, loaded.hash, JSON.stringify(plan.crawl), now).lastInsertRowid,
      );
      summary.planChanged = true;
    }

    const record: RecordChange = (col, field, oldV, newV) => {
      stmt(db, 'INSERT INTO column_changes (column_id, at, field, old_value, new_value) VALUES (?, ?, ?, ?, ?)').run(col.id, now, field, oldV, newV);
      summary.changes.push({ columnId: col.id, unitId: col.unitId, field, old: oldV, new: newV });
    };

    const storedUnits = new Map(allUnits(db).map((u) => [u.id, u]));
    const takenKeys = new Set(stmt(db, 'SELECT stable_key FROM columns').pluck().all() as string[]);
    for (const unit of plan.units) {
      syncUnit(db, unit, storedUnits.get(unit.id), now, summary);
      syncColumns(db, unit, classify, takenKeys, now, summary, record);
    }

    const listed = new Set(plan.units.map((u) => u.id));
    for (const u of storedUnits.values()) {
      if (listed.has(u.id)) continue;
      if (u.active) {
        stmt(db, 'UPDATE units SET active = 0, updated_at = ? WHERE id = ?').run(now, u.id);
        summary.units.deactivated.push(u.id);
      }
      for (const c of activeColumnsOfUnit(db, u.id)) {
        deactivateColumn(db, c.id, now);
        record(c, 'active', '1', '0');
        summary.columns.deactivated++;
      }
    }
    return summary;
  }).immediate();
}

type RecordChange = (col: Pick<ColumnRow, 'id' | 'unitId'>, field: string, oldV: string | null, newV: string | null) => void;

function deactivateColumn(db: DB, columnId: number, now: string): void {
  stmt(db, 'UPDATE columns SET active = 0, updated_at = ? WHERE id = ?').run(now, columnId);
}

function syncUnit(db: DB, unit: PlanUnit, stored: UnitRow | undefined, now: string, summary: PlanSyncSummary): void {
  const row = { name: unit.name, kind: unit.kind, contactsJson: JSON.stringify(unit.contacts), channelsJson: JSON.stringify(unit.channels) };
  if (!stored) {
    stmt(db, 'INSERT INTO units (id, name, kind, contacts_json, channels_json, active, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)').run(
      unit.id, row.name, row.kind, row.contactsJson, row.channelsJson, now,
    );
    summary.units.added.push(unit.id);
    return;
  }
  const changed = (Object.keys(row) as Array<keyof typeof row>).some((k) => stored[k] !== row[k]);
  if (!changed && stored.active) return;
  stmt(db, 'UPDATE units SET name = ?, kind = ?, contacts_json = ?, channels_json = ?, active = 1, updated_at = ? WHERE id = ?').run(
    row.name, row.kind, row.contactsJson, row.channelsJson, now, unit.id,
  );
  if (!stored.active) summary.units.reactivated.push(unit.id);
  if (changed) summary.units.updated.push(unit.id);
}

function syncColumns(
  db: DB,
  unit: PlanUnit,
  classify: ClassifyColumn,
  takenKeys: Set<string>,
  now: string,
  summary: PlanSyncSummary,
  record: RecordChange,
): void {
  const stored = columnsOfUnit(db, unit.id);
  const matches = matchColumns(unit.id, unit.columns, stored);
  const ids: number[] = [];
  unit.columns.forEach((p, i) => {
    const decided = classify(p);
    const want = {
      name: p.name,
      url: p.url,
      class: decided.class,
      classSource: decided.source,
      render: p.render,
      selectorsJson: p.selectors ? JSON.stringify(p.selectors) : null,
      layout: p.layout,
    } satisfies Record<keyof typeof PLANNED_FIELDS, unknown>;
    const hit = matches[i];
    if (!hit) {
      const key = p.key !== undefined ? `${unit.id}/${p.key}` : generatedKey(unit.id, p.url, takenKeys);
      takenKeys.add(key);
      const id = Number(
        stmt(
          db,
          `INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, render, selectors_json, layout, active, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        ).run(unit.id, key, want.name, want.url, want.class, want.classSource, want.render, want.selectorsJson, want.layout, now, now).lastInsertRowid,
      );
      summary.columns.added++;
      ids.push(id);
      return;
    }
    ids.push(hit.id);
    const newKey = p.key !== undefined ? `${unit.id}/${p.key}` : hit.stableKey;
    const diffs = (Object.keys(want) as Array<keyof typeof want>).filter((k) => hit[k] !== want[k]);
    if (!diffs.length && newKey === hit.stableKey && hit.active) {
      summary.columns.unchanged++;
      return;
    }
    stmt(
      db,
      `UPDATE columns SET stable_key = ?, name = ?, url = ?, class = ?, class_source = ?, render = ?, selectors_json = ?, layout = ?, active = 1, updated_at = ?
       WHERE id = ?`,
    ).run(newKey, want.name, want.url, want.class, want.classSource, want.render, want.selectorsJson, want.layout, now, hit.id);
    if (newKey !== hit.stableKey) {
      takenKeys.delete(hit.stableKey);
      takenKeys.add(newKey);
      record(hit, 'stable_key', hit.stableKey, newKey);
    }
    for (const k of diffs) record(hit, PLANNED_FIELDS[k], hit[k], want[k]);
    if (!hit.active) {
      record(hit, 'active', '0', '1');
      summary.columns.reactivated++;
    }
    if (diffs.length || newKey !== hit.stableKey) summary.columns.updated++;
  });
  summary.columnIds[unit.id] = ids;

  const kept = new Set(ids);
  for (const s of stored) {
    if (kept.has(s.id) || !s.active) continue;
    deactivateColumn(db, s.id, now);
    record(s, 'active', '1', '0');
    summary.columns.deactivated++;
  }
}
