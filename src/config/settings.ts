import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { validate } from 'node-cron';
import { z } from 'zod';
import { InputError } from '../shared/errors.ts';

const cronExpr = z.string().refine(validate, '不是有效的 cron 表达式，应形如 "0 2 * * *"（分 时 日 月 周）');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** nodemailer reads host, port and credentials from the URL: check them here rather than at the first send. */
function isSmtpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.hostname !== '' && (u.port === '' || (Number(u.port) >= 1 && Number(u.port) <= 65535));
  } catch {
    return false;
  }
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD，例如 2026-12-31')
  .refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s), '不是有效的日期');

/** One line of a document's head or 版记: no line breaks (the renderers lay it out on one line). */
const line = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不超过 ${max} 个字`).regex(/^[^\r\n]*$/, '不能换行');

/**
 * How the year-end 通报 is issued (GB/T 9704): who issues it, its 文号, to whom, when, the 整改 deadline and where
 * the results are published (第十二条). The defaults are the 考核办法's own: 第十二条 names the issuing office.
 */
export const TongbaoSettingsSchema = z
  .object({
    /** 发文机关（落款）. */
    issuer: line(40).default('珠山区政务公开工作领导小组办公室'),
    /** 发文机关标志 (the red heading); default: the issuer followed by 文件. */
    issuerMark: line(40).optional(),
    /** 文号: {year} is the document's year, {n} its serial number (given per document: --number, or the form on 结果). */
    docNo: line(40)
      .refine((s) => s.includes('{year}') && !/\{(?!year\}|n\})/.test(s), '应含 {year}（年份），可含 {n}（序号），例如 珠政务公开办〔{year}〕{n}号')
      .default('珠政务公开办〔{year}〕{n}号'),
    /** 主送机关. */
    recipients: line(100).default('各镇（街道）、区直各部门'),
    /** 成文日期; default: the day the 通报 is produced. */
    signDate: isoDay.optional(),
    /** The 整改 deadline: a number of days after the 成文日期, or a date. */
    rectifyDeadline: z.union([z.number('应为天数（如 30）或日期（如 2027-01-31）').int('天数应为整数').min(1, '至少 1 天').max(366, '不超过 366 天'), isoDay]).default(30),
    /** Where the results are published on the portal (第十二条); shown as a link. */
    publicUrl: z.url({ protocol: /^https?$/, error: '应是以 http:// 或 https:// 开头的完整网址' }).optional(),
    /** 版记: 抄送机关. */
    copyTo: line(100).optional(),
    /** 版记: 印发机关; default: the issuer. */
    printedBy: line(40).optional(),
  })
  .strict();

export type TongbaoSettings = z.infer<typeof TongbaoSettingsSchema>;

/**
 * Server settings that are not part of the annual plan. Sources, later ones winning:
 * built-in defaults < settings file (ZWGK_SETTINGS, default ./zwgk.settings.yaml if present) < environment.
 */
export const SettingsSchema = z
  .object({
    db: z.string().min(1).default('data/zwgk.db'),
    snapshots: z.string().min(1).default('snapshots'),
    smtpUrl: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, '应形如 smtp://用户名:密码@主机:587 或 smtps://主机:465')
      .refine(isSmtpUrl, '主机名或端口无效，应形如 smtp://用户名:密码@主机:587（用户名、密码中的特殊字符须按 URL 规则编码，如 @ 写作 %40）')
      .optional(),
    mailFrom: z.email('不是有效的邮箱地址').optional(),
    officeEmail: z.email('不是有效的邮箱地址').optional(),
    baseUrl: z.url('应是看板的完整网址，例如 https://zwgk.example.gov.cn').optional(),
    chromium: z.string().optional(),
    // Reverse proxies in front of the dashboard (nginx: 1); true/false as 1/0. The environment gives a string.
    trustProxy: z.preprocess(
      (v) => (v === true || v === 'true' ? 1 : v === false || v === 'false' ? 0 : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v),
      z.number('应为反向代理的层数（整数，如 1），或 true / false').int('应为整数').min(0).max(10, '反向代理层数应在 0–10 之间').default(0),
    ),
    // Cron expressions (node-cron: 5 fields, or 6 with seconds first) in `timezone`.
    schedule: z
      .object({
        nightly: cronExpr.default('0 2 * * *'),
        weeklyFull: cronExpr.default('0 3 * * 0'),
        backup: cronExpr.default('30 4 * * *'),
        walCheckpoint: cronExpr.default('0 5 * * *'),
        retention: cronExpr.default('30 5 * * *'),
        timezone: z
          .string()
          .refine(isTimeZone, '不是有效的时区名，应形如 Asia/Shanghai')
          .default('Asia/Shanghai'),
      })
      .strict()
      .prefault({}),
    retention: z
      .object({
        /** Snapshots not referenced by any finding, item or visit are pruned after this many days; 0 keeps all. */
        snapshotDays: z.number().int().min(0).default(0),
        backups: z.number().int().min(1).default(7),
      })
      .strict()
      .prefault({}),
    alerts: z
      .object({
        reminderEveryDays: z.number().int().min(1).default(7),
        maxPerMinute: z.number().int().min(1).default(30),
      })
      .strict()
      .prefault({}),
    tongbao: TongbaoSettingsSchema.prefault({}),
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;

const ENV: Record<string, string> = {
  ZWGK_DB: 'db',
  ZWGK_SNAPSHOTS: 'snapshots',
  ZWGK_SMTP_URL: 'smtpUrl',
  ZWGK_MAIL_FROM: 'mailFrom',
  ZWGK_OFFICE_EMAIL: 'officeEmail',
  ZWGK_BASE_URL: 'baseUrl',
  ZWGK_CHROMIUM: 'chromium',
  ZWGK_TRUST_PROXY: 'trustProxy',
};

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const file = resolve(env.ZWGK_SETTINGS ?? 'zwgk.settings.yaml');
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      fromFile = (parse(readFileSync(file, 'utf8')) as Record<string, unknown>) ?? {};
    } catch (e) {
      throw new InputError(`设置文件 ${file} 不是有效的 YAML：${(e as Error).message}`);
    }
  } else if (env.ZWGK_SETTINGS) {
    throw new InputError(`找不到设置文件 ${file}（环境变量 ZWGK_SETTINGS）。请检查路径。`);
  }
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [name, key] of Object.entries(ENV)) {
    if (env[name]) merged[key] = env[name];
  }
  const r = SettingsSchema.safeParse(merged);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const key = i.path.join('.');
      const envName = Object.entries(ENV).find(([, k]) => k === key)?.[0];
      return `  ${key}${envName ? `（环境变量 ${envName}）` : ''}：${i.message}`;
    });
    throw new InputError(`设置有误（设置文件 ${file} 或环境变量）：\n${lines.join('\n')}`);
  }
  return r.data;
}
