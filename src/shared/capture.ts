// What one fetch of a page produced, over HTTP or in the browser. It sits below the stages because the crawl makes
// these records and the evidence store keeps them: neither may own the type the other needs.

export type FetchOutcome =
  | 'ok'
  | 'not-modified'
  | 'challenge'
  | 'http-error'
  | 'network-error'
  | 'timeout'
  | 'too-large'
  | 'robots-denied'
  | 'blocked';

export interface FetchResult {
  /** The URL asked for. */
  requestUrl: string;
  /** The URL of the last hop (after redirects; the browser's page URL). */
  finalUrl: string;
  /** Status of the last response; null when none was received. */
  status: number | null;
  /** Response headers as received (lower-case names; repeated headers joined with ", ", Set-Cookie with "\n"). */
  headers: Record<string, string>;
  /** Headers we sent on the last hop ({} when nothing was sent). */
  requestHeaders: Record<string, string>;
  /** Raw body bytes (content-encoding removed); for the browser, the rendered DOM as UTF-8. */
  body: Buffer | null;
  /** Body decoded to text (HTML/XML/JSON/text types), else null. */
  text: string | null;
  charset: string | null;
  fetcher: 'http' | 'browser';
  fetchedAt: string;
  durationMs: number;
  outcome: FetchOutcome;
  /** Why it failed, in Chinese. */
  error?: string;
  /** PNG, browser fetches only. */
  screenshot?: Buffer;
  /** URLs that answered with a redirect, in order (requestUrl first when redirected). */
  redirects: string[];
  /** HTTP requests made for this fetch (retries and redirect hops included; robots.txt not). */
  attempts: number;
  /** Browser only: GET data requests (XHR/fetch, 2xx) the page's scripts made, in order. */
  dataRequests?: string[];
  /** 'robots-denied' by a rule of the site's robots.txt: that file as fetched, kept as the refusal's evidence. */
  robotsTxt?: FetchResult;
}
