import { withRetries } from './attempts.ts';
import { createBrowserFetcher } from './browser.ts';
import { createHttpClient } from './client.ts';
import { createFrontier } from './frontier.ts';
import { baseHeaders, fetchStatic, type Deps } from './http-fetch.ts';
import { emptyStats, resolveOptions } from './options.ts';
import { outcomeForStatus } from './result.ts';
import { createRobotsCache, type RobotsFile } from './robots.ts';
import type { FetchResult } from '../shared/capture.ts';
import { createSsrfGate } from './ssrf.ts';
import type { Fetcher, FetcherOptions } from './types.ts';

const ROBOTS_MAX_BYTES = 512 * 1024; // RFC 9309 asks crawlers to parse at least 500 KiB

/**
 * The polite fetch layer: per-host and global concurrency, per-host delay, robots.txt, retries, an SSRF
 * gate on every hop, HTTP and browser fetchers behind one call.
 */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const opts = resolveOptions(options);
  const stats = emptyStats();
  const gate = createSsrfGate(opts.allowPrivateHosts, opts.timeoutMs);
  const client = createHttpClient({
    gate,
    timeoutMs: opts.timeoutMs,
    onRequest: (url, purpose) => {
      stats.requests++;
      stats.requestsFor[purpose]++;
      stats.requestsByHost[url.host] = (stats.requestsByHost[url.host] ?? 0) + 1;
    },
    onBytes: (n) => void (stats.bytes += n),
  });
  const frontier = createFrontier(opts);

  async function loadRobots(robotsUrl: URL): Promise<RobotsFile> {
    let url = robotsUrl;
    const started = Date.now();
    const fetchedAt = new Date().toISOString();
    const redirects: string[] = [];
    for (let hop = 0; hop <= 5; hop++) {
      try {
        await gate.checkUrl(url);
      } catch {
        return { status: null, text: '' };
      }
      const at = url;
      const r = await withRetries(deps, at.host, () => client.exchange(at, { headers: baseHeaders(opts), maxBodyBytes: ROBOTS_MAX_BYTES, purpose: 'robots' }));
      if (!r.value) return { status: null, text: "" };
      const { status, headers, requestHeaders, body } = r.value;
      if (status >= 300 && status < 400 && headers.location) {
        redirects.push(at.href);
        url = new URL(headers.location, at);
        continue;
      }
      const text = body.toString('utf8');
      const capture: FetchResult = {
        requestUrl: robotsUrl.href, finalUrl: at.href, status, headers, requestHeaders, body, text, charset: 'utf-8', fetcher: 'http',
        fetchedAt, durationMs: Date.now() - started, outcome: outcomeForStatus(status), redirects, attempts: redirects.length + r.attempts,
      };
      return { status, text, capture };
    }
    return { status: null, text: '' };
  }

  const robots = createRobotsCache({ userAgent: opts.userAgent, ttlMs: opts.robotsTtlMs, load: loadRobots });
  const deps: Deps = { cookies: new Map(options.cookies ?? []), client, frontier, robots, gate, opts, stats };
  const browser = createBrowserFetcher(deps);

  return {
    fetch: (url, fo = {}) => (fo.render === 'browser' ? browser.fetch(url, fo) : fetchStatic(deps, url, fo)),
    stats: () => structuredClone(stats),
    cookies: () => new Map(deps.cookies),
    async close() {
      await browser.close();
      await client.close();
    },
  };
}
