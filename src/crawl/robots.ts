import robotsParserModule from 'robots-parser';
import type { FetchResult } from '../shared/capture.ts';

// robots-parser is CommonJS with a hand-written `export default`; under NodeNext the default import is the
// module object as far as the types go, while at run time it is the function itself.
type Parse = typeof import('robots-parser').default;
const robotsParser: Parse = ((robotsParserModule as unknown as { default?: Parse }).default ?? robotsParserModule) as Parse;

export interface RobotsFile {
  /** null when robots.txt could not be fetched at all. */
  status: number | null;
  text: string;
  /** The response as fetched (absent when none came), the evidence of a refusal by one of its rules. */
  capture?: FetchResult;
}

export interface RobotsDecision {
  allowed: boolean;
  /** Crawl-delay for our user agent's group, in ms. */
  crawlDelayMs?: number;
  /** Why access was refused, in Chinese. */
  reason?: string;
  /** Refused by a rule of the site's robots.txt (not for want of a readable file): that file. */
  robotsTxt?: FetchResult;
}

interface Entry {
  expires: number;
  decide(url: string): RobotsDecision;
}

export interface RobotsCache {
  check(url: URL): Promise<RobotsDecision>;
}

// RFC 9309 §2.3.1: unreachable (5xx, network) means "disallow everything" for now; try again sooner than
// a successful file would be refetched, so a portal's bad night does not block it for a day.
const UNREACHABLE_TTL_MS = 10 * 60_000;

/**
 * robots.txt per origin (RFC 9309): fetched once, cached up to ttlMs; 4xx → allow all; 5xx, 429 or
 * unreachable → disallow all; the group for our product token, Crawl-delay included.
 */
export function createRobotsCache(opts: { userAgent: string; ttlMs: number; load: (robotsUrl: URL) => Promise<RobotsFile> }): RobotsCache {
  const cache = new Map<string, Promise<Entry>>();

  async function load(origin: string): Promise<Entry> {
    const robotsUrl = new URL('/robots.txt', origin);
    const file = await opts.load(robotsUrl);
    const now = Date.now();
    if (file.status !== null && file.status >= 200 && file.status < 300) {
      const robot = robotsParser(robotsUrl.href, file.text);
      const delay = robot.getCrawlDelay(opts.userAgent);
      return {
        expires: now + opts.ttlMs,
        decide: (url) => {
          const allowed = robot.isAllowed(url, opts.userAgent) !== false;
          return {
            allowed,
            crawlDelayMs: delay !== undefined && delay > 0 ? delay * 1000 : undefined,
            ...(allowed ? {} : { reason: `${robotsUrl.href} 第 ${robot.getMatchingLineNumber(url, opts.userAgent)} 行禁止抓取 ${url}`, robotsTxt: file.capture }),
          };
        },
      };
    }
    if (file.status !== null && file.status >= 400 && file.status < 500 && file.status !== 429) {
      return { expires: now + opts.ttlMs, decide: () => ({ allowed: true }) };
    }
    const why = file.status === null ? '无法访问' : `返回 HTTP ${file.status}`;
    return {
      expires: now + Math.min(opts.ttlMs, UNREACHABLE_TTL_MS),
      decide: () => ({ allowed: false, reason: `${robotsUrl.href} ${why}，按 RFC 9309 视为禁止抓取整个站点` }),
    };
  }

  return {
    async check(url) {
      const origin = url.origin;
      let p = cache.get(origin);
      if (p) {
        const e = await p;
        if (e.expires <= Date.now() && cache.get(origin) === p) cache.delete(origin);
      }
      p = cache.get(origin);
      if (!p) {
        p = load(origin);
        cache.set(origin, p);
        p.catch(() => cache.delete(origin));
      }
      return (await p).decide(url.href);
    },
  };
}
