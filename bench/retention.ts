// Snapshot retention and backup on a district-sized store: a year of nightly crawls (≈500 columns; list pages
// referenced by visits, detail pages by items, plus unreferenced robots.txt and retry captures). Prints medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pruneSnapshots } from '../src/schedule/retention.ts';
import { backupDb } from '../src/store/backup.ts';
import { openDb, type DB } from '../src/store/db.ts';
import { median } from './_stats.ts';

const FETCHES = 200_000;


function build(): DB {
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'zwgk-bench-')), 'z.db'));
  const at = '2026-01-01T00:00:00Z';
  db.prepare(`INSERT INTO units (id, name, kind, updated_at) VALUES ('u', '单位', '镇街', ?)`).run(at);
  db.prepare(`INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, created_at, updated_at) VALUES ('u', 'u/c', '栏目', 'http://x/', '动态要闻', 'plan', ?, ?)`).run(at, at);
  db.prepare(`INSERT INTO crawl_runs (started_at, status) VALUES (?, 'ok')`).run(at);
  const visit = Number(db.prepare(`INSERT INTO column_visits (run_id, column_id, started_at) VALUES (1, 1, ?)`).run(at).lastInsertRowid);
  const fetch = db.prepare(`INSERT INTO fetches (run_id, url, final_url, fetched_at, fetcher, body_sha256, prev_hash, record_hash) VALUES (1, ?, ?, ?, 'http', ?, 'p', ?)`);
  const vf = db.prepare('INSERT INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (?, ?, 1)');
  const item = db.prepare(`INSERT INTO items (column_id, url, url_key, title, first_seen_at, last_seen_at, detail_fetch_id) VALUES (1, ?, ?, 't', ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < FETCHES; i++) {
      const day = new Date(Date.parse(at) + Math.floor((i / FETCHES) * 365) * 86_400_000).toISOString();
      // list page (visit), item detail (item), robots.txt (mostly unchanged), failed-detail retries
      const kind = i % 4;
      const url = [`http://x/list${i % 500}.html`, `http://x/d${i}.html`, 'http://x/robots.txt', `http://x/retry${i % 5000}.html`][kind];
      const sha = kind === 2 ? `robots${Math.floor(i / 5000)}` : `sha${i}`;
      const id = Number(fetch.run(url, url, day, sha, `r${i}`).lastInsertRowid);
      if (kind === 0) vf.run(visit, id);
      if (kind === 1) item.run(url, url, day, day, id);
    }
  })();
  return db;
}

const prune: number[] = [];
const backup: number[] = [];
let pruned = 0;
for (let r = 0; r < 3; r++) {
  const db = build();
  let t = performance.now();
  pruned = pruneSnapshots(db, { days: 90, filesOf: () => [], now: new Date('2027-01-01T00:00:00Z') }).prunedFetches;
  prune.push(performance.now() - t);
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-bk-'));
  t = performance.now();
  await backupDb(db, dir, { keep: 1 });
  backup.push(performance.now() - t);
  rmSync(dir, { recursive: true, force: true });
  db.close();
}
console.log(`pruneSnapshots over ${FETCHES.toLocaleString('en')} fetches (${pruned.toLocaleString('en')} pruned): median ${median(prune).toFixed(0)} ms`);
console.log(`backupDb (online backup + quick_check) of that store: median ${median(backup).toFixed(0)} ms`);
