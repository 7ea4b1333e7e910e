import type { BrowserContext } from 'playwright-core';

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Cookies per host, as the browser left them. A site behind a JS challenge (瑞数-style 412) sets a clearance
 * cookie once the browser has run its script; sending it on plain HTTP requests to that host spares a
 * browser render per article while the clearance lasts.
 */
export type CookieJar = Map<string, StorageState>;

function domainMatches(host: string, domain: string): boolean {
  const d = domain.replace(/^\./, '').toLowerCase();
  return host === d || host.endsWith('.' + d);
}

export function cookieHeader(jar: CookieJar, url: URL): string | undefined {
  const state = jar.get(url.host);
  if (!state) return undefined;
  const now = Date.now() / 1000;
  const pairs = state.cookies
    .filter((c) => domainMatches(url.hostname.toLowerCase(), c.domain))
    .filter((c) => url.pathname.startsWith(c.path || '/'))
    .filter((c) => !c.secure || url.protocol === 'https:')
    .filter((c) => c.expires === -1 || c.expires > now)
    .map((c) => `${c.name}=${c.value}`);
  return pairs.length ? pairs.join('; ') : undefined;
}
