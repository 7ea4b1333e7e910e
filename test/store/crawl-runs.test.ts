import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openDb } from '../../src/store/db.ts';
import { closeInterruptedRuns, INTERRUPTED_VISIT, startCrawlRun } from '../../src/store/crawl-runs.ts';
import { lastVisitOfColumn, startVisit } from '../../src/store/visits.ts';
import { visitOutcomeLabel } from '../../src/web/columns.ts';
import { Fixture } from '../assess/fixture.ts';

describe('a crawl run killed mid-way', () => {
  it('is closed as interrupted when the next run starts; its unfinished visits conclude nothing and say so in Chinese', () => {
    const fx = new Fixture();
    fx.unit('xc', '新厂街道办事处');
    const done = fx.column('xc', '工作动态', '动态要闻');
    const cut = fx.column('xc', '通知公告', '通知公告');
    const run = startCrawlRun(fx.db, null, 'nightly');
    fx.db.prepare(`UPDATE column_visits SET finished_at = started_at, outcome = 'ok' WHERE id = ?`).run(startVisit(fx.db, run, done));
    startVisit(fx.db, run, cut);

    expect(closeInterruptedRuns(fx.db)).toBe(1);
    expect(fx.db.prepare('SELECT status FROM crawl_runs WHERE id = ?').get(run)).toEqual({ status: 'interrupted' });
    const visit = (col: number) => lastVisitOfColumn(fx.db, col)!;
    expect(visit(done)).toMatchObject({ outcome: 'ok', error: null });
    expect(visit(cut)).toMatchObject({ outcome: null, error: INTERRUPTED_VISIT });
    expect(visit(cut).finishedAt).not.toBeNull();
    expect(visitOutcomeLabel(visit(cut))[0]).toBe('未完成');
  });

  it('left the English word "interrupted" in databases made before; opening one gives those visits the Chinese text', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'zwgk-db-')), 'z.db');
    // As an older release wrote it: the schema as of version 3, and the English word.
    const old = new Database(path);
    migrate(old, path, 3);
    old.prepare(`INSERT INTO units (id, name, kind, updated_at) VALUES ('xc', '新厂街道', '镇街', '2026-03-01T00:00:00Z')`).run();
    old
      .prepare(`INSERT INTO columns (id, unit_id, stable_key, name, url, class, class_source, created_at, updated_at) VALUES (1, 'xc', 'xc/gzdt', '工作动态', 'http://x/', '动态要闻', 'plan', 'a', 'a')`)
      .run();
    old.prepare(`INSERT INTO crawl_runs (id, started_at) VALUES (1, '2026-03-01T00:00:00Z')`).run();
    old.prepare(`INSERT INTO column_visits (run_id, column_id, started_at, finished_at, error) VALUES (1, 1, 'a', 'b', 'interrupted')`).run();
    old.close();
    const db = openDb(path);
    expect(db.prepare('SELECT error FROM column_visits').all()).toEqual([{ error: INTERRUPTED_VISIT }]);
    db.close();
  });
});
