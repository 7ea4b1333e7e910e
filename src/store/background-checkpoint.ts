import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DB } from './db.ts';

export interface BackgroundCheckpoints {
  /** Stops the thread and gives checkpoints back to the connection's own commits. */
  stop(): Promise<void>;
}

// The thread's whole program: its own connection and a PASSIVE checkpoint every few hundred milliseconds
// (PASSIVE never waits on the writer and never blocks it; what it cannot copy yet, the next round copies).
// Plain CommonJS rather than a TypeScript module: on Node 20 tsx cannot load an ES module as a worker's
// entry, and this thread needs nothing of ours.
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or locked: the next round retries, and the owner's commits checkpoint again after stop()
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
});
`;

/**
 * Checkpoints the WAL from a thread of its own while a long write-heavy job (a crawl) runs. SQLite's automatic
 * checkpoint runs inside whichever commit crosses the threshold, on the committing thread: copying pages into
 * the database file and fsyncing it stalls the crawl's event loop, and with it every request in flight.
 * A file-less or read-only connection has no WAL to checkpoint, and gets a no-op.
 */
export function startBackgroundCheckpoints(db: DB, everyMs = 250): BackgroundCheckpoints {
  if (db.memory || db.readonly) return { stop: async () => {} };
  const threshold = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${threshold}`);
  };
  const worker = new Worker(CHECKPOINT_THREAD, {
    eval: true,
    workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path: db.name, everyMs },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A thread that cannot start (or dies) hands checkpointing straight back, so the WAL never grows unbounded.
  worker.once('error', restore);
  db.pragma('wal_autocheckpoint = 0');
  return {
    stop: async () => {
      worker.postMessage('stop');
      await exited;
      restore();
    },
  };
}
