import { Command, CommanderError } from 'commander';
import { createContext } from './context.ts';
import { localizeHelp, translateCommanderError } from './help-zh.ts';
import { registerAll } from './commands/index.ts';
import { InputError, UnavailableError } from '../shared/errors.ts';

const program = localizeHelp(new Command('zwgk'));
program
  .description('政务公开绩效考核自动巡检与评估工具：按年度考核计划抓取各单位栏目、留存证据、计算建议得分。')
  .option('--db <文件>', 'SQLite 数据库文件（默认 data/zwgk.db，或环境变量 ZWGK_DB）')
  .option('--snapshots <目录>', '证据快照目录（默认 snapshots/，或环境变量 ZWGK_SNAPSHOTS）')
  .showHelpAfterError(false)
  .exitOverride()
  .configureOutput({ writeErr: () => {} });

const ctx = createContext(program);
await registerAll(program, ctx, process.argv.slice(2));
for (const c of program.commands) {
  localizeHelp(c).exitOverride().configureOutput({ writeErr: () => {} });
  for (const sub of c.commands) localizeHelp(sub).exitOverride().configureOutput({ writeErr: () => {} });
}

function fail(code: number, message: string): never {
  process.stderr.write(`错误：${message}\n`);
  ctx.close();
  process.exit(code);
}

try {
  if (process.argv.length <= 2) {
    program.outputHelp();
  } else {
    await program.parseAsync(process.argv);
  }
} catch (err) {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') {
      ctx.close();
      process.exit(0);
    }
    fail(2, translateCommanderError(err.code, err.message));
  }
  if (err instanceof InputError) fail(2, err.message);
  if (err instanceof UnavailableError) fail(1, err.message);
  const e = err as Error;
  if (process.env.ZWGK_DEBUG) process.stderr.write(`${e.stack}\n`);
  fail(1, e?.message ?? String(err));
}
ctx.close();
process.exit(ctx.exitCode);
