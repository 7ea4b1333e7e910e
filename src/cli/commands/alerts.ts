import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('alerts')
    .description('判断并发送栏目更新预警邮件')
    .requiredOption('--plan <文件>', '年度考核计划 YAML 文件')
    .option('--dry-run', '不发送，写出 .eml 文件并打印摘要')
    .action(() => notYet('预警', 6));
}
