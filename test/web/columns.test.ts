import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/rules.ts';
import { getColumn } from '../../src/store/columns.ts';
import { columnState } from '../../src/web/columns.ts';
import { failingAndCutColumns, Fixture } from '../assess/fixture.ts';

const rules = loadRules();
const period = { from: '2026-01-01', to: '2026-12-31' };

describe("the dashboard's column state", () => {
  it('counts only visits that concluded: one the auditor cut short is no evidence either way', () => {
    const fx = new Fixture();
    const { failing, cut } = failingAndCutColumns(fx);
    const state = (id: number) => columnState(fx.db, rules, period, getColumn(fx.db, id)!).fresh.status;
    expect(state(failing)).toBe('unreachable');
    // The same nights as the assess stage reads them (test/assess/run.test.ts): not inspected, not unreachable.
    expect(state(cut)).toBeNull();
  });
});
