import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDb } from '../../src/store/db.ts';
import { crawlSummaryText, openRun, runCrawl } from '../../src/run/index.ts';
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

  it('does not start a night whose snapshot directory cannot be written, and says why and what to do', async () => {
    const db = join(w.dir, 'refused.db');
    const notADir = join(w.dir, 'a-file');
    writeFileSync(notADir, '');
    const err = await run(process.execPath, [BIN, '--db', db, '--snapshots', join(notADir, 'snapshots'), 'crawl', '--plan', w.planPath], { encoding: 'utf8' }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain(`证据快照无法写入 ${join(notADir, 'snapshots')}：路径中有一段不是目录`);
    expect(err?.stderr).toContain('--snapshots');
    expect(err?.stderr).toContain('本次抓取未开始');
    const store = openDb(db);
    try {
      expect(store.prepare('SELECT count(*) AS n FROM crawl_runs').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  }, 60_000);

  it('a disk that refuses snapshots mid-night: every column says why with the fix, the night ends, and no row lacks its file', async () => {
    const db = openDb(join(w.dir, 'midnight.db'));
    const snapshots = join(w.dir, 'midnight-snapshots');
    // The directory itself takes files (so the night starts), but each fan-out subdirectory's name is taken by a file.
    mkdirSync(snapshots);
    for (let i = 0; i < 256; i++) writeFileSync(join(snapshots, i.toString(16).padStart(2, '0')), '');
    try {
      const s = await runCrawl(openRun(db, w.planPath), { snapshotsDir: snapshots, kind: 'nightly', fetcherOverrides: { perHostDelayMs: 0, perHostConcurrency: 4 } });
      expect(s.status).toBe('failed');
      expect(crawlSummaryText(s)).toMatch(new RegExp(`部分页面未能留存证据：证据快照无法写入 ${snapshots}：路径中有一段不是目录`));
      const visits = db.prepare(`SELECT outcome, error FROM column_visits WHERE run_id = ?`).all(s.runId) as Array<{ outcome: string | null; error: string }>;
      expect(visits.length).toBe(s.columns);
      for (const v of visits) expect(v.error).toMatch(new RegExp(`^证据快照无法写入 ${snapshots}：路径中有一段不是目录。请.*--snapshots`));
      // The disk, not the units' sites, stopped every visit: no outcome is recorded against a column.
      expect(visits.every((v) => v.outcome === null)).toBe(true);
      expect(s.unfinished).toBe(s.columns);
      expect(Object.values(s.outcomes).every((n) => n === 0)).toBe(true);
      expect(crawlSummaryText(s)).toContain(`个栏目（本系统原因未完成 ${s.columns}）`);
      expect(crawlSummaryText(s)).not.toContain('无法解析');
      expect(db.prepare('SELECT count(*) AS n FROM fetches').get()).toEqual({ n: 0 });
      // The unit's channel answered; only its snapshot was refused, so it is not reported unreachable.
      expect(s.channels.checked).toBeGreaterThan(0);
      expect(s.channels.unreachable).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);

  it('exits 1 when part of the night\'s evidence could not be written, saying so', async () => {
    const snapshots = join(w.dir, 'half-snapshots');
    mkdirSync(snapshots);
    // Half the fan-out directories' names are taken by files: some snapshots are written, the others refused.
    for (let i = 0; i < 256; i += 2) writeFileSync(join(snapshots, i.toString(16).padStart(2, '0')), '');
    const err = await run(process.execPath, [BIN, '--db', join(w.dir, 'half.db'), '--snapshots', snapshots, 'crawl', '--plan', w.planPath], { encoding: 'utf8' }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stdout).toContain('部分页面未能留存证据：证据快照无法写入');
  }, 120_000);
});
