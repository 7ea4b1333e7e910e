import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('report')
    .description('输出考核结果（JSON、CSV、XLSX 或可打印的 HTML 通报）')
    .requiredOption('--plan <文件>', '年度考核计划 YAML 文件')
    .requiredOption('--format <格式>', 'json | csv | xlsx | html')
    .option('--as-of <日期>', '评估截止日期 YYYY-MM-DD（默认今天）')
    .option('--out <文件>', '写入该文件（默认打印到标准输出）')
    .action(() => notYet('报告', 4));
}
