import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type DB } from '../../src/store/db.ts';

export function tmpDir(prefix = 'zwgk-sched-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tmpDbPath(): string {
  return join(tmpDir(), 'zwgk.db');
}

export function openTmpDb(path = tmpDbPath()): DB {
  return openDb(path);
}

/** A promise the test opens by hand: lets a job stay "running" for exactly as long as the test wants. */
export function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

export function runs(db: DB, job?: string): { job: string; status: string; detail: string | null; trigger: string; steps_json: string }[] {
  return db
    .prepare('SELECT job, status, detail, trigger, steps_json FROM job_runs WHERE (? IS NULL OR job = ?) ORDER BY id')
    .all(job ?? null, job ?? null) as never;
}
