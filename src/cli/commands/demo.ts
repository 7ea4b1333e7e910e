import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('demo')
    .description('启动演示门户、写出其考核计划、抓取、评估并启动看板；打印网址和演示账号')
    .option('--port <端口>', '看板端口（默认 8080）')
    .action(() => notYet('演示', 7));
}
