export { createFetcher } from './fetcher.ts';
export { isPrivateAddress } from './ssrf.ts';
export { DEFAULT_USER_AGENT } from './options.ts';
export type { FetchOptions, Fetcher, FetcherOptions, FetcherStats } from './types.ts';
// The capture records live in shared (the evidence store keeps them too); re-exported for the crawl's callers.
export type { FetchOutcome, FetchResult } from '../shared/capture.ts';
export type { CookieJar, StorageState } from './cookies.ts';
export { createPagePool, type PagePool } from './page-pool.ts';
export { type EvidenceSink } from './column-crawler.ts';
export { crawlAll, type CrawlRunSummary } from './crawl-run.ts';
export * from './discover.ts';
export * from './probe.ts';
