import { columnClassifier, loadPlan, loadRules, type LoadedPlan, type Plan, type Rules, type Settings } from '../config/index.ts';
import { syncPlan, type DB } from '../store/index.ts';

/** The rules and a plan file, read and validated; bad input throws an InputError (exit 2). */
export interface RunInput {
  rules: Rules;
  loaded: LoadedPlan;
}

export function loadRunInput(planPath: string): RunInput {
  const rules = loadRules();
  return { rules, loaded: loadPlan(planPath, rules) };
}

/**
 * What one job works over (a night's crawl, assessment and warnings, or one CLI command): the rules and the
 * plan are read once when it opens and passed down to every step.
 */
export interface RunContext {
  readonly db: DB;
  readonly rules: Rules;
  readonly plan: Plan;
  /** Given by callers that have read them already; a step that needs them reads them itself otherwise. */
  readonly settings?: Settings;
  /**
   * Writes the plan into the store the first time a step needs it there and returns its id: a night syncs
   * it once, after the crawl has checked its snapshot directory, and a dry run, which changes nothing, never.
   */
  syncPlan(): number;
}

/** `plan`: a plan file's path, or its input already read (the CLI reads it before taking the job lock). */
export function openRun(db: DB, plan: string | RunInput, settings?: Settings): RunContext {
  const { rules, loaded } = typeof plan === 'string' ? loadRunInput(plan) : plan;
  let planId: number | undefined;
  return {
    db,
    rules,
    plan: loaded.plan,
    settings,
    syncPlan: () => (planId ??= syncPlan(db, loaded, columnClassifier(rules)).planId),
  };
}
