import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../shared/errors.ts';
import { addDays, addMonths } from '../shared/time.ts';
import { loadYamlWith, readUtf8 } from './yaml-errors.ts';
import {
  ColumnsSchema,
  HolidaysSchema,
  RubricSchema,
  TimelinessSchema,
  type ColumnClassRule,
  type ColumnRules,
  type HolidayRules,
  type Rubric,
  type RubricItem,
  type Timeliness,
} from './rules-schema.ts';

export * from './rules-schema.ts';

/** The repository's rules/ directory (the shipped defaults). */
export const DEFAULT_RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../rules');

export interface RulesVersion {
  /** human label from rubric.yaml, e.g. 2026试行 */
  label: string;
  /** sha256 (hex) over the four files' contents */
  hash: string;
  /** `${label}@${hash.slice(0, 12)}`: recorded with every result computed from these rules */
  id: string;
}

export interface Rules {
  version: RulesVersion;
  dir: string;
  rubric: Rubric;
  columns: ColumnRules;
  timeliness: Timeliness;
  holidays: HolidayRules;
}

const FILES = ['rubric.yaml', 'columns.yaml', 'timeliness.yaml', 'holidays.yaml'] as const;

function read(dir: string, name: string): { file: string; text: string } {
  const file = join(dir, name);
  if (!existsSync(file)) throw new InputError(`找不到规则文件 ${file}。规则目录须包含 ${FILES.join('、')}`);
  return { file, text: readUtf8(file, '规则文件') };
}

/** Loads and validates rules/*.yaml; any problem is an InputError naming file:line:col, key path and fix. */
export function loadRules(dir: string = DEFAULT_RULES_DIR): Rules {
  const abs = resolve(dir);
  const [rubricF, columnsF, timelinessF, holidaysF] = FILES.map((f) => read(abs, f));
  const rubric = loadYamlWith(rubricF.file, rubricF.text, RubricSchema, '规则文件').data;
  const columns = loadYamlWith(columnsF.file, columnsF.text, ColumnsSchema, '规则文件').data;
  const timeliness = loadYamlWith(timelinessF.file, timelinessF.text, TimelinessSchema, '规则文件').data;
  const holidays = loadYamlWith(holidaysF.file, holidaysF.text, HolidaysSchema, '规则文件').data;
  const classes = columns.classes.map((c) => c.name);
  const unknown = timeliness.proactive.documentClasses.filter((c) => !classes.includes(c));
  if (unknown.length) {
    throw new InputError(`规则文件 ${timelinessF.file}：proactive.documentClasses 中的类别“${unknown.join('、')}”不在 columns.yaml 中。可选：${classes.join('、')}`);
  }
  const h = createHash('sha256');
  for (const [i, f] of [rubricF, columnsF, timelinessF, holidaysF].entries()) h.update(`${FILES[i]}\0${f.text}\0`);
  const hash = h.digest('hex');
  return { version: { label: rubric.label, hash, id: `${rubric.label}@${hash.slice(0, 12)}` }, dir: abs, rubric, columns, timeliness, holidays };
}

/** Every rubric item in order, with its category name. */
export function rubricItems(rules: Rules): Array<RubricItem & { category: string }> {
  return rules.rubric.categories.flatMap((c) => c.items.map((it) => ({ ...it, category: c.name })));
}

export function rubricItem(rules: Rules, code: string): RubricItem {
  const it = rubricItems(rules).find((i) => i.code === code);
  if (!it) throw new Error(`考核细则中没有编码为“${code}”的条目`);
  return it;
}

export function classNames(rules: Rules): string[] {
  return rules.columns.classes.map((c) => c.name);
}

export function columnClass(rules: Rules, className: string): ColumnClassRule {
  const c = rules.columns.classes.find((k) => k.name === className);
  if (!c) throw new InputError(`未知的栏目类别“${className}”。可选：${classNames(rules).join('、')}（见 rules/columns.yaml）`);
  return c;
}

function bestMatch(rules: Rules, source: string): string | undefined {
  let best: { name: string; len: number } | undefined;
  for (const c of rules.columns.classes) {
    for (const p of c.patterns) {
      if (source.includes(p) && (!best || p.length > best.len)) best = { name: c.name, len: p.length };
    }
  }
  return best?.name;
}

/**
 * Guesses a column's class from, in order of trust, its ColumnType meta, its ColumnName meta and the
 * plan's name; within one source the longest matching pattern wins, ties going to the earlier class.
 */
export function guessColumnClass(rules: Rules, name: string, meta?: { columnType?: string; columnName?: string }): string {
  for (const source of [meta?.columnType, meta?.columnName, name]) {
    const s = source?.trim();
    if (!s) continue;
    const hit = bestMatch(rules, s);
    if (hit) return hit;
  }
  return rules.columns.default;
}

/** A plan column's class as the store keeps it: the plan's own, else the guess from its name. */
export interface DecidedClass {
  class: string;
  source: 'plan' | 'guessed';
}

/** Decides each plan column's class, for syncing the plan into the store. */
export function columnClassifier(rules: Rules): (column: { name: string; class?: string }) => DecidedClass {
  return (column) => (column.class ? { class: column.class, source: 'plan' } : { class: guessColumnClass(rules, column.name), source: 'guessed' });
}

/**
 * The last day a column whose newest item is dated latestDay is still fresh (a gap exactly equal to the
 * window is not stale; it is stale from the next day). Months are calendar months, clamped to month end.
 * null for classes without a window.
 */
export function windowDeadline(rules: Rules, className: string, latestDay: string): string | null {
  const w = columnClass(rules, className).window;
  if (!w) return null;
  return 'days' in w ? addDays(latestDay, w.days) : addMonths(latestDay, w.months);
}

/** The day early warnings start: the deadline minus the class's lead time; null without a window. */
export function warnDay(rules: Rules, className: string, latestDay: string): string | null {
  const deadline = windowDeadline(rules, className, latestDay);
  if (deadline === null) return null;
  return addDays(deadline, -(columnClass(rules, className).warnLeadDays ?? 0));
}
