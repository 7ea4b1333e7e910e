import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  const user = program.command('user').description('看板账号管理');
  user
    .command('add')
    .description('创建看板登录账号（密码从标准输入读取）')
    .argument('<用户名>', '登录名')
    .requiredOption('--role <角色>', 'admin | assessor | unit')
    .option('--unit <单位ID>', '单位账号所属单位（role 为 unit 时必填）')
    .action(() => notYet('账号管理', 5));
}
