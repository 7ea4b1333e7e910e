import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Every command of DESIGN.md §6, in the order the help lists them. Modules load on demand: a command pulls in
 * its own stage (the browser driver, the dashboard, exceljs…) and nothing else, so `zwgk plan check` starts
 * in a fraction of the time `--help`, which needs them all, takes.
 */
const COMMANDS: Record<string, () => Promise<{ register: Register }>> = {
  demo: () => import('./demo.ts'),
  plan: () => import('./plan.ts'),
  crawl: () => import('./crawl.ts'),
  assess: () => import('./assess.ts'),
  report: () => import('./report.ts'),
  extract: () => import('./extract.ts'),
  alerts: () => import('./alerts.ts'),
  serve: () => import('./serve.ts'),
  verify: () => import('./verify.ts'),
  export: () => import('./export.ts'),
  user: () => import('./user.ts'),
  register: () => import('./register.ts'),
  doctor: () => import('./doctor.ts'),
  job: () => import('./job.ts'),
};

/** Global options that take a value, so the command name can be found after them. */
const VALUED_GLOBALS = new Set(['--db', '--snapshots']);

/** The command named on the command line, or null (help, no command, or one we do not know). */
export function invokedCommand(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (VALUED_GLOBALS.has(a)) i++;
    else if (!a.startsWith('-')) return a === 'help' ? null : a in COMMANDS ? a : null;
  }
  return null;
}

export async function registerAll(program: Command, ctx: CliContext, argv: readonly string[]): Promise<void> {
  const only = invokedCommand(argv);
  for (const name of only ? [only] : Object.keys(COMMANDS)) (await COMMANDS[name]()).register(program, ctx);
}
