import type { Command } from 'commander';
import { resolve } from 'node:path';
import { openDb, type DB } from '../store/index.ts';
import { UnavailableError } from '../shared/errors.ts';
import { loadSettings, type Settings } from '../config/index.ts';

/** What every command gets: resolved global paths and a lazily opened store. */
export interface CliContext {
  dbPath(): string;
  snapshotsDir(): string;
  db(): DB;
  /** Lines meant for the user (stdout). */
  print(text: string): void;
  /** Diagnostics (stderr). */
  warn(text: string): void;
  /** Set to request a non-zero exit without throwing (e.g. verify found problems). */
  exitCode: number;
  close(): void;
}

export function createContext(program: Command): CliContext {
  let db: DB | undefined;
  let settings: Settings | undefined;
  // Flags win over the environment, which wins over the settings file (loadSettings merges those two).
  const s = () => {
    if (!settings) {
      settings = loadSettings();
      // The browser path may come from the settings file too; the launcher reads it from the environment.
      if (settings.chromium && !process.env.ZWGK_CHROMIUM) process.env.ZWGK_CHROMIUM = settings.chromium;
    }
    return settings;
  };
  const ctx: CliContext = {
    dbPath: () => resolve(program.opts().db ?? s().db),
    snapshotsDir: () => resolve(program.opts().snapshots ?? s().snapshots),
    db: () => (db ??= openDb(ctx.dbPath())),
    print: (text) => void process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    warn: (text) => void process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
    exitCode: 0,
    close: () => {
      db?.close();
      db = undefined;
    },
  };
  return ctx;
}

/** For commands whose stage has not landed yet: say so and fail, never pretend. */
export function notYet(feature: string, issue: number): never {
  throw new UnavailableError(`“${feature}”功能尚未完成（开发任务 #${issue}），当前版本不能使用此命令。`);
}
