import { stmt, type DB } from './db.ts';

/**
 * One row of the evidence index (fetches). Unlike the store's other rows its fields keep the table's column
 * names: they are the keys the hash chain serialises, so renaming one would change every record hash.
 */
export interface FetchRow {
  id: number;
  run_id: number | null;
  url: string;
  final_url: string;
  method: string;
  status: number | null;
  headers_json: string;
  request_headers_json: string;
  fetched_at: string;
  fetcher: 'http' | 'browser';
  outcome: string;
  redirects_json: string;
  body_sha256: string | null;
  screenshot_sha256: string | null;
  content_type: string | null;
  charset: string | null;
  body_bytes: number | null;
  duration_ms: number | null;
  error: string | null;
  prev_hash: string;
  record_hash: string;
}

export type ChainedFields = Omit<FetchRow, 'prev_hash' | 'record_hash'>;

/** The fields the hash chain covers, in the order they are serialised. */
export const CHAINED_FIELDS = [
  'id', 'run_id', 'url', 'final_url', 'method', 'status', 'headers_json', 'request_headers_json', 'fetched_at',
  'fetcher', 'outcome', 'redirects_json', 'body_sha256', 'screenshot_sha256', 'content_type', 'charset',
  'body_bytes', 'duration_ms', 'error',
] as const satisfies readonly (keyof ChainedFields)[];

/** The newest row's id and record hash (the chain head), or undefined for an empty chain. */
export function chainHead(db: DB): { id: number; record_hash: string } | undefined {
  return stmt(db, 'SELECT id, record_hash FROM fetches ORDER BY id DESC LIMIT 1').get() as { id: number; record_hash: string } | undefined;
}

export function insertFetch(db: DB, row: FetchRow): void {
  const cols = [...CHAINED_FIELDS, 'prev_hash', 'record_hash'] as const;
  stmt(db, `INSERT INTO fetches (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row);
}

export function getFetch(db: DB, id: number): FetchRow | undefined {
  return stmt(db, 'SELECT * FROM fetches WHERE id = ?').get(id) as FetchRow | undefined;
}

export function countFetches(db: DB): number {
  return (stmt(db, 'SELECT count(*) AS n FROM fetches').get() as { n: number }).n;
}

/** Every row in chain order, streamed. */
export function iterateFetches(db: DB): IterableIterator<FetchRow> {
  return stmt(db, 'SELECT * FROM fetches ORDER BY id').iterate() as IterableIterator<FetchRow>;
}

/**
 * The fetches that are a unit's evidence: list pages its column visits read, the detail / first-seen /
 * last-seen pages of its columns' items, and the checks of its other carriers.
 */
export function iterateUnitFetches(db: DB, unitId: string): IterableIterator<FetchRow> {
  return stmt(
    db, 
      `SELECT * FROM fetches WHERE id IN (
         SELECT vf.fetch_id FROM visit_fetches vf
           JOIN column_visits cv ON cv.id = vf.visit_id JOIN columns c ON c.id = cv.column_id WHERE c.unit_id = @u
         UNION SELECT i.detail_fetch_id FROM items i JOIN columns c ON c.id = i.column_id WHERE c.unit_id = @u
         UNION SELECT i.first_seen_fetch_id FROM items i JOIN columns c ON c.id = i.column_id WHERE c.unit_id = @u
         UNION SELECT i.last_seen_fetch_id FROM items i JOIN columns c ON c.id = i.column_id WHERE c.unit_id = @u
         UNION SELECT fetch_id FROM channel_checks WHERE unit_id = @u
       ) ORDER BY id`,
    )
    .iterate({ u: unitId }) as IterableIterator<FetchRow>;
}

/** The record before this one in the chain (by id), if any. */
export function previousFetchHash(db: DB, id: number): string | undefined {
  return (stmt(db, 'SELECT record_hash FROM fetches WHERE id < ? ORDER BY id DESC LIMIT 1').get(id) as { record_hash: string } | undefined)?.record_hash;
}

/**
 * The unit a snapshot belongs to: one of its columns read it as a list page or as an item's detail page, or it is
 * a check of one of the unit's other carriers (公开形式-2). undefined for anyone else's.
 */
export function unitOfFetch(db: DB, fetchId: number): string | undefined {
  const r = stmt(
    db,
    `SELECT c.unit_id AS unitId FROM visit_fetches vf JOIN column_visits v ON v.id = vf.visit_id JOIN columns c ON c.id = v.column_id WHERE vf.fetch_id = ?
     UNION ALL SELECT c.unit_id FROM items i JOIN columns c ON c.id = i.column_id WHERE i.detail_fetch_id = ?
     UNION ALL SELECT c.unit_id FROM items i JOIN columns c ON c.id = i.column_id WHERE i.first_seen_fetch_id = ?
     UNION ALL SELECT unit_id FROM channel_checks WHERE fetch_id = ?
     LIMIT 1`,
  ).get(fetchId, fetchId, fetchId, fetchId) as { unitId: string } | undefined;
  return r?.unitId;
}

export interface CapturedPage {
  fetchId: number;
  bodySha256: string;
  etag: string | null;
  lastModified: string | null;
}

/** The newest full capture of a URL, whose validators make the next fetch conditional. */
export function lastCapture(db: DB, url: string, fetcher: 'http' | 'browser'): CapturedPage | null {
  const row = stmt(
    db,
    `SELECT id, body_sha256, headers_json FROM fetches
     WHERE url = ? AND fetcher = ? AND status = 200 AND body_sha256 IS NOT NULL ORDER BY id DESC LIMIT 1`,
  ).get(url, fetcher) as Pick<FetchRow, 'id' | 'body_sha256' | 'headers_json'> | undefined;
  if (!row?.body_sha256) return null;
  const h = JSON.parse(row.headers_json) as Record<string, string>;
  return { fetchId: row.id, bodySha256: row.body_sha256, etag: h['etag'] ?? null, lastModified: h['last-modified'] ?? null };
}

/** The validators for a conditional GET against a capture, when its response gave any. */
export function validatorsOf(prior: CapturedPage | null): { etag?: string; lastModified?: string } | undefined {
  return prior && (prior.etag || prior.lastModified) ? { etag: prior.etag ?? undefined, lastModified: prior.lastModified ?? undefined } : undefined;
}
