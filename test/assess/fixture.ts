import { openDb, type DB } from '../../src/store/db.ts';

/**
 * Builds a store by inserting rows directly, the way the crawler would leave them, so assessment tests
 * can state the truth by hand. Times default to 02:00 Asia/Shanghai of the given day.
 */
export class Fixture {
  readonly db: DB;
  private seq = 0;

  constructor(db: DB = openDb(':memory:')) {
    this.db = db;
  }

  static at(day: string, hhmm = '02:00'): string {
    return new Date(Date.parse(`${day}T${hhmm}:00+08:00`)).toISOString();
  }

  unit(id: string, name = id, kind: '镇街' | '区直部门' = '镇街'): string {
    this.db
      .prepare(`INSERT INTO units (id, name, kind, updated_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')`)
      .run(id, name, kind);
    return id;
  }

  column(unitId: string, name: string, cls: string, url = `http://portal.test/${unitId}/${this.seq++}/`): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'plan', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
        )
        .run(unitId, `${unitId}/${name}/${this.seq++}`, name, url, cls).lastInsertRowid,
    );
  }

  run(day: string, kind: 'nightly' | 'full' = 'nightly'): number {
    const at = Fixture.at(day);
    return Number(
      this.db.prepare(`INSERT INTO crawl_runs (kind, started_at, finished_at, status) VALUES (?, ?, ?, 'ok')`).run(kind, at, at)
        .lastInsertRowid,
    );
  }

  fetch(url: string, at: string, runId: number | null = null, status: number | null = 200): number {
    const n = this.seq++;
    return Number(
      this.db
        .prepare(
          `INSERT INTO fetches (run_id, url, final_url, status, fetched_at, fetcher, prev_hash, record_hash)
           VALUES (?, ?, ?, ?, ?, 'http', ?, ?)`,
        )
        .run(runId, url, url, status, at, `p${n}`, `h${n}`).lastInsertRowid,
    );
  }

  /** A visit of a column in a run, with its list-page fetches. Returns the visit id and the fetch ids. */
  visit(
    columnId: number,
    runId: number,
    opts: {
      outcome?: 'ok' | 'blank' | 'unreachable' | 'challenge' | 'parse-failed' | 'blocked' | null;
      complete?: boolean;
      coveredFrom?: string | null;
      pages?: number;
      /** 'review' with its reason: a read in doubt (需核对). */
      review?: string;
      /** null with outcome 'blocked': a refusal its run never settled. */
      fault?: 'site' | 'auditor' | null;
      blockedBy?: 'robots' | 'login' | 'forbidden';
      error?: string;
    } = {},
  ): { visitId: number; fetchIds: number[] } {
    const run = this.db.prepare('SELECT started_at FROM crawl_runs WHERE id = ?').get(runId) as { started_at: string };
    const col = this.db.prepare('SELECT url FROM columns WHERE id = ?').get(columnId) as { url: string };
    const outcome = opts.outcome === undefined ? 'ok' : opts.outcome;
    const visitId = Number(
      this.db
        .prepare(
          `INSERT INTO column_visits (run_id, column_id, started_at, finished_at, outcome, fetcher, pages, complete, covered_from,
             coverage, review_reason, fault, layout, blocked_by, error)
           VALUES (?, ?, ?, ?, ?, 'http', ?, ?, ?, ?, ?, ?, 'list', ?, ?)`,
        )
        .run(
          runId,
          columnId,
          run.started_at,
          run.started_at,
          outcome,
          opts.pages ?? 1,
          opts.complete === false ? 0 : 1,
          opts.coveredFrom ?? null,
          outcome === null || outcome === 'unreachable' || outcome === 'challenge' || outcome === 'blocked' ? null : opts.review ? 'review' : 'complete',
          opts.review ?? null,
          opts.fault !== undefined ? opts.fault : outcome === 'unreachable' || outcome === 'challenge' || outcome === 'blocked' ? 'site' : null,
          opts.blockedBy ?? null,
          opts.error ?? null,
        )
        .lastInsertRowid,
    );
    const fetchIds: number[] = [];
    for (let p = 1; p <= (opts.pages ?? 1); p++) {
      const f = this.fetch(p === 1 ? col.url : `${col.url}index_${p - 1}.html`, run.started_at, runId, outcome === 'unreachable' ? null : outcome === 'blocked' ? 403 : 200);
      this.db.prepare('INSERT INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (?, ?, ?)').run(visitId, f, p);
      fetchIds.push(f);
    }
    return { visitId, fetchIds };
  }

  /** An item as the crawler records it; firstSeen defaults to the claimed date's night. */
  item(
    columnId: number,
    o: {
      title?: string;
      publishedAt?: string | null;
      documentDate?: string | null;
      pinned?: boolean;
      detailStatus?: 'pending' | 'ok' | 'dead' | 'failed' | 'skipped';
      firstSeenAt?: string;
      firstSeenRun?: number | null;
      firstSeenFetchId?: number | null;
      indexNo?: string | null;
      flags?: string[];
    } = {},
  ): number {
    const n = this.seq++;
    const url = `http://portal.test/c${columnId}/t${n}.html`;
    const firstSeenAt = o.firstSeenAt ?? Fixture.at(o.publishedAt ?? '2026-01-01', '23:00');
    const detailFetch = o.detailStatus === 'dead' || o.detailStatus === 'ok' ? this.fetch(url, firstSeenAt, null, o.detailStatus === 'dead' ? 404 : 200) : null;
    return Number(
      this.db
        .prepare(
          `INSERT INTO items (column_id, url, url_key, title, list_date, published_at, published_source, document_date, index_no,
             pinned, detail_status, detail_fetch_id, first_seen_at, first_seen_run, first_seen_fetch_id, last_seen_at, flags_json)
           VALUES (?, ?, ?, ?, ?, ?, 'list', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          columnId,
          url,
          url,
          o.title ?? `信息${n}`,
          o.publishedAt ?? null,
          o.publishedAt ?? null,
          o.documentDate ?? null,
          o.indexNo ?? null,
          o.pinned ? 1 : 0,
          o.detailStatus ?? 'ok',
          detailFetch,
          firstSeenAt,
          o.firstSeenRun ?? null,
          o.firstSeenFetchId ?? null,
          firstSeenAt,
          JSON.stringify(o.flags ?? []),
        ).lastInsertRowid,
    );
  }

  itemDate(itemId: number, seenAt: string, claimed: string | null, fetchId: number | null = null, source: 'list' | 'detail' = 'list'): void {
    this.db.prepare('INSERT INTO item_dates (item_id, seen_at, fetch_id, source, claimed) VALUES (?, ?, ?, ?, ?)').run(itemId, seenAt, fetchId, source, claimed);
  }
}

/**
 * Unit xc with two columns visited on the nights of 2026-03-29..31: `failing` could not be reached each night,
 * and `cut` had each visit cut short by the auditor's own disk (no outcome).
 */
export function failingAndCutColumns(fx: Fixture): { failing: number; cut: number } {
  fx.unit('xc', '新厂街道办事处');
  const failing = fx.column('xc', '工作动态', '动态要闻');
  const cut = fx.column('xc', '通知公告', '通知公告');
  for (const d of ['2026-03-29', '2026-03-30', '2026-03-31']) {
    const r = fx.run(d);
    fx.visit(failing, r, { outcome: 'unreachable', complete: false, pages: 0 });
    fx.visit(cut, r, { outcome: null, complete: false, pages: 0 });
  }
  return { failing, cut };
}
