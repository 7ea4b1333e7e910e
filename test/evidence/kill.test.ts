import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { verifyEvidence } from '../../src/evidence/index.ts';
import { tempDir } from './fixtures.ts';

const CHILD = join(import.meta.dirname, 'kill-child.ts');
const TOTAL = 400;

describe('evidence under SIGKILL', () => {
  it('a run killed mid-way and re-run loses nothing, duplicates no snapshot and keeps the chain valid', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'zwgk.db');
    const snaps = join(dir, 'snapshots');
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, snaps, String(TOTAL)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let saved = 0;
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          saved += d.toString().split('\n').filter(Boolean).length;
          if (saved >= 40 && child.exitCode === null) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
      expect(child.signalCode ?? 'exited').toBe(saved >= TOTAL ? 'exited' : 'SIGKILL');
    }
    const done = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dbPath, snaps, String(TOTAL)], { stdio: 'inherit' });
    expect(done.status).toBe(0);

    const db = openDb(dbPath);
    try {
      const urls = db.prepare('SELECT url FROM fetches').all() as { url: string }[];
      expect(urls).toHaveLength(TOTAL);
      expect(new Set(urls.map((u) => u.url)).size).toBe(TOTAL);
      const report = verifyEvidence(db, snaps);
      expect(report.problems).toEqual([]);
      const all = readdirSync(snaps, { recursive: true }).map(String);
      const gz = all.filter((f) => f.endsWith('.gz'));
      const referenced = db.prepare('SELECT body_sha256 AS s FROM fetches UNION SELECT screenshot_sha256 FROM fetches WHERE screenshot_sha256 IS NOT NULL').all() as { s: string }[];
      // Each distinct content is on disk exactly once: TOTAL bodies plus the 2 distinct screenshots (png-0, png-3).
      expect(gz).toHaveLength(TOTAL + 2);
      expect(new Set(referenced.map((r) => r.s)).size).toBe(TOTAL + 2);
      expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      db.close();
    }
  });
});
