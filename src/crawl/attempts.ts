import { ExchangeFailure } from './client.ts';
import type { Frontier } from './frontier.ts';
import { sleep } from './frontier.ts';
import type { ResolvedOptions } from './options.ts';
import { backoffMs, isRetryableStatus, parseRetryAfter } from './retry.ts';
import type { FetcherStats } from './types.ts';

export interface Attempted<T> {
  value?: T;
  failure?: ExchangeFailure;
  /** Requests made. */
  attempts: number;
  /** Set when a 429/503 asked us to wait longer than we are willing to. */
  error?: string;
}

/**
 * Runs one hop under the frontier, retrying network errors, timeouts, 408 and 5xx with exponential backoff
 * (Retry-After honoured). A 429 waits Retry-After — the whole host pauses — without using up a retry;
 * those waits are bounded separately.
 */
export async function withRetries<T extends { status: number; headers: Record<string, string> }>(
  deps: { frontier: Frontier; opts: ResolvedOptions; stats: FetcherStats },
  host: string,
  attempt: () => Promise<T>,
): Promise<Attempted<T>> {
  const { frontier, opts, stats } = deps;
  let retries = 0;
  let waits = 0;
  let attempts = 0;
  for (;;) {
    attempts++;
    let value: T;
    try {
      value = await frontier.run(host, attempt);
    } catch (err) {
      const f = err instanceof ExchangeFailure ? err : new ExchangeFailure('network-error', `抓取出错：${(err as Error).message}`);
      if ((f.kind === 'timeout' || f.kind === 'network-error') && retries < opts.retries) {
        await sleep(backoffMs(retries, opts.retryBaseDelayMs));
        retries++;
        stats.retries++;
        continue;
      }
      return { failure: f, attempts };
    }
    const retryAfter = parseRetryAfter(value.headers['retry-after']);
    if (retryAfter !== undefined && retryAfter > opts.maxRetryAfterMs && (value.status === 429 || value.status === 503)) {
      return { value, attempts, error: `${host} 要求 ${Math.ceil(retryAfter / 1000)} 秒后再访问，超过上限 ${opts.maxRetryAfterMs / 1000} 秒，本次放弃。` };
    }
    if (value.status === 429) {
      if (waits >= opts.maxRateLimitWaits) {
        return { value, attempts, error: `${host} 连续 ${waits + 1} 次返回 429（请求过多），本次放弃。` };
      }
      waits++;
      stats.rateLimitWaits++;
      frontier.pushBack(host, retryAfter ?? backoffMs(waits, opts.retryBaseDelayMs));
      continue;
    }
    if (isRetryableStatus(value.status) && retries < opts.retries) {
      if (retryAfter !== undefined) frontier.pushBack(host, retryAfter);
      await sleep(backoffMs(retries, opts.retryBaseDelayMs));
      retries++;
      stats.retries++;
      continue;
    }
    return { value, attempts };
  }
}
