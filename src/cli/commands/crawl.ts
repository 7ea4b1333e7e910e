import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('crawl')
    .description('按计划抓取每个栏目一次（列表全部分页与新文章），留存证据')
    .requiredOption('--plan <文件>', '年度考核计划 YAML 文件')
    .action(() => notYet('抓取', 3));
}
