import { z } from 'zod';
import { isIsoDay } from '../shared/time.ts';
import { strictObject } from './yaml-errors.ts';

/** Schemas of the four rules/*.yaml files: the assessment policy as data. */

export const GRADES = ['优秀', '良好', '合格', '不合格'] as const;
export type Grade = (typeof GRADES)[number];

export const CATEGORIES = ['组织领导', '公开内容', '公开形式', '公开时限', '公开效果'] as const;

export const EVIDENCE = [
  'stale-episodes',
  'blank-columns',
  'unreachable-columns',
  'blocked-columns',
  'dead-links',
  'items-in-period',
  'item-latency',
  'application-register',
  'channel-reachability',
  'self-inspection-report',
] as const;

export const DEDUCTION_SUBJECTS = ['stale-episode', 'blank-column', 'unreachable-column', 'blocked-column', 'dead-link'] as const;

const points = z.number().positive('分值应大于 0');
const text = z.string().trim().min(1);

const Deduction = strictObject({
  per: z.enum(DEDUCTION_SUBJECTS),
  points,
  /** Total deducted for this subject never exceeds cap. */
  cap: points.optional(),
  /** unreachable-column only: unreachable on this many consecutive nightly visits. */
  consecutiveNights: z.number().int().min(1).optional(),
}).refine((d) => d.consecutiveNights === undefined || d.per === 'unreachable-column', {
  message: 'consecutiveNights 只适用于 per: unreachable-column。请删除此项或改正 per',
  path: ['consecutiveNights'],
});

const Formula = z.discriminatedUnion('kind', [
  /** max − Σ deductions, never below floor. */
  strictObject({ kind: z.literal('deductions'), deductions: z.array(Deduction).min(1), floor: z.number().min(0) }),
  /** max × on-time share of evaluable cases; without any evaluable case the item is left to the assessor. */
  strictObject({ kind: z.literal('on-time-share'), whenNoEvidence: z.literal('manual') }),
]);

const Item = strictObject({
  code: z.string().regex(/^(组织领导|公开内容|公开形式|公开时限|公开效果)-\d+$/, '编码应写成“类别-序号”，例如 公开内容-1'),
  text,
  points,
  mode: z.enum(['auto', 'manual']),
  evidence: z.array(z.enum(EVIDENCE)).optional(),
  formula: Formula.optional(),
}).superRefine((it, ctx) => {
  if (it.mode === 'auto' && !it.formula) ctx.addIssue({ code: 'custom', path: ['formula'], message: 'mode 为 auto 的条目必须给出 formula。请补上计算公式，或改为 manual' });
  if (it.mode === 'manual' && it.formula) ctx.addIssue({ code: 'custom', path: ['formula'], message: 'mode 为 manual 的条目不应有 formula。请删除 formula，或改为 auto' });
  if (it.mode === 'auto' && !it.evidence?.length) ctx.addIssue({ code: 'custom', path: ['evidence'], message: '自动评分条目须列出所用证据 evidence' });
});

const Band = strictObject({
  grade: z.enum(GRADES),
  /** inclusive lower bound */
  min: z.number().optional(),
  /** exclusive upper bound */
  below: z.number().optional(),
});

/** Decimal places written in a number as given (0.5 → 1); the rubric's own figures must fit its scoreDecimals. */
const decimalsOf = (n: number): number => (String(n).split('.')[1] ?? '').length;

export const RubricSchema = strictObject({
  label: z.string().regex(/^[^\s@]+$/, '版本标签不能含空格或 @。例如 2026试行'),
  title: text,
  /** Decimal places every score is rounded to, stored with and printed with (absent: 2). */
  scoreDecimals: z.number().int('scoreDecimals 应为 0 到 4 的整数，例如 2').min(0, 'scoreDecimals 应为 0 到 4 的整数，例如 2').max(4, 'scoreDecimals 应为 0 到 4 的整数，例如 2').default(2),
  categories: z
    .array(strictObject({ name: z.enum(CATEGORIES), points, items: z.array(Item).min(1) }))
    .length(CATEGORIES.length, '应恰好有五个类别：组织领导、公开内容、公开形式、公开时限、公开效果'),
  grades: strictObject({
    basis: text,
    bands: z.array(Band).length(GRADES.length, '应恰好有四个等次：优秀、良好、合格、不合格'),
    override: strictObject({ verdict: z.literal('弄虚作假'), grade: z.literal('不合格'), basis: text }),
  }),
}).superRefine((r, ctx) => {
  let total = 0;
  const codes = new Set<string>();
  r.categories.forEach((c, ci) => {
    if (c.name !== CATEGORIES[ci]) ctx.addIssue({ code: 'custom', path: ['categories', ci, 'name'], message: `第 ${ci + 1} 个类别应为“${CATEGORIES[ci]}”（按考核办法第七条的顺序）` });
    const sum = c.items.reduce((s, it) => s + it.points, 0);
    if (sum !== c.points) ctx.addIssue({ code: 'custom', path: ['categories', ci, 'points'], message: `类别“${c.name}”分值为 ${c.points}，但各条目合计 ${sum}。请使两者一致` });
    total += c.points;
    c.items.forEach((it, ii) => {
      const expected = `${c.name}-${ii + 1}`;
      if (it.code !== expected) ctx.addIssue({ code: 'custom', path: ['categories', ci, 'items', ii, 'code'], message: `编码应为“${expected}”（类别名-从 1 起的序号）` });
      if (codes.has(it.code)) ctx.addIssue({ code: 'custom', path: ['categories', ci, 'items', ii, 'code'], message: `编码“${it.code}”重复` });
      codes.add(it.code);
    });
  });
  if (total !== 100) ctx.addIssue({ code: 'custom', path: ['categories'], message: `各类别分值合计应为 100，现为 ${total}。请调整分值` });
  // A figure finer than scoreDecimals could never show as written: 0.5-point deductions need at least one decimal.
  const fits = (n: number | undefined, path: (string | number)[]) => {
    if (n !== undefined && decimalsOf(n) > r.scoreDecimals) {
      ctx.addIssue({ code: 'custom', path, message: `${n} 有 ${decimalsOf(n)} 位小数，而 scoreDecimals 为 ${r.scoreDecimals}。请把 scoreDecimals 至少设为 ${decimalsOf(n)}，或改正此数` });
    }
  };
  r.categories.forEach((c, ci) =>
    c.items.forEach((it, ii) => {
      const at = ['categories', ci, 'items', ii];
      fits(it.points, [...at, 'points']);
      if (it.formula?.kind !== 'deductions') return;
      fits(it.formula.floor, [...at, 'formula', 'floor']);
      it.formula.deductions.forEach((d, di) => {
        fits(d.points, [...at, 'formula', 'deductions', di, 'points']);
        fits(d.cap, [...at, 'formula', 'deductions', di, 'cap']);
      });
    }),
  );
  const b = r.grades.bands;
  b.forEach((band, i) => {
    if (band.grade !== GRADES[i]) ctx.addIssue({ code: 'custom', path: ['grades', 'bands', i, 'grade'], message: `第 ${i + 1} 个等次应为“${GRADES[i]}”（从高到低）` });
    const wantMin = i < b.length - 1;
    const wantBelow = i > 0;
    if (wantMin !== (band.min !== undefined)) ctx.addIssue({ code: 'custom', path: ['grades', 'bands', i, 'min'], message: wantMin ? '缺少下限 min（含）' : '最低等次不应有下限 min' });
    if (wantBelow !== (band.below !== undefined)) ctx.addIssue({ code: 'custom', path: ['grades', 'bands', i, 'below'], message: wantBelow ? '缺少上限 below（不含）' : '最高等次不应有上限 below' });
    fits(band.min, ['grades', 'bands', i, 'min']);
    if (i > 0 && b[i - 1].min !== undefined && band.below !== b[i - 1].min) {
      ctx.addIssue({ code: 'custom', path: ['grades', 'bands', i, 'below'], message: `上限应等于上一等次的下限 ${b[i - 1].min}，使各等次首尾相接、不重不漏` });
    }
  });
});

const Window = z.union([strictObject({ days: z.number().int().min(1) }), strictObject({ months: z.number().int().min(1) })], {
  error: '更新时限应写成 { days: 天数 } 或 { months: 月数 }（正整数），例如 { days: 14 }',
});

export const ColumnsSchema = strictObject({
  default: text,
  classes: z
    .array(
      strictObject({
        name: text,
        /** absent: no freshness window, only checked for blank */
        window: Window.optional(),
        warnLeadDays: z.number().int().min(0).optional(),
        patterns: z.array(text),
      }).superRefine((c, ctx) => {
        if (c.window && c.warnLeadDays === undefined) ctx.addIssue({ code: 'custom', path: ['warnLeadDays'], message: '有更新时限的类别须给出预警提前天数 warnLeadDays' });
        if (!c.window && c.warnLeadDays !== undefined) ctx.addIssue({ code: 'custom', path: ['warnLeadDays'], message: '没有更新时限的类别不需要 warnLeadDays。请删除' });
        const days = c.window ? ('days' in c.window ? c.window.days : c.window.months * 28) : Infinity;
        if (c.warnLeadDays !== undefined && c.warnLeadDays >= days) ctx.addIssue({ code: 'custom', path: ['warnLeadDays'], message: '预警提前天数应小于更新时限' });
      }),
    )
    .min(1),
}).superRefine((c, ctx) => {
  const names = c.classes.map((k) => k.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['classes', i, 'name'], message: `类别“${n}”重复` });
  });
  if (!names.includes(c.default)) ctx.addIssue({ code: 'custom', path: ['default'], message: `默认类别“${c.default}”不在 classes 中。可选：${names.join('、')}` });
});

export const TimelinessSchema = strictObject({
  proactive: strictObject({
    limitWorkdays: z.number().int().min(1),
    /** Classes whose items are documents that carry a 成文日期 (news releases have none). */
    documentClasses: z.array(text).min(1),
    basis: text,
  }),
  onRequest: strictObject({ limitWorkdays: z.number().int().min(1), extensionWorkdays: z.number().int().min(0), basis: text }),
  counting: strictObject({ interval: z.literal('half-open'), basis: text }),
  /** 整改 (第十一条): when the unit's 整改方案 is due, and when the unit is reminded of the 整改 deadline. */
  rectification: strictObject({
    planWorkdays: z.number().int().min(1).max(60).default(5),
    reminderWorkdays: z.number().int().min(1).max(30).default(3),
  }).default({ planWorkdays: 5, reminderWorkdays: 3 }),
});

const isoDay = z.string().refine(isIsoDay, '日期应写成真实存在的 YYYY-MM-DD，例如 2026-10-10');
const year = z.number().int().min(1990).max(2100);

export const HolidaysSchema = strictObject({
  calendar: z.literal('chinese-days'),
  coveredYears: strictObject({ from: year, to: year }).refine((y) => y.from <= y.to, { message: 'from 不能晚于 to', path: ['from'] }),
  extraYears: z.array(year),
  overrides: z.array(strictObject({ date: isoDay, type: z.enum(['workday', 'holiday']), note: text })),
}).superRefine((h, ctx) => {
  const seen = new Set<string>();
  h.overrides.forEach((o, i) => {
    if (seen.has(o.date)) ctx.addIssue({ code: 'custom', path: ['overrides', i, 'date'], message: `日期 ${o.date} 重复覆盖。请只保留一条` });
    seen.add(o.date);
    const y = Number(o.date.slice(0, 4));
    if (!(y >= h.coveredYears.from && y <= h.coveredYears.to) && !h.extraYears.includes(y)) {
      ctx.addIssue({ code: 'custom', path: ['overrides', i, 'date'], message: `${y} 年既不在 coveredYears 内也不在 extraYears 中。请把该年加入 extraYears（须录入当年全部节假日与调休）` });
    }
  });
  h.extraYears.forEach((y, i) => {
    if (y >= h.coveredYears.from && y <= h.coveredYears.to) ctx.addIssue({ code: 'custom', path: ['extraYears', i], message: `${y} 年已在 coveredYears 内，不必列入 extraYears` });
    else if (!h.overrides.some((o) => o.date.startsWith(`${y}-`))) ctx.addIssue({ code: 'custom', path: ['extraYears', i], message: `extraYears 中的 ${y} 年在 overrides 中没有任何日期。请录入该年放假通知的全部节假日和调休上班日` });
  });
});

export type Rubric = z.output<typeof RubricSchema>;
export type RubricItem = Rubric['categories'][number]['items'][number];
export type Formula = z.output<typeof Formula>;
export type ColumnRules = z.output<typeof ColumnsSchema>;
export type ColumnClassRule = ColumnRules['classes'][number];
export type Timeliness = z.output<typeof TimelinessSchema>;
export type HolidayRules = z.output<typeof HolidaysSchema>;
