import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { formatVerifyReport, verifyEvidence } from '../../evidence/index.ts';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description('校验全部证据快照与哈希链')
    .action(() => {
      const report = verifyEvidence(ctx.db(), ctx.snapshotsDir());
      ctx.print(formatVerifyReport(report));
      if (!report.ok) ctx.exitCode = 1;
    });
}
