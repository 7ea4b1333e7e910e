import type { FetchResult } from '../shared/capture.ts';
import type { BlockedBy } from '../shared/vocabulary.ts';
import type { ColumnCrawlEnv } from './column-env.ts';

/**
 * Where a login form lives; a redirect there instead of the column is a login wall. A password field alone proves
 * nothing: many portals carry a 用户登录 box beside every list.
 */
const LOGIN_PATH = /(^|[/_.-])(login|logon|signin|sign-in|sso|cas|passport|auth)([/_.?=-]|$)/i;

/**
 * A column page refusing the assessor rather than failing: a rule of the site's robots.txt, a login wall (HTTP 401,
 * or a redirect that lands on a login page) or HTTP 403. Whether the refusal is the unit's or the whole site's is
 * settled once the night knows how the site answered its other columns (crawl-run.ts).
 */
export function refusal(r: FetchResult): { by: BlockedBy; error: string } | null {
  if (r.outcome === 'robots-denied' && r.robotsTxt) return { by: 'robots', error: r.error ?? `robots.txt 禁止抓取 ${r.requestUrl}` };
  if (r.status === 401) return { by: 'login', error: `站点对 ${r.requestUrl} 返回 HTTP 401，要求登录后才能访问。` };
  if (r.status === 403) return { by: 'forbidden', error: `站点对 ${r.requestUrl} 返回 HTTP 403（拒绝访问）。` };
  if (r.outcome === 'ok' && r.redirects.length) {
    const landed = new URL(r.finalUrl);
    if (LOGIN_PATH.test(landed.pathname + landed.search)) return { by: 'login', error: `${r.requestUrl} 跳转到登录页 ${r.finalUrl}，须登录后才能访问。` };
  }
  return null;
}

/** The robots.txt whose rule refused a fetch (FetchResult.robotsTxt), stored as evidence; none for other refusals. */
export async function robotsEvidence(env: Pick<ColumnCrawlEnv, 'evidence' | 'runId'>, robotsTxt: FetchResult | undefined): Promise<number[]> {
  return robotsTxt ? [await env.evidence.save(robotsTxt, { runId: env.runId })] : [];
}
