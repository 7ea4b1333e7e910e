export { createFetcher } from './fetcher.ts';
export { isPrivateAddress } from './ssrf.ts';
export { DEFAULT_USER_AGENT } from './options.ts';
export type { FetchOptions, FetchOutcome, FetchResult, Fetcher, FetcherOptions, FetcherStats } from './types.ts';
export type { CookieJar, StorageState } from './cookies.ts';
export { createPagePool, type PagePool } from './page-pool.ts';
