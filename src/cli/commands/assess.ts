import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { isoDate, parseFlags } from '../flags.ts';
import { openRun, runAssess } from '../../run/index.ts';
import { findingTitle, RECTIFICATION } from '../../shared/vocabulary.ts';

const flagsSchema = z.object({ plan: z.string().min(1), asOf: isoDate.optional() });

export function register(program: Command, ctx: CliContext): void {
  program
    .command('assess')
    .description('重新计算问题清单与建议得分')
    .requiredOption('--plan <文件>', '年度考核计划 YAML 文件')
    .option('--as-of <日期>', '评估截止日期 YYYY-MM-DD（默认今天）')
    .action((opts) => {
      const f = parseFlags('assess', flagsSchema, opts);
      const { opts: o, summary: s, fixes } = runAssess(openRun(ctx.db(), f.plan), f.asOf);
      if (s.noEvidence) ctx.warn(`注意：截至 ${o.asOf} 尚无任何巡检记录，没有可评估的证据；请先运行 zwgk crawl。`);
      const kinds = Object.entries(s.byKind)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, n]) => `${findingTitle(k)} ${n}`)
        .join('，');
      ctx.print(`已评估 ${o.year} 年度（${o.period.from} 至 ${o.period.to}，截至 ${o.asOf}）：${s.units} 个单位，${s.columns} 个栏目；问题 ${s.findings} 项${kinds ? `（${kinds}）` : ''}。`);
      if (fixes.rectified || fixes.overdue) ctx.print(`整改核验：${RECTIFICATION.rectified} ${fixes.rectified} 项，${RECTIFICATION.overdue} ${fixes.overdue} 项。`);
      ctx.print(`建议得分已保存，规则版本 ${o.rules.version.id}。`);
    });
}
