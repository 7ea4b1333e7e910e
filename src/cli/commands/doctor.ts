import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('doctor')
    .description('检查安装环境：浏览器、中文字体、数据库、快照目录、邮件服务器、节假日日历')
    .action(() => notYet('环境检查', 7));
}
