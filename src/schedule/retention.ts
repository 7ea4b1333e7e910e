import { rmSync, statSync } from 'node:fs';
import { markPruned, prunableSnapshots, type DB } from '../store/index.ts';

export interface RetentionOptions {
  /** Snapshot files of unreferenced fetches older than this many days are deleted; 0 keeps everything. */
  days: number;
  /** The files a content hash is stored under (body or screenshot), from the evidence module's layout. */
  filesOf(sha256: string): string[];
  now?: Date;
}

export interface RetentionResult {
  cutoff: string | null;
  /** Fetch rows whose files were deleted by this run and that are now marked pruned_at. */
  prunedFetches: number;
  deletedFiles: number;
  freedBytes: number;
}

/**
 * Snapshot retention, conservative by design: evidence is the product, disk is cheap. What a fetch keeps its files
 * for is the store's prunableSnapshots. Fetch rows are never deleted: the hash chain must stay verifiable. A pruned
 * row gets pruned_at, so `zwgk verify` tells "deleted by policy" from "missing". Rows are marked before files are
 * deleted: a crash in between leaves orphan files (removed by the next run), never unexplained gaps.
 */
export function pruneSnapshots(db: DB, opts: RetentionOptions): RetentionResult {
  if (opts.days === 0) return { cutoff: null, prunedFetches: 0, deletedFiles: 0, freedBytes: 0 };
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - opts.days * 86_400_000).toISOString();
  // Only the marking takes the write lock, briefly. Nothing can add a reference between the analysis and the
  // marking because every job that writes fetches or evidence runs under the job lock.
  const { toMark, shas } = prunableSnapshots(db, cutoff);
  const marked = markPruned(db, toMark, now.toISOString());

  let deletedFiles = 0;
  let freedBytes = 0;
  for (const sha of shas) {
    for (const file of opts.filesOf(sha)) {
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        continue;
      }
      rmSync(file, { force: true });
      deletedFiles++;
      freedBytes += size;
    }
  }
  return { cutoff, prunedFetches: marked, deletedFiles, freedBytes };
}
