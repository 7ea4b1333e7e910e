import ExcelJS from 'exceljs';
import { createDashboard, type Dashboard, type DashboardOptions } from '../../src/web/app.tsx';
import { countWorkdays } from '../../src/assess/workdays.ts';
import { createSession } from '../../src/store/sessions.ts';
import type { User } from '../../src/store/users.ts';
import type { Browser, BrowserContext, LaunchOptions, Page } from 'playwright-core';
import { launchChromium } from '../../src/shared/chromium.ts';
import { PASSWORD, PERIOD, YEAR, type WebFixture } from './fixture.ts';

export const SECRET = Buffer.alloc(32, 7);
export const LIMITS = { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 };

export function dashboardFor(fx: WebFixture, settings: DashboardOptions['settings'] = {}): Dashboard {
  return createDashboard({
    db: fx.db,
    snapshotsDir: fx.snapshotsDir,
    rules: fx.rules,
    year: YEAR,
    period: PERIOD,
    countWorkdays: (from, to) => countWorkdays(fx.rules, from, to),
    settings: { secret: SECRET, ...settings },
  });
}

export interface Login {
  cookie: string;
  csrf: string;
}

/** A fresh session for a user, straight in the store (the login form itself is tested separately). */
export function loginAs(fx: WebFixture, user: User): Login {
  const s = createSession(fx.db, user.id, LIMITS);
  return { cookie: `zwgk_session=${s.token}`, csrf: s.csrfToken };
}

/** A same-origin request as a browser would send it (Origin header for unsafe methods). */
export function request(d: Dashboard, method: 'GET' | 'POST', path: string, opts: { login?: Login; form?: Record<string, string>; origin?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.login) headers.cookie = opts.login.cookie;
  let body: string | undefined;
  if (method === 'POST') {
    headers.origin = opts.origin ?? 'http://localhost';
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ ...(opts.login ? { _csrf: opts.login.csrf } : {}), ...opts.form }).toString();
  }
  return d.app.request(path, { method, headers, body, redirect: 'manual' });
}

/** The 汇总 sheet of a downloaded xlsx, read back with exceljs: one object per unit, keyed by the header row. */
export async function xlsxSummary(file: string): Promise<Array<Record<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('汇总')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  return ws.getSheetValues().slice(2).map((r) => Object.fromEntries(header.map((h, i) => [h, (r as unknown[])[i + 1]])));
}

/** Logs a fixture user in through the login form. */
export async function loginPage(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill('#name', name);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

/** Chromium with one page logged in to the dashboard at `url` as `name` (the login form, as a user fills it). */
export async function browserLoggedIn(url: string, name: string, viewport: { width: number; height: number }): Promise<{ browser: Browser; ctx: BrowserContext; page: Page }> {
  const browser = await launchChromium();
  const ctx = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await ctx.newPage();
  await loginPage(page, url, name);
  return { browser, ctx, page };
}

/** The fixture's dashboard on 127.0.0.1 and Chromium logged in to it as the assessor, on a desktop-sized page that accepts downloads. */
export async function dashboardInBrowser(fx: WebFixture): Promise<{ url: string; page: Page; close(): Promise<void> }> {
  const site = await dashboardFor(fx).start({ port: 0, evidencePort: 0, host: '127.0.0.1' });
  const { browser, page } = await browserLoggedIn(site.url, fx.users.assessor.name, { width: 1400, height: 900 });
  return {
    url: site.url,
    page,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}

/** The fixture's dashboard served on 127.0.0.1 and a Chromium to drive it, for one test file. */
export async function browserSite(fx: WebFixture, launch: LaunchOptions = {}): Promise<{ dash: Dashboard; url: string; browser: Browser; close(): Promise<void> }> {
  const dash = dashboardFor(fx);
  const site = await dash.start({ port: 0, evidencePort: 0, host: '127.0.0.1' });
  const browser = await launchChromium(launch);
  return {
    dash,
    url: site.url,
    browser,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}
