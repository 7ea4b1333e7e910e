import { createHmac, timingSafeEqual } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx, WebDeps } from './env.ts';
import { createSession, deleteSession, deleteSessionByToken, findSession } from '../store/sessions.ts';

export const COOKIE = 'zwgk_session';

export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  const token = getCookie(c, COOKIE);
  c.set('session', token ? findSession(deps.db, token, deps.limits) : undefined);
  await next();
};

function cookieOpts(deps: WebDeps) {
  return { httpOnly: true, sameSite: 'Lax' as const, secure: deps.secureCookies, path: '/' };
}

/** Rotation: whatever session the browser held is dropped before the new one is issued. */
export function startSession(c: Ctx, userId: number): void {
  const deps = c.get('deps');
  const old = getCookie(c, COOKIE);
  if (old) deleteSessionByToken(deps.db, old);
  const { token } = createSession(deps.db, userId, deps.limits);
  setCookie(c, COOKIE, token, cookieOpts(deps));
}

export function endSession(c: Ctx): void {
  const s = c.get('session');
  if (s) deleteSession(c.get('deps').db, s.id);
  deleteCookie(c, COOKIE, cookieOpts(c.get('deps')));
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The synchronizer token of the session (every form carries it as _csrf). */
export function csrfTokenOk(c: Ctx, sent: unknown): boolean {
  const s = c.get('session');
  return !!s && typeof sent === 'string' && same(sent, s.csrfToken);
}

// The login form has no session yet: its token is an HMAC of a timestamp, valid for an hour.
export function loginFormToken(secret: Buffer, now = Date.now()): string {
  const ts = String(now);
  return `${ts}.${createHmac('sha256', secret).update('login:' + ts).digest('base64url')}`;
}

export function loginFormTokenOk(secret: Buffer, sent: unknown, now = Date.now()): boolean {
  if (typeof sent !== 'string') return false;
  const [ts, mac] = sent.split('.');
  if (!ts || !mac || !/^\d+$/.test(ts) || now - Number(ts) > 3600_000 || Number(ts) > now + 60_000) return false;
  return same(mac, createHmac('sha256', secret).update('login:' + ts).digest('base64url'));
}

export function clientIp(c: Ctx): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Failed logins per (IP, name) in a sliding window; memory-only, which is right for one server process. */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  blocked(ip: string, name: string, now = Date.now()): boolean {
    return this.recent(`${ip}|${name}`, now).length >= this.max;
  }

  fail(ip: string, name: string, now = Date.now()): void {
    const key = `${ip}|${name}`;
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(ip: string, name: string): void {
    this.failures.delete(`${ip}|${name}`);
  }
}
