import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('serve')
    .description('启动评估看板与每夜定时任务')
    .option('--port <端口>', '端口（默认 8080）')
    .action(() => notYet('看板与定时任务', 7));
}
