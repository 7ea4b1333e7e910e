/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with ±50 % jitter, so that many clients failing together do not retry together. */
export function backoffMs(retry: number, baseMs: number, capMs = 30_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** retry);
  return Math.round(exp * (0.5 + Math.random()));
}

export const isRetryableStatus = (status: number) => status === 408 || status >= 500;
