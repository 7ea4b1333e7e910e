import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/rules.ts';
import { recordDecision, scoreSheet, standing } from '../../src/assess/sheet.ts';
import { decisionLabel } from '../../src/shared/vocabulary.ts';
import { upsertSuggestion } from '../../src/store/scores.ts';
import { Fixture } from './fixture.ts';

const rules = loadRules();

function setup() {
  const fx = new Fixture();
  fx.unit('xinchang', '新厂街道办事处');
  const s = (code: string, suggested: number | null, basis: string) =>
    upsertSuggestion(fx.db, { unitId: 'xinchang', year: 2026, code, suggested, basis, evidence: [7], rulesVersion: rules.version.id, asOf: '2026-12-31' });
  s('公开内容-1', 24, '30 − 3 × 2 = 24');
  s('公开形式-1', 9.5, '10 − 1 × 0.5 = 9.5');
  s('公开时限-1', 8, '10 × 8 / 10 = 8');
  s('公开时限-2', null, '未导入登记台账');
  return fx;
}

const rec = (fx: Fixture, d: Partial<Parameters<typeof recordDecision>[1]>) =>
  recordDecision(fx.db, { unitId: 'xinchang', year: 2026, action: 'confirm', userId: null, ...d }, rules);

describe('score sheet', () => {
  it('lists all 12 rubric items with suggestions; nothing confirmed yet', () => {
    const sheet = scoreSheet(setup().db, 'xinchang', 2026, rules);
    expect(sheet.items).toHaveLength(12);
    expect(sheet.items.reduce((s, i) => s + i.max, 0)).toBe(100);
    const c1 = sheet.items.find((i) => i.code === '公开内容-1')!;
    expect(c1).toMatchObject({ category: '公开内容', max: 30, mode: 'auto', suggested: 24, confirmed: null, evidence: [7], rulesVersion: rules.version.id });
    expect(sheet.items.find((i) => i.code === '组织领导-1')).toMatchObject({ mode: 'manual', suggested: null, confirmed: null });
    expect(sheet.total).toBeNull();
    expect(sheet.unconfirmed).toHaveLength(12);
    expect(sheet.suggestedTotal).toBe(24 + 9.5 + 8);
    expect(sheet.grade).toBeNull();
    expect(sheet.finalized).toBe(false);
  });

  it('confirm stores the suggested value; override needs a reason; manual fills items without a suggestion', () => {
    const fx = setup();
    expect(rec(fx, { code: '公开内容-1' }).value).toBe(24);
    expect(() => rec(fx, { code: '公开形式-1', action: 'override', value: 8 })).toThrow(/理由/);
    expect(() => rec(fx, { code: '公开形式-1', action: 'override', value: 11, reason: '复核' })).toThrow(/0 到 10/);
    rec(fx, { code: '公开形式-1', action: 'override', value: 8, reason: '两处死链经复核属实' });
    expect(() => rec(fx, { code: '组织领导-1' })).toThrow(/没有建议分/);
    expect(() => rec(fx, { code: '公开内容-1', action: 'manual', value: 20 })).toThrow(/已有建议分/);
    rec(fx, { code: '公开时限-2', action: 'manual', value: 4 });
    const sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    const byCode = new Map(sheet.items.map((i) => [i.code, i]));
    expect(byCode.get('公开内容-1')!.confirmed).toBe(24);
    expect(byCode.get('公开形式-1')!.confirmed).toBe(8);
    expect(byCode.get('公开形式-1')!.lastDecision!.reason).toBe('两处死链经复核属实');
    expect(byCode.get('公开时限-2')!.confirmed).toBe(4);
    expect(sheet.confirmedSum).toBe(36);
    expect(sheet.suggestedTotal).toBe(24 + 8 + 8 + 4);
    expect(sheet.total).toBeNull();
  });

  it('a full sheet totals and grades; 弄虚作假 makes it 不合格; finalize locks until an unlock', () => {
    const fx = setup();
    for (const code of ['公开内容-1', '公开形式-1', '公开时限-1']) rec(fx, { code });
    const manual: Record<string, number> = { '组织领导-1': 5, '组织领导-2': 5, '组织领导-3': 4, '公开内容-2': 5, '公开形式-2': 8, '公开时限-2': 5, '公开效果-1': 5, '公开效果-2': 4, '公开效果-3': 5 };
    for (const [code, value] of Object.entries(manual)) rec(fx, { code, action: 'manual', value });
    let sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    // 24 + 9.5 + 8 + (5+5+4+5+8+5+5+4+5 = 46) = 87.5
    expect(sheet.total).toBe(87.5);
    expect(sheet.grade).toBe('良好');
    expect(() => rec(fx, { action: 'verdict', verdict: '弄虚作假' })).toThrow(/理由/);
    rec(fx, { action: 'verdict', verdict: '弄虚作假', reason: '倒签 3 条，经核实' });
    expect(scoreSheet(fx.db, 'xinchang', 2026, rules)).toMatchObject({ verdict: '弄虚作假', grade: '不合格', total: 87.5 });
    rec(fx, { action: 'verdict', verdict: '无', reason: '申诉成立' });
    rec(fx, { action: 'finalize' });
    sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    expect(sheet).toMatchObject({ finalized: true, grade: '良好' });
    expect(() => rec(fx, { code: '公开内容-1', action: 'override', value: 20, reason: 'x' })).toThrow(/锁定/);
    expect(() => rec(fx, { action: 'unlock' })).toThrow(/理由/);
    rec(fx, { action: 'unlock', reason: '更正笔误' });
    rec(fx, { code: '公开内容-1', action: 'override', value: 20, reason: '复核' });
    sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    expect(sheet).toMatchObject({ finalized: false, total: 83.5, grade: '良好' });
    expect(sheet.decisions.map((d) => d.action).slice(-4)).toEqual(['verdict', 'finalize', 'unlock', 'override']);
    expect(() => fx.db.prepare('DELETE FROM score_decisions').run()).toThrow(/append-only/);
  });

  it('refuses to finalize an incomplete sheet and sheet acts that name an item', () => {
    const fx = setup();
    expect(() => rec(fx, { action: 'finalize' })).toThrow(/12 个条目未确认/);
    expect(() => rec(fx, { action: 'finalize', code: '公开内容-1' })).toThrow(/不应指定条目/);
    expect(() => rec(fx, { code: '不存在-1' })).toThrow(/没有编码/);
    expect(() => recordDecision(fx.db, { unitId: 'nobody', year: 2026, action: 'finalize', userId: null }, rules)).toThrow(/没有编号/);
  });
});

describe('the 弄虚作假 verdict: recorded and withdrawn as two acts, each with its reason', () => {
  it('records with a reason, refuses to record twice, withdraws only a verdict in force and only with a reason', () => {
    const fx = setup();
    expect(() => rec(fx, { action: 'verdict', verdict: '无', reason: '误点' })).toThrow('没有生效的弄虚作假认定，无需撤销。');
    expect(() => rec(fx, { action: 'verdict', verdict: '弄虚作假', reason: '  ' })).toThrow('认定弄虚作假须写明理由和依据。');
    rec(fx, { action: 'verdict', verdict: '弄虚作假', reason: '倒签 3 条，经核实' });
    expect(() => rec(fx, { action: 'verdict', verdict: '弄虚作假', reason: '再认定一次' })).toThrow(/已认定弄虚作假/);
    expect(() => rec(fx, { action: 'verdict', verdict: '无' })).toThrow('撤销弄虚作假认定须写明理由。');
    expect(() => rec(fx, { action: 'verdict', verdict: '不确定', reason: 'x' })).toThrow(/认定结果应为/);
    expect(scoreSheet(fx.db, 'xinchang', 2026, rules)).toMatchObject({ verdict: '弄虚作假', grade: '不合格' });
    rec(fx, { action: 'verdict', verdict: '无', reason: '申诉成立，倒签系系统迁移所致' });
    const sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    expect(sheet).toMatchObject({ verdict: '无', grade: null });
    const acts = sheet.decisions.filter((d) => d.action === 'verdict').map((d) => [decisionLabel(d.action, d.verdict), d.reason]);
    expect(acts).toEqual([
      ['认定弄虚作假', '倒签 3 条，经核实'],
      ['撤销弄虚作假认定', '申诉成立，倒签系系统迁移所致'],
    ]);
  });
});

describe('an unfinished sheet shows what is scored and the grades still open, never a grade', () => {
  it('from the automatic part alone to the full sheet', () => {
    const fx = setup();
    // Auto items 24 + 9.5 + 8 of 50 (公开时限-2 has no suggestion); 50 points still to enter.
    let sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    expect(sheet.pendingPoints).toBe(50);
    expect(sheet.reachableGrades).toEqual(['优秀', '良好', '合格', '不合格']);
    expect(standing(rules, sheet)).toEqual({ score: '已评 41.5 / 50 分', open: '50 分待录入', grade: null, possible: '不合格～优秀', falsified: false });
    const manual: Record<string, number> = { '组织领导-1': 5, '组织领导-2': 5, '组织领导-3': 4, '公开内容-2': 5, '公开形式-2': 8, '公开时限-2': 5, '公开效果-1': 5, '公开效果-2': 4 };
    for (const [code, value] of Object.entries(manual)) rec(fx, { code, action: 'manual', value });
    // 41.5 + 41 = 82.5 with 5 to come: 良好 whatever the last item gets.
    sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    expect(standing(rules, sheet)).toEqual({ score: '已评 82.5 / 95 分', open: '5 分待录入', grade: null, possible: '良好', falsified: false });
    rec(fx, { code: '公开效果-3', action: 'manual', value: 2.25 });
    sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    expect(standing(rules, sheet)).toMatchObject({ score: '已评 84.75 / 100 分', open: '3 项待确认', grade: null, possible: '良好' });
    for (const code of ['公开内容-1', '公开形式-1', '公开时限-1']) rec(fx, { code });
    sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    expect(standing(rules, sheet)).toEqual({ score: '84.75', open: null, grade: '良好', possible: null, falsified: false });
  });

  it('a 弄虚作假 verdict settles the grade of an unfinished sheet: 不合格, marked', () => {
    const fx = setup();
    rec(fx, { action: 'verdict', verdict: '弄虚作假', reason: '自查报告与巡检证据不符' });
    const sheet = scoreSheet(fx.db, 'xinchang', 2026, rules);
    expect(sheet.reachableGrades).toEqual(['不合格']);
    expect(standing(rules, sheet)).toEqual({ score: '已评 41.5 / 50 分', open: '50 分待录入', grade: '不合格', possible: null, falsified: true });
  });
});
