import { runAssess as assessUnits, verifyRectifications, workdayCounter, type AssessOptions, type AssessSummary } from '../assess/index.ts';
import { shanghaiDay } from '../shared/time.ts';
import type { RunContext } from './context.ts';

/** The assessment of the run's plan as of a day (default today), the plan synced into the store first. */
export function assessOptions(run: RunContext, asOf?: string): AssessOptions {
  run.syncPlan();
  const { rules, plan } = run;
  return {
    rules,
    year: plan.year,
    period: plan.period,
    asOf: asOf ?? shanghaiDay(),
    countWorkdays: workdayCounter(rules),
    unitIds: plan.units.map((u) => u.id),
  };
}

export interface AssessRunResult {
  opts: AssessOptions;
  summary: AssessSummary;
  /** Findings sent for 整改 that this assessment no longer finds are rectified; others past their deadline, overdue. */
  fixes: { rectified: number; overdue: number };
}

/** Recomputes and stores findings and suggested scores, then verifies 整改. Shared by `zwgk assess`, the scheduler and `zwgk demo`. */
export function runAssess(run: RunContext, asOf?: string): AssessRunResult {
  const opts = assessOptions(run, asOf);
  const summary = assessUnits(run.db, opts);
  return { opts, summary, fixes: verifyRectifications(run.db, opts.asOf) };
}
