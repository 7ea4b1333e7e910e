import PQueue from 'p-queue';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../shared/chromium.ts';
import { withRetries, type Attempted } from './attempts.ts';
import { handleRoute, type PageState } from './browser-route.ts';
import { ExchangeFailure } from './client.ts';
import { sleep } from './frontier.ts';
import { admitHop, refusedFetch, type Deps } from './http-fetch.ts';
import { BrowserFailure, CHALLENGE_ERROR, looksLikeChallenge, failed, outcomeForStatus, statusError } from './result.ts';
import type { FetchOutcome, FetchResult } from '../shared/capture.ts';
import type { FetchOptions } from './types.ts';


interface Generation {
  browser: Promise<Browser>;
  contexts: Map<string, Promise<BrowserContext>>;
  /** Open tabs waiting for the next page of their host, oldest first. */
  idle: Tab[];
  /** Tabs open in this browser, idle or busy. */
  tabs: number;
  served: number;
  inflight: number;
  retired: boolean;
  /** The browser failed to start, crashed or was killed: what it was rendering was cut short by us, not the site. */
  lost?: string;
}

/** A tab kept open between pages: a new tab costs a renderer process, which doubled the CPU of a page. */
interface Tab {
  host: string;
  page: Page;
  /** The state of the page the tab is loading now, read by its route handler. */
  state: PageState;
  crashed?: boolean;
}

interface Rendered {
  status: number;
  headers: Record<string, string>;
  requestHeaders: Record<string, string>;
  finalUrl: string;
  redirects: string[];
  html: string;
  challenge: boolean;
  screenshot?: Buffer;
  error?: string;
  dataRequests: string[];
}

/**
 * The page as a visitor sees it, in one round trip: every element it does not display (display: none; outside
 * form options and scripts) is marked, so extraction reads the shown list (a static list its script replaced, a
 * closed menu) and the evidence keeps them, marked; then the DOM as page.content() serialises it, and the length
 * of the text shown.
 */
const READ_PAGE = `(() => {
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    if (/^(OPTION|OPTGROUP|SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/.test(el.tagName) || el.closest('[data-zwgk-hidden]')) continue;
    if (getComputedStyle(el).display === 'none') el.setAttribute('data-zwgk-hidden', '');
  }
  let html = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
  if (document.documentElement) html += document.documentElement.outerHTML;
  return { html, textLength: (document.body ? document.body.innerText : '').trim().length };
})()`;

const CHALLENGE_ROUNDS = 3;
const LOST = '本系统的浏览器在渲染时崩溃或被系统终止';
const QUIET_MS = 250;
// Main-frame navigations one fetch may make beyond its redirects: a challenge reloading in a loop would
// otherwise hit the portal many times a second.
const EXTRA_NAVIGATIONS = CHALLENGE_ROUNDS + 1;

export interface BrowserFetcher {
  fetch(url: string, fo?: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

export function createBrowserFetcher(deps: Deps): BrowserFetcher {
  const { opts, stats } = deps;
  const pages = new PQueue({ concurrency: opts.browserConcurrency });
  // Cookies survive browser recycling per host, so a solved 412 challenge stays solved.
  const cookies = deps.cookies;
  let gen: Generation | undefined;
  const generations = new Set<Generation>();

  const closeGeneration = async (g: Generation) => {
    generations.delete(g);
    await (await g.browser.catch(() => undefined))?.close().catch(() => {});
  };

  function retire(g: Generation) {
    if (gen === g) gen = undefined;
    if (g.retired) return;
    g.retired = true;
    if (g.inflight === 0) void closeGeneration(g);
  }

  function acquire(): Generation {
    // One browser stays warm for the night, relaunched after its page budget (a long-lived Chromium grows) or at
    // once when it crashed or failed to start; the pages it still serves finish (or fail) on it.
    if (gen && gen.served >= opts.browserRecycleAfter) retire(gen);
    if (!gen) {
      const g: Generation = { browser: launchChromium(), contexts: new Map(), idle: [], tabs: 0, served: 0, inflight: 0, retired: false };
      g.browser.then(
        (b) =>
          b.on('disconnected', () => {
            // Closed by us only when retired with nothing in flight; anything else is a crash or a kill.
            if (g.inflight > 0) g.lost ??= LOST;
            retire(g);
          }),
        (err: Error) => {
          g.lost = err.message;
          retire(g);
        },
      );
      gen = g;
      generations.add(g);
    }
    gen.served++;
    gen.inflight++;
    return gen;
  }

  function release(g: Generation) {
    g.inflight--;
    if (g.retired && g.inflight === 0) void closeGeneration(g);
  }

  function contextFor(g: Generation, host: string): Promise<BrowserContext> {
    let c = g.contexts.get(host);
    if (!c) {
      c = g.browser.then((b) =>
        b.newContext({
          userAgent: opts.userAgent,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
          viewport: { width: 1280, height: 900 },
          serviceWorkers: 'block', // a service worker's fetches would bypass our routes
          storageState: cookies.get(host),
        }),
      );
      g.contexts.set(host, c);
    }
    return c;
  }

  /** An idle tab of the host, else a new one; an idle tab of another host makes way when the browser has its fill. */
  async function takeTab(g: Generation, host: string, state: PageState): Promise<Tab> {
    const i = g.idle.findIndex((t) => t.host === host);
    if (i >= 0) {
      const [tab] = g.idle.splice(i, 1);
      tab.state = state;
      return tab;
    }
    if (g.tabs >= opts.browserConcurrency && g.idle.length) void dropTab(g, g.idle.shift()!);
    const context = await contextFor(g, host);
    const page = await context.newPage();
    g.tabs++;
    page.setDefaultTimeout(opts.timeoutMs);
    const tab: Tab = { host, page, state };
    await page.route('**/*', (route) => handleRoute(deps, page, tab.state, route));
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame() && f.url() !== 'about:blank') tab.state.mainCommitted++;
    });
    // A tab that crashes while it waits is not handed the next page (one crashing mid-page is closed on release).
    page.on('crash', () => {
      tab.crashed = true;
      const i = g.idle.indexOf(tab);
      if (i >= 0) void dropTab(g, g.idle.splice(i, 1)[0]);
    });
    return tab;
  }

  async function dropTab(g: Generation, tab: Tab) {
    g.tabs--;
    await tab.page.close().catch(() => {});
  }

  /**
   * A tab goes back for the next page once it shows nothing: about:blank stops the last page's scripts (a timer
   * polling its server would keep asking the portal). One that failed, crashed or will not go blank is closed.
   */
  async function releaseTab(g: Generation, tab: Tab, ok: boolean) {
    const blank = ok && !g.retired && !tab.page.isClosed() && (await tab.page.goto('about:blank').then(() => true, () => false));
    if (blank && !g.retired) g.idle.push(tab);
    else await dropTab(g, tab);
  }

  /**
   * Waits until none of the page's requests has been in flight for QUIET_MS (a drawn list's data has come and its
   * follow-up requests, if any, have had time to start), at most 5 s. Every request passes our route, so we know
   * exactly; Playwright's 'networkidle' added a fixed 500 ms to every page, more than a demo page takes to render.
   */
  async function settle(page: Page, state: PageState, budgetMs: number) {
    const end = Date.now() + Math.min(budgetMs, 5000);
    for (;;) {
      const quietFor = Date.now() - state.lastActivity;
      if (Date.now() >= end) return;
      if (state.inflight === 0 && quietFor >= QUIET_MS) {
        // Quiet on the wire, but a busy renderer may not yet have run what the last answer queued (drawing the
        // list, asking for more): one turn of its task queue, then quiet still means done.
        const before = state.lastActivity;
        await page.evaluate('new Promise((r) => setTimeout(r, 0))').catch(() => {});
        if (state.inflight === 0 && state.lastActivity === before) return;
        continue;
      }
      await sleep(state.inflight === 0 ? QUIET_MS - quietFor : QUIET_MS / 5);
    }
  }

  /** The DOM now; empty when a page keeps navigating (a challenge reloading in a loop) and cannot be read. */
  async function snapshot(page: Page, state: PageState, left: () => number): Promise<{ html: string; textLength: number }> {
    for (let i = 0; i < 3; i++) {
      if (state.mainServed > state.mainCommitted) {
        // The page has its next document (a challenge's reload) but has not shown it yet: read that one, not this.
        await page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: Math.min(left(), 3000) }).catch(() => {});
        await page.waitForLoadState('load', { timeout: left() }).catch(() => {});
        await settle(page, state, left());
      }
      try {
        return (await page.evaluate(READ_PAGE)) as { html: string; textLength: number };
      } catch {
        // A script navigating (the challenge's reload) destroys the context mid-read; wait and read again.
        await page.waitForLoadState('load', { timeout: left() }).catch(() => {});
      }
    }
    return { html: '', textLength: 0 };
  }

  /** Why our browser, not the site, ended this page, if it did (its 'disconnected' event may not have come yet). */
  async function cutShort(g: Generation, tab: Tab | undefined): Promise<string | undefined> {
    if (!g.lost && !(await g.browser.catch(() => undefined))?.isConnected()) g.lost = LOST;
    return g.lost ?? (tab?.crashed || tab?.page.isClosed() ? '本系统的浏览器在渲染本页时崩溃' : undefined);
  }

  async function render(start: URL, fo: FetchOptions): Promise<Rendered> {
    const g = acquire();
    stats.browserPages++;
    let tab: Tab | undefined;
    let ok = false;
    try {
      const state: PageState = { refused: [], dataRequests: [], navigations: 0, maxNavigations: opts.maxRedirects + EXTRA_NAVIGATIONS, purpose: fo.purpose ?? 'other', inflight: 0, lastActivity: Date.now(), mainServed: 0, mainCommitted: 0 };
      tab = await takeTab(g, start.host, state);
      const { page } = tab;

      const redirects: string[] = [];
      let target = start;
      for (;;) {
        state.pendingRedirect = undefined;
        state.mainFailure = undefined;
        try {
          // Only 'commit': a challenge that reloads for ever never reaches 'load' or even 'domcontentloaded',
          // and it must come out as a challenge, not a timeout. The waits below are ours.
          await page.goto(target.href, { waitUntil: 'commit', timeout: opts.timeoutMs });
          break;
        } catch (err) {
          if (state.pendingRedirect) {
            redirects.push(target.href);
            target = new URL(state.pendingRedirect);
            if (redirects.length > opts.maxRedirects) {
              return { ...state.main!, finalUrl: target.href, redirects, html: '', challenge: false, dataRequests: [], error: `重定向超过 ${opts.maxRedirects} 次，已停止（可能是重定向循环）。` };
            }
            continue;
          }
          if (state.mainFailure) throw state.mainFailure;
          if ((err as Error).name === 'TimeoutError') throw new ExchangeFailure('timeout', `浏览器打开 ${target.href} 超时（上限 ${opts.timeoutMs} 毫秒）。`);
          throw new ExchangeFailure('network-error', `浏览器打开 ${target.href} 失败：${(err as Error).message.split('\n')[0]}`);
        }
      }
      // One budget for loading, settling and any challenge rounds, so a page that keeps reloading ends in time.
      const deadline = Date.now() + 2 * opts.timeoutMs;
      const left = () => Math.max(1, deadline - Date.now());
      await page.waitForLoadState('load', { timeout: left() }).catch(() => {});
      await settle(page, state, left());

      // A challenge page runs its script, sets the cookie and reloads; wait for real content, a few rounds at most.
      let seen = { html: '', textLength: 0 };
      let challenge = false;
      for (let round = 0; round < CHALLENGE_ROUNDS; round++) {
        seen = await snapshot(page, state, left);
        if (!looksLikeChallenge(state.main?.status ?? null, seen.html)) break;
        challenge = true;
        if (deadline <= Date.now()) break;
        const navigated = await page
          .waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: left() })
          .then(() => true, () => false);
        if (!navigated) break;
        await page.waitForLoadState('load', { timeout: left() }).catch(() => {});
        await settle(page, state, left());
      }
      const stillChallenge = looksLikeChallenge(state.main?.status ?? null, seen.html) || (challenge && seen.textLength === 0);

      let screenshot: Buffer | undefined;
      // Only where the look is evidence: a list page (what the visitor was shown) and a challenge (why nothing was).
      if (opts.screenshots && (fo.screenshot || stillChallenge)) {
        const height = await page.evaluate(() => document.documentElement.scrollHeight).catch(() => 900);
        screenshot = await page
          .screenshot({ type: 'png', fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.max(1, Math.min(height, opts.maxScreenshotHeight)) } })
          .catch(() => undefined);
      }
      // Saved when they may have changed: a response set one, or a page reloaded itself (a challenge's script sets
      // its clearance and reloads). Reading them costs a round trip to every frame of the context.
      if (state.setCookie || challenge || state.navigations > 1) cookies.set(start.host, await page.context().storageState());
      // A page whose renderer died mid-read reads as empty: that is our browser's doing, not a blank column.
      const cut = await cutShort(g, tab);
      if (cut) throw new BrowserFailure(cut);
      if (!state.main) throw new ExchangeFailure('network-error', `浏览器没有收到 ${target.href} 的响应。`);
      ok = true;
      return {
        ...state.main,
        finalUrl: page.url(),
        redirects,
        html: seen.html,
        challenge: stillChallenge,
        screenshot,
        dataRequests: state.dataRequests,
        error: state.refused.length ? `已拦截 ${state.refused.length} 个不允许的子资源请求：${state.refused.slice(0, 3).join('，')}` : undefined,
      };
    } catch (err) {
      const cause = err instanceof BrowserFailure ? undefined : await cutShort(g, tab);
      throw cause ? new BrowserFailure(cause) : err;
    } finally {
      if (tab) await releaseTab(g, tab, ok);
      release(g);
    }
  }

  return {
    async fetch(requestUrl, fo = {}) {
      const started = Date.now();
      const base = { requestUrl, finalUrl: requestUrl, fetcher: 'browser' as const, fetchedAt: new Date().toISOString(), redirects: [] as string[], attempts: 0 };
      let url: URL;
      try {
        url = new URL(requestUrl);
      } catch {
        return failed(base, started, 'blocked', `网址无效：${requestUrl}`);
      }
      const refused = await admitHop(deps, url);
      if (refused) return refusedFetch(base, started, refused);
      // The page slot is taken first: waiting for one inside the frontier would hold global slots that
      // HTTP fetches of other hosts could use.
      const r = (await pages.add(() => withRetries(deps, url.host, () => render(url, fo)))) as Attempted<Rendered>;
      base.attempts = r.attempts;
      // Thrown, not returned: the column's visit becomes ours to redo (crawlColumn records it so), not the site's failure.
      if (r.failure instanceof BrowserFailure) throw r.failure;
      if (!r.value) return failed(base, started, r.failure!.kind, r.failure!.message);
      const v = r.value;
      const body = Buffer.from(v.html, 'utf8');
      let outcome: FetchOutcome = v.challenge ? 'challenge' : outcomeForStatus(v.status);
      if (v.error && v.status >= 300 && v.status < 400) outcome = 'http-error';
      const error = v.challenge ? CHALLENGE_ERROR : (r.error ?? statusError(v.status) ?? v.error);
      return {
        ...base,
        finalUrl: v.finalUrl,
        redirects: v.redirects,
        status: v.status,
        headers: v.headers,
        requestHeaders: v.requestHeaders,
        body,
        text: v.html,
        charset: 'utf-8',
        durationMs: Date.now() - started,
        outcome,
        error,
        screenshot: v.screenshot,
        ...(v.dataRequests.length ? { dataRequests: v.dataRequests } : {}),
      };
    },
    async close() {
      await pages.onIdle();
      await Promise.all([...generations].map(closeGeneration));
      gen = undefined;
    },
  };
}
