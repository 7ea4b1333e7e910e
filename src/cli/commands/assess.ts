import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { asOfDate, parseFlags } from '../flags.ts';
import { rubricItems } from '../../config/index.ts';
import { openRun, runAssess } from '../../run/index.ts';
import { findingTitle, RECTIFICATION } from '../../shared/vocabulary.ts';

const flagsSchema = z.object({ plan: z.string().min(1), asOf: asOfDate.optional() });

export function register(program: Command, ctx: CliContext): void {
  program
    .command('assess')
    .description('重新计算问题清单与建议得分（指定过去的日期时只计算并显示，不保存）')
    .requiredOption('--plan <文件>', '年度考核计划 YAML 文件')
    .option('--as-of <日期>', '评估截止日期 YYYY-MM-DD（默认今天；过去的日期只显示当时的评估结果，不改动数据库；不能晚于今天）')
    .action((opts) => {
      const f = parseFlags('assess', flagsSchema, opts);
      const { opts: o, summary: s, stored, fixes } = runAssess(openRun(ctx.db(), f.plan), f.asOf);
      if (s.noEvidence) ctx.warn(`注意：截至 ${o.asOf} 尚无任何巡检记录，没有可评估的证据；请先运行 zwgk crawl。`);
      const kinds = Object.entries(s.byKind)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, n]) => `${findingTitle(k)} ${n}`)
        .join('，');
      ctx.print(`已评估 ${o.year} 年度（${o.period.from} 至 ${o.period.to}，截至 ${o.asOf}）：${s.units} 个单位，${s.columns} 个栏目；问题 ${s.findings} 项${kinds ? `（${kinds}）` : ''}。`);
      if (!stored) {
        // The view is all a past day gives: print it, since nothing of it is kept.
        const auto = rubricItems(o.rules).filter((it) => it.mode === 'auto');
        ctx.print(`各单位截至 ${o.asOf} 的建议得分（自动评分条目）：`);
        for (const u of s.perUnit) {
          const byCode = new Map(u.suggestions.map((x) => [x.code, x.suggested]));
          const scores = auto.map((it) => `${it.code} ${byCode.get(it.code) ?? '无建议分'}／${it.points}`).join('，');
          ctx.print(`  ${u.unit.name}：问题 ${u.findings} 项；${scores}`);
        }
        ctx.print(`以上是按过去日期 ${o.asOf} 已有的证据计算的结果，仅供查看，未保存：问题清单、建议得分、整改状态和考核人员的确认均未改动。要更新评估，请不指定 --as-of（按今天评估）。`);
        return;
      }
      if (fixes.rectified || fixes.overdue) ctx.print(`整改核验：${RECTIFICATION.rectified} ${fixes.rectified} 项，${RECTIFICATION.overdue} ${fixes.overdue} 项。`);
      ctx.print(`建议得分已保存，规则版本 ${o.rules.version.id}。`);
    });
}
