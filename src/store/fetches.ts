import { stmt, type DB } from './db.ts';

/** One row of the evidence index (fetches). */
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

export function unitExists(db: DB, unitId: string): boolean {
  return stmt(db, 'SELECT 1 FROM units WHERE id = ?').get(unitId) !== undefined;
}
