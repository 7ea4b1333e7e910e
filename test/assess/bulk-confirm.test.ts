import { describe, expect, it } from 'vitest';
import { Fixture } from './fixture.ts';
import { loadRules, rubricItems } from '../../src/config/rules.ts';
import { confirmSuggested } from '../../src/assess/bulk-confirm.ts';
import { recordDecision, scoreSheet } from '../../src/assess/sheet.ts';
import { upsertSuggestion } from '../../src/store/scores.ts';

const rules = loadRules();

describe('一键确认 of suggested automatic items', () => {
  it('confirms the undecided ones at their suggestion, leaves 定稿 sheets and decided items alone, and counts both', () => {
    const f = new Fixture();
    for (const u of ['a', 'b']) {
      f.unit(u);
      for (const it of rubricItems(rules)) {
        if (it.mode === 'auto') upsertSuggestion(f.db, { unitId: u, year: 2026, code: it.code, suggested: it.points - 1, basis: '', evidence: [], rulesVersion: 'v', asOf: '2026-11-20' });
      }
    }
    // Unit a: every item decided and the sheet finalised.
    for (const it of rubricItems(rules)) {
      recordDecision(f.db, { unitId: 'a', year: 2026, code: it.code, action: it.mode === 'auto' ? 'confirm' : 'manual', value: it.mode === 'auto' ? null : it.points, userId: null }, rules);
    }
    recordDecision(f.db, { unitId: 'a', year: 2026, action: 'finalize', userId: null }, rules);
    const auto = rubricItems(rules).filter((i) => i.mode === 'auto');
    recordDecision(f.db, { unitId: 'b', year: 2026, code: auto[0].code, action: 'override', value: 0, reason: '人工核定', userId: null }, rules);

    const out = confirmSuggested(f.db, ['a', 'b'], 2026, rules, '同意建议分', null);
    expect(out).toEqual({ confirmed: auto.length - 1, decided: 1, finalized: 1 });
    const b = scoreSheet(f.db, 'b', 2026, rules);
    expect(b.items.find((i) => i.code === auto[0].code)!.confirmed).toBe(0);
    for (const it of auto.slice(1)) expect(b.items.find((i) => i.code === it.code)).toMatchObject({ confirmed: it.points - 1, lastDecision: { action: 'confirm', reason: '同意建议分' } });
    expect(b.items.filter((i) => i.mode === 'manual').every((i) => i.confirmed === null)).toBe(true);
    expect((f.db.prepare("SELECT count(*) n FROM audit_log WHERE action = 'score.confirm-bulk' AND target = 'score:b:2026'").get() as { n: number }).n).toBe(auto.length - 1);
  });
});
