import { absoluteUrl } from '../dom.ts';
import { Assignments, countOf, isObject, type JsValue } from './js.ts';
import type { PagerClaims } from '../types.ts';
import type { PagerFamily, PagerReading } from './types.ts';

const ENDPOINT =
  /(?:\b(?:url|listUrl|dataUrl|apiUrl|proxyUrl)\s*:\s*|\$\.(?:ajax|get|post|getJSON)\(\s*|\bfetch\(\s*)["']([^"'\s]+)["']/g;
const RECORDS_KEY = /^(recordCount|totalCount|recordTotal)$/i;
const PER_PAGE_KEY = /^(prepage|perPage|pageSize)$/i;

/** recordCount and its page size, as a configuration object (`var pageChnlInfo = {recordCount:'107', prepage:15}`) or a variable. */
function configClaims(name: string, v: JsValue, claims: PagerClaims): void {
  if (RECORDS_KEY.test(name) && countOf(v) !== undefined) claims.totalRecords = Math.max(claims.totalRecords ?? 0, countOf(v)!);
  if (!isObject(v)) return;
  const records = Object.entries(v).find(([k, x]) => RECORDS_KEY.test(k) && countOf(x) !== undefined);
  if (!records) return;
  claims.totalRecords = Math.max(claims.totalRecords ?? 0, countOf(records[1])!);
  const per = Object.entries(v).find(([k, x]) => PER_PAGE_KEY.test(k) && countOf(x));
  if (per) claims.perPage ??= countOf(per[1]);
}

/**
 * Lists a browser would render from a script: the endpoints it loads (`url: "/api/…"`, `$.ajax("…")`) and
 * the record count its configuration states, when no static pager leads to the rest (TRS avalon templates).
 */
export const scriptData: PagerFamily = {
  name: 'script-data',
  read(page, pageUrl): PagerReading {
    const endpoints: string[] = [];
    const claims: PagerClaims = {};
    for (const s of page.scripts) {
      for (const m of s.matchAll(ENDPOINT)) {
        if (/\.(js|css|png|jpe?g|gif|svg|ico|html?)(\?|$)/i.test(m[1])) continue;
        const u = absoluteUrl(m[1], pageUrl);
        if (u) endpoints.push(u);
      }
      if (!/recordCount|totalCount|recordTotal/i.test(s)) continue;
      const vars = new Assignments(s);
      for (const { name, value } of vars.entries()) configClaims(name, value, claims);
    }
    return { pages: [], dataEndpoints: endpoints, claims };
  },
};
