import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('extract')
    .description('打印对单个页面的抽取结果（JSON）：列表条目或文章元数据')
    .argument('<文件或网址>', '本地 HTML 文件或网址')
    .option('--url <网址>', '页面原始网址（用于解析相对链接）')
    .option('--kind <类型>', 'list | detail（默认自动判断）')
    .action(() => notYet('抽取', 3));
}
