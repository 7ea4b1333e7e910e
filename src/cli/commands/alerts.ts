import type { Command } from 'commander';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { isoDate, parseFlags } from '../flags.ts';
import { loadSettings } from '../../config/index.ts';
import { openRun, requireSmtp, runAlerts } from '../../run/index.ts';

const flagsSchema = z.object({
  plan: z.string().min(1),
  dryRun: z.boolean().optional(),
  out: z.string().min(1).optional(),
  asOf: isoDate.optional(),
});

export function register(program: Command, ctx: CliContext): void {
  program
    .command('alerts')
    .description('判断并发送栏目更新预警邮件')
    .requiredOption('--plan <文件>', '年度考核计划 YAML 文件')
    .option('--dry-run', '不发送，写出 .eml 文件并打印摘要（不改动数据库）')
    .option('--out <目录>', '--dry-run 时 .eml 文件的目录（默认 alerts-dry-run/）')
    .option('--as-of <日期>', '按哪一天判断 YYYY-MM-DD（默认今天）')
    .action(async (opts) => {
      const f = parseFlags('alerts', flagsSchema, opts);
      const db = ctx.db();
      const settings = loadSettings();
      const mail = f.dryRun ? { dryRunDir: resolve(f.out ?? 'alerts-dry-run') } : { send: requireSmtp(settings) };
      const r = await runAlerts(openRun(db, f.plan, settings), { ...mail, day: f.asOf });
      for (const w of r.warnings) ctx.warn(`注意：${w}`);
      for (const l of r.lines) ctx.print(l);
      // Mail that could not go out is kept and retried; exit 1 so cron and the operator notice.
      if (r.incomplete) ctx.exitCode = 1;
    });
}
