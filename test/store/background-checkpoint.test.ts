import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { startBackgroundCheckpoints } from '../../src/store/background-checkpoint.ts';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('background WAL checkpoints', () => {
  it('copy committed pages into the database file from their own thread, and hand checkpoints back on stop', async () => {
    dir = mkdtempSync(join(tmpdir(), 'zwgk-checkpoint-'));
    const path = join(dir, 'z.db');
    const db = openDb(path);
    db.exec('CREATE TABLE t (x BLOB)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(path).size;
    const checkpoints = startBackgroundCheckpoints(db, 20);
    // The owner's commits no longer checkpoint: its file grows only if the other thread copies the WAL in.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(8192, i));
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + 1_000_000), { timeout: 15_000, interval: 50 });
    await checkpoints.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 200 });
    db.close();
  });

  it('is a no-op for a database without a file', async () => {
    const db = openDb(':memory:');
    const checkpoints = startBackgroundCheckpoints(db);
    await checkpoints.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
