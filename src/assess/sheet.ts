import type { DB } from '../store/index.ts';
import { decisionsFor, insertDecision, suggestionsFor, unitExists, type Decision, type DecisionAction } from '../store/index.ts';
import { rubricItems, type Grade, type Rules } from '../config/index.ts';
import { InputError } from '../shared/errors.ts';
import { nowIso } from '../shared/time.ts';
import { gradeFor } from './grade.ts';
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
  /** From the latest 'verdict' decision: '弄虚作假' | '无'; null when none was recorded. */
  verdict: string | null;
  /** True when the latest finalize is not followed by an unlock. */
  finalized: boolean;
  /** Sum of confirmed values; null while any item is unconfirmed (see confirmedSum / unconfirmed). */
  total: number | null;
  confirmedSum: number;
  unconfirmed: string[];
  /** Σ (confirmed ?? suggested ?? 0): what the sheet would total if the rest were accepted as suggested. */
  suggestedTotal: number;
  /** From the total (null while partial), except that a 弄虚作假 verdict makes it 不合格 regardless. */
  grade: Grade | null;
  /** The whole decision log of the sheet, oldest first (sheet-level acts included). */
  decisions: Decision[];
}

const ITEM_ACTIONS: readonly DecisionAction[] = ['confirm', 'override', 'manual'];
export const VERDICTS = ['弄虚作假', '无'] as const;

const round2 = (n: number): number => Math.round(n * 100) / 100;

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
      suggested: s?.suggested ?? null,
      basis,
      evidence: s?.evidence ?? [],
      rulesVersion: s?.rulesVersion ?? null,
      confirmed: last?.value ?? null,
      lastDecision: last,
      decisions: mine,
    };
  });
  const verdicts = decisions.filter((d) => d.action === 'verdict');
  const verdict = verdicts.length ? verdicts[verdicts.length - 1].verdict : null;
  const locks = decisions.filter((d) => d.action === 'finalize' || d.action === 'unlock');
  const finalized = locks.length > 0 && locks[locks.length - 1].action === 'finalize';
  const unconfirmed = items.filter((i) => i.confirmed === null).map((i) => i.code);
  const confirmedSum = round2(items.reduce((s, i) => s + (i.confirmed ?? 0), 0));
  const suggestedTotal = round2(items.reduce((s, i) => s + (i.confirmed ?? i.suggested ?? 0), 0));
  const total = unconfirmed.length ? null : confirmedSum;
  const fraud = verdict === '弄虚作假';
  const grade = total === null ? (fraud ? gradeFor(rules, 0, true) : null) : gradeFor(rules, total, fraud);
  return { unitId, year, items, verdict, finalized, total, confirmedSum, unconfirmed, suggestedTotal, grade, decisions };
}

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
        value = v;
      }
    } else {
      if (code !== null) throw new InputError(`“${action}”是针对整张评分表的操作，不应指定条目。`);
      if (action === 'verdict') {
        verdict = input.verdict ?? null;
        if (!VERDICTS.includes(verdict as (typeof VERDICTS)[number])) throw new InputError(`认定结果应为“弄虚作假”或“无”。`);
        if (verdict === '弄虚作假' && !reason) throw new InputError('认定弄虚作假须写明理由和依据。');
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
