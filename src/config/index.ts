// The config stage's public API: other stages import from here only (DESIGN §3).
export { CRAWL_DEFAULTS, UNIT_KINDS, loadPlan, planFromObject, type LoadedPlan, type Plan, type PlanColumn, type PlanInput, type PlanUnit } from './plan.ts';
export { GRADES, classNames, columnClass, columnClassifier, guessColumnClass, loadRules, rubricItems, warnDay, windowDeadline, type ColumnClassRule, type DecidedClass, type Formula, type Grade, type Rules } from './rules.ts';
export { loadSettings, TongbaoSettingsSchema, type Settings, type TongbaoSettings } from './settings.ts';
