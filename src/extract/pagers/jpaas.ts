import { absoluteUrl } from '../dom.ts';
import { countOf, isObject, parseValue } from './js.ts';
import type { PagerClaims } from '../types.ts';
import type { PagerFamily, PagerReading } from './types.ts';

/** The queryData attribute (`{"pageId":"…","webId":"…"}`, quotes optional) as query pairs. */
function queryPairs(queryData: string): Array<[string, string]> {
  const v = parseValue(queryData);
  if (!isObject(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => (typeof x === 'string' || typeof x === 'number' ? [[k, String(x)] as [string, string]] : []));
}

/**
 * Hanweb jpaas: a pagination table (or the loader script) carries unitUrl/url + queryData and, once
 * rendered, count, rows and pageNo; the unit API serves page N as pageNo=N&rows=R.
 */
export const jpaas: PagerFamily = {
  name: 'hanweb-jpaas',
  read(page, pageUrl, cap): PagerReading {
    const pages: string[] = [];
    const endpoints: string[] = [];
    const claims: PagerClaims = {};
    const sources: Array<Record<string, string>> = [...page.scriptAttrs];
    for (const el of page.elements) if (el.attribs.querydata !== undefined) sources.push(el.attribs);
    for (const a of sources) {
      const path = a.uniturl ?? a.url;
      const base = path && a.querydata ? absoluteUrl(path, pageUrl) : null;
      if (!base) continue;
      const u = new URL(base);
      for (const [k, v] of queryPairs(a.querydata)) u.searchParams.set(k, v);
      endpoints.push(u.href);
      const count = countOf(a.count);
      const rows = countOf(a.rows);
      if (!count || !rows) continue;
      const last = Math.ceil(count / rows);
      claims.totalRecords ??= count;
      claims.perPage ??= rows;
      // The pagination table renders 共N页 from count and rows.
      claims.totalPages ??= last;
      const current = Number(a.pageno) || 1;
      for (let p = 1; p <= Math.min(last, cap + 2); p++) {
        if (p === current) continue;
        const pu = new URL(u.href);
        pu.searchParams.set('pageNo', String(p));
        pu.searchParams.set('rows', String(rows));
        pages.push(pu.href);
      }
    }
    return { pages, dataEndpoints: endpoints, claims };
  },
};
