import type { FetchResult } from '../shared/capture.ts';
import type { CookieJar } from './cookies.ts';
import type { RequestPurpose } from '../shared/vocabulary.ts';

/** What a page is fetched for; the night's summary counts requests by it. */
export type FetchPurpose = Exclude<RequestPurpose, 'robots' | 'subresource'>;

/** A request's purpose: a page's (FetchPurpose), or what the fetch layer asks for on its own (robots.txt, a rendered page's subresources). */
export type { RequestPurpose } from '../shared/vocabulary.ts';

export interface FetchOptions {
  /** Validators from the previous fetch; a 304 gives outcome 'not-modified' with body null. */
  conditional?: { etag?: string; lastModified?: string };
  render?: 'static' | 'browser';
  /** Default 'other'. */
  purpose?: FetchPurpose;
  /** Browser only: keep a screenshot (list pages, whose look is evidence). A challenge page always gets one. */
  screenshot?: boolean;
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
  /** Relaunch the browser after this many pages (a browser that crashed is relaunched at once). */
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
  /** Requests by what they were for; they add up to `requests`. */
  requestsFor: Record<RequestPurpose, number>;
  /** Conditional requests answered 304: checked, and unchanged since the capture whose validators were sent. */
  notModified: number;
  /** Images, fonts and media a rendered page asked for and was not given (a list needs none of them). */
  skippedResources: number;
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
