import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/rules.ts';
import { Assessor, runAssess, type AssessOptions } from '../../src/assess/run.ts';
import { countWorkdays } from '../../src/assess/workdays.ts';
import { listFindings } from '../../src/store/findings.ts';
import { suggestionsFor } from '../../src/store/scores.ts';
import { Fixture } from './fixture.ts';

const rules = loadRules();
const opts = (asOf: string): AssessOptions => ({
  rules,
  year: 2026,
  period: { from: '2026-01-01', to: '2026-12-31' },
  asOf,
  countWorkdays: (a, b) => countWorkdays(rules, a, b),
});

/**
 * Columns whose evidence is in doubt (需核对) must never become a deduction. Each column below would be
 * 超期 or 空白 or 无法访问 if its reads were taken at their word; every one of its reads is short or unreadable.
 */
function build() {
  const fx = new Fixture();
  fx.unit('fgw', '区发展和改革局', '区直部门');
  // A JS-rendered 动态 column read as "one item" dated long ago: the read says so itself.
  const js = fx.column('fgw', '部门动态', '动态要闻');
  // A 通知公告 column whose pager claims 135 records, of which 45 were read: the old half of the year is missing.
  const short = fx.column('fgw', '通知公告', '通知公告');
  // A column where no list could be read, night after night (no items, no "暂无信息").
  const unread = fx.column('fgw', '工作动态', '动态要闻');
  // The control: a complete read of a column that really is stale.
  const stale = fx.column('fgw', '图片新闻', '动态要闻');
  for (const day of ['2026-03-01', '2026-03-02', '2026-03-03', '2026-06-01', '2026-06-02']) {
    const run = fx.run(day);
    fx.visit(js, run, { review: '列表只识别出 1 条信息' });
    fx.visit(short, run, { review: '页面声称共 135 条，读完全部可找到的列表页只读到 45 条' });
    fx.visit(unread, run, { outcome: 'parse-failed', review: '列表页上没有识别出信息条目，也没有“暂无信息”等字样' });
    fx.visit(stale, run);
  }
  fx.item(js, { publishedAt: '2025-11-20' });
  fx.item(short, { publishedAt: '2025-06-01' });
  fx.item(short, { publishedAt: '2026-05-20' });
  fx.item(stale, { publishedAt: '2026-02-01' });
  return { fx, js, short, unread, stale };
}

describe('a column in doubt (需核对) is never a deduction', () => {
  it('has status review with its reason, no stale episodes, and is not blank or unreachable', () => {
    const { fx, js, short, unread, stale } = build();
    const u = new Assessor(fx.db, opts('2026-06-02')).unit('fgw');
    const col = (id: number) => u.columns.find((c) => c.column.id === id)!;
    for (const [id, reason] of [
      [js, '列表只识别出 1 条信息'],
      [short, '页面声称共 135 条，读完全部可找到的列表页只读到 45 条'],
      [unread, '列表页上没有识别出信息条目，也没有“暂无信息”等字样'],
    ] as const) {
      expect(col(id).freshness).toMatchObject({ status: 'review', reviewReason: reason, staleEpisodes: [] });
    }
    // The control is judged as before: the rule only withholds a conclusion where the evidence is incomplete.
    expect(col(stale).freshness.status).toBe('stale');
    // Column findings (超期, 空白, 无法访问) only for the control; item facts read from detail pages stay.
    const columnKinds = new Set(['stale-episode', 'blank-column', 'unreachable-column']);
    const kinds = new Set(u.findings.filter((f) => columnKinds.has(f.kind)).map((f) => `${f.kind}:${f.columnId}`));
    expect([...kinds]).toEqual([`stale-episode:${stale}`]);
  });

  it('stores no finding for them, and the suggested score says which columns are 需核对 and were not deducted', () => {
    const { fx } = build();
    runAssess(fx.db, opts('2026-06-02'));
    const stored = listFindings(fx.db, { unitId: 'fgw', year: 2026 }).filter((f) => f.kind !== 'missing-document-date');
    expect(stored.map((f) => f.kind)).toEqual(['stale-episode', 'stale-episode']);
    const s = suggestionsFor(fx.db, 'fgw', 2026).find((x) => x.code === '公开内容-1')!;
    // Only the control's two stale stretches: 30 − 2 × 2.
    expect(s.suggested).toBe(26);
    expect(s.basis).toContain('3 个栏目需核对（证据不完整，未据此扣分）：部门动态、通知公告、工作动态');
  });

  it('a complete read after the doubtful ones restores the column to a normal judgement', () => {
    const { fx, js } = build();
    fx.visit(js, fx.run('2026-06-03'));
    const u = new Assessor(fx.db, opts('2026-06-03')).unit('fgw');
    expect(u.columns.find((c) => c.column.id === js)!.freshness.status).toBe('stale');
  });

  it('visits the auditor cut short (no outcome, its own fault) conclude nothing, however many nights', () => {
    const fx = new Fixture();
    fx.unit('xc', '新厂街道办事处');
    const c = fx.column('xc', '工作动态', '动态要闻');
    for (const day of ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']) fx.visit(c, fx.run(day), { outcome: null, fault: 'auditor', pages: 0 });
    const u = new Assessor(fx.db, opts('2026-03-04')).unit('xc');
    expect(u.columns[0].freshness.status).toBeNull();
    expect(u.findings).toEqual([]);
  });
});
