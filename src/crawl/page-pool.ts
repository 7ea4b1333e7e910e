import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { DetailExtraction, ListExtraction } from '../extract/index.ts';
import type { DetailPageInput, ListPageInput, SinglePageReading } from './page-reading.ts';
import type { PageTask } from './page-worker.ts';

/**
 * Worker threads for the work a crawl does on each page besides fetching it: extraction (parsing and
 * heuristics) and evidence snapshots (hash, gzip, fsync). On the event loop they left fetching and the
 * database waiting; here they use the other cores while the main thread keeps requests in flight.
 */
export interface PagePool {
  readList(p: ListPageInput): Promise<ListExtraction>;
  readDetail(p: DetailPageInput): Promise<DetailExtraction>;
  readSingle(p: DetailPageInput): Promise<SinglePageReading>;
  /** evidence's writeSnapshot, run on a pool thread: resolves to the SHA-256 once the file is durable. */
  writeSnapshot(dir: string, bytes: Uint8Array): Promise<string>;
  close(): Promise<void>;
}

// The main thread keeps a core for fetching and the database; the others read pages. More threads than that
// only fight over the cores (on 2 cores, 1 pool thread crawled 354 pages/s, 4 threads 324).
const defaultThreads = () => Math.max(1, availableParallelism() - 1);

const YOUNG_GENERATION_MB = 6;

// Resolved from this file, not from the working directory: `zwgk crawl` runs from cron, from /, from anywhere.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export function createPagePool(threads = defaultThreads()): PagePool {
  const pool = new Piscina({
    filename: new URL('./page-worker.ts', import.meta.url).href,
    // Workers start without the parent's loader hooks: tsx is registered again for the TypeScript sources.
    execArgv: ['--import', TSX_LOADER],
    minThreads: threads,
    maxThreads: threads,
    // Snapshot tasks mostly wait on the disk, so a thread takes several at once and reads pages meanwhile.
    concurrentTasksPerWorker: 8,
    // A page's parse is garbage within milliseconds: V8's default nursery (up to 48 MB per thread) only holds it
    // longer. A small one costs more, shorter scavenges (a demo night: 34 MB less, in the same time).
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  // A thread that fails to start also rejects the task it was given, and that error becomes the column's
  // recorded outcome; without a listener the same error would be re-thrown and end the whole night.
  pool.on('error', () => {});
  return {
    readList: (page) => pool.run({ task: 'list', page } satisfies PageTask),
    readDetail: (page) => pool.run({ task: 'detail', page } satisfies PageTask),
    readSingle: (page) => pool.run({ task: 'single', page } satisfies PageTask),
    writeSnapshot: (dir, bytes) => {
      // A Buffer is often a view on a larger shared allocation; only its own bytes go, moved rather than copied twice.
      const own = new Uint8Array(bytes);
      return pool.run({ task: 'snapshot', dir, bytes: own } satisfies PageTask, { transferList: [own.buffer] });
    },
    close: () => pool.close(),
  };
}
