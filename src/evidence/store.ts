import type { FetchResult } from '../shared/capture.ts';
import type { DB } from '../store/index.ts';
import { chainHead, insertFetch, type FetchRow } from '../store/index.ts';
import { GENESIS, canonicalHeaders, recordHash } from './chain.ts';
import { removeOrphanTemps, writeSnapshot, writeSnapshotAsync } from './snapshots.ts';
import { snapshotWriteFailure } from './storage-errors.ts';

export interface EvidenceStore {
  /** Stores the body and screenshot (once each, by SHA-256) and appends the chained fetches row; its id. */
  save(result: FetchResult, ctx?: { runId?: number | null }): number;
  /**
   * The same, with snapshot writes and fsyncs off the event loop: concurrent saves overlap their fsyncs
   * instead of blocking fetching for each one. The row is still written only after its files are durable.
   */
  saveAsync(result: FetchResult, ctx?: { runId?: number | null }, alongside?: Promise<Alongside>): Promise<number>;
}

/**
 * Rows that belong with a fetch (what its page said), committed in the fetch row's own transaction. Given as
 * a promise so the page can be read while its snapshot is written. If the promise rejects or the rows throw,
 * the fetch row is still appended (the evidence is kept) and then the error is passed on.
 */
export type Alongside = (fetchId: number) => void;

export interface EvidenceStoreOptions {
  /**
   * How saveAsync writes a snapshot (same contract as writeSnapshot: durable before it resolves). A crawl
   * passes its page pool's threads; otherwise the writes go to libuv's thread pool.
   */
  writeSnapshot?: (dir: string, bytes: Buffer) => Promise<string>;
}

/**
 * Snapshots are on disk (fsynced, renamed into place) before the row that names them is written, and the
 * row is appended to the hash chain inside one synchronous transaction — so a kill at any point leaves at
 * worst an unreferenced snapshot, never a row without its file, and concurrent saves cannot fork the chain.
 */
export function createEvidenceStore(db: DB, snapshotsDir: string, opts: EvidenceStoreOptions = {}): EvidenceStore {
  const write = opts.writeSnapshot ?? writeSnapshotAsync;
  // A full or read-only disk says so in Chinese, with the fix; no row is written for a file that is not there.
  const writeAsync = (bytes: Buffer) => write(snapshotsDir, bytes).catch((err: unknown) => Promise.reject(snapshotWriteFailure(snapshotsDir, err)));
  const writeSync = (bytes: Buffer) => {
    try {
      return writeSnapshot(snapshotsDir, bytes);
    } catch (err) {
      throw snapshotWriteFailure(snapshotsDir, err);
    }
  };
  removeOrphanTemps(snapshotsDir);
  const append = db.transaction((fields: Omit<FetchRow, 'id' | 'prev_hash' | 'record_hash'>, alongside?: Alongside) => {
    const head = chainHead(db);
    const id = (head?.id ?? 0) + 1;
    const prev_hash = head?.record_hash ?? GENESIS;
    const row = { id, ...fields };
    insertFetch(db, { ...row, prev_hash, record_hash: recordHash(prev_hash, row) });
    try {
      // A savepoint of its own: rows that fail are undone whole, and the fetch row (the evidence) still commits.
      if (alongside) db.transaction(alongside)(id);
    } catch (error) {
      return { id, error };
    }
    return { id };
  });
  const appended = ({ id, ...failed }: { id: number; error?: unknown }) => {
    if ('error' in failed) throw failed.error;
    return id;
  };

  const fields = (r: FetchResult, runId: number | null | undefined, body_sha256: string | null, screenshot_sha256: string | null) => ({
    run_id: runId ?? null,
    url: r.requestUrl,
    final_url: r.finalUrl,
    method: 'GET',
    status: r.status,
    headers_json: canonicalHeaders(r.headers),
    request_headers_json: canonicalHeaders(r.requestHeaders),
    fetched_at: r.fetchedAt,
    fetcher: r.fetcher,
    outcome: r.outcome,
    redirects_json: JSON.stringify(r.redirects),
    body_sha256,
    screenshot_sha256,
    content_type: r.headers['content-type'] ?? null,
    charset: r.charset,
    body_bytes: r.body ? r.body.length : null,
    duration_ms: r.durationMs,
    error: r.error ?? null,
  });

  return {
    save(r, ctx = {}) {
      const body = r.body ? writeSync(r.body) : null;
      const shot = r.screenshot ? writeSync(r.screenshot) : null;
      return appended(append.immediate(fields(r, ctx.runId, body, shot)));
    },
    async saveAsync(r, ctx = {}, alongside) {
      const [body, shot, also] = await Promise.all([
        r.body ? writeAsync(r.body) : null,
        r.screenshot ? writeAsync(r.screenshot) : null,
        alongside?.then(
          (rows) => ({ rows }),
          (error: unknown) => ({ error }),
        ),
      ]);
      const id = appended(append.immediate(fields(r, ctx.runId, body, shot), also && 'rows' in also ? also.rows : undefined));
      if (also && 'error' in also) throw also.error;
      return id;
    },
  };
}
