import { stmt, type DB } from './db.ts';

/**
 * Which snapshots retention may delete, conservative by design: evidence is the product, disk is cheap.
 *
 * A fetch keeps its snapshot files when any of these holds:
 * - any column anywhere that is a foreign key to fetches(id) points at it (items' first/last seen and
 *   detail fetches, item_dates, visit_fetches = every list page a column visit read, and whatever later
 *   tables add): discovered from the schema, so a new reference cannot be forgotten here;
 * - any integer inside any *evidence* JSON column (findings, score_suggestions, …) equals its id, or any
 *   string there equals its body/screenshot hash: we do not rely on the exact shape of evidence JSON;
 * - it is the newest fetch of its URL, or the newest with a body for its URL and fetcher: the page's current
 *   state, and the capture a conditional GET's 304 answer is resolved against (lastCapture);
 * - it is younger than the cutoff;
 * - another kept fetch shares one of its files (snapshots are content-addressed, so one file may back many rows).
 * Fetch rows are never deleted: the hash chain must stay verifiable.
 */

const q = (id: string) => `"${id.replaceAll('"', '""')}"`;

export interface PrunableSnapshots {
  /** Fetches older than the cutoff that nothing keeps and that are not yet marked pruned. */
  toMark: number[];
  /** The content hashes whose files may be deleted (marked rows included: a crash may have left their files). */
  shas: string[];
}

/**
 * The analysis only reads main (its scratch tables live in the connection's temp database), so it runs in a
 * read transaction that blocks no one.
 */
export function prunableSnapshots(db: DB, cutoff: string): PrunableSnapshots {
  const plan = db.transaction((): PrunableSnapshots => {
    db.exec(`
      DROP TABLE IF EXISTS temp.retain_ids; CREATE TEMP TABLE retain_ids (id INTEGER PRIMARY KEY);
      DROP TABLE IF EXISTS temp.retain_shas; CREATE TEMP TABLE retain_shas (sha TEXT PRIMARY KEY);
      DROP TABLE IF EXISTS temp.prune_cand; CREATE TEMP TABLE prune_cand (id INTEGER PRIMARY KEY, body TEXT, shot TEXT, marked INTEGER);`);
    const tables = stmt(db, `SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
    for (const { name: t } of tables) {
      for (const fk of stmt(db, 'SELECT "from" AS col, "table" AS ref FROM pragma_foreign_key_list(?)').all(t) as { col: string; ref: string }[]) {
        if (fk.ref !== 'fetches') continue;
        db.exec(`INSERT OR IGNORE INTO retain_ids SELECT ${q(fk.col)} FROM main.${q(t)} WHERE ${q(fk.col)} IS NOT NULL`);
      }
      for (const c of stmt(db, 'SELECT name FROM pragma_table_info(?)').all(t) as { name: string }[]) {
        if (!/evidence/i.test(c.name)) continue;
        const src = `main.${q(t)} s, json_tree(s.${q(c.name)}) j WHERE json_valid(s.${q(c.name)})`;
        db.exec(`INSERT OR IGNORE INTO retain_ids SELECT j.value FROM ${src} AND j.type = 'integer'`);
        db.exec(`INSERT OR IGNORE INTO retain_shas SELECT j.value FROM ${src} AND j.type = 'text'`);
      }
    }
    db.exec(`INSERT OR IGNORE INTO retain_ids SELECT max(id) FROM main.fetches GROUP BY url;
      INSERT OR IGNORE INTO retain_ids SELECT max(id) FROM main.fetches WHERE body_sha256 IS NOT NULL GROUP BY url, fetcher;`);
    stmt(
      db,
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
    const drop = stmt(db, `DELETE FROM prune_cand WHERE body IN (SELECT sha FROM retain_shas) OR shot IN (SELECT sha FROM retain_shas) RETURNING body, shot`);
    const keep = stmt(db, 'INSERT OR IGNORE INTO retain_shas VALUES (?)');
    for (;;) {
      const dropped = drop.all() as { body: string | null; shot: string | null }[];
      if (!dropped.length) break;
      for (const d of dropped) for (const sha of [d.body, d.shot]) if (sha) keep.run(sha);
    }
    const toMark = (stmt(db, 'SELECT id FROM prune_cand WHERE NOT marked').all() as { id: number }[]).map((r) => r.id);
    const shas = (
      stmt(db, `SELECT body AS sha FROM prune_cand WHERE body IS NOT NULL UNION SELECT shot FROM prune_cand WHERE shot IS NOT NULL`).all() as { sha: string }[]
    ).map((r) => r.sha);
    db.exec('DROP TABLE temp.retain_ids; DROP TABLE temp.retain_shas; DROP TABLE temp.prune_cand;');
    return { toMark, shas };
  });
  return plan.deferred();
}

/** Marks fetches whose files retention deletes, so `zwgk verify` tells "deleted by policy" from "missing". */
export function markPruned(db: DB, fetchIds: readonly number[], at: string): number {
  return stmt(db, `UPDATE main.fetches SET pruned_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND pruned_at IS NULL`).run(at, JSON.stringify(fetchIds))
    .changes;
}
