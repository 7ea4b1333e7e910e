import type { DB } from './db.ts';

/** Read-only queries the assessment needs: units, columns, their visits, items and claimed-date history. */

export interface UnitRow {
  id: string;
  name: string;
  kind: '镇街' | '区直部门';
}

export interface ColumnRow {
  id: number;
  unitId: string;
  name: string;
  url: string;
  class: string;
}

export interface VisitRow {
  id: number;
  runId: number;
  startedAt: string;
  outcome: 'ok' | 'blank' | 'unreachable' | 'challenge' | 'parse-failed' | null;
  complete: number;
  coveredFrom: string | null;
  runKind: 'nightly' | 'full';
}

export interface ItemRow {
  id: number;
  url: string;
  title: string;
  publishedAt: string | null;
  documentDate: string | null;
  indexNo: string | null;
  pinned: number;
  detailStatus: string;
  detailFetchId: number | null;
  firstSeenAt: string;
  firstSeenRun: number | null;
  firstSeenFetchId: number | null;
  flagsJson: string;
}

export interface DateRow {
  itemId: number;
  seenAt: string;
  fetchId: number | null;
  source: string;
  claimed: string | null;
}

export class AssessReader {
  private readonly q;

  constructor(db: DB) {
    this.q = {
      units: db.prepare(`SELECT id, name, kind FROM units WHERE active = 1 ORDER BY id`),
      unit: db.prepare(`SELECT id, name, kind FROM units WHERE id = ?`),
      columns: db.prepare(`SELECT id, unit_id AS unitId, name, url, class FROM columns WHERE unit_id = ? AND active = 1 ORDER BY id`),
      visits: db.prepare(
        `SELECT v.id, v.run_id AS runId, v.started_at AS startedAt, v.outcome, v.complete, v.covered_from AS coveredFrom, r.kind AS runKind
         FROM column_visits v JOIN crawl_runs r ON r.id = v.run_id WHERE v.column_id = ? ORDER BY v.started_at, v.id`,
      ),
      visitFetches: db.prepare(
        `SELECT f.visit_id AS visitId, f.fetch_id AS fetchId FROM visit_fetches f JOIN column_visits v ON v.id = f.visit_id
         WHERE v.column_id = ? ORDER BY f.visit_id, f.page_no, f.fetch_id`,
      ),
      items: db.prepare(
        `SELECT id, url, title, published_at AS publishedAt, document_date AS documentDate, index_no AS indexNo, pinned,
           detail_status AS detailStatus, detail_fetch_id AS detailFetchId, first_seen_at AS firstSeenAt,
           first_seen_run AS firstSeenRun, first_seen_fetch_id AS firstSeenFetchId, flags_json AS flagsJson
         FROM items WHERE column_id = ? ORDER BY published_at, id`,
      ),
      dates: db.prepare(
        `SELECT d.item_id AS itemId, d.seen_at AS seenAt, d.fetch_id AS fetchId, d.source, d.claimed
         FROM item_dates d JOIN items i ON i.id = d.item_id WHERE i.column_id = ? ORDER BY d.item_id, d.seen_at, d.id`,
      ),
      firstRun: db.prepare(`SELECT min(started_at) AS at FROM crawl_runs`),
    };
  }

  units(): UnitRow[] {
    return this.q.units.all() as UnitRow[];
  }

  unit(id: string): UnitRow | undefined {
    return this.q.unit.get(id) as UnitRow | undefined;
  }

  columns(unitId: string): ColumnRow[] {
    return this.q.columns.all(unitId) as ColumnRow[];
  }

  /** The column's visits, oldest first, each with its list-page fetch ids in page order. */
  visits(columnId: number): Array<VisitRow & { fetchIds: number[] }> {
    const byVisit = new Map<number, number[]>();
    for (const r of this.q.visitFetches.iterate(columnId) as Iterable<{ visitId: number; fetchId: number }>) {
      let l = byVisit.get(r.visitId);
      if (!l) byVisit.set(r.visitId, (l = []));
      l.push(r.fetchId);
    }
    return (this.q.visits.all(columnId) as VisitRow[]).map((v) => ({ ...v, fetchIds: byVisit.get(v.id) ?? [] }));
  }

  /** The column's items ordered by claimed date (undated first), streamed. */
  items(columnId: number): IterableIterator<ItemRow> {
    return this.q.items.iterate(columnId) as IterableIterator<ItemRow>;
  }

  /** Claimed-date sightings of the column's items, grouped per item, oldest first. */
  dates(columnId: number): Map<number, DateRow[]> {
    const out = new Map<number, DateRow[]>();
    for (const r of this.q.dates.iterate(columnId) as Iterable<DateRow>) {
      let l = out.get(r.itemId);
      if (!l) out.set(r.itemId, (l = []));
      l.push(r);
    }
    return out;
  }

  /** When the first crawl of all started, or null before any crawl. */
  firstCrawlAt(): string | null {
    return (this.q.firstRun.get() as { at: string | null }).at;
  }
}
