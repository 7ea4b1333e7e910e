import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { createEvidenceStore, snapshotPath } from '../../src/evidence/index.ts';
import { getFetch } from '../../src/store/fetches.ts';
import { result, tempDir } from './fixtures.ts';

const BIN = join(import.meta.dirname, '../../bin/zwgk.js');
// Each run starts the CLI through tsx, which takes many seconds on a busy machine.
const SLOW = 240_000;

function zwgk(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', join(dir, 'zwgk.db'), '--snapshots', join(dir, 'snapshots'), ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function seeded() {
  const dir = tempDir();
  const db = openDb(join(dir, 'zwgk.db'));
  const store = createEvidenceStore(db, join(dir, 'snapshots'));
  const id = store.save(result());
  store.save(result({ fetchedAt: '2026-11-27T01:00:00.000Z' }));
  const sha = getFetch(db, id)!.body_sha256!;
  db.close();
  return { dir, sha };
}

describe('zwgk verify / export warc', () => {
  it('verify exits 0 on clean evidence and 1 with the problem named when a snapshot changed', () => {
    const { dir, sha } = seeded();
    const ok = zwgk(dir, 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('校验通过');
    const path = snapshotPath(join(dir, 'snapshots'), sha);
    const gz = readFileSync(path);
    gz[gz.length - 12] ^= 0xff;
    writeFileSync(path, gz);
    const bad = zwgk(dir, 'verify');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(sha);
  }, SLOW);

  it('export warc writes the file, and refuses an unknown unit or a bad file name with exit 2', () => {
    const { dir } = seeded();
    const ok = zwgk(dir, 'export', 'warc', '--out', join(dir, 'e.warc.gz'));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('已导出 2 次抓取');
    const unit = zwgk(dir, 'export', 'warc', '--unit', 'nosuch', '--out', join(dir, 'u.warc'));
    expect(unit.code).toBe(2);
    expect(unit.err).toContain('nosuch');
    const name = zwgk(dir, 'export', 'warc', '--out', join(dir, 'e.zip'));
    expect(name.code).toBe(2);
    expect(name.err).toContain('--out');
  }, SLOW);
});
