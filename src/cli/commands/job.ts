import type { Command } from 'commander';
import { z } from 'zod';
import { loadSettings } from '../../config/index.ts';
import { InputError } from '../../shared/errors.ts';
import { choreTable } from '../../run/index.ts';
import { jobLabel, runExclusive, type JobName } from '../../schedule/index.ts';
import { RUN_STATUS } from '../../shared/vocabulary.ts';
import type { CliContext } from '../context.ts';

/** CLI spellings of the server chores (the scheduler's job names are camelCase). */
const CHORES = { backup: 'backup', 'wal-checkpoint': 'walCheckpoint', retention: 'retention' } as const satisfies Record<string, JobName>;

const nameSchema = z.enum(Object.keys(CHORES) as [keyof typeof CHORES]);

/**
 * `zwgk job NAME`: one server chore, under the same lock and job_runs record as `zwgk serve`'s scheduler,
 * so host cron (crontab.example) and the built-in scheduler never overlap. A skipped run exits 1: for a
 * backup, "did not happen" is what the operator must hear about.
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('job')
    .description('运行一项维护任务：backup（数据库在线备份）、wal-checkpoint（WAL 检查点）、retention（按保留策略清理快照）')
    .argument('<名称>', 'backup | wal-checkpoint | retention')
    .action(async (name: string) => {
      const parsed = nameSchema.safeParse(name);
      if (!parsed.success) {
        throw new InputError(`没有名为“${name}”的维护任务。任务名应为 ${Object.keys(CHORES).join('、')} 之一，例如 zwgk job backup`);
      }
      const settings = loadSettings();
      const chores = choreTable({ settings, snapshotsDir: ctx.snapshotsDir(), db: ctx.db() });
      const job = CHORES[parsed.data];
      const r = await runExclusive({ db: ctx.db(), job, trigger: 'cli', fn: chores[job] });
      ctx.print(`${jobLabel(job)}${RUN_STATUS[r.status]}：${r.detail}`);
      if (r.status !== 'ok') ctx.exitCode = 1;
    });
}
