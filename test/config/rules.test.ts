import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, guessColumnClass, loadRules, rubricItems, warnDay, windowDeadline } from '../../src/config/rules.ts';
import { InputError } from '../../src/shared/errors.ts';

const rules = loadRules();

function copyRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-rules-'));
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, from: string, to: string): void {
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  expect(text).toContain(from);
  writeFileSync(p, text.replace(from, to));
}

function copyRulesWith(file: string, from: string, to: string): string {
  const dir = copyRules();
  edit(dir, file, from, to);
  return dir;
}

function loadError(dir: string): string {
  try {
    loadRules(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected loadRules to fail');
}

describe('shipped rubric', () => {
  it('has the five categories and the 12 items of 第七条 (DESIGN says 14; the seed lists 12) with stable codes summing to 100', () => {
    const items = rubricItems(rules);
    expect(rules.rubric.categories.map((c) => [c.name, c.points])).toEqual([
      ['组织领导', 15],
      ['公开内容', 35],
      ['公开形式', 20],
      ['公开时限', 15],
      ['公开效果', 15],
    ]);
    expect(items.map((i) => i.code)).toEqual([
      '组织领导-1', '组织领导-2', '组织领导-3', '公开内容-1', '公开内容-2', '公开形式-1', '公开形式-2',
      '公开时限-1', '公开时限-2', '公开效果-1', '公开效果-2', '公开效果-3',
    ]);
    expect(items.map((i) => i.points)).toEqual([5, 5, 5, 30, 5, 10, 10, 10, 5, 5, 5, 5]);
    expect(items.reduce((s, i) => s + i.points, 0)).toBe(100);
  });

  it('quotes the seed wording verbatim', () => {
    const seed = readFileSync(new URL('../fixtures/seed/000_7ab8021bde8d86a0.txt', import.meta.url), 'utf8');
    for (const it of rubricItems(rules)) expect(seed).toContain(it.text);
  });

  it('marks the evidence-backed items auto with the DESIGN §2 formulas', () => {
    const byCode = new Map(rubricItems(rules).map((i) => [i.code, i]));
    expect([...byCode.values()].filter((i) => i.mode === 'auto').map((i) => i.code)).toEqual(['公开内容-1', '公开形式-1', '公开时限-1', '公开时限-2']);
    expect(byCode.get('公开内容-1')!.formula).toEqual({
      kind: 'deductions',
      deductions: [{ per: 'stale-episode', points: 2 }, { per: 'blank-column', points: 5 }],
      floor: 0,
    });
    const f = byCode.get('公开形式-1')!.formula!;
    expect(f.kind === 'deductions' && f.deductions.find((d) => d.per === 'dead-link')).toEqual({ per: 'dead-link', points: 0.5, cap: 3 });
    expect(byCode.get('公开时限-2')!.formula).toEqual({ kind: 'on-time-share', whenNoEvidence: 'manual' });
  });

  it('gives a version id of label plus content hash', () => {
    expect(rules.version.label).toBe('2026试行');
    expect(rules.version.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rules.version.id).toBe(`2026试行@${rules.version.hash.slice(0, 12)}`);
  });

  it('changes the hash when any rules file changes', () => {
    const dir = copyRules();
    expect(loadRules(dir).version.hash).toBe(rules.version.hash);
    edit(dir, 'holidays.yaml', 'overrides: []', 'overrides:\n  - { date: 2026-12-31, type: holiday, note: 测试 }');
    expect(loadRules(dir).version.hash).not.toBe(rules.version.hash);
  });
});

describe('rule file validation', () => {
  it('rejects points that do not sum to 100, naming file, line and key path', () => {
    const dir = copyRules();
    edit(dir, 'rubric.yaml', 'points: 30\n', 'points: 31\n');
    const msg = loadError(dir);
    expect(msg).toContain(join(dir, 'rubric.yaml'));
    expect(msg).toMatch(/rubric\.yaml:\d+:\d+ {2}categories\[1\]\.points：类别“公开内容”分值为 35，但各条目合计 36/);
  });

  it('rejects an unknown key and lists the allowed ones', () => {
    const dir = copyRules();
    edit(dir, 'columns.yaml', '    warnLeadDays: 3\n', '    warnLeadDays: 3\n    windw: 5\n');
    expect(loadError(dir)).toMatch(/columns\.yaml:\d+:5 {2}classes\[0\]\.windw：未知的键：windw。.*允许的键：name、window、warnLeadDays、patterns/);
  });

  it('explains the two ways to write a window and the formula kinds', () => {
    const dir = copyRules();
    edit(dir, 'columns.yaml', 'window: { days: 14 }', 'window: { weeks: 2 }');
    expect(loadError(dir)).toMatch(/columns\.yaml:\d+:13 {2}classes\[0\]\.window：更新时限应写成 \{ days: 天数 \} 或 \{ months: 月数 \}/);
    expect(loadError(copyRulesWith('rubric.yaml', 'kind: on-time-share\n          # 没有', 'kind: share\n          # 没有'))).toMatch(
      /rubric\.yaml:\d+:\d+ {2}categories\[3\]\.items\[0\]\.formula\.kind：取值文本“share”无效。可选值：deductions、on-time-share/,
    );
  });

  it('rejects overlapping grade bands', () => {
    const dir = copyRules();
    edit(dir, 'rubric.yaml', '{ grade: 良好, min: 75, below: 90 }', '{ grade: 良好, min: 75, below: 89 }');
    expect(loadError(dir)).toMatch(/grades\.bands\[1\]\.below：上限应等于上一等次的下限 90/);
  });

  it('rejects an override for a year the calendar does not cover', () => {
    const dir = copyRules();
    edit(dir, 'holidays.yaml', 'overrides: []', 'overrides:\n  - { date: 2031-01-02, type: holiday, note: 测试 }');
    expect(loadError(dir)).toMatch(/holidays\.yaml:\d+:\d+ {2}overrides\[0\]\.date：2031 年既不在 coveredYears 内/);
  });

  it('rejects a document class that columns.yaml does not define', () => {
    const dir = copyRulesWith('timeliness.yaml', 'documentClasses: [通知公告,', 'documentClasses: [通知公示,');
    expect(loadError(dir)).toMatch(/timeliness\.yaml：proactive\.documentClasses 中的类别“通知公示”不在 columns\.yaml 中/);
  });

  it('reads scoreDecimals, 2 when rubric.yaml leaves it out', () => {
    expect(rules.rubric.scoreDecimals).toBe(2);
    expect(loadRules(copyRulesWith('rubric.yaml', 'scoreDecimals: 2\n', '')).rubric.scoreDecimals).toBe(2);
  });

  it('refuses a scoreDecimals the rubric cannot keep: a 0.5 deduction with 0 decimals, or more than 4 places, with path and fix', () => {
    const zero = loadError(copyRulesWith('rubric.yaml', 'scoreDecimals: 2', 'scoreDecimals: 0'));
    expect(zero).toContain('rubric.yaml');
    expect(zero).toContain('categories[2].items[0].formula.deductions[3].points');
    expect(zero).toContain('请把 scoreDecimals 至少设为 1');
    expect(loadError(copyRulesWith('rubric.yaml', 'scoreDecimals: 2', 'scoreDecimals: 5'))).toContain('scoreDecimals 应为 0 到 4 的整数');
  });

  it('rejects a duplicate key in a rules file', () => {
    const dir = copyRules();
    edit(dir, 'timeliness.yaml', '  limitWorkdays: 20\n', '  limitWorkdays: 20\n  limitWorkdays: 15\n');
    expect(loadError(dir)).toMatch(/timeliness\.yaml:\d+:3 {2}proactive\.limitWorkdays：键重复/);
  });
});

describe('column classes', () => {
  it.each([
    ['工作动态', '动态要闻'],
    ['今日关注', '动态要闻'],
    ['通知公告', '通知公告'],
    ['行政规范性文件', '政策文件'],
    ['政策解读', '政策文件'],
    ['人事任免', '人事'],
    ['年度计划', '规划计划'],
    ['机构设置', '机构信息'],
    ['政府信息公开年报', '年报'],
    ['投资运行', '其他'],
  ])('guesses %s as %s', (name, cls) => {
    expect(guessColumnClass(rules, name)).toBe(cls);
  });

  it('trusts ColumnType meta over ColumnName meta over the plan name', () => {
    expect(guessColumnClass(rules, '工作动态', { columnType: '通知公告', columnName: '人事任免' })).toBe('通知公告');
    expect(guessColumnClass(rules, '工作动态', { columnType: '', columnName: '人事任免' })).toBe('人事');
    expect(guessColumnClass(rules, '工作动态', { columnType: '政府信息公开基础平台' })).toBe('动态要闻');
  });

  it('computes the last fresh day: a gap equal to the window is not stale', () => {
    expect(windowDeadline(rules, '动态要闻', '2026-03-01')).toBe('2026-03-15');
    expect(warnDay(rules, '动态要闻', '2026-03-01')).toBe('2026-03-12');
    expect(windowDeadline(rules, '通知公告', '2026-08-31')).toBe('2027-02-28');
    expect(warnDay(rules, '通知公告', '2026-08-31')).toBe('2027-01-29');
    expect(windowDeadline(rules, '人事', '2024-02-29')).toBe('2025-02-28');
    expect(windowDeadline(rules, '年报', '2026-01-01')).toBeNull();
    expect(warnDay(rules, '机构信息', '2026-01-01')).toBeNull();
  });

  it('refuses an unknown class', () => {
    expect(() => windowDeadline(rules, '不存在', '2026-01-01')).toThrow(/未知的栏目类别“不存在”/);
  });
});
