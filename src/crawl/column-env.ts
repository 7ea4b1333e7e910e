import type PQueue from 'p-queue';
import type { Alongside } from '../evidence/index.ts';
import type { CrawlSink } from '../store/index.ts';
import type { FetchResult } from '../shared/capture.ts';
import type { Fetcher } from './types.ts';
import type { PagePool } from './page-pool.ts';

/** Where fetched pages go: stored as evidence, each returning its fetch id. */
export interface EvidenceSink {
  /** `alongside`: rows written in the fetch row's own transaction once both are ready; the page is read meanwhile. */
  save(result: FetchResult, ctx: { runId?: number | null }, alongside?: Promise<Alongside>): Promise<number>;
  /** The body of an earlier capture (a 304 means "the same as this"). */
  readBody(sha256: string): Buffer | null;
}

export interface ColumnCrawlEnv {
  /** Where the crawl's rows go: runs, visits, items, what it learnt of each column. */
  store: CrawlSink;
  fetcher: Fetcher;
  evidence: EvidenceSink;
  /** Where pages are read (extraction runs on the pool's threads). */
  pages: Pick<PagePool, 'readList' | 'readDetail' | 'readSingle'>;
  runId: number;
  /** 'full' pages back through everything (weekly reconcile); 'nightly' stops at known items. */
  runKind: 'nightly' | 'full';
  periodFrom: string;
  maxPages: number;
  log?: (event: string, data: Record<string, unknown>) => void;
  /**
   * Articles and files between their fetch and their stored evidence, for the whole crawl: fetching can outrun
   * reading and writing, and a page waiting for them holds its body in memory, so a column with thousands of new
   * items (a first night) must not start them all at once.
   */
  detailSlots: PQueue;
  /** Aborted when the service is stopping: no further page is started, and what was cut short is ours. */
  signal?: AbortSignal;
}
