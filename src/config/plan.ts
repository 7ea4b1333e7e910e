import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { InputError } from '../shared/errors.ts';
import { isIsoDay } from '../shared/time.ts';
import { isPrivateHost } from '../shared/address.ts';
import { classNames, loadRules, type Rules } from './rules.ts';
import { formatIssues, formatKeyPath, parseYaml, readUtf8, strictObject, toPlain, zhErrorMap, type LocatedIssue } from './yaml-errors.ts';

/** The annual plan (考核实施方案), DESIGN.md §6. Fields are only ever added, never renamed. */

/** Polite to a real government portal: two connections and a second between requests per host. */
export const CRAWL_DEFAULTS = {
  perHostConcurrency: 2,
  perHostDelayMs: 1000,
  globalConcurrency: 8,
  timeoutMs: 30_000,
  retries: 2,
  maxPagesPerColumn: 50,
  browserConcurrency: 2,
  browserRecycleAfter: 200,
  userAgent: 'zwgk-auditor/0.1 (government information disclosure audit crawler)',
  respectRobots: true,
} as const;

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, '只能用小写字母、数字、- 和 _，且以字母或数字开头，例如 xinchang');

const httpUrl = z.url({
  protocol: /^https?$/,
  error: (iss) => (iss.input === undefined ? undefined : `“${String(iss.input)}”不是有效的网址。应是以 http:// 或 https:// 开头的完整网址`),
});

const day = z
  .string({ error: (iss) => (iss.input === undefined ? undefined : '应为日期，写成 YYYY-MM-DD，例如 2026-01-01') })
  .refine((s) => !/^\d{4}-\d{1,2}-\d{1,2}[T ]/.test(s), '这里只要日期，不要带时间（时间没有时区会有歧义）。请写成 YYYY-MM-DD，例如 2026-01-01')
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || /^\d{4}-\d{1,2}-\d{1,2}[T ]/.test(s), '日期格式不对。请写成 YYYY-MM-DD（月、日补零），例如 2026-01-01')
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isIsoDay(s), '不是真实存在的日期。请检查月份和日子');

const positiveInt = z.number().int().min(1);

export const CrawlSchema = strictObject({
  perHostConcurrency: positiveInt.max(16).default(CRAWL_DEFAULTS.perHostConcurrency),
  perHostDelayMs: z.number().int().min(0).default(CRAWL_DEFAULTS.perHostDelayMs),
  globalConcurrency: positiveInt.max(64).default(CRAWL_DEFAULTS.globalConcurrency),
  timeoutMs: z.number().int().min(1000).default(CRAWL_DEFAULTS.timeoutMs),
  retries: z.number().int().min(0).max(10).default(CRAWL_DEFAULTS.retries),
  maxPagesPerColumn: positiveInt.default(CRAWL_DEFAULTS.maxPagesPerColumn),
  /** Pages the one browser renders at once (tabs); each host's own limit still applies. */
  browserConcurrency: positiveInt.max(16).default(CRAWL_DEFAULTS.browserConcurrency),
  /** Pages the browser renders before it is relaunched (a long-lived Chromium grows). */
  browserRecycleAfter: positiveInt.max(100_000).default(CRAWL_DEFAULTS.browserRecycleAfter),
  // HTTP header values must be plain ASCII; Chinese text here would make every request fail.
  userAgent: z.string().trim().min(1).regex(/^[\x20-\x7e]+$/, '只能使用英文字母、数字和常见符号（HTTP 头不支持中文）').default(CRAWL_DEFAULTS.userAgent),
  respectRobots: z.boolean().default(CRAWL_DEFAULTS.respectRobots),
});

export const SelectorsSchema = strictObject({
  item: z.string().min(1),
  title: z.string().min(1).optional(),
  date: z.string().min(1).optional(),
  next: z.string().min(1).optional(),
});

export const ColumnSchema = strictObject({
  /** stable key within the unit; survives renames and URL moves */
  key: slug.optional(),
  name: z.string().trim().min(1),
  url: httpUrl,
  class: z.string().trim().min(1).optional(),
  render: z.enum(['auto', 'static', 'browser']).default('auto'),
  /** single: the URL is itself one article (机构概况); auto: told from the page */
  layout: z.enum(['auto', 'list', 'single']).default('auto'),
  selectors: SelectorsSchema.optional(),
});

export const ContactSchema = strictObject({
  name: z.string().trim().min(1),
  email: z.email({ error: (iss) => (iss.input === undefined ? undefined : `“${String(iss.input)}”不是有效的邮箱地址。应形如 zhangsan@example.org`) }),
  phone: z.string().optional(),
});

/** 公开形式-2: other carriers (微信公众号, 移动客户端…) whose reachability is shown as evidence. */
export const ChannelSchema = strictObject({ name: z.string().trim().min(1), url: httpUrl });

/** The two kinds of assessed unit (第二条), in the order the 考核办法 names them; each is ranked on its own. */
export const UNIT_KINDS = ['镇街', '区直部门'] as const;

export const UnitSchema = strictObject({
  id: slug,
  name: z.string().trim().min(1),
  kind: z.enum(UNIT_KINDS),
  contacts: z.array(ContactSchema).default([]),
  channels: z.array(ChannelSchema).default([]),
  columns: z.array(ColumnSchema).min(1),
});

export const PlanSchema = strictObject({
  year: z.number().int().min(2000).max(2100),
  period: strictObject({ from: day, to: day }),
  crawl: CrawlSchema.prefault({}),
  /** Intranet/loopback portal addresses are refused unless the plan says so (the demo portal, test sites). */
  allowPrivate: z.boolean().default(false),
  units: z.array(UnitSchema).min(1),
}).superRefine((p, ctx) => {
  const checkUrl = (url: string, path: (string | number)[]) => {
    const u = new URL(url);
    if (u.username || u.password) {
      ctx.addIssue({ code: 'custom', path, message: '网址中不能含用户名或密码（“用户名:密码@”）：计划文件会被多人查看和抄送，密码会泄露。请删去 @ 及其前面的部分，只抓取公开页面' });
    }
    if (!p.allowPrivate && isPrivateHost(u.hostname)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `主机 ${u.hostname} 是内网、本机或链路本地地址，不是公开的政府门户。请改为门户的公网网址；若确实要抓取内网站点（如演示门户、测试环境），在计划顶层加上 allowPrivate: true`,
      });
    }
  };
  p.units.forEach((u, ui) => {
    u.columns.forEach((c, ci) => checkUrl(c.url, ['units', ui, 'columns', ci, 'url']));
    u.channels.forEach((c, ci) => checkUrl(c.url, ['units', ui, 'channels', ci, 'url']));
  });
  if (p.period.from > p.period.to) ctx.addIssue({ code: 'custom', path: ['period', 'from'], message: `起始日期 ${p.period.from} 晚于结束日期 ${p.period.to}。请对调或改正` });
  if (Number(p.period.from.slice(0, 4)) > p.year || Number(p.period.to.slice(0, 4)) < p.year) {
    ctx.addIssue({ code: 'custom', path: ['year'], message: `考核年度 ${p.year} 不在考核期间 ${p.period.from}～${p.period.to} 内。请改正年度或期间` });
  }
  const unitIds = new Map<string, number>();
  p.units.forEach((u, ui) => {
    if (unitIds.has(u.id)) ctx.addIssue({ code: 'custom', path: ['units', ui, 'id'], message: `单位标识“${u.id}”与 units[${unitIds.get(u.id)}] 重复。每个单位的 id 必须唯一` });
    else unitIds.set(u.id, ui);
    const keys = new Map<string, number>();
    const urls = new Map<string, number>();
    u.columns.forEach((c, ci) => {
      if (c.key !== undefined) {
        if (keys.has(c.key)) ctx.addIssue({ code: 'custom', path: ['units', ui, 'columns', ci, 'key'], message: `栏目 key“${c.key}”与 columns[${keys.get(c.key)}] 重复。同一单位内 key 必须唯一` });
        else keys.set(c.key, ci);
      }
      if (urls.has(c.url)) ctx.addIssue({ code: 'custom', path: ['units', ui, 'columns', ci, 'url'], message: `网址与 columns[${urls.get(c.url)}] 重复。同一栏目只写一次` });
      else urls.set(c.url, ci);
    });
  });
});

export type Plan = z.output<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;
export type PlanUnit = Plan['units'][number];
export type PlanColumn = PlanUnit['columns'][number];
export type CrawlSettings = Plan['crawl'];

export interface LoadedPlan {
  plan: Plan;
  /** absolute path */
  path: string;
  text: string;
  /** sha256 (hex) of the file's text */
  hash: string;
}

/** Checks that need the rules: a plan's explicit class must be one rules/columns.yaml defines. */
function rulesIssues(plan: Plan, rules: Rules): LocatedIssue[] {
  const names = classNames(rules);
  const issues: LocatedIssue[] = [];
  plan.units.forEach((u, ui) =>
    u.columns.forEach((c, ci) => {
      if (c.class !== undefined && !names.includes(c.class)) {
        issues.push({ code: 'custom', path: ['units', ui, 'columns', ci, 'class'], message: `未知的栏目类别“${c.class}”。可选：${names.join('、')}；或删除 class 让程序按名称猜测` });
      }
    }),
  );
  return issues;
}

/** Reads, parses and validates a plan file. Every error names file:line:col, the key path and the fix. */
export function loadPlan(file: string, rules: Rules = loadRules()): LoadedPlan {
  const path = resolve(file);
  if (!existsSync(path)) throw new InputError(`找不到计划文件 ${path}。请检查路径`);
  const text = readUtf8(path, '计划文件');
  const src = parseYaml(path, text, '计划文件');
  const r = PlanSchema.safeParse(toPlain(src, '计划文件'), { error: zhErrorMap, reportInput: true });
  const issues: LocatedIssue[] = r.success ? rulesIssues(r.data, rules) : r.error.issues;
  if (!r.success || issues.length) {
    const lines = formatIssues(src, issues);
    throw new InputError(`计划文件 ${path} 有 ${lines.length} 处错误：\n${lines.join('\n')}`);
  }
  return { plan: r.data, path, text, hash: createHash('sha256').update(text).digest('hex') };
}

/** Validates a plan built in code (e.g. the demo portal's); errors name the key path. */
export function planFromObject(input: unknown, rules: Rules = loadRules(), what = '计划'): Plan {
  const r = PlanSchema.safeParse(input, { error: zhErrorMap, reportInput: true });
  const issues: LocatedIssue[] = r.success ? rulesIssues(r.data, rules) : r.error.issues;
  if (!r.success || issues.length) {
    const lines = issues.flatMap((i) =>
      i.code === 'unrecognized_keys' && i.keys ? i.keys.map((k) => `  ${formatKeyPath([...i.path, k])}：${i.message}`) : [`  ${formatKeyPath(i.path)}：${i.message}`],
    );
    throw new InputError(`${what}有 ${lines.length} 处错误：\n${lines.join('\n')}`);
  }
  return r.data;
}

/** The YAML text of a plan (validated first), for code that writes plan files such as `zwgk demo`. */
export function planToYaml(input: PlanInput, rules: Rules = loadRules()): string {
  planFromObject(input, rules);
  return stringify(input, { lineWidth: 0 });
}
