import type { Context } from 'hono';
import type { DB } from '../store/index.ts';
import type { Rules, TongbaoSettings } from '../config/index.ts';
import type { CountWorkdays } from '../assess/index.ts';
import type { ActiveSession, SessionLimits } from '../store/index.ts';
import type { PendingUploads } from './pending-uploads.ts';

/** Everything a page handler needs, built once by createDashboard. */
export interface WebDeps {
  db: DB;
  snapshotsDir: string;
  rules: Rules;
  /** Working days over (from, to] on the official calendar. */
  countWorkdays: CountWorkdays;
  year: number;
  period: { from: string; to: string };
  /** How the 通报 and the score sheets are issued (settings tongbao.*). */
  tongbao: TongbaoSettings;
  secret: Buffer;
  secureCookies: boolean;
  limits: SessionLimits;
  /** Reverse proxies whose X-Forwarded-For entries are believed when finding the client's address. */
  trustProxy: number;
  /** Uploads between their preview and the confirm that imports them. */
  uploads: PendingUploads;
  /** Where the browser reaches the evidence origin; resolved per request when only the port is known. */
  evidenceOrigin(c: Context): string;
  /** The dashboard origin(s) allowed to frame evidence. */
  dashboardOrigin(c: Context): string;
}

export type AppEnv = {
  Variables: {
    deps: WebDeps;
    session: ActiveSession | undefined;
    secureHeadersNonce?: string;
  };
};

export type Ctx = Context<AppEnv>;
