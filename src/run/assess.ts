import { runAssess as assessUnits, verifyRectifications, workdayCounter, type AssessOptions, type AssessSummary } from '../assess/index.ts';
import { InputError } from '../shared/errors.ts';
import { shanghaiDay } from '../shared/time.ts';
import type { RunContext } from './context.ts';

/**
 * Why an as-of day cannot be assessed, in Chinese; null when it can. Evidence reaches today at most, so a later
 * day would only invent an ending (every open 整改 逾期, every column 超期).
 */
export function futureAsOf(asOf: string, today = shanghaiDay()): string | null {
  return asOf > today ? `${asOf} 晚于今天（${today}，北京时间）：证据只到今天，不能按将来的日期评估。请改为今天或以前的日期，或不指定（按今天评估）。` : null;
}

/**
 * A day before today (Asia/Shanghai): its assessment is a view computed from the evidence gathered by then, and
 * changes nothing (DESIGN §6).
 */
export function isPastDay(asOf: string | undefined, today = shanghaiDay()): boolean {
  return asOf !== undefined && asOf < today;
}

/** The assessment of the run's plan as of a day (default today), the plan synced into the store first. */
export function assessOptions(run: RunContext, asOf?: string): AssessOptions {
  const refused = asOf === undefined ? null : futureAsOf(asOf);
  if (refused) throw new InputError(refused);
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
  /** False for a past day: the findings and suggestions were computed, not stored, and 整改 was not verified. */
  stored: boolean;
  /** Findings sent for 整改 that this assessment no longer finds are rectified; others past their deadline, overdue. */
  fixes: { rectified: number; overdue: number };
}

/**
 * Today's assessment (the default) recomputes and stores findings and suggested scores, then verifies 整改. A past
 * day's is only computed: what users decided and what the nightly assessment stored stay as they are. Shared by
 * `zwgk assess`, the scheduler and `zwgk demo`.
 */
export function runAssess(run: RunContext, asOf?: string): AssessRunResult {
  const opts = assessOptions(run, asOf);
  if (isPastDay(opts.asOf)) {
    return { opts, summary: assessUnits(run.db, opts, { readOnly: true }), stored: false, fixes: { rectified: 0, overdue: 0 } };
  }
  const summary = assessUnits(run.db, opts);
  return { opts, summary, stored: true, fixes: verifyRectifications(run.db, opts.asOf) };
}
