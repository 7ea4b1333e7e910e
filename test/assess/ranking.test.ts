import { describe, expect, it } from 'vitest';
import { loadRules, rubricItems } from '../../src/config/rules.ts';
import { rankByKind, type RankFacts } from '../../src/assess/report/ranking.ts';
import { recordDecision } from '../../src/assess/sheet.ts';
import { REPORT_FORMATS, reportUnits, workdayCounter } from '../../src/assess/index.ts';
import { tongbao } from '../../src/assess/report/tongbao.ts';
import { notice } from './official-docs.ts';
import { Fixture } from './fixture.ts';

const rules = loadRules();

type Unit = { id: string } & RankFacts;
const done = (id: string, kind: string, total: number, grade: string, verdict: string | null = null): Unit => ({ id, kind, sheet: { total, grade: grade as never, verdict } });
const open = (id: string, kind: string, verdict: string | null = null): Unit => ({ id, kind, sheet: { total: null, grade: verdict ? '不合格' : null, verdict } });

const places = (units: Unit[]) => rankByKind(units, (u) => u).map((t) => [t.kind, t.rows.map((r) => `${r.kindRank ?? '—'} ${r.unit.id}${r.falsified ? '*' : ''}`)]);

describe('ranking (第八条 grade first, then score; 第十四条; 镇街 and 区直部门 apart)', () => {
  it('ranks each kind on its own, grade before score, the 弄虚作假 unit with 不合格 after those that earned it, unfinished sheets unplaced', () => {
    const units = [
      done('bureau-c', '区直部门', 70, '合格'),
      done('town-b', '镇街', 87.5, '良好'),
      done('town-fraud', '镇街', 95, '不合格', '弄虚作假'),
      open('town-open', '镇街'),
      done('town-low', '镇街', 55, '不合格'),
      done('town-a', '镇街', 92, '优秀'),
      done('town-b2', '镇街', 87.5, '良好'),
      done('bureau-h', '区直部门', 80, '良好'),
      done('town-lower', '镇街', 41.25, '不合格'),
      done('town-withdrawn', '镇街', 58, '不合格', '无'),
    ];
    expect(places(units)).toEqual([
      ['镇街', ['1 town-a', '2 town-b', '2 town-b2', '4 town-withdrawn', '5 town-low', '6 town-lower', '7 town-fraud*', '— town-open']],
      ['区直部门', ['1 bureau-h', '2 bureau-c']],
    ]);
  });

  it('several 弄虚作假 units rank among themselves by score; an unfinished sheet with a verdict is marked, unplaced', () => {
    const units = [done('f1', '镇街', 60, '不合格', '弄虚作假'), done('f2', '镇街', 88, '不合格', '弄虚作假'), open('f3', '镇街', '弄虚作假')];
    expect(places(units)).toEqual([['镇街', ['1 f2*', '2 f1*', '— f3*']]]);
  });
});

describe('every report format takes its places from the one ranking', () => {
  /** A unit whose every item is entered by hand, totalling `total` (the items filled in rubric order). */
  function fill(fx: Fixture, unitId: string, total: number) {
    let left = total;
    for (const it of rubricItems(rules)) {
      const value = Math.min(it.points, left);
      left = Math.round((left - value) * 100) / 100;
      recordDecision(fx.db, { unitId, year: 2026, code: it.code, action: 'manual', value, userId: null }, rules);
    }
  }

  function world() {
    const fx = new Fixture();
    fx.unit('bm', '区民政局', '区直部门');
    fx.unit('xc', '新厂街道办事处', '镇街');
    fx.unit('zs', '珠山镇人民政府', '镇街');
    fx.unit('zd', '竹岛街道办事处', '镇街');
    fx.unit('lp', '里坪镇人民政府', '镇街');
    fill(fx, 'bm', 77.41);
    fill(fx, 'xc', 91.5);
    fill(fx, 'zs', 88.25);
    fill(fx, 'zd', 52);
    recordDecision(fx.db, { unitId: 'zs', year: 2026, action: 'verdict', verdict: '弄虚作假', reason: '自查报告与巡检证据不符', userId: null }, rules);
    const opts = { rules, year: 2026, period: { from: '2026-01-01', to: '2026-12-31' }, asOf: '2026-12-31', countWorkdays: workdayCounter(rules) };
    const meta = { asOf: opts.asOf, year: 2026, period: opts.period, notice: notice({ draft: true }) };
    const write = async (id: keyof typeof REPORT_FORMATS) => {
      const out: Array<string | Uint8Array> = [];
      await REPORT_FORMATS[id].write(rules, reportUnits(fx.db, opts), meta, (c) => void out.push(c));
      return out.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))).join('');
    };
    // The 通报's document model: its result tables as the HTML and docx renderers draw them.
    const notice_ = () => tongbao(rules, [...reportUnits(fx.db, opts)], meta, meta.notice);
    return { write, notice: notice_ };
  }

  it('JSON keeps its keys and adds kindRank and falsified', async () => {
    const r = JSON.parse(await world().write('json'));
    const byId = Object.fromEntries(r.units.map((u: Record<string, unknown>) => [u.id, u]));
    expect(Object.keys(byId.xc)).toEqual(['id', 'name', 'kind', 'columns', 'findings', 'scores', 'total', 'grade', 'kindRank', 'falsified', 'finalized']);
    expect(Object.fromEntries(r.units.map((u: Record<string, unknown>) => [u.id, [u.kindRank, u.total, u.grade, u.falsified]]))).toEqual({
      bm: [1, 77.41, '良好', false],
      xc: [1, 91.5, '优秀', false],
      zd: [2, 52, '不合格', false],
      zs: [3, 88.25, '不合格', true],
      lp: [null, null, null, false],
    });
  });

  it('the 通报 prints one table per kind in ranked order, the 弄虚作假 unit marked among 不合格, the unfinished one without a place or grade', async () => {
    const doc = world().notice();
    const tables = doc.blocks.flatMap((b, i) => (b.kind === 'table' ? [[(doc.blocks[i - 1] as { text: string }).text, b.rows.map((r) => r.slice(0, 4).join(' | '))]] : []));
    expect(tables).toEqual([
      [
        '（一）镇街（4 个）',
        [
          '1 | 新厂街道办事处 | 91.5 | 优秀',
          '2 | 竹岛街道办事处 | 52 | 不合格',
          '3 | 珠山镇人民政府 | 88.25 | 不合格',
          '— | 里坪镇人民政府 | 尚未评分，100 分待录入 | 待定（可能为 不合格～优秀）',
        ],
      ],
      ['（二）区直部门（1 个）', ['1 | 区民政局 | 77.41 | 良好']],
    ]);
    const zs = doc.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : [])).find((r) => r[1] === '珠山镇人民政府')!;
    expect(zs[4]).toContain('弄虚作假');
    expect(JSON.stringify(doc)).not.toContain('（建议）');
  });

  it('the CSV summary carries the same place per unit', async () => {
    const lines = (await world().write('csv')).replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(','));
    const col = lines[0].indexOf('同类名次');
    expect(Object.fromEntries(lines.slice(1).map((l) => [l[0], l[col]]))).toEqual({ bm: '1', xc: '1', zd: '2', zs: '3', lp: '' });
  });
});
