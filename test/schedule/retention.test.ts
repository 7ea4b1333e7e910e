import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneSnapshots } from '../../src/schedule/retention.ts';
import { snapshotPath } from '../../src/evidence/index.ts';
import type { DB } from '../../src/store/db.ts';
import { openTmpDb, tmpDir } from './helpers.ts';

const NOW = new Date('2026-09-01T00:00:00Z');
const OLD = '2026-06-01T10:00:00+08:00';
const YOUNG = '2026-08-30T02:00:00Z';
const LIST = 'http://portal.test/xxgk/gzdt/';

const sha = (label: string) => createHash('sha256').update(label).digest('hex');

function setup() {
  const db = openTmpDb();
  const dir = tmpDir('zwgk-snap-');
  // The evidence module's layout: bodies and screenshots alike under snapshots/<aa>/<sha>.gz.
  const filesOf = (s: string) => [snapshotPath(dir, s)];
  const at = NOW.toISOString();
  db.prepare(`INSERT INTO units (id, name, kind, updated_at) VALUES ('u1', '新厂街道办事处', '镇街', ?)`).run(at);
  db.prepare(
    `INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, created_at, updated_at)
     VALUES ('u1', 'u1/gzdt', '工作动态', ?, '动态要闻', 'plan', ?, ?)`,
  ).run(LIST, at, at);
  db.prepare(`INSERT INTO crawl_runs (started_at, status) VALUES (?, 'ok')`).run(OLD);
  db.prepare(`INSERT INTO column_visits (run_id, column_id, started_at) VALUES (1, 1, ?)`).run(OLD);
  let n = 0;
  const fetch = (url: string, fetchedAt: string, body: string | null, shot: string | null = null): number => {
    n++;
    for (const s of [body, shot]) {
      if (!s) continue;
      const [f] = filesOf(s);
      mkdirSync(join(f, '..'), { recursive: true });
      writeFileSync(f, `snapshot ${s}`);
    }
    return Number(
      db
        .prepare(
          `INSERT INTO fetches (run_id, url, final_url, fetched_at, fetcher, body_sha256, screenshot_sha256, prev_hash, record_hash)
           VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(url, url, fetchedAt, shot ? 'browser' : 'http', body, shot, `prev${n}`, `rec${n}`).lastInsertRowid,
    );
  };
  const A = sha('A'), B = sha('B'), C = sha('C'), D = sha('D'), E = sha('E'), F = sha('F'), G = sha('G'), H = sha('H'), I = sha('I'), Y = sha('Y'), Z = sha('Z');
  const detail = (i: number) => `${LIST}t${i}.html`;
  const ids = {
    itemRef: fetch(detail(1), OLD, A), // an item's detail page
    unreferenced: fetch(detail(2), OLD, B), // e.g. a superseded copy of a page: the one thing retention may delete
    sharesFile: fetch(detail(3), OLD, A), // unreferenced, but its file backs itemRef
    findingRef: fetch(detail(4), OLD, C),
    shotShared: fetch(detail(5), OLD, D, E), // unreferenced; its screenshot backs visitRef
    visitRef: fetch(LIST, OLD, F, E), // a list page a column visit read
    suggestionShaRef: fetch(detail(6), OLD, G),
    itemDateRef: fetch(detail(7), OLD, H),
    young: fetch(detail(2), YOUNG, Y),
    newestOfUrl: fetch(`${LIST}only-once.html`, OLD, Z),
    // The newest fetch of this URL is a bodiless 304, answered from this capture: it must stay.
    behind304: fetch(`${LIST}conditional.html`, OLD, sha('I')),
  };
  fetch(`${LIST}conditional.html`, YOUNG, null);
  // Every detail URL but 'only-once' has a newer fetch, so "newest of its URL" does not protect them.
  for (const i of [1, 2, 3, 4, 5, 6, 7]) fetch(detail(i), YOUNG, sha(`newer${i}`));
  fetch(LIST, YOUNG, sha('newer-list'));

  db.prepare(
    `INSERT INTO items (column_id, url, url_key, title, first_seen_at, last_seen_at, detail_fetch_id) VALUES (1, ?, ?, '通知', ?, ?, ?)`,
  ).run(detail(1), detail(1), OLD, OLD, ids.itemRef);
  db.prepare(`INSERT INTO item_dates (item_id, seen_at, fetch_id, source, claimed) VALUES (1, ?, ?, 'list', '2026-05-30')`).run(OLD, ids.itemDateRef);
  db.prepare(`INSERT INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (1, ?, 1)`).run(ids.visitRef);
  db.prepare(
    `INSERT INTO findings (identity, kind, unit_id, year, evidence_json, first_detected_at, last_detected_at, rules_version)
     VALUES ('backdate#1', 'backdated', 'u1', 2026, ?, ?, ?, '2026.1')`,
  ).run(JSON.stringify([ids.findingRef]), OLD, OLD);
  db.prepare(
    `INSERT INTO score_suggestions (unit_id, year, code, suggested, basis, evidence_json, rules_version, as_of, computed_at)
     VALUES ('u1', 2026, '公开形式-1', 9.5, '失效链接 1 个', ?, '2026.1', '2026-08-31', ?)`,
  ).run(JSON.stringify([{ snapshot: G }]), OLD);
  return { db, dir, filesOf, ids, sha: { A, B, C, D, E, F, G, H, I, Y, Z } };
}

const pruned = (db: DB) => db.prepare('SELECT id FROM fetches WHERE pruned_at IS NOT NULL ORDER BY id').pluck().all();

describe('snapshot retention', () => {
  it('deletes only the files of old, unreferenced fetches no kept fetch shares, and marks those rows', () => {
    const { db, filesOf, ids, sha } = setup();
    const chain = db.prepare('SELECT id, record_hash FROM fetches ORDER BY id').all();
    const r = pruneSnapshots(db, { days: 30, filesOf, now: NOW });

    expect(r.cutoff).toBe('2026-08-02T00:00:00.000Z');
    expect(pruned(db)).toEqual([ids.unreferenced]);
    expect(r).toMatchObject({ prunedFetches: 1, deletedFiles: 1 });
    expect(r.freedBytes).toBe(`snapshot ${sha.B}`.length);
    expect(existsSync(filesOf(sha.B)[0])).toBe(false);
    for (const kept of [sha.A, sha.C, sha.D, sha.E, sha.F, sha.G, sha.H, sha.I, sha.Y, sha.Z]) expect(existsSync(filesOf(kept)[0])).toBe(true);
    // The chain is untouched: no row deleted or re-hashed.
    expect(db.prepare('SELECT id, record_hash FROM fetches ORDER BY id').all()).toEqual(chain);
    db.close();
  });

  it('is idempotent, and finishes deleting files of rows marked before a crash', () => {
    const { db, filesOf, ids, sha } = setup();
    pruneSnapshots(db, { days: 30, filesOf, now: NOW });
    expect(pruneSnapshots(db, { days: 30, filesOf, now: NOW })).toMatchObject({ prunedFetches: 0, deletedFiles: 0 });

    // Simulate a crash after marking: the row says pruned, its file is still there.
    const orphan = sha.B;
    mkdirSync(join(filesOf(orphan)[0], '..'), { recursive: true });
    writeFileSync(filesOf(orphan)[0], 'left behind');
    const r = pruneSnapshots(db, { days: 30, filesOf, now: NOW });
    expect(r).toMatchObject({ prunedFetches: 0, deletedFiles: 1 });
    expect(existsSync(filesOf(orphan)[0])).toBe(false);
    expect(pruned(db)).toEqual([ids.unreferenced]);
    db.close();
  });

  it('keeps everything when snapshotDays is 0', () => {
    const { db, filesOf, sha } = setup();
    expect(pruneSnapshots(db, { days: 0, filesOf, now: NOW })).toEqual({ cutoff: null, prunedFetches: 0, deletedFiles: 0, freedBytes: 0 });
    expect(pruned(db)).toEqual([]);
    expect(existsSync(filesOf(sha.B)[0])).toBe(true);
    db.close();
  });

  it('a fetch referenced only through a foreign key in a table added later is kept too', () => {
    const { db, filesOf, ids } = setup();
    db.exec('CREATE TABLE future_evidence (id INTEGER PRIMARY KEY, fetch_ref INTEGER REFERENCES fetches(id))');
    db.prepare('INSERT INTO future_evidence (fetch_ref) VALUES (?)').run(ids.unreferenced);
    expect(pruneSnapshots(db, { days: 30, filesOf, now: NOW }).prunedFetches).toBe(0);
    db.close();
  });
});
