import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { matchedRoutes } from 'hono/route';
import { secureHeaders } from 'hono/secure-headers';
import { serve, type ServerType } from '@hono/node-server';
import type { DB } from '../store/index.ts';
import { TongbaoSettingsSchema, type Rules, type TongbaoSettings } from '../config/index.ts';
import { workdayCounter, type CountWorkdays } from '../assess/index.ts';
import type { AppEnv, Ctx, WebDeps } from './env.ts';
import { csrfTokenOk, loginFormTokenOk, sessionMiddleware } from './auth.ts';
import { LoginGuard } from './login-guard.ts';
import { decide } from './policy.ts';
import { FORM_MAX_BYTES, routeTable, type RouteDef } from './routes.tsx';
import { errorPage } from './pages/errors.tsx';
import { selectYear } from './year-select.tsx';
import { createEvidenceApp } from './evidence-origin.ts';
import { PendingUploads } from './pending-uploads.ts';

export interface DashboardOptions {
  db: DB;
  snapshotsDir: string;
  rules: Rules;
  /** The assessment year and period of the loaded plan. */
  year: number;
  period: { from: string; to: string };
  /** Working days over (from, to]; default: the official calendar of these rules. */
  countWorkdays?: CountWorkdays;
  settings?: {
    /** Public URL of the dashboard (https: turns on Secure cookies; also the origin allowed to frame evidence). */
    baseUrl?: string;
    /** Public URL of the evidence origin when a proxy puts it elsewhere; default: same host, evidence port. */
    evidenceBaseUrl?: string;
    /** HMAC key for evidence links and login-form tokens; random per process when absent. */
    secret?: Buffer;
    sessionIdleMinutes?: number;
    sessionAbsoluteHours?: number;
    /** Reverse proxies in front of the dashboard whose X-Forwarded-For entries are believed (0: none). */
    trustProxy?: number;
    /** How the 通报 is issued; default: the settings' defaults. */
    tongbao?: TongbaoSettings;
  };
}

export interface StartOptions {
  port?: number;
  evidencePort?: number;
  host?: string;
}

export interface Dashboard {
  app: Hono<AppEnv>;
  evidenceApp: Hono;
  routes: RouteDef[];
  start(o?: StartOptions): Promise<{ url: string; evidenceUrl: string; close(): Promise<void> }>;
}

const hostOf = (hostHeader: string | undefined): string => {
  const h = hostHeader ?? '127.0.0.1';
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d+)?$/.exec(h);
  return m ? m[1] : '127.0.0.1';
};

// Connection: close, so that the rest of an oversized body is not read from this socket (the node server
// drains a bounded amount, then closes).
const tooLarge = async (c: Ctx) => {
  const res = await errorPage(c, 413);
  res.headers.set('Connection', 'close');
  return res;
};

/**
 * Node server limits: request line plus headers at most 16 KB (431 beyond: this bounds URL length too),
 * headers within 20 s and a whole request within 60 s (slow clients cannot hold sockets), idle keep-alive 5 s.
 */
const SERVER_OPTIONS = { maxHeaderSize: 16 * 1024, headersTimeout: 20_000, requestTimeout: 60_000, keepAliveTimeout: 5_000 };

export function createDashboard(opts: DashboardOptions): Dashboard {
  const s = opts.settings ?? {};
  const ports = { dashboard: 0, evidence: 0 };
  const secret = s.secret ?? randomBytes(32);
  const deps: WebDeps = {
    db: opts.db,
    snapshotsDir: opts.snapshotsDir,
    rules: opts.rules,
    countWorkdays: opts.countWorkdays ?? workdayCounter(opts.rules),
    year: opts.year,
    period: opts.period,
    tongbao: s.tongbao ?? TongbaoSettingsSchema.parse({}),
    secret,
    secureCookies: s.baseUrl?.startsWith('https:') ?? false,
    trustProxy: s.trustProxy ?? 0,
    uploads: new PendingUploads(),
    limits: { idleMs: (s.sessionIdleMinutes ?? 120) * 60_000, absoluteMs: (s.sessionAbsoluteHours ?? 12) * 3600_000 },
    evidenceOrigin: (c) => (s.evidenceBaseUrl ? new URL(s.evidenceBaseUrl).origin : `http://${hostOf(c.req.header('host'))}:${ports.evidence}`),
    dashboardOrigin: (c) => (s.baseUrl ? new URL(s.baseUrl).origin : `http://${hostOf(c.req.header('host'))}:${ports.dashboard}`),
  };
  const routes = routeTable(new LoginGuard());

  const app = new Hono<AppEnv>();
  const middleware = new Set<unknown>();
  const use = (h: MiddlewareHandler<AppEnv>) => {
    middleware.add(h);
    app.use('*', h);
  };

  use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        frameSrc: [(c) => deps.evidenceOrigin(c as Ctx)],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'same-origin',
      crossOriginResourcePolicy: 'same-origin',
      crossOriginOpenerPolicy: 'same-origin',
    }),
  );
  use(async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // Origin / Sec-Fetch-Site check for every unsafe method; the per-session token is checked in guard().
  use(csrf());
  use(sessionMiddleware);

  const guarded = new Set<unknown>();
  // Default deny: a matched endpoint that did not come from the policy table (e.g. someone calls app.get
  // directly) is refused before it runs.
  use(async (c, next) => {
    const endpoints = matchedRoutes(c).filter((r) => !middleware.has(r.handler));
    if (endpoints.some((r) => !guarded.has(r.handler))) return errorPage(c, 403);
    await next();
  });

  for (const r of routes) {
    const handler = async (c: Ctx) => {
      const d = decide(r.policy, c.get('session'), deps.db, (n) => c.req.param(n));
      if (d === 'login') return r.method === 'GET' ? c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`) : errorPage(c, 403);
      if (d === 'forbidden') return errorPage(c, 403);
      if (d === 'not-found') return errorPage(c, 404);
      if (r.method === 'POST') {
        let body: Record<string, unknown> = {};
        const refused = await bodyLimit({ maxSize: r.maxBodyBytes ?? FORM_MAX_BYTES, onError: tooLarge })(c, async () => {
          body = await c.req.parseBody();
        });
        if (refused) return refused;
        const ok = r.policy.kind === 'public' ? loginFormTokenOk(secret, body._csrf) : csrfTokenOk(c, body._csrf);
        if (!ok) return errorPage(c, 403);
      }
      if (r.policy.kind !== 'public') {
        const refused = await selectYear(c);
        if (refused) return refused;
      }
      return r.handler(c);
    };
    guarded.add(handler);
    app.on(r.method, r.path, handler);
  }

  app.notFound((c) => errorPage(c as Ctx, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 403) return errorPage(c as Ctx, 403);
    if (err instanceof HTTPException && err.status < 500) return errorPage(c as Ctx, err.status === 404 ? 404 : 400);
    process.stderr.write(`看板处理 ${c.req.method} ${c.req.path} 时出错：${(err as Error).stack ?? err}\n`);
    return errorPage(c as Ctx, 500);
  });

  const evidenceApp = createEvidenceApp({
    db: opts.db,
    snapshotsDir: opts.snapshotsDir,
    secret,
    limits: deps.limits,
    dashboardOrigin: (host) => (s.baseUrl ? new URL(s.baseUrl).origin : `http://${hostOf(host)}:${ports.dashboard}`),
  });

  async function start(o: StartOptions = {}) {
    const host = o.host ?? '127.0.0.1';
    const listen = (fetch: (r: Request) => Response | Promise<Response>, port: number) =>
      new Promise<ServerType>((resolve, reject) => {
        const server = serve({ fetch, port, hostname: host, serverOptions: SERVER_OPTIONS }, () => resolve(server));
        server.once('error', reject);
      });
    const main = await listen(app.fetch, o.port ?? 8080);
    const ev = await listen(evidenceApp.fetch, o.evidencePort ?? 8081);
    ports.dashboard = (main.address() as AddressInfo).port;
    ports.evidence = (ev.address() as AddressInfo).port;
    const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    const close = (sv: ServerType) => new Promise<void>((res) => sv.close(() => res()));
    return {
      url: `http://${shown}:${ports.dashboard}`,
      evidenceUrl: `http://${shown}:${ports.evidence}`,
      close: async () => {
        (main as { closeAllConnections?: () => void }).closeAllConnections?.();
        (ev as { closeAllConnections?: () => void }).closeAllConnections?.();
        await Promise.all([close(main), close(ev)]);
      },
    };
  }

  return { app, evidenceApp, routes, start };
}
