import { rmSync, statSync } from 'node:fs';
import type { DB } from '../store/index.ts';

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

const q = (id: string) => `"${id.replaceAll('"', '""')}"`;

/**
 * Snapshot retention, conservative by design: evidence is the product, disk is cheap.
 *
 * A fetch keeps its snapshot files when any of these holds:
 * - any column anywhere that is a foreign key to fetches(id) points at it (items' first/last seen and
 *   detail fetches, item_dates, visit_fetches = every list page a column visit read, and whatever later
 *   tables add): discovered from the schema, so a new reference cannot be forgotten here;
 * - any integer inside any *evidence* JSON column (findings, score_suggestions, …) equals its id, or any
 *   string there equals its body/screenshot hash: we do not rely on the exact shape of evidence JSON;
 * - it is the newest fetch of its URL, or the newest with a body for its URL and fetcher: the page's current
 *   state, and the capture a conditional GET's 304 answer is resolved against (crawl's lastCapture);
 * - it is younger than the cutoff;
 * - another kept fetch shares one of its files (snapshots are content-addressed, so one file may back many rows).
 * Fetch rows are never deleted: the hash chain must stay verifiable. A pruned row gets pruned_at, so
 * `zwgk verify` tells "deleted by policy" from "missing". Rows are marked before files are deleted: a crash
 * in between leaves orphan files (removed by the next run), never unexplained gaps.
 */
export function pruneSnapshots(db: DB, opts: RetentionOptions): RetentionResult {
  if (opts.days === 0) return { cutoff: null, prunedFetches: 0, deletedFiles: 0, freedBytes: 0 };
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - opts.days * 86_400_000).toISOString();

  const plan = db.transaction(() => {
    db.exec(`
      DROP TABLE IF EXISTS temp.retain_ids; CREATE TEMP TABLE retain_ids (id INTEGER PRIMARY KEY);
      DROP TABLE IF EXISTS temp.retain_shas; CREATE TEMP TABLE retain_shas (sha TEXT PRIMARY KEY);
      DROP TABLE IF EXISTS temp.prune_cand; CREATE TEMP TABLE prune_cand (id INTEGER PRIMARY KEY, body TEXT, shot TEXT, marked INTEGER);`);
    const tables = (db.prepare(`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
    for (const t of tables) {
      for (const fk of db.prepare('SELECT "from" AS col, "table" AS ref FROM pragma_foreign_key_list(?)').all(t) as { col: string; ref: string }[]) {
        if (fk.ref !== 'fetches') continue;
        db.exec(`INSERT OR IGNORE INTO retain_ids SELECT ${q(fk.col)} FROM main.${q(t)} WHERE ${q(fk.col)} IS NOT NULL`);
      }
      for (const c of db.prepare('SELECT name FROM pragma_table_info(?)').all(t) as { name: string }[]) {
        if (!/evidence/i.test(c.name)) continue;
        const src = `main.${q(t)} s, json_tree(s.${q(c.name)}) j WHERE json_valid(s.${q(c.name)})`;
        db.exec(`INSERT OR IGNORE INTO retain_ids SELECT j.value FROM ${src} AND j.type = 'integer'`);
        db.exec(`INSERT OR IGNORE INTO retain_shas SELECT j.value FROM ${src} AND j.type = 'text'`);
      }
    }
    db.exec(`INSERT OR IGNORE INTO retain_ids SELECT max(id) FROM main.fetches GROUP BY url;
      INSERT OR IGNORE INTO retain_ids SELECT max(id) FROM main.fetches WHERE body_sha256 IS NOT NULL GROUP BY url, fetcher;`);
    db.prepare(
      `INSERT INTO prune_cand
       SELECT id, body_sha256, screenshot_sha256, pruned_at IS NOT NULL FROM main.fetches
       WHERE julianday(fetched_at) < julianday(?) AND id NOT IN (SELECT id FROM retain_ids)
         AND (body_sha256 IS NOT NULL OR screenshot_sha256 IS NOT NULL)`,
    ).run(cutoff);
    db.exec(`
      INSERT OR IGNORE INTO retain_shas SELECT body_sha256 FROM main.fetches
        WHERE body_sha256 IS NOT NULL AND id NOT IN (SELECT id FROM prune_cand);
      INSERT OR IGNORE INTO retain_shas SELECT screenshot_sha256 FROM main.fetches
        WHERE screenshot_sha256 IS NOT NULL AND id NOT IN (SELECT id FROM prune_cand);`);
    // A candidate sharing a file with a kept row is kept, which keeps its other file, which may be shared
    // with another candidate: repeat until nothing changes.
    const drop = db.prepare(`DELETE FROM prune_cand WHERE body IN (SELECT sha FROM retain_shas) OR shot IN (SELECT sha FROM retain_shas) RETURNING body, shot`);
    const keep = db.prepare('INSERT OR IGNORE INTO retain_shas VALUES (?)');
    for (;;) {
      const dropped = drop.all() as { body: string | null; shot: string | null }[];
      if (!dropped.length) break;
      for (const d of dropped) for (const sha of [d.body, d.shot]) if (sha) keep.run(sha);
    }
    const toMark = db.prepare('SELECT id FROM prune_cand WHERE NOT marked').pluck().all() as number[];
    // Rows marked by an earlier run are included: their files may survive a crash between mark and delete.
    const shas = db
      .prepare(`SELECT body AS sha FROM prune_cand WHERE body IS NOT NULL UNION SELECT shot FROM prune_cand WHERE shot IS NOT NULL`)
      .pluck()
      .all() as string[];
    db.exec('DROP TABLE temp.retain_ids; DROP TABLE temp.retain_shas; DROP TABLE temp.prune_cand;');
    return { toMark, shas };
  });
  // The analysis only reads main (its scratch tables live in the connection's temp database), so it runs in a
  // read transaction that blocks no one; only the marking takes the write lock, briefly. Nothing can add a
  // reference in between because every job that writes fetches or evidence runs under the job lock.
  const { toMark, shas } = plan.deferred();
  const marked = db
    .prepare(`UPDATE main.fetches SET pruned_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND pruned_at IS NULL`)
    .run(now.toISOString(), JSON.stringify(toMark)).changes;

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
