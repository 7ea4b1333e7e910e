import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('verify')
    .description('校验全部证据快照与哈希链')
    .action(() => notYet('证据校验', 3));
}
