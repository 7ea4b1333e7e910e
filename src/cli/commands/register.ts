import type { Command } from 'commander';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { CliContext } from '../context.ts';
import { InputError } from '../../shared/errors.ts';
import { importRegister } from '../../assess/index.ts';

export function register(program: Command, ctx: CliContext): void {
  const reg = program.command('register').description('依申请公开登记');
  reg
    .command('import')
    .description('导入依申请公开登记表（CSV 或 XLSX：单位、申请编号、收到日期、答复日期、是否延期）')
    .argument('<文件>', 'CSV 或 XLSX 文件')
    .action(async (file: string) => {
      const path = resolve(file);
      if (!existsSync(path)) throw new InputError(`找不到登记表文件 ${path}。请检查路径`);
      const r = await importRegister(ctx.db(), path);
      ctx.print(`已导入 ${r.imported} 件依申请公开记录（${r.units.length} 个单位：${r.units.join('、')}）。请运行 zwgk assess 更新“公开时限-2”的建议分。`);
    });
}
