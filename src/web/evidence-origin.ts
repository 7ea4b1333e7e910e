import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { getFetch } from '../store/index.ts';
import { readSnapshot } from '../evidence/index.ts';
import type { DB } from '../store/index.ts';
import { findSessionById, type SessionLimits } from '../store/index.ts';

/**
 * The evidence origin serves captured pages, and nothing else, on its own port: a captured page is
 * hostile input, so it runs in an opaque sandboxed origin that shares nothing with the dashboard.
 * Cookies do not reach it, so each URL carries a short-lived HMAC token minted by the dashboard for one
 * snapshot and one session: it stops working when that session ends (logout, password change, expiry).
 */
export const EVIDENCE_TOKEN_TTL_MS = 10 * 60_000;

/** `sessionId` is the stored id (the cookie token's sha256), which cannot be turned back into a cookie. */
export function evidenceToken(secret: Buffer, fetchId: number, sessionId: string, now = Date.now()): string {
  const exp = now + EVIDENCE_TOKEN_TTL_MS;
  const mac = createHmac('sha256', secret).update(`evidence:${fetchId}:${sessionId}:${exp}`).digest('base64url');
  return `${sessionId}.${exp}.${mac}`;
}

/** The session the token was minted for when the token is genuine, unexpired and for this snapshot. */
export function evidenceTokenSession(secret: Buffer, fetchId: number, token: string | undefined, now = Date.now()): string | undefined {
  const m = /^([0-9a-f]{64})\.(\d+)\.([A-Za-z0-9_-]+)$/.exec(token ?? '');
  if (!m || Number(m[2]) <= now) return undefined;
  const want = createHmac('sha256', secret).update(`evidence:${fetchId}:${m[1]}:${m[2]}`).digest();
  const got = Buffer.from(m[3], 'base64url');
  return got.length === want.length && timingSafeEqual(got, want) ? m[1] : undefined;
}

/** The decompressed snapshot, or undefined when there is none (never stored, or pruned by retention). */
export function loadSnapshot(snapshotsDir: string, sha256: string | null): Buffer | undefined {
  if (!sha256 || !/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  try {
    return readSnapshot(snapshotsDir, sha256);
  } catch {
    return undefined;
  }
}

const CHARSET = /^[A-Za-z0-9_-]{1,40}$/;

export interface EvidenceOriginOptions {
  db: DB;
  snapshotsDir: string;
  secret: Buffer;
  limits: SessionLimits;
  /** The dashboard origin allowed to frame evidence (frame-ancestors). */
  dashboardOrigin(hostHeader: string | undefined): string;
}

/** Routes of the evidence origin; every one requires a valid token (tested like the dashboard's policy table). */
export const EVIDENCE_ROUTES = [{ method: 'GET', path: '/snap/:fetchId', policy: 'token' }] as const;

export function createEvidenceApp(o: EvidenceOriginOptions): Hono {
  const app = new Hono();
  const deny = (status: 403 | 404) =>
    new Response(status === 403 ? '无权访问：链接已过期或无效，请从看板的证据页重新打开。' : '找不到该证据。', {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "sandbox; default-src 'none'" },
    });
  app.get('/snap/:fetchId', (c) => {
    const idText = c.req.param('fetchId');
    if (!/^\d{1,15}$/.test(idText)) return deny(404);
    const id = Number(idText);
    const sessionId = evidenceTokenSession(o.secret, id, c.req.query('t'));
    if (!sessionId || !findSessionById(o.db, sessionId, o.limits)) return deny(403);
    const f = getFetch(o.db, id);
    const body = f ? loadSnapshot(o.snapshotsDir, f.body_sha256) : undefined;
    if (!f || !body) return deny(404);
    const charset = f.charset && CHARSET.test(f.charset) ? f.charset : 'utf-8';
    const asHtml = c.req.query('view') !== 'source' && /html/i.test(f.content_type ?? 'text/html');
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': `${asHtml ? 'text/html' : 'text/plain'}; charset=${charset}`,
        // sandbox without allow-scripts / allow-same-origin: no script, an opaque origin, no forms, no top navigation.
        // default-src 'none' keeps the captured page from loading anything (no request ever leaves for its links).
        'Content-Security-Policy': `sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors ${o.dashboardOrigin(c.req.header('host'))}`,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'private, no-store',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      },
    });
  });
  app.all('*', () => deny(404));
  return app;
}
