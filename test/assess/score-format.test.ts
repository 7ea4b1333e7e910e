import { describe, expect, it } from 'vitest';
import { loadRules, type Rules } from '../../src/config/rules.ts';
import { formatScore, roundScore } from '../../src/assess/score-format.ts';
import { recordDecision, scoreSheet } from '../../src/assess/sheet.ts';
import { suggestScores, type ScoreFacts } from '../../src/assess/scores.ts';
import { upsertSuggestion } from '../../src/store/scores.ts';
import { Fixture } from './fixture.ts';

const rules = loadRules();
const withDecimals = (n: number): Rules => ({ ...rules, rubric: { ...rules.rubric, scoreDecimals: n } });

describe('the rounding rule of rules/rubric.yaml', () => {
  it('ships with two decimals, the finest the rubric needs (10 × 2 / 3 = 6.67)', () => {
    expect(rules.rubric.scoreDecimals).toBe(2);
    expect(roundScore(rules, (10 * 2) / 3)).toBe(6.67);
  });

  it('rounds half away from zero at the set places, as the figure is written (1.005 → 1.01), never to −0', () => {
    expect(roundScore(rules, 7.414)).toBe(7.41);
    expect(roundScore(rules, 7.415)).toBe(7.42);
    expect(roundScore(rules, 1.005)).toBe(1.01);
    expect(roundScore(rules, 0.1 + 0.2)).toBe(0.3);
    expect(roundScore(rules, -2.345)).toBe(-2.35);
    expect(Object.is(roundScore(rules, -0.001), 0)).toBe(true);
    const one = withDecimals(1);
    expect(roundScore(one, (10 * 2) / 3)).toBe(6.7);
    expect(roundScore(one, 0.25)).toBe(0.3);
    expect(roundScore(withDecimals(0), 87.5)).toBe(88);
  });

  it('prints a score the way JSON, CSV and xlsx show the number: no trailing zeros, a true minus, — for none', () => {
    expect([25, 7.5, 7.41, 7.414, 90.405, -2, null, undefined].map((n) => formatScore(rules, n))).toEqual(['25', '7.5', '7.41', '7.41', '90.41', '−2', '—', '—']);
    expect(formatScore(withDecimals(1), 7.41)).toBe('7.4');
  });
});

describe('scores are kept as the rule rounds them', () => {
  const facts = (onTime: number, late: number): ScoreFacts => ({
    asOf: '2026-12-31',
    columns: [{ name: '工作动态', evidenced: true }],
    findings: [],
    dismissed: 0,
    itemsInPeriod: onTime + late,
    proactive: { onTime, late, noDocument: 0, beforeDocument: 0, lateEvidence: [] },
    proactiveLimit: 20,
    register: null,
    channels: [],
  });

  it('a suggested share and its basis carry the same figure', () => {
    for (const [r, want] of [[rules, '6.67'], [withDecimals(1), '6.7']] as const) {
      const s = suggestScores(r, facts(2, 1), () => '')!.find((x) => x.code === '公开时限-1')!;
      expect(String(s.suggested)).toBe(want);
      expect(s.basis).toContain(`10 × 2 / 3 = ${want}`);
    }
  });

  it('the sheet shows a stored figure finer than the rule rounded, and its totals from the rounded figures', () => {
    const fx = new Fixture();
    fx.unit('xc');
    upsertSuggestion(fx.db, { unitId: 'xc', year: 2026, code: '公开时限-1', suggested: 7.4149, basis: '旧版本算出的建议分', evidence: [], rulesVersion: 'old', asOf: '2026-12-31' });
    const sheet = scoreSheet(fx.db, 'xc', 2026, rules);
    expect(sheet.items.find((i) => i.code === '公开时限-1')!.suggested).toBe(7.41);
    expect(sheet.suggestedTotal).toBe(7.41);
    recordDecision(fx.db, { unitId: 'xc', year: 2026, code: '公开时限-1', action: 'confirm', userId: null }, rules);
    expect(scoreSheet(fx.db, 'xc', 2026, rules).items.find((i) => i.code === '公开时限-1')!.confirmed).toBe(7.41);
  });

  it('an entered value may not be finer than the rule: refused in Chinese, nothing recorded', () => {
    const fx = new Fixture();
    fx.unit('xc');
    const enter = (value: number, r: Rules) => recordDecision(fx.db, { unitId: 'xc', year: 2026, code: '公开效果-1', action: 'manual', value, userId: null }, r);
    expect(() => enter(4.555, rules)).toThrow('“公开效果-1”的分值最多保留 2 位小数。');
    expect(() => enter(4.55, withDecimals(1))).toThrow('最多保留 1 位小数');
    expect(fx.db.prepare('SELECT count(*) n FROM score_decisions').get()).toEqual({ n: 0 });
    expect(enter(4.55, rules).value).toBe(4.55);
  });
});
