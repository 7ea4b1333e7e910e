import { describe, expect, it } from 'vitest';
import { Fixture } from '../assess/fixture.ts';
import { findingIdsMatching, findingsPage } from '../../src/store/finding-list.ts';
import { setFindingReview } from '../../src/store/findings.ts';
import { columnItemsPage } from '../../src/store/items.ts';
import { crawlRunsPage } from '../../src/store/crawl-runs.ts';
import { failuresPerColumn } from '../../src/store/visits.ts';
import { jobRunsPage } from '../../src/store/jobs.ts';
import { usersPage } from '../../src/store/users.ts';
import { createRectification, markRectificationOverdue, setRectificationStatus } from '../../src/store/rectifications.ts';

/** Two units (one per kind), 130 findings over two kinds and two column classes, some reviewed, some sent for 整改. */
function build() {
  const f = new Fixture();
  f.unit('xc', '新厂街道', '镇街');
  f.unit('jy', '区教育局', '区直部门');
  const news = f.column('xc', '工作动态', '动态要闻');
  const notice = f.column('xc', '通知公告', '通知公告');
  const jyNews = f.column('jy', '教育动态', '动态要闻');
  const insert = f.db.prepare(
    `INSERT INTO findings (identity, kind, unit_id, column_id, year, detail_json, first_detected_at, last_detected_at, rules_version)
     VALUES (?, ?, ?, ?, 2026, ?, '2026-06-01T00:00:00Z', ?, 'v')`,
  );
  const ids: number[] = [];
  for (let i = 0; i < 130; i++) {
    const [unit, col] = i % 3 === 0 ? ['jy', jyNews] : ['xc', i % 2 ? news : notice];
    const kind = i % 5 === 0 ? 'blank-column' : 'stale-episode';
    const text = i === 7 ? '超期 100% 未更新' : `第 ${i} 条问题`;
    ids.push(Number(insert.run(`id-${i}`, kind, unit, col, JSON.stringify({ text }), `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`).lastInsertRowid));
  }
  return { f, ids, news };
}

describe('findings: filter, count and page in SQL', () => {
  it('pages through every row exactly once, newest first, with the total of the filter', () => {
    const { f } = build();
    const seen: number[] = [];
    for (let offset = 0; offset < 130; offset += 50) {
      const p = findingsPage(f.db, { year: 2026 }, { limit: 50, offset });
      expect(p.total).toBe(130);
      expect(p.rows.length).toBe(Math.min(50, 130 - offset));
      seen.push(...p.rows.map((r) => r.id));
    }
    expect(new Set(seen).size).toBe(130);
    const first = findingsPage(f.db, { year: 2026 }, { limit: 3, offset: 0 }).rows;
    expect(first[0].lastDetectedAt >= first[2].lastDetectedAt).toBe(true);
    expect(first[0]).toMatchObject({ unitName: expect.any(String), unitKind: expect.any(String), columnClass: expect.any(String) });
  });

  it('filters by unit, unit kind, column class, kind and text; % in the search is literal', () => {
    const { f } = build();
    const total = (filter: Parameters<typeof findingsPage>[1]) => findingsPage(f.db, filter, { limit: 10, offset: 0 }).total;
    expect(total({ year: 2026, unitId: 'jy' })).toBe(44);
    expect(total({ year: 2026, unitKind: '镇街' })).toBe(86);
    expect(total({ year: 2026, unitId: 'xc', columnClass: '通知公告' })).toBe(43);
    expect(total({ year: 2026, kind: 'blank-column' })).toBe(26);
    expect(total({ year: 2026, kind: 'blank-column', unitId: 'jy' })).toBe(9);
    expect(total({ year: 2026, q: '100%' })).toBe(1);
    expect(total({ year: 2026, q: '%' })).toBe(1);
    expect(total({ year: 2026, q: '教育动态' })).toBe(44);
    expect(total({ year: 2025 })).toBe(0);
  });

  it('filters by review and 整改 state, and the bulk selection is the filter', () => {
    const { f, ids } = build();
    setFindingReview(f.db, ids[1], 'dismissed', '同一问题重复', null);
    setFindingReview(f.db, ids[2], 'confirmed', '核实', null);
    createRectification(f.db, ids[4], '2026-12-31', null, null);
    markRectificationOverdue(f.db, createRectification(f.db, ids[6], '2026-01-31', null, null), '2026-02-01T00:00:00Z');
    const done = createRectification(f.db, ids[7], '2026-01-31', null, null);
    markRectificationOverdue(f.db, done, '2026-02-01T00:00:00Z');
    setRectificationStatus(f.db, done, 'rectified', '2026-02-03T00:00:00Z');
    f.db.prepare('UPDATE findings SET active = 0 WHERE id = ?').run(ids[5]);
    const rows = (state: Parameters<typeof findingsPage>[1]['state']) => findingsPage(f.db, { year: 2026, state }, { limit: 200, offset: 0 }).rows.map((r) => r.id);
    expect(rows('dismissed')).toEqual([ids[1]]);
    expect(findingsPage(f.db, { year: 2026, state: 'dismissed' }, { limit: 1, offset: 0 }).rows[0].reviewReason).toBe('同一问题重复');
    expect(rows('confirmed')).toEqual([ids[2]]);
    expect(rows('open').length).toBe(128);
    expect(rows('rect-open').sort((a, b) => a - b)).toEqual([ids[4], ids[6]]);
    expect(rows('rect-overdue')).toEqual([ids[6]]);
    expect(rows('rect-rectified')).toEqual([ids[7]]);
    expect(rows('rect-none').length).toBe(127);
    expect(rows('resolved')).toEqual([ids[5]]);
    expect(rows('active').length).toBe(129);
    expect(findingIdsMatching(f.db, { year: 2026, unitId: 'jy', kind: 'blank-column' }).map((r) => r.id)).toEqual(
      findingsPage(f.db, { year: 2026, unitId: 'jy', kind: 'blank-column' }, { limit: 100, offset: 0 }).rows.map((r) => r.id).sort((a, b) => a - b),
    );
  });
});

describe('items and runs pages', () => {
  it('a column page searches titles and pages with the total', () => {
    const { f, news } = build();
    for (let i = 0; i < 60; i++) f.item(news, { title: i % 4 === 0 ? `关于安全生产的通知${i}` : `工作动态${i}`, publishedAt: `2026-0${1 + (i % 9)}-10` });
    expect(columnItemsPage(f.db, news, undefined, { limit: 50, offset: 0 })).toMatchObject({ total: 60 });
    expect(columnItemsPage(f.db, news, undefined, { limit: 50, offset: 50 }).rows.length).toBe(10);
    const hits = columnItemsPage(f.db, news, '安全生产', { limit: 50, offset: 0 });
    expect(hits.total).toBe(15);
    expect(hits.rows.every((r) => r.title.includes('安全生产'))).toBe(true);
    expect(columnItemsPage(f.db, news, '_', { limit: 50, offset: 0 }).total).toBe(0);
  });

  it('crawl runs filter by status', () => {
    const { f } = build();
    for (const d of ['2026-03-01', '2026-03-02', '2026-03-03']) f.run(d);
    f.db.prepare("UPDATE crawl_runs SET status = 'failed' WHERE id = (SELECT max(id) FROM crawl_runs)").run();
    expect(crawlRunsPage(f.db, {}, { limit: 2, offset: 0 })).toMatchObject({ total: 3 });
    expect(crawlRunsPage(f.db, { status: 'failed' }, { limit: 10, offset: 0 }).rows.map((r) => r.status)).toEqual(['failed']);
  });

  it('accounts filter by name, unit, role or disabled, and page without their hashes', () => {
    const { f } = build();
    const add = f.db.prepare("INSERT INTO users (name, role, unit_id, password_hash, created_at, disabled) VALUES (?, ?, ?, 'h', '2026-01-01T00:00:00Z', ?)");
    for (let i = 0; i < 60; i++) add.run(`xc${i}`, 'unit', i % 2 ? 'xc' : 'jy', i === 5 ? 1 : 0);
    add.run('kaohe', 'assessor', null, 0);
    expect(usersPage(f.db, {}, { limit: 50, offset: 50 })).toMatchObject({ total: 61 });
    expect(usersPage(f.db, { unitId: 'xc' }, { limit: 100, offset: 0 }).total).toBe(30);
    expect(usersPage(f.db, { state: 'assessor' }, { limit: 10, offset: 0 }).rows.map((u) => u.name)).toEqual(['kaohe']);
    expect(usersPage(f.db, { state: 'disabled' }, { limit: 10, offset: 0 }).rows.map((u) => u.name)).toEqual(['xc5']);
    expect(usersPage(f.db, { q: 'xc1' }, { limit: 100, offset: 0 }).total).toBe(11);
    expect(Object.keys(usersPage(f.db, {}, { limit: 1, offset: 0 }).rows[0])).not.toContain('passwordHash');
  });

  it('failed columns count columns, not visits, and page; job runs page and filter by status', () => {
    const { f, news } = build();
    const cols = [news, ...Array.from({ length: 4 }, (_, i) => f.column('jy', `栏目${i}`, '通知公告'))];
    const runs = ['2026-03-01', '2026-03-02', '2026-03-03'].map((d) => f.run(d));
    // news fails three nights, the others once each.
    for (const r of runs) f.visit(news, r, { outcome: 'unreachable' });
    cols.slice(1).forEach((c, i) => f.visit(c, runs[i % 3], { outcome: 'challenge' }));
    const since = '2026-01-01T00:00:00Z';
    const first = failuresPerColumn(f.db, since, { limit: 2, offset: 0 });
    expect(first.total).toBe(5);
    expect(first.rows.map((r) => [r.columnId, r.failures])[0]).toEqual([news, 3]);
    const all = [0, 2, 4].flatMap((offset) => failuresPerColumn(f.db, since, { limit: 2, offset }).rows.map((r) => r.columnId));
    expect([...all].sort((a, b) => a - b)).toEqual([...cols].sort((a, b) => a - b));

    const job = f.db.prepare("INSERT INTO job_runs (job, trigger, started_at, status) VALUES ('nightly', 'schedule', ?, ?)");
    for (let i = 0; i < 7; i++) job.run(`2026-03-0${i + 1}T18:00:00Z`, i === 3 ? 'failed' : 'ok');
    expect(jobRunsPage(f.db, {}, { limit: 5, offset: 5 })).toMatchObject({ total: 7 });
    expect(jobRunsPage(f.db, {}, { limit: 5, offset: 5 }).rows.length).toBe(2);
    expect(jobRunsPage(f.db, { status: 'failed' }, { limit: 5, offset: 0 }).rows.map((r) => r.startedAt)).toEqual(['2026-03-04T18:00:00Z']);
  });
});
