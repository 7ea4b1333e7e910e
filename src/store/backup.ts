import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DB } from './db.ts';

const BACKUP_NAME = /^zwgk-\d{8}-\d{6}\.db$/;

/** data/zwgk.db → data/backups/. */
export function defaultBackupDir(dbFile: string): string {
  return join(dirname(resolve(dbFile)), 'backups');
}

/** zwgk-YYYYMMDD-HHmmss.db in Asia/Shanghai wall time, the operators' clock; it sorts chronologically. */
export function backupFileName(at: Date): string {
  const s = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `zwgk-${s.slice(0, 10).replaceAll('-', '')}-${s.slice(11, 19).replaceAll(':', '')}.db`;
}

export interface BackupResult {
  file: string;
  bytes: number;
  /** Older backups deleted to keep the newest `keep`. */
  removed: string[];
}

/**
 * Copies the live DB with SQLite's online backup API (consistent while others read and write), then turns
 * the copy into a single self-contained file (journal_mode DELETE) and checks it before it gets its final
 * name, so a crash mid-backup never leaves a truncated file that looks like a backup. Keeps the newest `keep`.
 */
export async function backupDb(db: DB, dir: string, opts: { keep: number; now?: Date }): Promise<BackupResult> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, backupFileName(opts.now ?? new Date()));
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`备份文件完整性检查未通过：${String(check)}`);
    } finally {
      copy.close();
    }
    renameSync(partial, file);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  const all = listBackups(dir);
  const removed = all.slice(0, Math.max(0, all.length - opts.keep));
  for (const f of removed) rmSync(f, { force: true });
  return { file, bytes: statSync(file).size, removed };
}

/** Complete backups in dir, oldest first. */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .map((n) => join(dir, n));
}

export interface CheckpointResult {
  /** 1 when a reader or writer kept the checkpoint from completing. */
  busy: number;
  /** WAL frames before the checkpoint; frames copied into the DB. */
  log: number;
  checkpointed: number;
}

/** Copies the WAL into the DB and truncates it to zero bytes (a long crawl can grow it large). */
export function walCheckpoint(db: DB): CheckpointResult {
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointResult[];
  return row;
}
