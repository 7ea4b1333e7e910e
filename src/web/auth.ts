import { createHmac, timingSafeEqual } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx, WebDeps } from './env.ts';
import { createSession, deleteSession, deleteSessionByToken, findSession } from '../store/index.ts';

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

/**
 * The client's address. Behind `trustProxy` reverse proxies, each appends the address it received from to
 * X-Forwarded-For: the client is the entry that many places from the right of (header…, socket peer).
 * Entries further left were written by the client itself and are never trusted.
 */
export function clientIp(c: Ctx): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    peer = 'unknown';
  }
  const hops = c.get('deps').trustProxy;
  if (!hops) return peer;
  const chain = [
    ...(c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    peer,
  ];
  return chain[Math.max(0, chain.length - 1 - hops)];
}
