/**
 * What protects the password check (scrypt: 128 MiB and a thread-pool thread for a second or so each).
 * Memory-only state, which is right for one server process.
 *
 * - In flight: at most `perIp` checks from one address and `global` in all; beyond that the answer is an
 *   immediate 429. A flood from one address (100 random names at once) then costs two checks, not a hundred,
 *   and a real user elsewhere is not queued behind it (made-up names cost no CPU: see burnPasswordCheck).
 * - Per account: after `freeFailures` wrong passwords in a row for a name, the next attempt must wait 1, 2, 4…
 *   seconds (at most `maxBackoffSeconds`); attempts during the wait are refused without counting. This slows a
 *   guesser down but never locks the real user out, even when the guesser shares their proxy's address.
 *   It applies to unknown names alike, so it does not tell which names exist.
 */
export interface LoginBudget {
  global: number;
  perIp: number;
  freeFailures: number;
  maxBackoffSeconds: number;
}

const DEFAULT_LOGIN_BUDGET: LoginBudget = { global: 4, perIp: 2, freeFailures: 5, maxBackoffSeconds: 60 };

export type Admission = { ok: true; release(): void } | { ok: false; reason: 'busy' } | { ok: false; reason: 'backoff'; seconds: number };

export class LoginGuard {
  private inFlight = 0;
  private perIp = new Map<string, number>();
  private failures = new Map<string, { count: number; until: number }>();

  constructor(private readonly budget: LoginBudget = DEFAULT_LOGIN_BUDGET) {}

  /** Whether a password check for `name` from `ip` may run now; on ok, release() when it has finished. */
  admit(ip: string, name: string, now = Date.now()): Admission {
    const f = this.failures.get(name);
    if (f && now < f.until) return { ok: false, reason: 'backoff', seconds: Math.ceil((f.until - now) / 1000) };
    const mine = this.perIp.get(ip) ?? 0;
    if (this.inFlight >= this.budget.global || mine >= this.budget.perIp) return { ok: false, reason: 'busy' };
    this.inFlight++;
    this.perIp.set(ip, mine + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
        const n = (this.perIp.get(ip) ?? 1) - 1;
        if (n) this.perIp.set(ip, n);
        else this.perIp.delete(ip);
      },
    };
  }

  fail(name: string, now = Date.now()): void {
    const count = (this.failures.get(name)?.count ?? 0) + 1;
    const over = count - this.budget.freeFailures;
    const waitS = over < 0 ? 0 : Math.min(2 ** over, this.budget.maxBackoffSeconds);
    this.failures.set(name, { count, until: now + waitS * 1000 });
    // Bounded memory under a flood of random names: forget the oldest entries (Map keeps insertion order).
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(name: string): void {
    this.failures.delete(name);
  }
}
