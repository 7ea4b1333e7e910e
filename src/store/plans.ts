import { createHash } from 'node:crypto';
import type { LoadedPlan, PlanColumn, PlanUnit } from '../config/index.ts';
import { guessColumnClass, type Rules } from '../config/index.ts';
import { nowIso } from '../shared/time.ts';
import type { DB } from './db.ts';

/**
 * Plans, units and columns. Loading a plan is a diff against the store: the same plan twice writes nothing;
 * a changed plan updates units and columns in place so their history (items, visits, findings) stays attached.
 */

export interface PlanRow {
  id: number;
  year: number;
  period_from: string;
  period_to: string;
  source_path: string;
  content_hash: string;
  crawl_json: string;
  loaded_at: string;
}

interface ColumnRow {
  id: number;
  unit_id: string;
  stable_key: string;
  name: string;
  url: string;
  class: string;
  class_source: 'plan' | 'guessed';
  render: 'auto' | 'static' | 'browser';
  selectors_json: string | null;
  layout: 'auto' | 'list' | 'single';
  active: number;
}

interface UnitRow {
  id: string;
  name: string;
  kind: string;
  contacts_json: string;
  channels_json: string;
  active: number;
}

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
  return db.prepare('SELECT * FROM plans ORDER BY loaded_at DESC, id DESC LIMIT 1').get() as PlanRow | undefined;
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
    (p, s) => p.key !== undefined && s.stable_key === `${unitId}/${p.key}`,
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
export function syncPlan(db: DB, loaded: LoadedPlan, rules: Rules, now: string = nowIso()): PlanSyncSummary {
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
    const existing = db.prepare('SELECT id FROM plans WHERE content_hash = ?').get(loaded.hash) as { id: number } | undefined;
    if (existing) {
      summary.planId = existing.id;
      if (current?.id !== existing.id) {
        db.prepare('UPDATE plans SET loaded_at = ?, source_path = ? WHERE id = ?').run(now, loaded.path, existing.id);
        summary.planChanged = true;
      }
    } else {
      summary.planId = Number(
        db
          .prepare('INSERT INTO plans (year, period_from, period_to, source_path, content_hash, crawl_json, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(plan.year, plan.period.from, plan.period.to, loaded.path, loaded.hash, JSON.stringify(plan.crawl), now).lastInsertRowid,
      );
      summary.planChanged = true;
    }

    const record = (col: { id: number; unit_id: string }, field: string, oldV: string | null, newV: string | null) => {
      db.prepare('INSERT INTO column_changes (column_id, at, field, old_value, new_value) VALUES (?, ?, ?, ?, ?)').run(col.id, now, field, oldV, newV);
      summary.changes.push({ columnId: col.id, unitId: col.unit_id, field, old: oldV, new: newV });
    };

    const storedUnits = new Map((db.prepare('SELECT * FROM units').all() as UnitRow[]).map((u) => [u.id, u]));
    const takenKeys = new Set((db.prepare('SELECT stable_key FROM columns').all() as Array<{ stable_key: string }>).map((r) => r.stable_key));
    for (const unit of plan.units) {
      syncUnit(db, unit, storedUnits.get(unit.id), now, summary);
      syncColumns(db, unit, rules, takenKeys, now, summary, record);
    }

    const listed = new Set(plan.units.map((u) => u.id));
    for (const u of storedUnits.values()) {
      if (listed.has(u.id)) continue;
      if (u.active) {
        db.prepare('UPDATE units SET active = 0, updated_at = ? WHERE id = ?').run(now, u.id);
        summary.units.deactivated.push(u.id);
      }
      for (const c of db.prepare('SELECT * FROM columns WHERE unit_id = ? AND active = 1').all(u.id) as ColumnRow[]) {
        db.prepare('UPDATE columns SET active = 0, updated_at = ? WHERE id = ?').run(now, c.id);
        record(c, 'active', '1', '0');
        summary.columns.deactivated++;
      }
    }
    return summary;
  }).immediate();
}

function syncUnit(db: DB, unit: PlanUnit, stored: UnitRow | undefined, now: string, summary: PlanSyncSummary): void {
  const row = { name: unit.name, kind: unit.kind, contacts_json: JSON.stringify(unit.contacts), channels_json: JSON.stringify(unit.channels) };
  if (!stored) {
    db.prepare('INSERT INTO units (id, name, kind, contacts_json, channels_json, active, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)').run(
      unit.id, row.name, row.kind, row.contacts_json, row.channels_json, now,
    );
    summary.units.added.push(unit.id);
    return;
  }
  const changed = (Object.keys(row) as Array<keyof typeof row>).some((k) => stored[k] !== row[k]);
  if (!changed && stored.active) return;
  db.prepare('UPDATE units SET name = ?, kind = ?, contacts_json = ?, channels_json = ?, active = 1, updated_at = ? WHERE id = ?').run(
    row.name, row.kind, row.contacts_json, row.channels_json, now, unit.id,
  );
  if (!stored.active) summary.units.reactivated.push(unit.id);
  if (changed) summary.units.updated.push(unit.id);
}

function syncColumns(
  db: DB,
  unit: PlanUnit,
  rules: Rules,
  takenKeys: Set<string>,
  now: string,
  summary: PlanSyncSummary,
  record: (col: { id: number; unit_id: string }, field: string, oldV: string | null, newV: string | null) => void,
): void {
  const stored = db.prepare('SELECT * FROM columns WHERE unit_id = ? ORDER BY active DESC, id').all(unit.id) as ColumnRow[];
  const matches = matchColumns(unit.id, unit.columns, stored);
  const ids: number[] = [];
  unit.columns.forEach((p, i) => {
    const want = {
      name: p.name,
      url: p.url,
      class: p.class ?? guessColumnClass(rules, p.name),
      class_source: p.class ? 'plan' : 'guessed',
      render: p.render,
      selectors_json: p.selectors ? JSON.stringify(p.selectors) : null,
      layout: p.layout,
    } as const;
    const hit = matches[i];
    if (!hit) {
      const key = p.key !== undefined ? `${unit.id}/${p.key}` : generatedKey(unit.id, p.url, takenKeys);
      takenKeys.add(key);
      const id = Number(
        db
          .prepare(
            `INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, render, selectors_json, layout, active, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
          )
          .run(unit.id, key, want.name, want.url, want.class, want.class_source, want.render, want.selectors_json, want.layout, now, now).lastInsertRowid,
      );
      summary.columns.added++;
      ids.push(id);
      return;
    }
    ids.push(hit.id);
    const newKey = p.key !== undefined ? `${unit.id}/${p.key}` : hit.stable_key;
    const diffs = (Object.keys(want) as Array<keyof typeof want>).filter((k) => hit[k] !== want[k]);
    if (!diffs.length && newKey === hit.stable_key && hit.active) {
      summary.columns.unchanged++;
      return;
    }
    db.prepare(
      `UPDATE columns SET stable_key = ?, name = ?, url = ?, class = ?, class_source = ?, render = ?, selectors_json = ?, layout = ?, active = 1, updated_at = ?
       WHERE id = ?`,
    ).run(newKey, want.name, want.url, want.class, want.class_source, want.render, want.selectors_json, want.layout, now, hit.id);
    if (newKey !== hit.stable_key) {
      takenKeys.delete(hit.stable_key);
      takenKeys.add(newKey);
      record(hit, 'stable_key', hit.stable_key, newKey);
    }
    for (const k of diffs) record(hit, k, hit[k], want[k]);
    if (!hit.active) {
      record(hit, 'active', '0', '1');
      summary.columns.reactivated++;
    }
    if (diffs.length || newKey !== hit.stable_key) summary.columns.updated++;
  });
  summary.columnIds[unit.id] = ids;

  const kept = new Set(ids);
  for (const s of stored) {
    if (kept.has(s.id) || !s.active) continue;
    db.prepare('UPDATE columns SET active = 0, updated_at = ? WHERE id = ?').run(now, s.id);
    record(s, 'active', '1', '0');
    summary.columns.deactivated++;
  }
}
