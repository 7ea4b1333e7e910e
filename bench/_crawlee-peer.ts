// The peer a user would pick instead: Crawlee 3, CheerioCrawler for what static HTTP reads, PlaywrightCrawler for
// what needs a browser, both at once in one process, storage in memory. It is handed the pages our crawl fetched
// on its first night (a head start: it neither finds the lists, pages through them, nor decides which articles
// fall in the assessment period), and per page it parses the body (cheerio; the rendered DOM in the browser) and
// counts the links, keeping nothing: no evidence files, hashes, screenshots or database.
import { CheerioCrawler, Configuration, LogLevel, PlaywrightCrawler, log } from 'crawlee';
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
