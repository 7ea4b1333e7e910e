// How long a night takes at the plan's politeness, from the requests it makes. The fetch layer's frontier starts
// a host's requests at least perHostDelayMs apart and keeps at most perHostConcurrency of them in flight, and
// hosts are crawled side by side; so each host's requests queue behind one another, a request taking the gap
// or, when it is slower than the gap times the connections, its own share of the connections.

export interface Politeness {
  perHostDelayMs: number;
  perHostConcurrency: number;
}

/** Seconds one host's requests take: `serviceMs` is how long each took to answer and be read. */
export function hostSeconds(serviceMs: number[], p: Politeness): number {
  if (!serviceMs.length) return 0;
  const gaps = serviceMs.map((ms) => Math.max(p.perHostDelayMs, ms / p.perHostConcurrency));
  // The last request's gap is replaced by its own service time: nothing starts after it.
  return (gaps.reduce((a, b) => a + b, 0) - gaps[gaps.length - 1] + serviceMs[serviceMs.length - 1]) / 1000;
}

/** Seconds the night takes: its busiest host's (hosts are crawled in parallel). */
export function nightSeconds(byHost: Map<string, number[]>, p: Politeness): number {
  return Math.max(0, ...[...byHost.values()].map((ms) => hostSeconds(ms, p)));
}

/** Service times of a night's requests by host; `unrecorded` requests (robots.txt, retries) join the busiest host at `fillMs`. */
export function requestsByHost(fetches: Array<{ url: string; durationMs: number | null }>, unrecorded: number, fillMs: number): Map<string, number[]> {
  const byHost = new Map<string, number[]>();
  for (const f of fetches) {
    const host = new URL(f.url).host;
    const ms = byHost.get(host) ?? [];
    ms.push(f.durationMs ?? 0);
    byHost.set(host, ms);
  }
  if (unrecorded > 0) {
    const busiest = [...byHost.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    if (busiest) busiest[1].push(...Array<number>(unrecorded).fill(fillMs));
  }
  return byHost;
}

/** "约 3.2 小时" / "约 14 分钟": hours from two hours up, minutes below. */
export function aboutZh(seconds: number): string {
  return seconds >= 7200 ? `约 ${(seconds / 3600).toFixed(1)} 小时` : `约 ${Math.max(1, Math.round(seconds / 60))} 分钟`;
}
