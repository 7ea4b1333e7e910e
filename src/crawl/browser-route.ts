import type { Page, Route } from 'playwright-core';
import { ExchangeFailure, type Exchange } from './client.ts';
import { admitHop, type Deps } from './http-fetch.ts';
import type { FetchPurpose } from './types.ts';

/** What the route handler learnt about the main-frame navigation of one page. */
export interface PageState {
  main?: Pick<Exchange, 'status' | 'headers' | 'requestHeaders'>;
  /** A main-frame redirect target: the handler aborts the navigation and the fetcher navigates there. */
  pendingRedirect?: string;
  mainFailure?: ExchangeFailure;
  /** Subresources refused by the SSRF gate or robots.txt. */
  refused: string[];
  /** GET requests the page's scripts made (XHR/fetch) that answered 2xx with data: where a drawn list came from. */
  dataRequests: string[];
  navigations: number;
  maxNavigations: number;
  /** What the page is fetched for: its main-frame requests count under it, the rest as subresources. */
  purpose: FetchPurpose;
  /** Main-frame responses handed to the page, and main-frame documents it has committed: a read while the first runs
   * ahead would serialise the document being replaced (a challenge page mid-reload) as if it were the answer. */
  mainServed: number;
  mainCommitted: number;
  /** A response set a cookie: the context's cookies are saved for plain HTTP and the next browser. */
  setCookie?: boolean;
  /** Requests of the page being answered now, and when one last started or ended: the page is settled when quiet. */
  inflight: number;
  lastActivity: number;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'content-length', 'te', 'trailer', 'proxy-connection', 'accept-encoding']);
const STRIP_FROM_RESPONSE = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

const DATA_REQUEST = new Set(['xhr', 'fetch']);
// What no list, article or challenge needs to be read: never asked of the portal. Stylesheets stay (what a page
// hides is read from them), and so do scripts (they draw the lists and solve the challenges).
const SKIPPED = new Set(['image', 'font', 'media']);
const DATA_TYPE = /json|xml|javascript|text\/(html|plain)/i;

const pick = (h: Record<string, string>, drop: Set<string>) => Object.fromEntries(Object.entries(h).filter(([k]) => !drop.has(k.toLowerCase())));

/**
 * Every request the browser makes is answered by our own HTTP client, so each one — subresources and
 * redirect hops included — passes the SSRF gate (with the pinned address), robots.txt, the body cap and the
 * request counters. Chromium follows redirects internally without consulting routes, so main-frame
 * redirects are handed back to the fetcher and subresource redirects are followed here, hop by hop.
 */
export async function handleRoute(deps: Deps, page: Page, state: PageState, route: Route): Promise<void> {
  const req = route.request();
  let isMain = false;
  let counted = false;
  try {
    const url = new URL(req.url());
    isMain = req.isNavigationRequest() && req.frame() === page.mainFrame();
    if (isMain && ++state.navigations > state.maxNavigations) {
      await route.abort('blockedbyclient');
      return;
    }
    if (!isMain && SKIPPED.has(req.resourceType())) {
      deps.stats.skippedResources++;
      await route.abort('blockedbyclient');
      return;
    }
    state.inflight++;
    state.lastActivity = Date.now();
    counted = true;
    const headers = { ...pick(await req.allHeaders(), HOP_BY_HOP), 'user-agent': deps.opts.userAgent, 'accept-encoding': 'gzip, deflate, br' };
    let hop = url;
    for (let redirects = 0; ; redirects++) {
      const refused = await admitHop(deps, hop);
      if (refused) {
        if (isMain) state.mainFailure = new ExchangeFailure(refused.outcome, refused.error);
        else state.refused.push(hop.href);
        await route.abort('blockedbyclient');
        return;
      }
      const first = hop === url;
      const ex = await deps.client.exchange(hop, {
        method: first ? req.method() : 'GET',
        headers,
        body: first ? req.postDataBuffer() : null,
        maxBodyBytes: deps.opts.maxBodyBytes,
        purpose: isMain ? state.purpose : 'subresource',
      });
      if (ex.headers['set-cookie'] !== undefined) state.setCookie = true;
      const location = ex.headers.location;
      if (ex.status >= 300 && ex.status < 400 && ex.status !== 304 && location) {
        if (isMain) {
          state.main = ex;
          state.pendingRedirect = new URL(location, hop).href;
          await route.abort('aborted');
          return;
        }
        if (redirects < deps.opts.maxRedirects) {
          hop = new URL(location, hop);
          continue;
        }
      }
      if (isMain) {
        state.main = ex;
        state.mainServed++;
      } else if (first && req.method() === 'GET' && DATA_REQUEST.has(req.resourceType()) && ex.status >= 200 && ex.status < 300 && DATA_TYPE.test(ex.headers['content-type'] ?? '')) {
        state.dataRequests.push(hop.href);
      }
      await route.fulfill({ status: ex.status, headers: pick(ex.headers, STRIP_FROM_RESPONSE), body: ex.body });
      return;
    }
  } catch (err) {
    const f = err instanceof ExchangeFailure ? err : new ExchangeFailure('network-error', `浏览器请求出错：${(err as Error).message}`);
    if (isMain) state.mainFailure = f;
    await route.abort(f.kind === 'timeout' ? 'timedout' : 'failed').catch(() => {});
  } finally {
    if (counted) {
      state.inflight--;
      state.lastActivity = Date.now();
    }
  }
}
