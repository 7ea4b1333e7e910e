import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '../../src/store/db.ts';
import { demoWorld, type DemoWorld } from '../helpers/demo-crawl.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/zwgk.js');

describe('zwgk crawl', () => {
  let w: DemoWorld;
  beforeAll(async () => {
    w = await demoWorld({ units: ['xinchang'], faults: false });
  });
  afterAll(() => w.close());

  // Cron runs commands from /: the page-reading threads must load without the repository as working directory.
  it('crawls the plan when started from another directory', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'zwgk-cwd-'));
    const db = join(w.dir, 'cli.db');
    const r = await run(process.execPath, [BIN, '--db', db, '--snapshots', join(w.dir, 'cli-snapshots'), 'crawl', '--plan', w.planPath], {
      cwd: elsewhere,
      encoding: 'utf8',
    });
    expect(r.stdout).toContain('抓取完成');
    const store = openDb(db);
    try {
      const items = (store.prepare(`SELECT count(*) AS n, count(detail_fetch_id) AS read FROM items`).get() as { n: number; read: number });
      const total = w.portal.truth.units.find((u) => u.id === 'xinchang')!.columns.reduce((n, c) => n + c.items.length, 0);
      expect(items.n).toBeGreaterThan(0);
      expect(items.n).toBeLessThanOrEqual(total);
      // Every item's detail page was read and extracted on the page-reading thread.
      expect(items.read).toBe(items.n);
    } finally {
      store.close();
    }
  }, 240_000);
});
