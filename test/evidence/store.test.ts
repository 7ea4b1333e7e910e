import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { openDb, type DB } from '../../src/store/db.ts';
import { createEvidenceStore, snapshotPath, verifyEvidence, readSnapshot, SnapshotWriteError } from '../../src/evidence/index.ts';
import { getFetch } from '../../src/store/fetches.ts';
import { result, tempDir } from './fixtures.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const files = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.gz'));

let db: DB | undefined;
afterEach(() => db?.close());

function setup() {
  const dir = tempDir();
  db = openDb(join(dir, 'zwgk.db'));
  const snaps = join(dir, 'snapshots');
  return { dir, snaps, store: createEvidenceStore(db, snaps), db };
}

describe('evidence store', () => {
  it('stores a body once by SHA-256 (gzip) and chains the rows from a genesis of zeros', () => {
    const { snaps, store, db } = setup();
    const r = result();
    const a = store.save(r, { runId: null });
    const b = store.save(result({ fetchedAt: '2026-11-27T00:00:00.000Z' }));
    expect(files(snaps)).toEqual([join(sha(r.body!).slice(0, 2), `${sha(r.body!)}.gz`)]);
    expect(gunzipSync(readFileSync(snapshotPath(snaps, sha(r.body!))))).toEqual(r.body);
    const rowA = getFetch(db, a)!;
    const rowB = getFetch(db, b)!;
    expect(rowA.prev_hash).toBe('0'.repeat(64));
    expect(rowB.prev_hash).toBe(rowA.record_hash);
    expect(rowA).toMatchObject({ url: r.requestUrl, final_url: r.finalUrl, status: 200, fetcher: 'http', outcome: 'ok', charset: 'utf-8', body_bytes: r.body!.length, content_type: 'text/html; charset=utf-8' });
    expect(JSON.parse(rowA.headers_json)).toEqual(r.headers);
    expect(JSON.parse(rowA.redirects_json)).toEqual(r.redirects);
    expect(verifyEvidence(db, snaps)).toMatchObject({ ok: true, rows: 2, snapshots: 1, head: rowB.record_hash });
  });

  it('stores a browser screenshot beside the body, and a 304 without one', () => {
    const { snaps, store, db } = setup();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const id = store.save(result({ fetcher: 'browser', screenshot: png }));
    expect(readSnapshot(snaps, getFetch(db, id)!.screenshot_sha256!)).toEqual(png);
    const nm = store.save(result({ status: 304, outcome: 'not-modified', body: null }));
    expect(getFetch(db, nm)!.body_sha256).toBeNull();
    expect(files(snaps)).toHaveLength(2);
  });

  it('reports a flipped byte in a snapshot file', () => {
    const { snaps, store, db } = setup();
    const id = store.save(result());
    const path = snapshotPath(snaps, getFetch(db, id)!.body_sha256!);
    const gz = readFileSync(path);
    gz[gz.length - 12] ^= 0x01; // inside the deflate stream
    writeFileSync(path, gz);
    const report = verifyEvidence(db, snaps);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(['snapshot-changed']);
    expect(report.problems[0].message).toContain('快照');
  });

  it('reports a snapshot whose content was changed and recompressed', () => {
    const { snaps, store, db } = setup();
    const r = result();
    store.save(r);
    const changed = Buffer.from(r.body!);
    changed[20] ^= 0x20;
    writeFileSync(snapshotPath(snaps, sha(r.body!)), gzipSync(changed));
    const report = verifyEvidence(db, snaps);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'snapshot-changed', sha256: sha(r.body!) });
    expect(report.problems[0].message).toContain(sha(changed));
  });

  it('reports a row edited with raw SQL, and only that row', () => {
    const { snaps, store, db } = setup();
    for (let i = 0; i < 4; i++) store.save(result({ fetchedAt: `2026-11-2${i}T00:00:00.000Z` }));
    db.prepare("UPDATE fetches SET fetched_at = '2026-01-01T00:00:00.000Z' WHERE id = 2").run();
    const report = verifyEvidence(db, snaps);
    expect(report.problems.map((p) => [p.kind, p.fetchId])).toEqual([['row-changed', 2]]);
    expect(report.problems[0].message).toContain('#2');
  });

  it('reports a row whose hashes were recomputed after an edit as a broken chain', () => {
    const { snaps, store, db } = setup();
    for (let i = 0; i < 3; i++) store.save(result({ fetchedAt: `2026-11-2${i}T00:00:00.000Z` }));
    db.prepare("UPDATE fetches SET status = 404, record_hash = ? WHERE id = 2").run('f'.repeat(64));
    const kinds = verifyEvidence(db, snaps).problems.map((p) => [p.kind, p.fetchId]);
    expect(kinds).toEqual([['row-changed', 2], ['chain-broken', 3]]);
  });

  it('reports a deleted row', () => {
    const { snaps, store, db } = setup();
    for (let i = 0; i < 4; i++) store.save(result({ fetchedAt: `2026-11-2${i}T00:00:00.000Z` }));
    db.prepare('DELETE FROM fetches WHERE id = 2').run();
    const report = verifyEvidence(db, snaps);
    expect(report.problems.map((p) => [p.kind, p.fetchId])).toEqual([['rows-missing', 3], ['chain-broken', 3]]);
  });

  it('reports a missing snapshot file', () => {
    const { snaps, store, db } = setup();
    const id = store.save(result());
    rmSync(snapshotPath(snaps, getFetch(db, id)!.body_sha256!));
    expect(verifyEvidence(db, snaps).problems.map((p) => p.kind)).toEqual(['snapshot-missing']);
  });

  it('removes temporary files left by a dead writer and never counts them', () => {
    const { snaps, store, db } = setup();
    store.save(result());
    const sub = readdirSync(snaps)[0];
    const orphan = join(snaps, sub, `${'a'.repeat(64)}.gz.999999999.beef.tmp`);
    writeFileSync(orphan, 'partial');
    expect(verifyEvidence(db, snaps).ok).toBe(true);
    createEvidenceStore(db, snaps);
    expect(existsSync(orphan)).toBe(false);
  });

  it('saveAsync: concurrent saves of the same and different bodies keep one file per content and an unbroken chain', async () => {
    const { snaps, store, db } = setup();
    const bodies = [0, 1, 2].map((i) => Buffer.from(`<p>第${i}页</p>`));
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => store.saveAsync(result({ body: bodies[i % 3], fetchedAt: `2026-11-26T00:00:${String(i).padStart(2, '0')}.000Z` }))));
    store.save(result({ body: bodies[0] })); // the sync path interleaves with the async one
    expect(new Set(ids).size).toBe(30);
    expect(files(snaps)).toHaveLength(3);
    expect(readdirSync(snaps, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(verifyEvidence(db, snaps)).toMatchObject({ ok: true, rows: 31, snapshots: 3 });
  });

  it('saveAsync: rows given alongside commit in the same transaction as the fetch row; if they fail, the fetch is still kept', async () => {
    const { snaps, store, db } = setup();
    db.exec('CREATE TABLE said (fetch_id INTEGER, in_tx INTEGER)');
    const record = (fetchId: number) => void db.prepare('INSERT INTO said VALUES (?, ?)').run(fetchId, db.inTransaction ? 1 : 0);
    const id = await store.saveAsync(result(), {}, Promise.resolve(record));
    expect(db.prepare('SELECT * FROM said').all()).toEqual([{ fetch_id: id, in_tx: 1 }]);

    // Rows that throw are undone whole (never half written), and the fetch row is kept all the same.
    const half = (fetchId: number) => {
      record(fetchId);
      throw new Error('坏行');
    };
    await expect(store.saveAsync(result({ fetchedAt: '2026-11-27T00:00:00.000Z' }), {}, Promise.resolve(half))).rejects.toThrow('坏行');
    // A page that could not be read (the promise rejects) keeps its evidence, and the error is passed on.
    await expect(store.saveAsync(result({ fetchedAt: '2026-11-28T00:00:00.000Z' }), {}, Promise.reject(new Error('抽取失败')))).rejects.toThrow('抽取失败');
    expect(db.prepare('SELECT count(*) AS n FROM said').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT fetched_at FROM fetches ORDER BY id').all().map((r) => (r as { fetched_at: string }).fetched_at)).toEqual([
      result().fetchedAt,
      '2026-11-27T00:00:00.000Z',
      '2026-11-28T00:00:00.000Z',
    ]);
    expect(verifyEvidence(db, snaps)).toMatchObject({ ok: true, rows: 3 });
  });

  it('a snapshot the disk refuses is a Chinese error with the fix, and no row is written without its file', async () => {
    const dir = tempDir();
    db = openDb(join(dir, 'zwgk.db'));
    const snaps = join(dir, 'snapshots');
    // As a pool thread's error arrives: the errno code only in the message.
    const full = createEvidenceStore(db, snaps, { writeSnapshot: () => Promise.reject(new Error('ENOSPC: no space left on device, write')) });
    const refused = await full.saveAsync(result(), {}, Promise.resolve(() => {})).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SnapshotWriteError);
    expect((refused as Error).message).toContain(`证据快照无法写入 ${snaps}：磁盘空间不足`);
    expect((refused as Error).message).toContain('--snapshots');

    // A failure that is not the disk's (a page thread that died) stays the program error it is.
    const died = createEvidenceStore(db, snaps, { writeSnapshot: () => Promise.reject(new Error('Worker terminated')) });
    const crashed = await died.saveAsync(result()).catch((e: unknown) => e);
    expect(crashed).not.toBeInstanceOf(SnapshotWriteError);
    expect((crashed as Error).message).toBe('Worker terminated');

    // The synchronous path: a snapshot directory under a regular file.
    writeFileSync(join(dir, 'a-file'), '');
    const blocked = createEvidenceStore(db, join(dir, 'a-file', 'snapshots'));
    expect(() => blocked.save(result())).toThrow(/证据快照无法写入 .*路径中有一段不是目录/);
    expect(db.prepare('SELECT count(*) AS n FROM fetches').get()).toEqual({ n: 0 });
  });
});
