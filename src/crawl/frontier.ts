import PQueue from 'p-queue';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

interface HostState {
  queue: PQueue;
  delayMs: number;
  nextStart: number;
}

export interface Frontier {
  /** Runs fn under the host's concurrency limit and minimum start gap, then the global limit. */
  run<T>(host: string, fn: () => Promise<T>): Promise<T>;
  /** Raises the host's start gap (robots.txt Crawl-delay); never lowers it below the configured one. */
  setMinDelay(host: string, ms: number): void;
  /** No request to the host starts before now + ms (429/503 with Retry-After). */
  pushBack(host: string, ms: number): void;
}

export function createFrontier(opts: { globalConcurrency: number; perHostConcurrency: number; perHostDelayMs: number }): Frontier {
  const global = new PQueue({ concurrency: opts.globalConcurrency });
  const hosts = new Map<string, HostState>();
  const state = (host: string) => {
    let s = hosts.get(host);
    if (!s) {
      s = { queue: new PQueue({ concurrency: opts.perHostConcurrency }), delayMs: opts.perHostDelayMs, nextStart: 0 };
      hosts.set(host, s);
    }
    return s;
  };

  return {
    run<T>(host: string, fn: () => Promise<T>) {
      const s = state(host);
      // The host slot is taken before the global one, so a slow host never holds a global slot while it waits.
      return s.queue.add(async () => {
        for (;;) {
          const now = Date.now();
          if (s.nextStart <= now) break;
          await sleep(s.nextStart - now); // re-read: a pushBack may have moved it meanwhile
        }
        s.nextStart = Date.now() + s.delayMs;
        return global.add(fn);
      }) as Promise<T>;
    },
    setMinDelay(host, ms) {
      const s = state(host);
      s.delayMs = Math.max(opts.perHostDelayMs, ms);
    },
    pushBack(host, ms) {
      const s = state(host);
      s.nextStart = Math.max(s.nextStart, Date.now() + ms);
    },
  };
}
