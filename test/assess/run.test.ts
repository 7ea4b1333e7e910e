import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/rules.ts';
import { Assessor, runAssess, type AssessOptions } from '../../src/assess/run.ts';
import { countWorkdays } from '../../src/assess/workdays.ts';
import { listFindings, setFindingReview } from '../../src/store/findings.ts';
import { suggestionsFor } from '../../src/store/scores.ts';
import { failingAndCutColumns, Fixture } from './fixture.ts';

const rules = loadRules();
const at = Fixture.at;

/**
 * One unit, five columns, every kind of finding; the truth below is worked out by hand.
 *  A 工作动态 (14 d): updates 2025-12-20, 01-10, 02-20; an item claiming 03-01 first seen 03-20 although the
 *    complete crawl of 03-15 read back to 02-01 without it (back-dated: counts from 03-15); a pinned 03-30 item.
 *  B 通知公告 (6 mo): timeliness cases; a re-dated item.
 *  C 机构职能 (no window): blank.
 *  D 图片新闻 (14 d): only a pinned item.
 *  E 政策文件 (6 mo): its 2025-06-01 item (dead link) went stale after 2025-12-01, so stale 01-01..02-28 until
 *    the 03-01 update; unreachable on the last three nights.
 */
function build() {
  const fx = new Fixture();
  fx.unit('xc', '新厂街道办事处');
  const A = fx.column('xc', '工作动态', '动态要闻');
  const B = fx.column('xc', '通知公告', '通知公告');
  const C = fx.column('xc', '机构职能', '机构信息');
  const D = fx.column('xc', '图片新闻', '动态要闻');
  const E = fx.column('xc', '政策文件', '政策文件');
  const r1 = fx.run('2026-01-05', 'full');
  const r15 = fx.run('2026-03-15');
  const r20 = fx.run('2026-03-20');
  const failed = ['2026-03-29', '2026-03-30', '2026-03-31'].map((d) => fx.run(d));
  for (const c of [A, B, C, D, E]) fx.visit(c, r1, { coveredFrom: '2025-01-01', outcome: c === C ? 'blank' : 'ok' });
  const a15 = fx.visit(A, r15, { coveredFrom: '2026-02-01', pages: 2 });
  const a20 = fx.visit(A, r20, { coveredFrom: '2026-02-01' });
  const unreachable = failed.map((r) => fx.visit(E, r, { outcome: 'unreachable', complete: false }));

  for (const d of ['2025-12-20', '2026-01-10', '2026-02-20']) fx.item(A, { publishedAt: d });
  const back = fx.item(A, { title: '倒签的动态', publishedAt: '2026-03-01', firstSeenAt: at('2026-03-20'), firstSeenRun: r20, firstSeenFetchId: a20.fetchIds[0] });
  fx.item(A, { publishedAt: '2026-03-30', pinned: true });

  fx.item(B, { title: '按时', documentDate: '2026-01-05', publishedAt: '2026-01-20' }); // 11 working days
  const late = fx.item(B, { title: '超期', documentDate: '2026-01-05', publishedAt: '2026-03-10' }); // 19 + 16 + 7 = 42
  fx.item(B, { title: '调休日发布', documentDate: '2026-02-13', publishedAt: '2026-02-14' }); // Sat 02-14 is a working day: 1
  fx.item(B, { title: '缺成文日期', publishedAt: '2026-02-10' });
  fx.item(B, { title: '先发后成文', documentDate: '2026-03-05', publishedAt: '2026-03-01' });
  const redated = fx.item(B, { title: '改过日期', publishedAt: '2026-02-02' });
  fx.itemDate(redated, at('2026-01-21'), '2026-01-20', fx.fetch('http://portal.test/b', at('2026-01-21')));
  fx.itemDate(redated, at('2026-02-03'), '2026-02-02', fx.fetch('http://portal.test/b', at('2026-02-03')));

  fx.item(D, { publishedAt: '2024-05-01', pinned: true });
  fx.item(E, { publishedAt: '2026-03-01' });
  const dead = fx.item(E, { publishedAt: '2025-06-01', detailStatus: 'dead' });
  return { fx, A, B, C, D, E, r15, a15, a20, back, late, redated, dead, unreachable };
}

const opts = (over: Partial<AssessOptions> = {}): AssessOptions => ({
  rules,
  year: 2026,
  period: { from: '2026-01-01', to: '2026-12-31' },
  asOf: '2026-03-31',
  countWorkdays: (a, b) => countWorkdays(rules, a, b),
  ...over,
});

describe('assess a unit', () => {
  it('column states, episodes and back-dating correction', () => {
    const { fx, A, C, D, E } = build();
    const u = new Assessor(fx.db, opts()).unit('xc');
    const col = (id: number) => u.columns.find((c) => c.column.id === id)!;
    expect(col(A).freshness.staleEpisodes.map((e) => [e.from, e.to, e.overdueDays])).toEqual([
      ['2026-01-04', '2026-01-09', 6],
      ['2026-01-25', '2026-02-19', 26],
      ['2026-03-07', '2026-03-14', 8],
      ['2026-03-30', null, 2],
    ]);
    expect(col(A).freshness).toMatchObject({ status: 'stale', lastUpdate: '2026-03-15', daysSinceUpdate: 16 });
    expect(col(C).freshness.status).toBe('blank');
    expect(col(D).freshness).toMatchObject({ status: 'stale', lastUpdate: null });
    expect(col(D).freshness.staleEpisodes).toEqual([{ from: '2026-01-16', to: null, overdueDays: 75, since: null, deadline: '2026-01-15' }]);
    // unreachable three nights but updated within its window: the failed nights do not make it stale
    expect(col(E).freshness.status).toBe('ok');
    expect(col(E).freshness.staleEpisodes.map((e) => [e.from, e.to, e.overdueDays])).toEqual([['2026-01-01', '2026-02-28', 89]]);
    expect(col(A).items.map((i) => i.publishedAt)).toEqual(['2026-03-30', '2026-03-01', '2026-02-20', '2026-01-10']);
  });

  it('findings, each with its evidence', () => {
    const { fx, A, a15, a20, back, late, redated, dead, unreachable } = build();
    const u = new Assessor(fx.db, opts()).unit('xc');
    const kinds = u.findings.reduce<Record<string, number>>((m, f) => ({ ...m, [f.kind]: (m[f.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({
      'stale-episode': 6,
      'blank-column': 1,
      'late-disclosure': 1,
      // 通知公告 and 政策文件 only: news (动态要闻) carries no 成文日期 by nature (timeliness.yaml documentClasses).
      'missing-document-date': 2,
      'published-before-document': 1,
      'dead-link': 1,
      'unreachable-column': 1,
      'back-dated': 1,
      're-dated': 1,
    });
    const f = (kind: string) => u.findings.find((x) => x.kind === kind)!;
    expect(f('back-dated')).toMatchObject({ identity: `2026:back-dated:item:${back}`, itemId: back, columnId: A });
    expect(f('back-dated').evidence).toEqual([...a15.fetchIds, a20.fetchIds[0]].sort((x, y) => x - y));
    expect(f('back-dated').detail.text).toContain('2026-03-15 完整巡检该栏目时尚无此条');
    expect(f('late-disclosure')).toMatchObject({ itemId: late, detail: { latencyWorkdays: 42 } });
    expect(f('re-dated')).toMatchObject({ itemId: redated });
    expect(f('re-dated').detail.text).toContain('2026-01-20 → 2026-02-02');
    expect(f('re-dated').evidence).toHaveLength(2);
    expect(f('dead-link').itemId).toBe(dead);
    expect(f('unreachable-column').evidence).toEqual(unreachable.flatMap((v) => v.fetchIds));
    expect(f('unreachable-column').detail.text).toContain('连续 3 个夜间巡检无法访问');
    const ongoing = u.findings.find((x) => x.identity === `2026:stale-episode:column:${A}:2026-03-30`)!;
    expect(ongoing.detail.text).toBe('栏目“工作动态”自 2026-03-30 起超过 14 天未更新，截至 2026-03-31 超期 2 天');
    expect(ongoing.evidence).toEqual(a20.fetchIds);
  });

  it('suggested scores by the rubric formulas, with a basis that recomputes by hand', () => {
    const { fx } = build();
    const s = new Map(new Assessor(fx.db, opts()).unit('xc').suggestions.map((x) => [x.code, x]));
    expect(s.get('公开内容-1')!.suggested).toBe(13);
    expect(s.get('公开内容-1')!.basis).toBe('3 个栏目超期未更新共 6 次：工作动态（4 次）、图片新闻（1 次）、政策文件（1 次）；1 个空白栏目：机构职能；30 − 6 × 2 − 1 × 5 = 13');
    expect(s.get('公开形式-1')!.suggested).toBe(6.5);
    expect(s.get('公开形式-1')!.basis).toBe(
      '1 个空白栏目：机构职能；没有禁止巡检的栏目；1 个栏目反复无法访问：政策文件；1 条信息链接失效；期内发布信息 11 条；10 − 1 × 2 − 1 × 1 − 1 × 0.5 = 6.5',
    );
    expect(s.get('公开时限-1')!.suggested).toBe(6.67);
    expect(s.get('公开时限-1')!.basis).toBe(
      '期内可评估信息 3 条（成文日期至发布日期不超过 20 个工作日为按时），按时 2 条、逾期 1 条；另有3 条缺成文日期无法评估、1 条发布日期早于成文日期，均未计入；10 × 2 / 3 = 6.67',
    );
    expect(s.get('公开时限-2')).toMatchObject({ suggested: null });
    expect(s.get('公开时限-2')!.basis).toContain('未导入');
  });

  it('persists idempotently: identities stay, dismissed findings leave the suggestion, vanished ones deactivate', () => {
    const { fx, A } = build();
    runAssess(fx.db, opts());
    const first = listFindings(fx.db, { unitId: 'xc', year: 2026 });
    expect(first).toHaveLength(15);
    runAssess(fx.db, opts());
    const again = listFindings(fx.db, { unitId: 'xc', year: 2026 });
    expect(again.map((f) => [f.id, f.identity])).toEqual(first.map((f) => [f.id, f.identity]));
    const blank = again.find((f) => f.kind === 'blank-column')!;
    setFindingReview(fx.db, blank.id, 'dismissed');
    runAssess(fx.db, opts());
    const s = new Map(suggestionsFor(fx.db, 'xc', 2026).map((x) => [x.code, x]));
    expect(s.get('公开内容-1')!.suggested).toBe(18);
    expect(s.get('公开内容-1')!.basis).toContain('另有 1 项问题经复核驳回，未计入');
    expect(s.get('公开内容-1')!.rulesVersion).toBe(rules.version.id);
    // A updates on 04-01: its ongoing episode ends, keeping its identity; as of 03-10 later findings vanish
    fx.item(A, { publishedAt: '2026-04-01', firstSeenAt: at('2026-04-01', '23:00') });
    runAssess(fx.db, opts({ asOf: '2026-04-02' }));
    const ep = listFindings(fx.db, { unitId: 'xc', year: 2026 }).find((f) => f.identity === `2026:stale-episode:column:${A}:2026-03-30`)!;
    expect(ep.detail).toMatchObject({ to: '2026-03-31', overdueDays: 2 });
    runAssess(fx.db, opts({ asOf: '2026-03-10' }));
    const all = listFindings(fx.db, { unitId: 'xc', year: 2026, activeOnly: false });
    expect(all.find((f) => f.identity === ep.identity)!.active).toBe(false);
    expect(all.find((f) => f.kind === 'back-dated')!.active).toBe(false);
    expect(all.find((f) => f.kind === 'blank-column')!).toMatchObject({ active: true, review: 'dismissed' });
  });

  it("visits the auditor's own disk cut short (no outcome) are held against no unit", () => {
    const fx = new Fixture();
    const { failing, cut } = failingAndCutColumns(fx);
    const u = new Assessor(fx.db, opts()).unit('xc');
    const status = new Map(u.columns.map((c) => [c.column.id, c.freshness.status]));
    // Three failed nights are the unit's site's doing; three cut-short visits say nothing either way.
    expect(status.get(failing)).toBe('unreachable');
    expect(status.get(cut)).toBeNull();
    const unreachable = u.findings.filter((f) => f.kind === 'unreachable-column');
    expect(unreachable.map((f) => f.columnId)).toEqual([failing]);
  });

  it('as of a day before the first crawl there is no evidence: no statuses, no suggestions', () => {
    const { fx } = build();
    const a = new Assessor(fx.db, opts({ asOf: '2026-01-04' }));
    expect(a.beforeFirstCrawl()).toBe(true);
    const u = a.unit('xc');
    expect(u.columns.every((c) => c.freshness.status === null && c.freshness.staleEpisodes.length === 0)).toBe(true);
    const s = new Map(u.suggestions.map((x) => [x.code, x]));
    expect(s.get('公开内容-1')).toMatchObject({ suggested: null });
    expect(s.get('公开内容-1')!.basis).toContain('尚无任何巡检记录');
    expect(new Assessor(fx.db, opts({ asOf: '2026-01-05' })).beforeFirstCrawl()).toBe(false);
  });

  it('a column that refused the assessor is a 禁止巡检 finding with its evidence, deducted under 公开形式-1; an unsettled refusal is not', () => {
    const fx = new Fixture();
    fx.unit('xc', '新厂街道办事处');
    const refusing = fx.column('xc', '通知公告', '通知公告');
    const unsettled = fx.column('xc', '人事信息', '人事');
    const first = fx.run('2026-01-05', 'full');
    for (const c of [refusing, unsettled]) fx.visit(c, first, { coveredFrom: '2025-01-01' });
    fx.item(refusing, { publishedAt: '2026-01-04' });
    fx.item(unsettled, { publishedAt: '2026-01-04' });
    const refusals = ['2026-03-02', '2026-03-03', '2026-03-04'].map((d) => {
      const r = fx.run(d);
      // The killed night's refusal was never settled against the rest of the site: it says nothing of the unit.
      fx.visit(unsettled, r, { outcome: 'blocked', blockedBy: 'forbidden', fault: null, complete: false });
      return fx.visit(refusing, r, { outcome: 'blocked', blockedBy: 'forbidden', error: '站点对 http://portal.test/xc/tzgg/ 返回 HTTP 403（拒绝访问）。', complete: false });
    });
    const u = new Assessor(fx.db, opts()).unit('xc');
    const blocked = u.findings.filter((f) => f.kind === 'blocked');
    expect(blocked).toEqual([
      expect.objectContaining({
        identity: `2026:blocked:column:${refusing}:2026-03-02`,
        columnId: refusing,
        detail: expect.objectContaining({
          text: '栏目“通知公告”在 2026-03-02 至 2026-03-04 的 3 个夜间巡检中都拒绝巡检（HTTP 403 拒绝访问），而同一网站的其他栏目可以访问：站点对 http://portal.test/xc/tzgg/ 返回 HTTP 403（拒绝访问）',
          nights: 3,
          by: ['forbidden'],
        }),
        // the first and the last night's answers
        evidence: [refusals[0].fetchIds[0], refusals[2].fetchIds[0]],
      }),
    ]);
    // Refusals are not failures to answer: no 反复无法访问 on top.
    expect(u.findings.filter((f) => f.kind === 'unreachable-column')).toEqual([]);
    const form = u.suggestions.find((s) => s.code === '公开形式-1')!;
    expect(form.suggested).toBe(8);
    expect(form.basis).toBe('没有空白栏目；1 个栏目禁止巡检：通知公告；没有反复无法访问的栏目；没有失效链接；期内发布信息 2 条；10 − 1 × 2 = 8');
    expect(form.evidence).toEqual([refusals[0].fetchIds[0], refusals[2].fetchIds[0]]);
  });

  it('as of a past day an item has the date it showed then, and a detail page read later is not known yet', () => {
    const fx = new Fixture();
    fx.unit('xc', '新厂街道办事处');
    // A class without a window or 成文日期 duty: only the two findings in question can arise.
    const B = fx.column('xc', '机构职能', '机构信息');
    fx.visit(B, fx.run('2026-01-05', 'full'), { coveredFrom: '2025-01-01' });
    const moved = fx.item(B, { title: '改过日期', publishedAt: '2026-03-19', firstSeenAt: at('2026-01-10', '23:00') });
    fx.itemDate(moved, at('2026-01-10', '23:00'), '2026-01-09', fx.fetch('http://portal.test/b', at('2026-01-10', '23:00')));
    fx.itemDate(moved, at('2026-03-20'), '2026-03-19', fx.fetch('http://portal.test/b', at('2026-03-20')));
    const dead = fx.item(B, { title: '失效', publishedAt: '2026-01-09', detailStatus: 'dead' });
    // Its detail page was first read (and found gone) on 03-20.
    fx.db.prepare('UPDATE fetches SET fetched_at = ? WHERE id = (SELECT detail_fetch_id FROM items WHERE id = ?)').run(at('2026-03-20'), dead);
    const view = (asOf: string) => {
      const u = new Assessor(fx.db, opts({ asOf })).unit('xc');
      const items = u.columns[0].items;
      return { dates: items.map((i) => [i.title, i.publishedAt, i.detailStatus]), kinds: u.findings.map((f) => f.kind).sort() };
    };
    expect(view('2026-02-28')).toEqual({ dates: [['改过日期', '2026-01-09', 'ok'], ['失效', '2026-01-09', 'pending']], kinds: [] });
    expect(view('2026-03-31')).toEqual({ dates: [['改过日期', '2026-03-19', 'ok'], ['失效', '2026-01-09', 'dead']], kinds: ['dead-link', 're-dated'] });
  });
});
