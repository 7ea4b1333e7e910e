import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  const reg = program.command('register').description('依申请公开登记');
  reg
    .command('import')
    .description('导入依申请公开登记表（CSV 或 XLSX：单位、申请编号、收到日期、答复日期、是否延期）')
    .argument('<文件>', 'CSV 或 XLSX 文件')
    .action(() => notYet('登记表导入', 4));
}
