// The peer a user would pick instead: Crawlee 3, CheerioCrawler for what static HTTP reads, PlaywrightCrawler for
// what needs a browser, both at once in one process, storage in memory, keeping nothing (no evidence files, hashes,
// screenshots or database). Two ways: crawleeSite crawls the portal as its user would (from the columns, every link
// of the site); crawleePeer is handed the pages our crawl fetched on its first night (a head start: it neither finds
// the lists, pages through them, nor decides which articles fall in the assessment period) and parses each.
import { CheerioCrawler, Configuration, LogLevel, PlaywrightCrawler, log, type CheerioRoot } from 'crawlee';
import { chromium } from 'playwright';
import { chromiumPath, runsWithoutSandbox } from '../src/shared/chromium.ts';

export interface ManifestPage {
  url: string;
  method: string;
  fetcher: 'http' | 'browser';
  /** The same page rendered again: the k-th render gets its own queue key. */
  repeat?: number;
}

export interface PeerOptions {
  /** Pages in flight for the static crawler: the product's global concurrency. */
  concurrency: number;
  /** Browser tabs: the product's browser concurrency. */
  tabs: number;
  /** Extra request headers for static pages (the clearance cookie a browser earns on a challenge unit). */
  headers?: Record<string, string>;
}

/** Files our crawl keeps as attachments: CheerioCrawler refuses bodies of other types unless told. */
const FILE_TYPES = ['application/pdf', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/ofd', 'application/octet-stream', 'application/zip', 'text/plain', 'application/javascript', 'text/javascript'];

/**
 * The portal as a Crawlee user would crawl it for the same evidence: from the plan's column pages, every link on the
 * same host (pagers, articles, attachments, the rest of the site), robots.txt respected; pages `rendered` names are
 * rendered (the JS lists), the rest read statically, those `skipped` names never (a pagination trap, which has no
 * end). Crawlee knows no assessment period, so it reads each list to its end. Returns how many pages it handled and
 * how many failed.
 */
export async function crawleeSite(
  starts: string[],
  rendered: (url: string) => boolean,
  skipped: (url: string) => boolean,
  o: PeerOptions,
): Promise<{ handled: number; failed: number }> {
  log.setLevel(LogLevel.ERROR);
  let handled = 0;
  let failed = 0;
  const memory = () => new Configuration({ persistStorage: false, purgeOnStart: true });
  const request = (url: string) => ({ url, headers: rendered(url) ? undefined : o.headers });
  // Each crawler hands the other the links it should take: both stay up until neither has anything left.
  let cheerio!: CheerioCrawler;
  let browser!: PlaywrightCrawler;
  const route = async (urls: string[]) => {
    const take = urls.filter((u) => !skipped(u));
    await Promise.all([cheerio.addRequests(take.filter((u) => !rendered(u)).map(request)), browser.addRequests(take.filter(rendered).map(request))]);
  };
  const sameHost = (base: string) => (href: string) => {
    try {
      const u = new URL(href, base);
      u.hash = '';
      return u.host === new URL(base).host && /^https?:$/.test(u.protocol) ? [u.href] : [];
    } catch {
      return [];
    }
  };
  // Whichever crawler read the page (static body or rendered DOM), its same-host links go where they belong.
  const follow = ($: CheerioRoot, r: { loadedUrl?: string; url: string }) => route($('a[href]').toArray().flatMap((a) => sameHost(r.loadedUrl ?? r.url)($(a).attr('href')!)));
  cheerio = new CheerioCrawler(
    {
      keepAlive: true,
      minConcurrency: o.concurrency,
      maxConcurrency: o.concurrency,
      additionalMimeTypes: FILE_TYPES,
      respectRobotsTxtFile: true,
      requestHandler: async ({ $, request: r }) => {
        handled++;
        if ($) await follow($, r);
      },
      failedRequestHandler: () => void failed++,
    },
    memory(),
  );
  browser = new PlaywrightCrawler(
    {
      keepAlive: true,
      minConcurrency: o.tabs,
      maxConcurrency: o.tabs,
      respectRobotsTxtFile: true,
      launchContext: { launcher: chromium, launchOptions: { executablePath: chromiumPath(), headless: true, args: runsWithoutSandbox() ? ['--no-sandbox'] : [] } },
      requestHandler: async ({ page, parseWithCheerio, request: r }) => {
        await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
        handled++;
        await follow(await parseWithCheerio(), r);
      },
      failedRequestHandler: () => void failed++,
    },
    memory(),
  );
  await route(starts);
  const runs = [cheerio.run(), browser.run()];
  // Both queues empty and neither crawler busy, twice in a row (a handler may be about to hand links over).
  for (let quiet = 0; quiet < 2; ) {
    await new Promise((r) => setTimeout(r, 200));
    const [a, b] = await Promise.all([cheerio.getRequestQueue(), browser.getRequestQueue()]);
    quiet = (await a.isFinished()) && (await b.isFinished()) ? quiet + 1 : 0;
  }
  cheerio.stop();
  browser.stop();
  await Promise.all(runs);
  return { handled, failed };
}

/** Crawls `pages` (duplicates fetched once, as Crawlee's queue keeps them); returns how many it handled and how many failed. */
export async function crawleePeer(pages: ManifestPage[], o: PeerOptions): Promise<{ handled: number; failed: number }> {
  log.setLevel(LogLevel.ERROR);
  let handled = 0;
  let failed = 0;
  const onFailed = () => {
    failed++;
  };
  // One configuration each: two crawlers on one configuration would share its default request queue.
  const memory = () => new Configuration({ persistStorage: false, purgeOnStart: true });
  const cheerio = new CheerioCrawler(
    {
      minConcurrency: o.concurrency,
      maxConcurrency: o.concurrency,
      additionalMimeTypes: FILE_TYPES,
      requestHandler: async ({ $ }) => {
        handled++;
        if ($) $('a').length;
      },
      failedRequestHandler: onFailed,
    },
    memory(),
  );
  const browser = new PlaywrightCrawler(
    {
      minConcurrency: o.tabs,
      maxConcurrency: o.tabs,
      launchContext: { launcher: chromium, launchOptions: { executablePath: chromiumPath(), headless: true, args: runsWithoutSandbox() ? ['--no-sandbox'] : [] } },
      // The JS lists fill themselves from an API after 'load': wait for the network to go quiet, as a user would.
      requestHandler: async ({ page, parseWithCheerio }) => {
        await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
        handled++;
        (await parseWithCheerio())('a').length;
      },
      failedRequestHandler: onFailed,
    },
    memory(),
  );
  const request = (p: ManifestPage) => {
    const u = new URL(p.url);
    // A POST's form is not kept in our fetch records; the portal's proxies answer the same query by GET.
    return { url: p.url, method: 'GET' as const, headers: p.fetcher === 'http' ? o.headers : undefined, uniqueKey: `${p.method} ${u.href}${p.repeat ? `#${p.repeat}` : ''}` };
  };
  await Promise.all([cheerio.run(pages.filter((p) => p.fetcher === 'http').map(request)), browser.run(pages.filter((p) => p.fetcher === 'browser').map(request))]);
  return { handled, failed };
}
