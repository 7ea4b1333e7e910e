import type { Context } from 'hono';
import type { DB } from '../store/index.ts';
import type { Rules, TongbaoSettings } from '../config/index.ts';
import type { CountWorkdays } from '../assess/index.ts';
import type { ActiveSession, PlanYear, SessionLimits } from '../store/index.ts';
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

/** The year a request is about (see year-select.tsx), and the years the selector offers, newest first. */
export interface YearView {
  year: number;
  defaultYear: number;
  offered: PlanYear[];
  /** The page's path, where the selector sends the chosen year. */
  path: string;
}

export type AppEnv = {
  Variables: {
    deps: WebDeps;
    yearView?: YearView;
    session: ActiveSession | undefined;
    secureHeadersNonce?: string;
  };
};

export type Ctx = Context<AppEnv>;
