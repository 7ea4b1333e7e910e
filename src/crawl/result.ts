import { decodeBody } from '../extract/index.ts';
import { isChallengePage } from '../extract/index.ts';
import type { FetchOutcome, FetchResult } from '../shared/capture.ts';
import { ExchangeFailure } from './client.ts';

const TEXTUAL = /html|xml|json|text\/|javascript/i;

/** Text and charset for a body: decoded when the type is textual (or undeclared). */
export function decodeText(body: Buffer | null, contentType: string | undefined): { text: string | null; charset: string | null } {
  if (!body) return { text: null, charset: null };
  if (contentType && !TEXTUAL.test(contentType)) return { text: null, charset: null };
  const d = decodeBody(body, contentType);
  return { text: d.text, charset: d.charset };
}

export function outcomeForStatus(status: number): FetchOutcome {
  if (status === 304) return 'not-modified';
  if (status === 412) return 'challenge';
  if (status >= 200 && status < 300) return 'ok';
  return 'http-error';
}

export function statusError(status: number): string | undefined {
  if (status === 412) return '站点返回 HTTP 412 反爬虫验证页（需在浏览器中执行脚本后才能访问）。';
  if (status >= 400) return `站点返回 HTTP ${status}。`;
  if (status >= 300 && status !== 304) return `站点返回 HTTP ${status}，但没有可跟随的 Location。`;
  return undefined;
}

// Cookie-and-reload stubs are tiny; parsing every large page for them would cost more than fetching it.
// A 412 is a challenge at any size.
const TINY_PAGE_CHARS = 4096;

/** An anti-bot challenge rather than content (the extraction stage's detector, applied to small pages). */
export function looksLikeChallenge(status: number | null, html: string | null): boolean {
  if (status === 412) return true;
  return status !== null && html !== null && html.length <= TINY_PAGE_CHARS && isChallengePage(status, html);
}

export const CHALLENGE_ERROR = '页面是反爬虫验证页（脚本设置 Cookie 后重新加载），不是栏目内容。';

/** A FetchResult for a fetch that got no response. */
export function failed(
  base: Pick<FetchResult, 'requestUrl' | 'finalUrl' | 'fetcher' | 'fetchedAt' | 'redirects' | 'attempts'>,
  started: number,
  outcome: FetchOutcome,
  error: string,
  requestHeaders: Record<string, string> = {},
): FetchResult {
  return {
    ...base,
    status: null,
    headers: {},
    requestHeaders,
    body: null,
    text: null,
    charset: null,
    durationMs: Date.now() - started,
    outcome,
    error,
  };
}

/**
 * Our browser, not the site, cut a page short: it would not start, or it crashed or was killed mid-page. Retried like
 * a network error (on a new browser); if it persists the column's visit is the auditor's fault (需核对 next night),
 * never 无法访问 or 空白 against the unit.
 */
export class BrowserFailure extends ExchangeFailure {
  constructor(reason: string) {
    super('network-error', /[。.]$/.test(reason) ? reason : `${reason}。`);
  }
}
