import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  const plan = program.command('plan').description('年度考核计划：检查、从门户生成草稿');
  plan
    .command('check')
    .description('检查年度考核计划文件并打印摘要')
    .argument('<文件>', '计划 YAML 文件')
    .action(() => notYet('计划检查', 2));
  plan
    .command('discover')
    .description('从门户的政府信息公开页面生成计划草稿（单位、栏目、猜测的栏目类别）')
    .argument('<网址>', '门户信息公开首页')
    .option('--out <文件>', '写入该文件（默认打印到标准输出）')
    .action(() => notYet('计划生成', 3));
}
