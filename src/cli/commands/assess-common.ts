import { loadPlan } from '../../config/index.ts';
import { columnClassifier, loadRules, type Rules } from '../../config/index.ts';
import { shanghaiDay } from '../../shared/time.ts';
import { syncPlan } from '../../store/index.ts';
import { workdayCounter, type AssessOptions } from '../../assess/index.ts';
import type { CliContext } from '../context.ts';
import type { DB } from '../../store/index.ts';

/** What `assess` and `report` share: rules, the plan synced into the store, the as-of day. */
export function assessSetup(ctx: CliContext, planFile: string, asOf?: string): { rules: Rules; opts: AssessOptions; period: { from: string; to: string } } {
  const opts = assessOptions(ctx.db(), planFile, asOf);
  return { rules: opts.rules, opts, period: opts.period };
}

/** The assessment options for a plan file (synced into the store first); also used by the scheduler. */
export function assessOptions(db: DB, planFile: string, asOf?: string): AssessOptions {
  const rules = loadRules();
  const loaded = loadPlan(planFile, rules);
  syncPlan(db, loaded, columnClassifier(rules));
  const { plan } = loaded;
  return {
    rules,
    year: plan.year,
    period: plan.period,
    asOf: asOf ?? shanghaiDay(),
    countWorkdays: workdayCounter(rules),
    unitIds: plan.units.map((u) => u.id),
  };
}
