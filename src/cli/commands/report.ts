import type { Command } from 'commander';
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { asOfDate, isoDate, parseFlags } from '../flags.ts';
import { InputError } from '../../shared/errors.ts';
import { REPORT_FORMAT_IDS, REPORT_FORMATS, reportUnits, writeCsvViews } from '../../assess/index.ts';
import { loadSettings } from '../../config/index.ts';
import { shanghaiDay } from '../../shared/time.ts';
import { assessOptions, isPastDay, openRun } from '../../run/index.ts';

const flagsSchema = z
  .object({
    plan: z.string().min(1),
    format: z.enum(REPORT_FORMAT_IDS, `应为 ${REPORT_FORMAT_IDS.slice(0, -1).join('、')} 或 ${REPORT_FORMAT_IDS.at(-1)} 之一`),
    asOf: asOfDate.optional(),
    out: z.string().min(1).optional(),
    draft: z.boolean().optional(),
    number: z.coerce.number('应为正整数，例如 3').int('应为正整数，例如 3').min(1, '应为正整数，例如 3').max(99999, '不超过 99999').optional(),
    date: isoDate.optional(),
  })
  .superRefine((f, ctx) => {
    // The notice's options mean nothing to a data export: say so rather than ignore them.
    if (REPORT_FORMATS[f.format].document === '通报') return;
    for (const k of ['draft', 'number', 'date'] as const) {
      if (f[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: '只用于通报（--format html 或 docx）' });
    }
  });

/**
 * Writes either to --out or to stdout, synchronously (reports can be large). The file is created on the first
 * write, so a format built whole (xlsx, html) leaves no file behind when building it fails.
 */
function sink(out: string | undefined): { write: (chunk: string | Uint8Array) => void; close: () => void } {
  let fd: number | undefined = out ? undefined : 1;
  return {
    write: (chunk) => {
      fd ??= openSync(out!, 'w');
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else writeSync(fd, chunk);
    },
    close: () => (out && fd !== undefined ? closeSync(fd) : undefined),
  };
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('输出考核结果（JSON、CSV、XLSX 数据，或 HTML、Word 格式的通报）')
    .requiredOption('--plan <文件>', '年度考核计划 YAML 文件')
    .requiredOption('--format <格式>', REPORT_FORMAT_IDS.join(' | '))
    .option('--as-of <日期>', '评估截止日期 YYYY-MM-DD（默认今天；过去的日期按当时已有的证据计算，不能晚于今天）')
    .option(
      '--out <文件>',
      '写入该文件（默认打印到标准输出）。csv：--out 为以 .csv 结尾的文件时只写“汇总”视图，否则视为目录，写入 汇总/栏目/超期/时效/疑似倒签 五个 CSV 文件；不给 --out 时打印“汇总”视图',
    )
    .option('--draft', '通报（html、docx）：生成每页标注“草稿”的预览；不加时须全部单位的评分表都已定稿')
    .option('--number <序号>', '通报：文号中的序号（设置 tongbao.docNo 中的 {n}），例如 3')
    .option('--date <日期>', '通报：成文日期 YYYY-MM-DD（默认设置 tongbao.signDate，再默认今天）')
    .action(async (opts) => {
      const f = parseFlags('report', flagsSchema, opts);
      if ((f.format === 'xlsx' || f.format === 'docx') && !f.out) {
        throw new InputError(`${f.format} 为二进制文件，请用 --out 指定输出文件，例如 --out ${f.format === 'docx' ? '考核通报.docx' : '考核结果.xlsx'}`);
      }
      const csvDir = f.format === 'csv' && f.out !== undefined && !f.out.toLowerCase().endsWith('.csv');
      // Checked before the (possibly long) computation; a csv directory is created as needed.
      if (f.out && !csvDir) {
        const dir = dirname(resolve(f.out));
        if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`--out ${f.out} 所在的目录 ${dir} 不存在：请先创建该目录，或换一个输出位置。`);
        if (existsSync(f.out) && statSync(f.out).isDirectory()) throw new InputError(`--out ${f.out} 是一个目录：请写出文件名，例如 --out ${f.out}/考核结果.${f.format}`);
      }
      const o = assessOptions(openRun(ctx.db(), f.plan), f.asOf);
      const { rules, period } = o;
      // A past day's report is that day's computed view throughout; today's shows the stored suggestions assessors confirm.
      const units = reportUnits(ctx.db(), o, { suggestions: isPastDay(f.asOf) ? 'computed' : 'stored' });
      const tongbao = loadSettings().tongbao;
      const notice = { settings: tongbao, number: f.number, signDate: f.date ?? tongbao.signDate ?? shanghaiDay(), draft: f.draft ?? false };
      const meta = { asOf: o.asOf, year: o.year, period, notice };
      if (csvDir) {
        const files = writeCsvViews(rules, units, resolve(f.out!));
        ctx.warn(`已写入 ${files.length} 个文件：${files.join('、')}`);
      } else {
        const s = sink(f.out);
        try {
          await REPORT_FORMATS[f.format].write(rules, units, meta, s.write);
        } finally {
          s.close();
        }
      }
    });
}
