import type { Command } from 'commander';
import { notYet, type CliContext } from '../context.ts';

export function register(program: Command, _ctx: CliContext): void {
  const exp = program.command('export').description('导出证据');
  exp
    .command('warc')
    .description('把证据导出为 WARC 1.1 文件，供标准网页存档回放工具打开')
    .option('--unit <单位ID>', '只导出该单位的证据')
    .requiredOption('--out <文件>', '输出文件')
    .action(() => notYet('WARC 导出', 3));
}
