import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { closeInterruptedRuns, INTERRUPTED_VISIT, startRun, startVisit } from '../../src/store/crawl-runs.ts';
import { visitOutcomeLabel } from '../../src/web/columns.ts';
import type { VisitRow } from '../../src/store/web-read.ts';
import { Fixture } from '../assess/fixture.ts';

describe('a crawl run killed mid-way', () => {
  it('is closed as interrupted when the next run starts; its unfinished visits conclude nothing and say so in Chinese', () => {
    const fx = new Fixture();
    fx.unit('xc', '新厂街道办事处');
    const done = fx.column('xc', '工作动态', '动态要闻');
    const cut = fx.column('xc', '通知公告', '通知公告');
    const run = startRun(fx.db, null, 'nightly');
    fx.db.prepare(`UPDATE column_visits SET finished_at = started_at, outcome = 'ok' WHERE id = ?`).run(startVisit(fx.db, run, done));
    startVisit(fx.db, run, cut);

    expect(closeInterruptedRuns(fx.db)).toBe(1);
    expect(fx.db.prepare('SELECT status FROM crawl_runs WHERE id = ?').get(run)).toEqual({ status: 'interrupted' });
    const visit = (col: number) => fx.db.prepare('SELECT * FROM column_visits WHERE column_id = ?').get(col) as VisitRow;
    expect(visit(done)).toMatchObject({ outcome: 'ok', error: null });
    expect(visit(cut)).toMatchObject({ outcome: null, error: INTERRUPTED_VISIT });
    expect(visit(cut).finished_at).not.toBeNull();
    expect(visitOutcomeLabel(visit(cut))[0]).toBe('未完成');
  });

  it('left the English word "interrupted" in databases made before; opening one gives those visits the Chinese text', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'zwgk-db-')), 'z.db');
    const fx = new Fixture(openDb(path));
    fx.unit('xc');
    const col = fx.column('xc', '工作动态', '动态要闻');
    fx.visit(col, fx.run('2026-03-01'), { outcome: null, pages: 0 });
    // As an older release wrote it, with the schema version from before this text changed.
    fx.db.prepare(`UPDATE column_visits SET error = 'interrupted'`).run();
    fx.db.pragma('user_version = 3');
    fx.db.close();
    const db = openDb(path);
    expect(db.prepare('SELECT error FROM column_visits').all()).toEqual([{ error: INTERRUPTED_VISIT }]);
    db.close();
  });
});
