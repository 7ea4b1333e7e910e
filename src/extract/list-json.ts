import { absoluteUrl, cleanText } from './dom.ts';
import { parseDate, type DateContext } from './date.ts';
import { extractList, isDocumentFile, shapeFlags } from './list.ts';
import { linkTitle } from './blocks.ts';
import { MAX_REVEALED_PAGES } from './pagers/index.ts';
import type { ListExtraction, ListItem, ListOptions, PagerClaims } from './types.ts';
import { shanghaiDay } from '../shared/time.ts';

const TITLE_KEY = /^(title|doctitle|doc_title|name|subject|bt|biaoti|wjmc|infotitle|articletitle)$|title$/i;
const URL_KEY = /^(url|link|href|path|docurl|chnldocurl|pageurl|detailurl|infourl|articleurl)$|url$/i;
const DATE_KEY = /^(date|pubdate|publishdate|publishtime|pubtime|docreltime|reltime|releasedate|fbrq|fbsj|createtime|createdate|time|scrq|cwrq)$|(date|time)$/i;
const PIN_KEY = /^(istop|top|zd|pinned|settop|sticky)$/i;
const TOTAL_KEY = /^(total|totalcount|recordcount|totalrecord|count|totalnum)$/i;
const SIZE_KEY = /^(pagesize|rows|perpage|size|limit)$/i;
const PAGE_PARAM = /^(page|pageno|pageindex|pagenum|curpage|currentpage|p|pn)$/i;

function parseJson(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch {
    return null;
  }
}

/** Every value in the document, depth-first, with its parent object (for pager fields beside a list). */
function* walk(v: unknown, parent: Record<string, unknown> | null = null): Generator<{ v: unknown; parent: Record<string, unknown> | null }> {
  yield { v, parent };
  if (Array.isArray(v)) for (const x of v) yield* walk(x, null);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) yield* walk(x, v as Record<string, unknown>);
}

function dateOf(v: unknown, ctx: DateContext): string | null {
  if (typeof v === 'number' && v > 1e11) return shanghaiDay(v); // epoch milliseconds
  if (typeof v === 'number' && v > 1e8) return shanghaiDay(v * 1000);
  if (typeof v === 'string') return parseDate(v, ctx)?.date ?? null;
  return null;
}

function keyOf(rec: Record<string, unknown>, re: RegExp, want: 'string' | 'any'): string | undefined {
  return Object.keys(rec).find((k) => re.test(k) && (want === 'any' || typeof rec[k] === 'string') && rec[k] !== '');
}

function recordItems(arr: Record<string, unknown>[], url: string, ctx: DateContext): ListItem[] {
  const items: ListItem[] = [];
  const seen = new Set<string>();
  for (const rec of arr) {
    const tk = keyOf(rec, TITLE_KEY, 'string');
    const uk = keyOf(rec, URL_KEY, 'string');
    if (!tk || !uk) continue;
    const u = absoluteUrl(String(rec[uk]), url);
    if (!u || seen.has(u)) continue;
    seen.add(u);
    const dk = keyOf(rec, DATE_KEY, 'any');
    const pk = keyOf(rec, PIN_KEY, 'any');
    const pinned = pk ? ['1', 'true', 'yes', '是'].includes(String(rec[pk]).toLowerCase()) : false;
    const item: ListItem = { title: linkTitle(cleanText(String(rec[tk]).replace(/<[^>]*>/g, '')), undefined), url: u, date: dk ? dateOf(rec[dk], ctx) : null, pinned };
    if (dk && typeof rec[dk] === 'string') item.dateText = String(rec[dk]);
    if (isDocumentFile(u)) item.file = true;
    items.push(item);
  }
  return items;
}

/** The total and page size a JSON API states beside its list. */
function jsonClaims(parent: Record<string, unknown> | null): PagerClaims {
  if (!parent) return {};
  const num = (re: RegExp) => {
    const k = Object.keys(parent).find((x) => re.test(x));
    const n = k ? Number(parent[k]) : NaN;
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const claims: PagerClaims = {};
  const total = num(TOTAL_KEY);
  const size = num(SIZE_KEY);
  if (total !== undefined) claims.totalRecords = total;
  if (size !== undefined) claims.perPage = size;
  if (total !== undefined && size !== undefined) claims.totalPages = Math.ceil(total / size);
  return claims;
}

/** Further pages of a JSON API: its total and page size beside the list, with the request's page parameter. */
function jsonPages(parent: Record<string, unknown> | null, url: string): string[] {
  if (!parent) return [];
  const num = (re: RegExp) => {
    const k = Object.keys(parent).find((x) => re.test(x));
    return k ? Number(parent[k]) : NaN;
  };
  const total = num(TOTAL_KEY);
  const size = num(SIZE_KEY);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  const param = [...u.searchParams.keys()].find((k) => PAGE_PARAM.test(k));
  if (!param || !(total > 0 && size > 0)) return [];
  const current = Number(u.searchParams.get(param)) || 1;
  const out: string[] = [];
  for (let p = 1; p <= Math.min(Math.ceil(total / size), MAX_REVEALED_PAGES); p++) {
    if (p === current) continue;
    u.searchParams.set(param, String(p));
    out.push(u.href);
  }
  return out;
}

/**
 * A list served as JSON: either an HTML fragment inside the JSON (hanweb jpaas `data.html`), read like any
 * list page, or an array of records with a title-like, a URL-like and a date-like field.
 */
export function extractListJson(json: unknown, url: string, opts: ListOptions = {}): ListExtraction {
  const doc = parseJson(json);
  const ctx: DateContext = { refDay: opts.refDay ?? shanghaiDay() };
  let fragment = '';
  let best: { items: ListItem[]; parent: Record<string, unknown> | null } = { items: [], parent: null };
  for (const { v, parent } of walk(doc)) {
    if (typeof v === 'string' && /<a\s[^>]*href/i.test(v) && v.length > fragment.length) fragment = v;
    if (Array.isArray(v) && v.length && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      const items = recordItems(v as Record<string, unknown>[], url, ctx);
      if (items.length > best.items.length) best = { items, parent };
    }
  }
  if (best.items.length) {
    return { kind: 'list', items: best.items, nextPages: jsonPages(best.parent, url), claims: jsonClaims(best.parent), flags: shapeFlags(best.items) };
  }
  if (fragment) return extractList(fragment, url, opts);
  return { kind: 'list', items: [], nextPages: [], claims: {}, flags: [doc === null ? 'json-unparseable' : 'no-items'] };
}
