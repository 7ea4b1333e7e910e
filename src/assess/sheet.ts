import type { DB } from '../store/index.ts';
import { decisionsFor, insertDecision, suggestionsFor, unitExists, type Decision, type DecisionAction } from '../store/index.ts';
import { GRADES, rubricItems, type Grade, type Rules } from '../config/index.ts';
import { InputError } from '../shared/errors.ts';
import { nowIso } from '../shared/time.ts';
import { gradeFor } from './grade.ts';
import { formatScore, roundScore } from './score-format.ts';
import type { Suggested } from './scores.ts';

/** One unit's score sheet for a year: every rubric item (the 考核办法 has 12; DESIGN.md says 14) with suggestions, decisions, total and grade. */

export interface SheetItem {
  code: string;
  name: string;
  category: string;
  max: number;
  mode: 'auto' | 'manual';
  /** null: nothing to suggest (manual item, not yet assessed, or no evidence). */
  suggested: number | null;
  basis: string;
  evidence: number[];
  rulesVersion: string | null;
  /** The effective value from the latest confirm / override / manual decision; null while undecided. */
  confirmed: number | null;
  lastDecision: Decision | null;
  decisions: Decision[];
}

export interface ScoreSheet {
  unitId: string;
  year: number;
  items: SheetItem[];
  /** From the latest 'verdict' decision: '弄虚作假' in force, '无' once withdrawn; null when none was ever recorded. */
  verdict: string | null;
  /** True when the latest finalize is not followed by an unlock. */
  finalized: boolean;
  /** Sum of confirmed values; null while any item is unconfirmed (see confirmedSum / unconfirmed). */
  total: number | null;
  confirmedSum: number;
  unconfirmed: string[];
  /** Σ (confirmed ?? suggested ?? 0): what the sheet would total if the rest were accepted as suggested. */
  suggestedTotal: number;
  /** Points of the items with no value at all yet (neither decided nor suggested): manual entry still to come. */
  pendingPoints: number;
  /**
   * The grades still open, best first: suggestedTotal with the pending points anywhere from none to all. One
   * grade once nothing is pending or a 弄虚作假 verdict fixes it.
   */
  reachableGrades: Grade[];
  /** From the total (null while partial), except that a 弄虚作假 verdict makes it 不合格 regardless. */
  grade: Grade | null;
  /** The whole decision log of the sheet, oldest first (sheet-level acts included). */
  decisions: Decision[];
}

const ITEM_ACTIONS: readonly DecisionAction[] = ['confirm', 'override', 'manual'];
/**
 * A 'verdict' decision either records 弄虚作假 (第十四条) or, with 无, withdraws the one in force: two acts, each
 * with its own reason. The sheet's verdict is the latest one.
 */
export const VERDICTS = ['弄虚作假', '无'] as const;
export const FALSIFIED = VERDICTS[0];
export const WITHDRAWN = VERDICTS[1];

/**
 * `computed`: suggestions computed for another day (a past day's report) in place of the stored ones, so the sheet's
 * suggested total is that day's; the decisions are the users' either way.
 */
export function scoreSheet(db: DB, unitId: string, year: number, rules: Rules, computed?: readonly Suggested[]): ScoreSheet {
  const stored = computed ? computed.map((s) => ({ ...s, rulesVersion: rules.version.id })) : suggestionsFor(db, unitId, year);
  const suggestions = new Map(stored.map((s) => [s.code, s]));
  const decisions = decisionsFor(db, unitId, year);
  const items: SheetItem[] = rubricItems(rules).map((it) => {
    const s = suggestions.get(it.code);
    const mine = decisions.filter((d) => d.code === it.code && ITEM_ACTIONS.includes(d.action));
    const last = mine.length ? mine[mine.length - 1] : null;
    const basis =
      s?.basis ?? (it.mode === 'manual' ? '人工评分项：由考核人员根据材料评分。' : '尚未评估：请先运行 zwgk assess 计算建议分。');
    return {
      code: it.code,
      name: it.text,
      category: it.category,
      max: it.points,
      mode: it.mode,
      suggested: s?.suggested == null ? null : roundScore(rules, s.suggested),
      basis,
      evidence: s?.evidence ?? [],
      rulesVersion: s?.rulesVersion ?? null,
      confirmed: last?.value == null ? null : roundScore(rules, last.value),
      lastDecision: last,
      decisions: mine,
    };
  });
  const verdicts = decisions.filter((d) => d.action === 'verdict');
  const verdict = verdicts.length ? verdicts[verdicts.length - 1].verdict : null;
  const locks = decisions.filter((d) => d.action === 'finalize' || d.action === 'unlock');
  const finalized = locks.length > 0 && locks[locks.length - 1].action === 'finalize';
  const unconfirmed = items.filter((i) => i.confirmed === null).map((i) => i.code);
  const confirmedSum = roundScore(rules, items.reduce((s, i) => s + (i.confirmed ?? 0), 0));
  const suggestedTotal = roundScore(rules, items.reduce((s, i) => s + (i.confirmed ?? i.suggested ?? 0), 0));
  const pendingPoints = roundScore(rules, items.reduce((s, i) => s + (i.confirmed === null && i.suggested === null ? i.max : 0), 0));
  const total = unconfirmed.length ? null : confirmedSum;
  const fraud = verdict === FALSIFIED;
  const grade = total === null ? (fraud ? gradeFor(rules, 0, true) : null) : gradeFor(rules, total, fraud);
  const best = gradeFor(rules, roundScore(rules, suggestedTotal + pendingPoints), fraud);
  const worst = gradeFor(rules, suggestedTotal, fraud);
  const reachableGrades = GRADES.slice(GRADES.indexOf(best), GRADES.indexOf(worst) + 1);
  return { unitId, year, items, verdict, finalized, total, confirmedSum, unconfirmed, suggestedTotal, pendingPoints, reachableGrades, grade, decisions };
}

/** A sheet's result as every output shows it (总览, unit page, 评分表, 结果, 通报). */
export interface Standing {
  /** The total; while an item is undecided, the points scored so far instead (已评 48.5 / 55 分, or 尚未评分). */
  score: string;
  /** While an item is undecided, what is still open (45 分待录入, or 3 项待确认); null once every item is decided. */
  open: string | null;
  /** Settled grades only: every item decided, or a 弄虚作假 verdict (不合格 whatever the score); else null. */
  grade: Grade | null;
  /** While the grade is open: the grades the open points still allow, worst to best (不合格～良好), never one guess. */
  possible: string | null;
  /** A 弄虚作假 verdict is in force: the grade is 第十四条's, and outputs mark it. */
  falsified: boolean;
}

export function standing(rules: Rules, sheet: ScoreSheet): Standing {
  const falsified = sheet.verdict === FALSIFIED;
  if (sheet.total !== null) return { score: formatScore(rules, sheet.total), open: null, grade: sheet.grade, possible: null, falsified };
  const max = sheet.items.reduce((s, i) => s + i.max, 0);
  const g = sheet.reachableGrades;
  return {
    score: max > sheet.pendingPoints ? `已评 ${formatScore(rules, sheet.suggestedTotal)} / ${formatScore(rules, max - sheet.pendingPoints)} 分` : '尚未评分',
    open: sheet.pendingPoints > 0 ? `${formatScore(rules, sheet.pendingPoints)} 分待录入` : `${sheet.unconfirmed.length} 项待确认`,
    grade: sheet.grade,
    possible: sheet.grade ? null : g.length > 1 ? `${g[g.length - 1]}～${g[0]}` : g[0],
    falsified,
  };
}

/** A standing's score in one line, as the printed 通报 gives it: 已评 48.5 / 55 分，45 分待录入. */
export const standingText = (s: Standing): string => (s.open ? `${s.score}，${s.open}` : s.score);

export interface DecisionInput {
  unitId: string;
  year: number;
  /** Rubric item code for confirm / override / manual; omitted for verdict / finalize / unlock. */
  code?: string | null;
  action: DecisionAction;
  value?: number | null;
  verdict?: string | null;
  reason?: string | null;
  userId: number | null;
}

/**
 * Validates and appends one assessor decision. Role checks are the caller's; the lock is enforced here:
 * a finalized sheet refuses everything but an unlock. Bad input throws InputError (Chinese).
 */
export function recordDecision(db: DB, input: DecisionInput, rules: Rules): Decision {
  return db.transaction((): Decision => {
    const { unitId, year, action } = input;
    if (!unitExists(db, unitId)) throw new InputError(`没有编号为“${unitId}”的单位。`);
    const sheet = scoreSheet(db, unitId, year, rules);
    const reason = input.reason?.trim() || null;
    const code = input.code ?? null;
    let value: number | null = null;
    let verdict: string | null = null;
    if (sheet.finalized && action !== 'unlock') throw new InputError(`${year} 年度评分表已定稿锁定，须由管理员解锁后才能修改。`);
    if (ITEM_ACTIONS.includes(action)) {
      const item = sheet.items.find((i) => i.code === code);
      if (!item) throw new InputError(`考核细则中没有编码为“${code ?? ''}”的条目。`);
      if (action === 'confirm') {
        if (item.suggested === null) throw new InputError(`“${item.code}”没有建议分，无法确认；请用人工评分录入分值。`);
        value = item.suggested;
      } else {
        if (action === 'override' && item.suggested === null) throw new InputError(`“${item.code}”没有建议分可改；请用人工评分录入分值。`);
        if (action === 'manual' && item.suggested !== null) throw new InputError(`“${item.code}”已有建议分；如不同意请用“调整”并写明理由。`);
        if (action === 'override' && !reason) throw new InputError(`调整“${item.code}”的建议分须写明理由。`);
        const v = input.value;
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > item.max) {
          throw new InputError(`“${item.code}”的分值应在 0 到 ${item.max} 之间。`);
        }
        if (roundScore(rules, v) !== v) throw new InputError(`“${item.code}”的分值最多保留 ${rules.rubric.scoreDecimals} 位小数。`);
        value = v;
      }
    } else {
      if (code !== null) throw new InputError(`“${action}”是针对整张评分表的操作，不应指定条目。`);
      if (action === 'verdict') {
        verdict = input.verdict ?? null;
        if (verdict === FALSIFIED) {
          if (sheet.verdict === FALSIFIED) throw new InputError('已认定弄虚作假。如需更改理由，请先撤销认定，再重新认定。');
          if (!reason) throw new InputError('认定弄虚作假须写明理由和依据。');
        } else if (verdict === WITHDRAWN) {
          if (sheet.verdict !== FALSIFIED) throw new InputError('没有生效的弄虚作假认定，无需撤销。');
          if (!reason) throw new InputError('撤销弄虚作假认定须写明理由。');
        } else {
          throw new InputError(`认定结果应为“${FALSIFIED}”或“${WITHDRAWN}”（撤销认定）。`);
        }
      } else if (action === 'finalize') {
        if (sheet.unconfirmed.length) throw new InputError(`还有 ${sheet.unconfirmed.length} 个条目未确认（${sheet.unconfirmed.join('、')}），不能定稿。`);
      } else if (action === 'unlock') {
        if (!sheet.finalized) throw new InputError('评分表未定稿，无需解锁。');
        if (!reason) throw new InputError('解锁已定稿的评分表须写明理由。');
      } else {
        throw new InputError(`未知的操作“${String(action)}”。`);
      }
    }
    const d = { unitId, year, code, action, value, verdict, reason, userId: input.userId, at: nowIso() };
    return { id: insertDecision(db, d), ...d };
  }).immediate();
}
