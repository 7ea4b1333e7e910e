import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeFor } from '../../src/assess/grade.ts';
import { DEFAULT_RULES_DIR, loadRules } from '../../src/config/rules.ts';

const rules = loadRules();

describe('gradeFor (第八条 bands)', () => {
  it.each([
    [100, '优秀'],
    [90, '优秀'],
    [89.5, '良好'],
    [75, '良好'],
    [74.5, '合格'],
    [60, '合格'],
    [59.5, '不合格'],
    [0, '不合格'],
  ] as const)('%s points → %s', (total, grade) => {
    expect(gradeFor(rules, total, false)).toBe(grade);
  });

  it('makes a confirmed 弄虚作假 verdict 不合格 whatever the score (第十四条)', () => {
    expect(gradeFor(rules, 100, true)).toBe('不合格');
    expect(gradeFor(rules, 90, true)).toBe('不合格');
    expect(gradeFor(rules, 60, true)).toBe('不合格');
  });

  it('reads the boundaries from rules/rubric.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-grade-'));
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    const file = join(dir, 'rubric.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{ grade: 优秀, min: 90 }', '{ grade: 优秀, min: 95 }').replace('{ grade: 良好, min: 75, below: 90 }', '{ grade: 良好, min: 75, below: 95 }'));
    const custom = loadRules(dir);
    expect(gradeFor(custom, 94.5, false)).toBe('良好');
    expect(gradeFor(custom, 95, false)).toBe('优秀');
  });

  it('refuses a total that is not a number', () => {
    expect(() => gradeFor(rules, Number.NaN, false)).toThrow(/不是有效数字/);
  });
});
