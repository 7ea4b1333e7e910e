// Read models for the dashboard pages: plain queries over the shared tables, each backed by an index.
import type { DB } from './db.ts';
import type { VisitOutcome } from './crawl-runs.ts';

export interface UnitRow {
  id: string;
  name: string;
  kind: '镇街' | '区直部门';
  contacts_json: string;
}

export function listUnits(db: DB, kind?: string): UnitRow[] {
  return kind
    ? (db.prepare('SELECT id, name, kind, contacts_json FROM units WHERE active = 1 AND kind = ? ORDER BY kind, id').all(kind) as UnitRow[])
    : (db.prepare('SELECT id, name, kind, contacts_json FROM units WHERE active = 1 ORDER BY kind, id').all() as UnitRow[]);
}

export function getUnit(db: DB, id: string): UnitRow | undefined {
  return db.prepare('SELECT id, name, kind, contacts_json FROM units WHERE id = ?').get(id) as UnitRow | undefined;
}

/** Active findings per unit and kind for a year. */
export function findingCounts(db: DB, year: number): Map<string, Record<string, number>> {
  const rows = db
    .prepare('SELECT unit_id, kind, count(*) n FROM findings WHERE year = ? AND active = 1 GROUP BY unit_id, kind')
    .all(year) as { unit_id: string; kind: string; n: number }[];
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.unit_id) ?? {};
    m[r.kind] = r.n;
    out.set(r.unit_id, m);
  }
  return out;
}

export interface ColumnRow {
  id: number;
  unit_id: string;
  name: string;
  url: string;
  class: string;
  class_source: string;
  render: string;
  render_learned: string | null;
  layout: 'auto' | 'list' | 'single';
  layout_learned: 'list' | 'single' | null;
  active: number;
}

export function columnsOfUnit(db: DB, unitId: string): ColumnRow[] {
  return db.prepare('SELECT * FROM columns WHERE unit_id = ? ORDER BY active DESC, id').all(unitId) as ColumnRow[];
}

export function getColumn(db: DB, id: number): ColumnRow | undefined {
  return db.prepare('SELECT * FROM columns WHERE id = ?').get(id) as ColumnRow | undefined;
}

export function itemCount(db: DB, columnId: number): number {
  return (db.prepare('SELECT count(*) n FROM items WHERE column_id = ?').get(columnId) as { n: number }).n;
}

export interface ItemRow {
  id: number;
  title: string;
  url: string;
  published_at: string | null;
  document_date: string | null;
  index_no: string | null;
  pinned: number;
  detail_status: string;
  detail_fetch_id: number | null;
  first_seen_at: string;
  first_seen_fetch_id: number | null;
  flags_json: string;
}

export function itemsOfColumn(db: DB, columnId: number, limit: number, offset = 0): ItemRow[] {
  return db
    .prepare(
      `SELECT id, title, url, published_at, document_date, index_no, pinned, detail_status, detail_fetch_id, first_seen_at,
              first_seen_fetch_id, flags_json
         FROM items WHERE column_id = ? ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(columnId, limit, offset) as ItemRow[];
}

export interface VisitRow {
  id: number;
  run_id: number;
  started_at: string;
  finished_at: string | null;
  outcome: VisitOutcome | null;
  fetcher: string | null;
  pages: number;
  items_found: number;
  items_new: number;
  requests: number;
  complete: number;
  error: string | null;
  first_fetch_id: number | null;
}

export function visitsOfColumn(db: DB, columnId: number, limit: number): VisitRow[] {
  return db
    .prepare(
      `SELECT v.*, (SELECT min(fetch_id) FROM visit_fetches vf WHERE vf.visit_id = v.id AND vf.page_no = 1) first_fetch_id
         FROM column_visits v WHERE v.column_id = ? ORDER BY v.started_at DESC LIMIT ?`,
    )
    .all(columnId, limit) as VisitRow[];
}

export function lastVisitOfColumn(db: DB, columnId: number): VisitRow | undefined {
  return visitsOfColumn(db, columnId, 1)[0];
}

export interface FindingRow {
  id: number;
  kind: string;
  column_id: number | null;
  column_name: string | null;
  item_id: number | null;
  item_title: string | null;
  detail_json: string;
  evidence_json: string;
  first_detected_at: string;
  last_detected_at: string;
  active: number;
  review: string;
  rect_status: string | null;
  rect_deadline: string | null;
}

export function findingsOfUnit(db: DB, unitId: string, year: number): FindingRow[] {
  return db
    .prepare(
      `SELECT f.id, f.kind, f.column_id, c.name column_name, f.item_id, i.title item_title, f.detail_json, f.evidence_json,
              f.first_detected_at, f.last_detected_at, f.active, f.review,
              (SELECT r.status FROM rectifications r WHERE r.finding_id = f.id ORDER BY r.id DESC LIMIT 1) rect_status,
              (SELECT r.deadline FROM rectifications r WHERE r.finding_id = f.id ORDER BY r.id DESC LIMIT 1) rect_deadline
         FROM findings f LEFT JOIN columns c ON c.id = f.column_id LEFT JOIN items i ON i.id = f.item_id
        WHERE f.unit_id = ? AND f.year = ? ORDER BY f.active DESC, f.last_detected_at DESC`,
    )
    .all(unitId, year) as FindingRow[];
}

export function findingUnit(db: DB, findingId: number): string | undefined {
  return (db.prepare('SELECT unit_id FROM findings WHERE id = ?').get(findingId) as { unit_id: string } | undefined)?.unit_id;
}
