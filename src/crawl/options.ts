import type { FetcherOptions, FetcherStats, RequestPurpose } from './types.ts';

export type ResolvedOptions = Required<Omit<FetcherOptions, 'cookies'>>;

// Header values must be ASCII, so the Chinese name of the tool is spelt out in pinyin.
export const DEFAULT_USER_AGENT = 'zwgk-auditor/0.1 (+zhengwu gongkai jixiao kaohe xunjian; government transparency audit)';

/** Non-ASCII characters in a configured user agent are percent-encoded rather than rejected by the HTTP stack. */
const asciiHeader = (v: string) => v.replace(/[^\x20-\x7e]+/g, (s) => encodeURIComponent(s));

export function resolveOptions(o: FetcherOptions): ResolvedOptions {
  return {
    userAgent: asciiHeader(o.userAgent ?? DEFAULT_USER_AGENT),
    globalConcurrency: o.globalConcurrency ?? 8,
    perHostConcurrency: o.perHostConcurrency ?? 2,
    perHostDelayMs: o.perHostDelayMs ?? 1000,
    timeoutMs: o.timeoutMs ?? 20_000,
    maxBodyBytes: o.maxBodyBytes ?? 10 * 1024 * 1024,
    maxRedirects: o.maxRedirects ?? 5,
    retries: o.retries ?? 3,
    retryBaseDelayMs: o.retryBaseDelayMs ?? 1000,
    maxRetryAfterMs: o.maxRetryAfterMs ?? 120_000,
    maxRateLimitWaits: o.maxRateLimitWaits ?? 5,
    maxCrawlDelayMs: o.maxCrawlDelayMs ?? 30_000,
    robotsTtlMs: Math.min(o.robotsTtlMs ?? 24 * 3600_000, 24 * 3600_000),
    allowPrivateHosts: o.allowPrivateHosts ?? [],
    browserConcurrency: o.browserConcurrency ?? 2,
    browserRecycleAfter: o.browserRecycleAfter ?? 200,
    maxScreenshotHeight: o.maxScreenshotHeight ?? 8000,
    screenshots: o.screenshots ?? true,
  };
}

export function emptyStats(): FetcherStats {
  const requestsFor: Record<RequestPurpose, number> = { robots: 0, list: 0, article: 0, file: 0, channel: 0, subresource: 0, other: 0 };
  return { requests: 0, requestsByHost: {}, requestsFor, notModified: 0, skippedResources: 0, bytes: 0, retries: 0, rateLimitWaits: 0, blocked: 0, browserPages: 0 };
}
