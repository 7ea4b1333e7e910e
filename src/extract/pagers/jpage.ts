import { absoluteUrl } from '../dom.ts';
import { Assignments, calls, countOf, isObject, type JsObject, type JsValue } from './js.ts';
import type { PagerClaims } from '../types.ts';
import type { PagerFamily, PagerReading } from './types.ts';

// Request parameters some jpage configurations give at the top level instead of inside ajaxParam/params.
const TOP_PARAMS = ['col', 'appid', 'webid', 'path', 'columnid', 'unitid', 'sourceContentType', 'permissiontype'];
// Where a configuration keeps the column's request parameters (an object, a variable holding one, or a query string).
const PARAM_KEYS = ['ajaxParam', 'params', 'appendParam'];

/** Literal leaves of a params object as query pairs; appendParam may also be a query string. */
function paramPairs(v: JsValue | undefined): Array<[string, string]> {
  if (typeof v === 'string') return [...new URLSearchParams(v.replace(/^[?&]/, ''))];
  if (!isObject(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => (typeof x === 'string' || typeof x === 'number' ? [[k, String(x)] as [string, string]] : []));
}

/** The configuration object a call passes: `$('#id').jpage({…})`, `jpage('id', {…})`, `new Jpage({…})`, or a variable. */
function configOf(args: JsValue[], vars: Assignments, at: number): JsObject | null {
  for (let i = args.length - 1; i >= 0; i--) {
    const a = vars.resolve(args[i], at);
    if (isObject(a)) return a;
  }
  return null;
}

/**
 * Hanweb jpage: the page embeds the first `groupSize × perPage` records and asks `proxyUrl` (the
 * /module/web/jpage/dataproxy.jsp data proxy) for the rest with startrecord/endrecord/perpage plus the
 * column's params. The PC and mobile copies of one column differ only in unitid, so they count once.
 */
export const jpage: PagerFamily = {
  name: 'hanweb-jpage',
  read(page, pageUrl, cap): PagerReading {
    const pages: string[] = [];
    const endpoints: string[] = [];
    const claims: PagerClaims = {};
    const seen = new Set<string>();
    for (const script of page.scripts) {
      if (!/jpage/i.test(script)) continue;
      const vars = new Assignments(script);
      const configs = calls(script, String.raw`\bjpage|\bnew\s+[Jj]page`)
        .map((c) => configOf(c.args, vars, c.at))
        .filter((c): c is JsObject => c !== null);
      // When some calls embed a dataStore, the others are re-queries (a search form's) with a placeholder total.
      const embedded = configs.filter((c) => c.dataStore !== undefined);
      for (const cfg of embedded.length ? embedded : configs) {
        const total = countOf(cfg.totalRecord);
        const perPage = countOf(cfg.perPage) || 10;
        const group = (countOf(cfg.groupSize) || 1) * perPage;
        const proxy = typeof cfg.proxyUrl === 'string' ? cfg.proxyUrl : undefined;
        if (!proxy || !total) continue;
        const params = [
          ...paramPairs(Object.fromEntries(TOP_PARAMS.filter((k) => k in cfg).map((k) => [k, cfg[k]]))),
          ...PARAM_KEYS.flatMap((k) => (k in cfg ? paramPairs(vars.resolve(cfg[k])) : [])),
        ];
        const key = JSON.stringify([proxy, params.filter(([k]) => k !== 'unitid'), total, perPage]);
        if (seen.has(key)) continue;
        seen.add(key);
        claims.totalRecords = Math.max(claims.totalRecords ?? 0, total);
        // The bar jpage draws shows 共N页 from these two, as a JSON API's total and size do (list-json.ts).
        if (countOf(cfg.perPage)) {
          claims.perPage ??= perPage;
          claims.totalPages = Math.max(claims.totalPages ?? 0, Math.ceil(total / perPage));
        }
        const base = absoluteUrl(proxy, pageUrl);
        if (!base) continue;
        endpoints.push(base);
        for (let start = group + 1; start <= total && pages.length <= cap; start += group) {
          const u = new URL(base);
          u.searchParams.set('startrecord', String(start));
          u.searchParams.set('endrecord', String(Math.min(start + group - 1, total)));
          u.searchParams.set('perpage', String(perPage));
          for (const [k, v] of params) u.searchParams.set(k, v);
          pages.push(u.href);
        }
      }
    }
    return { pages, dataEndpoints: endpoints, claims };
  },
};
