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
  /** As the crawl reads it: the plan's layout, else the one learnt from the page. */
  layout: 'list' | 'single';
}

export interface VisitRow {
  id: number;
  runId: number;
  startedAt: string;
  outcome: 'ok' | 'blank' | 'unreachable' | 'challenge' | 'parse-failed' | null;
  complete: number;
  coveredFrom: string | null;
  runKind: 'nightly' | 'full';
  coverage: 'complete' | 'review' | null;
  reviewReason: string | null;
  layout: 'list' | 'single' | null;
}

/** One read of a single-page column (page_states). */
export interface PageStateRow {
  seenAt: string;
  publishedAt: string | null;
  textSha256: string;
  textChars: number;
  fetchId: number;
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
  /** column id → ids of its items whose claimed date changed; read once per reader (one assess run). */
  private changed: Map<number, number[]> | undefined;

  constructor(db: DB) {
    this.q = {
      units: db.prepare(`SELECT id, name, kind FROM units WHERE active = 1 ORDER BY id`),
      unit: db.prepare(`SELECT id, name, kind FROM units WHERE id = ?`),
      columns: db.prepare(
        `SELECT id, unit_id AS unitId, name, url, class,
           CASE WHEN layout = 'auto' THEN coalesce(layout_learned, 'list') ELSE layout END AS layout
         FROM columns WHERE unit_id = ? AND active = 1 ORDER BY id`,
      ),
      visits: db.prepare(
        `SELECT v.id, v.run_id AS runId, v.started_at AS startedAt, v.outcome, v.complete, v.covered_from AS coveredFrom, r.kind AS runKind,
           v.coverage, v.review_reason AS reviewReason, v.layout
         FROM column_visits v JOIN crawl_runs r ON r.id = v.run_id WHERE v.column_id = ? ORDER BY v.started_at, v.id`,
      ),
      visitFetches: db.prepare(
        `SELECT f.visit_id AS visitId, f.fetch_id AS fetchId FROM visit_fetches f JOIN column_visits v ON v.id = f.visit_id
         WHERE v.column_id = ? ORDER BY f.visit_id, f.page_no, f.fetch_id`,
      ),
      // Raw rows (arrays) are about twice as fast as objects from better-sqlite3 on this, the hot path.
      items: db
        .prepare(
          `SELECT id, url, title, published_at, document_date, index_no, pinned, detail_status, detail_fetch_id,
             first_seen_at, first_seen_run, first_seen_fetch_id, flags_json
           FROM items WHERE column_id = ?`,
        )
        .raw(true),
      // One pass over item_dates finds the items whose claimed date took more than one value in a source;
      // only those can be re-dated, so per-column reads touch nothing else.
      changed: db.prepare(
        `SELECT i.column_id AS columnId, c.item_id AS itemId FROM (
           SELECT item_id FROM item_dates WHERE claimed IS NOT NULL
           GROUP BY item_id, source HAVING count(DISTINCT substr(claimed, 1, 10)) > 1) c
         JOIN items i ON i.id = c.item_id`,
      ),
      dates: db.prepare(
        `SELECT item_id AS itemId, seen_at AS seenAt, fetch_id AS fetchId, source, claimed
         FROM item_dates WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY item_id, seen_at, id`,
      ),
      firstRun: db.prepare(`SELECT min(started_at) AS at FROM crawl_runs`),
      pageStates: db.prepare(
        `SELECT seen_at AS seenAt, published_at AS publishedAt, text_sha256 AS textSha256, text_chars AS textChars, fetch_id AS fetchId
         FROM page_states WHERE column_id = ? ORDER BY seen_at, id`,
      ),
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

  /** The column's items, streamed (in no particular order). */
  *items(columnId: number): Generator<ItemRow> {
    for (const r of this.q.items.all(columnId) as unknown[][]) {
      yield {
        id: r[0] as number,
        url: r[1] as string,
        title: r[2] as string,
        publishedAt: r[3] as string | null,
        documentDate: r[4] as string | null,
        indexNo: r[5] as string | null,
        pinned: r[6] as number,
        detailStatus: r[7] as string,
        detailFetchId: r[8] as number | null,
        firstSeenAt: r[9] as string,
        firstSeenRun: r[10] as number | null,
        firstSeenFetchId: r[11] as number | null,
        flagsJson: r[12] as string,
      };
    }
  }

  /** Claimed-date sightings of the column's items whose date ever changed, grouped per item, oldest first. */
  dates(columnId: number): Map<number, DateRow[]> {
    if (!this.changed) {
      this.changed = new Map();
      for (const r of this.q.changed.iterate() as Iterable<{ columnId: number; itemId: number }>) {
        const l = this.changed.get(r.columnId);
        if (l) l.push(r.itemId);
        else this.changed.set(r.columnId, [r.itemId]);
      }
    }
    const out = new Map<number, DateRow[]>();
    const ids = this.changed.get(columnId);
    if (!ids) return out;
    for (const r of this.q.dates.iterate(JSON.stringify(ids)) as Iterable<DateRow>) {
      let l = out.get(r.itemId);
      if (!l) out.set(r.itemId, (l = []));
      l.push(r);
    }
    return out;
  }

  /** A single-page column's reads, oldest first. */
  pageStates(columnId: number): PageStateRow[] {
    return this.q.pageStates.all(columnId) as PageStateRow[];
  }

  /** When the first crawl of all started, or null before any crawl. */
  firstCrawlAt(): string | null {
    return (this.q.firstRun.get() as { at: string | null }).at;
  }
}
