import { textContent } from 'domutils';
import { absoluteUrl, type LoadedPage } from '../dom.ts';
import { countOf, isObject, parseValue } from './js.ts';
import type { PagerClaims } from '../types.ts';
import type { PagerFamily, PagerReading } from './types.ts';

/** The queryData attribute (`{"pageId":"…","webId":"…"}`, quotes optional) as query pairs. */
function queryPairs(queryData: string): Array<[string, string]> {
  const v = parseValue(queryData);
  if (!isObject(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => (typeof x === 'string' || typeof x === 'number' ? [[k, String(x)] as [string, string]] : []));
}

const UNIT_API = /\/jpaas-publish-server\/front\/page\/build\/unit$/;

/** A number an element of the given class shows (`<span class="default_pgTotalPage">26</span>`). */
function shownCount(page: LoadedPage, cls: string): number | undefined {
  const el = page.elements.find((e) => (e.attribs.class ?? '').split(/\s+/).includes(cls));
  return el ? countOf(textContent(el).trim()) : undefined;
}

/**
 * The unit API's own answer (its `data.html`), drawn by pageNew.js: a table saying 共 N 页 / 检索到 M 条记录 in
 * default_pg* elements. Page N is the same request with paramJson={"pageNo":N} (pageSize kept when the request
 * named one), as unitbuild.js asks for it.
 */
function unitAnswerPages(page: LoadedPage, pageUrl: string, cap: number, claims: PagerClaims): string[] {
  let u: URL;
  try {
    u = new URL(pageUrl);
  } catch {
    return [];
  }
  if (!UNIT_API.test(u.pathname)) return [];
  const pages = shownCount(page, 'default_pgTotalPage');
  const records = shownCount(page, 'default_pgTotalRecord');
  if (records !== undefined) claims.totalRecords ??= records;
  if (!pages) return [];
  claims.totalPages ??= pages;
  let asked: Record<string, unknown> = {};
  try {
    const v = JSON.parse(u.searchParams.get('paramJson') ?? '{}') as unknown;
    if (v && typeof v === 'object') asked = v as Record<string, unknown>;
  } catch {
    // an unreadable paramJson is page 1, as the API itself takes it
  }
  const current = Number(asked.pageNo) || 1;
  const out: string[] = [];
  for (let p = 1; p <= Math.min(pages, cap + 2); p++) {
    if (p === current) continue;
    const pu = new URL(u.href);
    pu.searchParams.set('paramJson', JSON.stringify({ ...asked, pageNo: p }));
    out.push(pu.href);
  }
  return out;
}

/**
 * Hanweb jpaas: a pagination table (or the loader script) carries unitUrl/url + queryData and, once
 * rendered, count, rows and pageNo; the unit API serves page N as pageNo=N&rows=R. Newer unit answers say
 * 共 N 页 in default_pg* elements and take paramJson instead.
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
    if (!pages.length) pages.push(...unitAnswerPages(page, pageUrl, cap, claims));
    return { pages, dataEndpoints: endpoints, claims };
  },
};
