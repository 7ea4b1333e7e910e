import { loadPlan } from '../../config/plan.ts';
import { loadRules, type Rules } from '../../config/rules.ts';
import { shanghaiDay } from '../../shared/time.ts';
import { syncPlan } from '../../store/plans.ts';
import { workdayCounter, type AssessOptions } from '../../assess/index.ts';
import type { CliContext } from '../context.ts';

/** What `assess` and `report` share: rules, the plan synced into the store, the as-of day. */
export function assessSetup(ctx: CliContext, planFile: string, asOf?: string): { rules: Rules; opts: AssessOptions; period: { from: string; to: string } } {
  const rules = loadRules();
  const loaded = loadPlan(planFile, rules);
  const db = ctx.db();
  syncPlan(db, loaded, rules);
  const { plan } = loaded;
  const opts: AssessOptions = {
    rules,
    year: plan.year,
    period: plan.period,
    asOf: asOf ?? shanghaiDay(),
    countWorkdays: workdayCounter(rules),
    unitIds: plan.units.map((u) => u.id),
  };
  return { rules, opts, period: plan.period };
}
