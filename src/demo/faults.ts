import { createHash } from 'node:crypto';

/** Name of the cookie the 412 challenge script sets. */
export const CHALLENGE_COOKIE = 'zsq_clearance';

export function challengeToken(seed: number): string {
  return createHash('sha256').update(`zsq-challenge-${seed}`).digest('hex').slice(0, 24);
}

export function hasClearance(cookieHeader: string | undefined, seed: number): boolean {
  if (!cookieHeader) return false;
  const want = challengeToken(seed);
  return cookieHeader.split(';').some((c) => {
    const [k, v] = c.trim().split('=');
    return k === CHALLENGE_COOKIE && v === want;
  });
}

/**
 * The 412 page, in the manner of 瑞数-style shields (much simpler): an obfuscated script computes the
 * clearance cookie and reloads. Without running it there is nothing to read.
 */
export function challengePage(seed: number): string {
  const key = (seed % 97) + 17;
  const codes = [...challengeToken(seed)].map((ch) => ch.charCodeAt(0) ^ key);
  return `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="robots" content="noindex"><title></title></head>
<body>
<script type="text/javascript">
(function(){var _$q=[${codes.join(',')}],_$k=${key},_$s='';for(var i=0;i<_$q.length;i++){_$s+=String.fromCharCode(_$q[i]^_$k);}
document.cookie='${CHALLENGE_COOKIE}='+_$s+'; path=/';setTimeout(function(){location.reload();},50);})();
</script>
</body></html>`;
}

export interface FaultSettings {
  enabled: boolean;
  slowMs: number;
  flakyFailures: number;
  retryAfterSec: number;
}

/** What a fault does to one request of a column's list entry page. */
export type FaultAction = { kind: 'delay'; ms: number } | { kind: 'status'; status: 503 | 429; headers: Record<string, string> };

/** Per-path request counters: the 503 and the 429 stop after their first requests. */
export class FaultState {
  private readonly seen = new Map<string, number>();

  constructor(private readonly settings: FaultSettings) {}

  decide(faults: readonly string[], key: string): FaultAction[] {
    if (!this.settings.enabled || faults.length === 0) return [];
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    const out: FaultAction[] = [];
    if (faults.includes('slow')) out.push({ kind: 'delay', ms: this.settings.slowMs });
    if (faults.includes('flaky5xx') && count <= this.settings.flakyFailures) {
      out.push({ kind: 'status', status: 503, headers: {} });
    }
    if (faults.includes('rateLimited') && count === 1) {
      out.push({ kind: 'status', status: 429, headers: { 'Retry-After': String(this.settings.retryAfterSec) } });
    }
    return out;
  }
}
