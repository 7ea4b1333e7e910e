import { z } from 'zod';
import { InputError } from '../shared/errors.ts';
import { futureAsOf } from '../run/index.ts';

/** Validates a command's parsed flags; a bad flag becomes an InputError naming the flag and the fix. */
export function parseFlags<S extends z.ZodType>(command: string, schema: S, opts: unknown): z.infer<S> {
  const r = schema.safeParse(opts);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => {
    const flag = i.path.length ? `--${String(i.path[0]).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}` : '参数';
    return `  ${flag}：${i.message}`;
  });
  throw new InputError(`zwgk ${command} 的参数有误：\n${lines.join('\n')}`);
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD，例如 2026-06-30')
  .refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s), '不是有效的日期');

export const port = z.coerce.number().int('端口应为整数').min(1, '端口应在 1–65535 之间').max(65535, '端口应在 1–65535 之间');

/** An --as-of day: a valid date, today at the latest (a past day is a read-only view; see the run layer). */
export const asOfDate = isoDate.superRefine((day, ctx) => {
  const refused = futureAsOf(day);
  if (refused) ctx.addIssue({ code: 'custom', message: refused });
});
