import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('assess')
    .description('重新计算问题清单与建议得分')
    .requiredOption('--plan <文件>', '年度考核计划 YAML 文件')
    .option('--as-of <日期>', '评估截止日期 YYYY-MM-DD（默认今天）')
    .action(() => notYet('评估', 4));
}
