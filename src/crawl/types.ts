import type { FetchResult } from '../shared/capture.ts';
import type { CookieJar } from './cookies.ts';

export interface FetchOptions {
  /** Validators from the previous fetch; a 304 gives outcome 'not-modified' with body null. */
  conditional?: { etag?: string; lastModified?: string };
  render?: 'static' | 'browser';
}

export interface FetcherOptions {
  /** Cookies per host from an earlier run (a solved JS challenge's clearance), kept between nights by the caller. */
  cookies?: CookieJar;
  userAgent?: string;
  globalConcurrency?: number;
  perHostConcurrency?: number;
  /** Minimum gap between request starts to one host; robots.txt Crawl-delay raises it. */
  perHostDelayMs?: number;
  /** Per operation: connect, response headers, each body read, browser navigation. */
  timeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  /** Retries after network errors, timeouts, 408 and 5xx (429 waits are counted separately). */
  retries?: number;
  /** First backoff step; doubles per retry, with jitter. */
  retryBaseDelayMs?: number;
  /** Longest Retry-After we wait for; a longer one ends the fetch. */
  maxRetryAfterMs?: number;
  /** How many 429 answers one fetch may wait out. */
  maxRateLimitWaits?: number;
  /** Upper bound for a robots.txt Crawl-delay. */
  maxCrawlDelayMs?: number;
  robotsTtlMs?: number;
  /** Hosts (name or IP, optionally ":port") that may resolve to private/loopback addresses. */
  allowPrivateHosts?: string[];
  /** Browser pages open at once. */
  browserConcurrency?: number;
  /** Relaunch the browser after this many pages. */
  browserRecycleAfter?: number;
  /** Screenshot height cap in CSS pixels. */
  maxScreenshotHeight?: number;
  /** Skip screenshots (bench). */
  screenshots?: boolean;
}

export interface FetcherStats {
  /** HTTP requests made, robots.txt and browser subresources included. */
  requests: number;
  requestsByHost: Record<string, number>;
  robotsRequests: number;
  bytes: number;
  retries: number;
  rateLimitWaits: number;
  blocked: number;
  browserPages: number;
}

export interface Fetcher {
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
  stats(): FetcherStats;
  /** The cookies the browser holds per host now, for the caller to keep for the next run. */
  cookies(): CookieJar;
  close(): Promise<void>;
}
