import type { FailureKind, HttpClient } from './client.ts';
import { cookieHeader, type CookieJar } from './cookies.ts';
import { withRetries } from './attempts.ts';
import type { Frontier } from './frontier.ts';
import type { ResolvedOptions } from './options.ts';
import { CHALLENGE_ERROR, looksLikeChallenge, decodeText, failed, outcomeForStatus, statusError } from './result.ts';
import type { RobotsCache } from './robots.ts';
import { BlockedError, type SsrfGate } from './ssrf.ts';
import type { FetchResult } from '../shared/capture.ts';
import type { FetchOptions, FetcherStats } from './types.ts';

export interface Deps {
  /** Per host, the cookies the browser holds (a solved JS challenge's clearance), which plain HTTP sends too. */
  cookies: CookieJar;
  client: HttpClient;
  frontier: Frontier;
  robots: RobotsCache;
  gate: SsrfGate;
  opts: ResolvedOptions;
  stats: FetcherStats;
}

export function baseHeaders(opts: ResolvedOptions): Record<string, string> {
  return {
    'user-agent': opts.userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5',
    'accept-language': 'zh-CN,zh;q=0.9',
    'accept-encoding': 'gzip, deflate, br',
  };
}

type Refusal = { outcome: FailureKind; error: string; robotsTxt?: FetchResult };

/**
 * The checks every hop passes before a request is made: http/https only, the SSRF gate, robots.txt
 * (whose Crawl-delay becomes the host's delay when larger). Returns a refusal, or undefined to go ahead.
 */
export async function admitHop(deps: Deps, url: URL): Promise<Refusal | undefined> {
  try {
    await deps.gate.checkUrl(url);
  } catch (err) {
    if (err instanceof BlockedError) {
      deps.stats.blocked++;
      return { outcome: 'blocked', error: err.message };
    }
    // The name did not resolve: the site is unreachable, not forbidden.
    const e = err as NodeJS.ErrnoException;
    return { outcome: e.code === 'ETIMEDOUT' ? 'timeout' : 'network-error', error: `无法解析 ${url.hostname}${e.code ? `（${e.code}）` : ''}：${e.message}` };
  }
  const rb = await deps.robots.check(url);
  if (!rb.allowed) return { outcome: 'robots-denied', error: rb.reason ?? `robots.txt 禁止抓取 ${url.href}`, ...(rb.robotsTxt ? { robotsTxt: rb.robotsTxt } : {}) };
  if (rb.crawlDelayMs) deps.frontier.setMinDelay(url.host, Math.min(rb.crawlDelayMs, deps.opts.maxCrawlDelayMs));
  return undefined;
}

/** The result of a fetch whose hop admitHop refused; a robots.txt rule's refusal carries that file as evidence. */
export function refusedFetch(base: Parameters<typeof failed>[0], started: number, refused: Refusal): FetchResult {
  const r = failed(base, started, refused.outcome, refused.error);
  return refused.robotsTxt ? { ...r, robotsTxt: refused.robotsTxt } : r;
}

export async function fetchStatic(deps: Deps, requestUrl: string, fo: FetchOptions = {}): Promise<FetchResult> {
  const started = Date.now();
  const base = { requestUrl, finalUrl: requestUrl, fetcher: 'http' as const, fetchedAt: new Date().toISOString(), redirects: [] as string[], attempts: 0 };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return failed(base, started, 'blocked', `网址无效：${requestUrl}`);
  }
  const headers = baseHeaders(deps.opts);
  if (fo.conditional?.etag) headers['if-none-match'] = fo.conditional.etag;
  if (fo.conditional?.lastModified) headers['if-modified-since'] = fo.conditional.lastModified;

  for (;;) {
    base.finalUrl = url.href;
    const refused = await admitHop(deps, url);
    if (refused) return refusedFetch(base, started, refused);
    const hop = url;
    const cookie = cookieHeader(deps.cookies, hop);
    if (cookie) headers.cookie = cookie;
    else delete headers.cookie;
    const r = await withRetries(deps, hop.host, () => deps.client.exchange(hop, { headers, maxBodyBytes: deps.opts.maxBodyBytes, purpose: fo.purpose ?? 'other' }));
    base.attempts += r.attempts;
    if (!r.value) return failed(base, started, r.failure!.kind, r.failure!.message, { host: hop.host, ...headers });
    const ex = r.value;
    const location = ex.headers.location;
    if (ex.status >= 300 && ex.status < 400 && ex.status !== 304 && location) {
      base.redirects.push(hop.href);
      let next: URL | undefined;
      try {
        next = new URL(location, hop);
      } catch {
        next = undefined;
      }
      if (next && base.redirects.length <= deps.opts.maxRedirects) {
        url = next;
        continue;
      }
      const error = next ? `重定向超过 ${deps.opts.maxRedirects} 次，已停止（可能是重定向循环）。` : `重定向地址无效：${location}`;
      return { ...base, status: ex.status, headers: ex.headers, requestHeaders: ex.requestHeaders, body: ex.body, text: null, charset: null, durationMs: Date.now() - started, outcome: 'http-error', error };
    }
    if (ex.status === 304) deps.stats.notModified++;
    const body = ex.status === 304 ? null : ex.body;
    const { text, charset } = decodeText(body, ex.headers['content-type']);
    let outcome = outcomeForStatus(ex.status);
    let error = r.error ?? statusError(ex.status);
    if (outcome === 'ok' && looksLikeChallenge(ex.status, text)) {
      outcome = 'challenge';
      error = CHALLENGE_ERROR;
    }
    return { ...base, status: ex.status, headers: ex.headers, requestHeaders: ex.requestHeaders, body, text, charset, durationMs: Date.now() - started, outcome, error };
  }
}
