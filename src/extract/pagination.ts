import { textContent } from 'domutils';
import { absoluteUrl, squash, type LoadedPage } from './dom.ts';

/** Upper bound on pages one pager may reveal: a `createPageHTML(10000000, …)` must not exhaust memory. */
export const MAX_REVEALED_PAGES = 2000;

export interface Pager {
  nextPages: string[];
  dataEndpoints: string[];
  capped: boolean;
  /** The number of records the page says the column has ("共595条", recordCount:'107'), when it says so. */
  declaredTotal: () => number | undefined;
}

/** The largest record count the page declares in its text or pager configuration. */
function declaredTotal(page: LoadedPage): number | undefined {
  const counts: number[] = [];
  for (const s of page.scripts) {
    for (const m of s.matchAll(/\brecordCount['"]?\s*[:=]\s*['"]?(\d+)/gi)) counts.push(Number(m[1]));
  }
  for (const m of textContent(page.body).matchAll(/共\s*(\d+)\s*条/g)) counts.push(Number(m[1]));
  return counts.length ? Math.max(...counts) : undefined;
}

type Literal = number | string;

/** Literal arguments of a call like `createPageHTML('pager', 20, 0, "index", "html")`; null when any is not a literal. */
function literalArgs(argText: string): Literal[] | null {
  const out: Literal[] = [];
  for (const raw of argText.split(',')) {
    const a = raw.trim();
    if (/^-?\d+$/.test(a)) out.push(Number(a));
    else if (/^(['"])(.*)\1$/.test(a)) out.push(a.slice(1, -1));
    else return null;
  }
  return out;
}

/** TRS `createPageHTML(count, current, "index", "html")`: pages index.html, index_1.html … index_{count-1}.html. */
function trsPages(scripts: string[], pageUrl: string, cap: number): string[] {
  const out: string[] = [];
  for (const s of scripts) {
    for (const m of s.matchAll(/createPageHTML\s*\(([^()]*)\)/g)) {
      const args = literalArgs(m[1]);
      if (!args) continue; // the function's own definition, or computed arguments
      const nums = args.filter((a): a is number => typeof a === 'number');
      const firstNum = args.findIndex((a) => typeof a === 'number');
      const strs = args.slice(firstNum).filter((a): a is string => typeof a === 'string');
      if (nums.length < 2 || strs.length < 2) continue;
      const [count, current] = nums;
      const [name, ext] = strs;
      for (let i = 0; i < Math.min(count, cap + 2); i++) {
        if (i === current) continue;
        const u = absoluteUrl(i === 0 ? `${name}.${ext}` : `${name}_${i}.${ext}`, pageUrl);
        if (u) out.push(u);
      }
    }
  }
  return out;
}

/** `{a:1, 'b':'x', c:"y"}` object literal → string map (flat literals only, as jpage's ajaxParam is). */
function objectLiteral(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/['"]?(\w+)['"]?\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,}\s]+))/g)) out[m[1]] = m[2] ?? m[3] ?? m[4];
  return out;
}

/**
 * Hanweb jpage: the page embeds the first `groupSize × perPage` records and asks `proxyUrl` for the rest with
 * startrecord/endrecord. The PC and mobile copies of one column differ only in unitid, so they count once.
 */
function jpagePages(scripts: string[], pageUrl: string, cap: number): { pages: string[]; endpoints: string[] } {
  const pages: string[] = [];
  const endpoints: string[] = [];
  const seen = new Set<string>();
  for (const s of scripts) {
    const params = new Map<string, Record<string, string>>();
    for (const m of s.matchAll(/var\s+(\w+)\s*=\s*(\{[^{}]*\})/g)) params.set(m[1], objectLiteral(m[2]));
    // $('#id').jpage({...}) or jpage('id', {...}); when some calls embed a dataStore, the others are re-queries.
    const calls = [...s.matchAll(/\bjpage\s*\(\s*(?:(['"])[^'"]*\1\s*,\s*)?(\{[^{}]*\})\s*\)/g)].map((m) => m[2]);
    const embedded = calls.filter((c) => /dataStore\s*:/.test(c));
    for (const call of embedded.length ? embedded : calls) {
      const cfg = objectLiteral(call);
      const total = Number(cfg.totalRecord);
      const perPage = Number(cfg.perPage) || 10;
      const group = (Number(cfg.groupSize) || 1) * perPage;
      const proxy = cfg.proxyUrl;
      if (!proxy || !Number.isFinite(total) || total <= 0) continue;
      const ajax = params.get(cfg.ajaxParam ?? '') ?? {};
      const { unitid: _unit, ...rest } = ajax;
      const key = JSON.stringify([proxy, rest, total, perPage]);
      if (seen.has(key)) continue;
      seen.add(key);
      const base = absoluteUrl(proxy, pageUrl);
      if (!base) continue;
      endpoints.push(base);
      for (let start = group + 1; start <= total && pages.length <= cap; start += group) {
        const u = new URL(base);
        u.searchParams.set('startrecord', String(start));
        u.searchParams.set('endrecord', String(Math.min(start + group - 1, total)));
        u.searchParams.set('perpage', String(perPage));
        for (const [k, v] of Object.entries(ajax)) u.searchParams.set(k, v);
        pages.push(u.href);
      }
    }
  }
  return { pages, endpoints };
}

/** Hanweb jpaas: a pagination table (or loader script) with unitUrl/url + queryData, count and rows. */
function jpaasPages(page: LoadedPage, pageUrl: string, cap: number): { pages: string[]; endpoints: string[] } {
  const pages: string[] = [];
  const endpoints: string[] = [];
  const withQuery = (path: string, queryData: string): URL | null => {
    const base = absoluteUrl(path, pageUrl);
    if (!base) return null;
    const u = new URL(base);
    for (const [k, v] of Object.entries(objectLiteral(queryData))) u.searchParams.set(k, v);
    return u;
  };
  const sources: Array<Record<string, string>> = [...page.scriptAttrs];
  for (const el of page.elements) if (el.attribs.querydata !== undefined) sources.push(el.attribs);
  for (const a of sources) {
    const path = a.uniturl ?? a.url;
    if (!path || !a.querydata) continue;
    const u = withQuery(path, a.querydata);
    if (!u) continue;
    endpoints.push(u.href);
    const count = Number(a.count);
    const rows = Number(a.rows);
    const current = Number(a.pageno) || 1;
    if (!(count > 0 && rows > 0)) continue;
    const last = Math.min(Math.ceil(count / rows), cap + 2);
    for (let p = 1; p <= last; p++) {
      if (p === current) continue;
      const pu = new URL(u.href);
      pu.searchParams.set('pageNo', String(p));
      pu.searchParams.set('rows', String(rows));
      pages.push(pu.href);
    }
  }
  return { pages, endpoints };
}

const NEXT_TEXT = /^(下一?页|下页|后页|next|nextpage|›|»|>|>>)$/i;
const PAGE_PARAM = /^(page|pageno|pageindex|pagenum|pagenumber|curpage|currentpage|p|pn|pageid|start|offset)$/i;

/** Splits a URL into a template with its page number as {N}, when it is a sibling page of the list page. */
function siblingTemplate(url: string, pageUrl: string): { template: string; n: number } | null {
  const u = new URL(url);
  const p = new URL(pageUrl);
  if (u.origin !== p.origin) return null;
  const dir = (x: URL) => x.pathname.slice(0, x.pathname.lastIndexOf('/') + 1);
  // ?page=N on the same path (other parameters equal)
  if (u.pathname === p.pathname) {
    for (const [k, v] of u.searchParams) {
      if (!PAGE_PARAM.test(k) || !/^\d+$/.test(v)) continue;
      const others = new URL(u.href);
      others.searchParams.delete(k);
      const mine = new URL(p.href);
      mine.searchParams.delete(k);
      if (others.search !== mine.search) continue;
      others.searchParams.set(k, '{N}');
      return { template: others.href.replace(encodeURIComponent('{N}'), '{N}'), n: Number(v) };
    }
    return null;
  }
  // index_2.html, index_958_3.html, news-list-x-2.html next to index.html / news-list-x.html
  if (dir(u) !== dir(p) || u.search !== p.search) return null;
  const base = p.pathname.slice(dir(p).length);
  const stem = base ? base.replace(/\.[a-z0-9]+$/i, '') : 'index';
  const name = u.pathname.slice(dir(u).length);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stems = base ? [stem] : ['index', 'default', 'list'];
  for (const st of stems) {
    const m = new RegExp(`^(${esc(st)}(?:[_-]\\d+)*[_-])(\\d+)(\\.[a-z0-9]+)$`, 'i').exec(name);
    if (m) return { template: `${u.origin}${dir(u)}${m[1]}{N}${m[3]}${u.search}`, n: Number(m[2]) };
  }
  return null;
}

/** Anchors and <option>s of the pager: "下一页" links anywhere, and sibling pages whose number ranges are filled. */
function linkPages(page: LoadedPage, pageUrl: string, cap: number): string[] {
  const next: string[] = [];
  const families = new Map<string, Set<number>>();
  const consider = (href: string | undefined, text: string) => {
    // Sibling pages carry a number; anything else matters only as a 下一页 link.
    if (!href || (!/\d/.test(href) && !NEXT_TEXT.test(squash(text)))) return;
    const u = absoluteUrl(href, pageUrl);
    if (!u) return;
    const t = siblingTemplate(u, pageUrl);
    if (t) {
      if (!families.has(t.template)) families.set(t.template, new Set());
      families.get(t.template)!.add(t.n);
    } else if (NEXT_TEXT.test(squash(text))) next.push(u);
  };
  for (const el of page.elements) {
    if (el.name === 'a' && el.attribs.href !== undefined) consider(el.attribs.href, textContent(el) || (el.attribs.title ?? ''));
    else if (el.name === 'option' && el.attribs.value !== undefined) consider(el.attribs.value, '');
  }
  const out: string[] = [...next];
  for (const [template, ns] of families) {
    const sorted = [...ns].sort((a, b) => a - b);
    // A pager shows first, last and a few neighbours: the pages between them exist too.
    const lo = sorted[0];
    const hi = Math.min(sorted[sorted.length - 1], lo + cap);
    for (let n = lo; n <= hi; n++) out.push(template.replace('{N}', String(n)));
  }
  return out;
}

/** Script-visible data endpoints (`url: "/api/…"`, `$.ajax("…")`) for lists a browser would render. */
function scriptEndpoints(scripts: string[], pageUrl: string): string[] {
  const out: string[] = [];
  const re =
    /(?:\b(?:url|listUrl|dataUrl|apiUrl|proxyUrl)\s*:\s*|\$\.(?:ajax|get|post|getJSON)\(\s*|\bfetch\(\s*)["']([^"'\s]+)["']/g;
  for (const s of scripts) {
    for (const m of s.matchAll(re)) {
      if (/\.(js|css|png|jpe?g|gif|svg|ico|html?)(\?|$)/i.test(m[1])) continue;
      const u = absoluteUrl(m[1], pageUrl);
      if (u) out.push(u);
    }
  }
  return out;
}

function canonical(u: string): string {
  return u.replace(/\/(index|default)\.s?html?$/i, '/');
}

export function findPager(page: LoadedPage, pageUrl: string): Pager {
  const cap = MAX_REVEALED_PAGES;
  const trs = trsPages(page.scripts, pageUrl, cap);
  const jpage = jpagePages(page.scripts, pageUrl, cap);
  const jpaas = jpaasPages(page, pageUrl, cap);
  const links = linkPages(page, pageUrl, cap);
  const self = canonical(pageUrl);
  const seen = new Set<string>([self]);
  const nextPages: string[] = [];
  for (const u of [...trs, ...jpage.pages, ...jpaas.pages, ...links]) {
    const c = canonical(u);
    if (seen.has(c)) continue;
    seen.add(c);
    nextPages.push(u);
  }
  const endpoints = [...new Set([...jpage.endpoints, ...jpaas.endpoints, ...scriptEndpoints(page.scripts, pageUrl)])];
  const capped = nextPages.length > cap;
  return { nextPages: nextPages.slice(0, cap), dataEndpoints: endpoints, capped, declaredTotal: () => declaredTotal(page) };
}
