import { textContent } from 'domutils';
import { absoluteUrl, squash, type Element, type LoadedPage } from '../dom.ts';
import type { PagerClaims } from '../types.ts';
import type { PagerFamily, PagerReading } from './types.ts';

const NEXT_TEXT = /^(下一?页|下页|后页|next|nextpage|›|»|>|>>)$/i;
const LAST_TEXT = /^(尾页|末页|最后一?页|last|lastpage)$/i;
// Text that marks an element as part of the pager, so the text around it speaks about the column.
const PAGER_WORD = /^(首页|上一?页|上页|前页|下一?页|下页|后页|尾页|末页|最后一?页|跳转|转到|go)$/i;
const PAGER_NAME = /(^|[-_\s])(page|pages|pager|paging|pagination|pagebar|pagenav|pagelist|fenye|fy)([-_\s\d]|$)/i;
// page, pageNo, pageIndex, curPage, p.nowPage, cp, pn …: a query parameter that numbers the page.
const PAGE_PARAM = /^(p|pn|cp|pg|start|offset)$|(page|pageno|pagenum|pagenumber|pageindex|pageid)\d*$/i;
// Parameters that count records, not pages: start=0, 20, 40 … step by the page size.
const OFFSET_PARAM = /^(start|offset)$/i;
/** A pager's text is short; a longer ancestor is the page around it, whose "共 N 条" may be anything. */
const PAGER_TEXT_MAX = 300;

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
    // Otherwise only the page itself (index_7.html against index_7.html) passes the rules below.
  }
  // index_2.html, index_958_3.html, news-list-x-2.html next to index.html / news-list-x.html
  if (dir(u) !== dir(p) || u.search !== p.search) return null;
  const base = p.pathname.slice(dir(p).length);
  const stem = base ? base.replace(/\.[a-z0-9]+$/i, '') : 'index';
  const name = u.pathname.slice(dir(u).length);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // On a later page (index_3.html) its siblings share the stem before the number.
  const stems = base ? [stem, stem.replace(/[_-]\d+$/, '')] : ['index', 'default', 'list'];
  for (const st of stems) {
    const m = new RegExp(`^(${esc(st)}(?:[_-]\\d+)*[_-])(\\d+)(\\.[a-z0-9]+)$`, 'i').exec(name);
    if (m) return { template: `${u.origin}${dir(u)}${m[1]}{N}${m[3]}${u.search}`, n: Number(m[2]) };
  }
  return null;
}

/** The numbers one URL template takes on this page, and what the pager's labels say about them. */
interface Family {
  ns: Set<number>;
  /** [page shown, number in the URL] for links labelled with a page number (and 下一页 from the first page). */
  pairs: Array<[number, number]>;
  /** URL numbers of 尾页/末页 links. */
  last: number[];
}

/** How URL numbers relate to page numbers: url = page + d (forward) or url = c − page (reverse, 丰城 style). */
type Mapping = { dir: 1; k: number } | { dir: -1; k: number };

function mappingOf(pairs: Array<[number, number]>): Mapping | null {
  if (!pairs.length) return null;
  const d = pairs.map(([p, u]) => u - p);
  if (d.every((x) => x === d[0])) return { dir: 1, k: d[0] };
  const c = pairs.map(([p, u]) => u + p);
  if (pairs.length >= 2 && c.every((x) => x === c[0])) return { dir: -1, k: c[0] };
  return null;
}

const urlOf = (m: Mapping, pageNo: number) => (m.dir === 1 ? pageNo + m.k : m.k - pageNo);
const pageOf = (m: Mapping, n: number) => (m.dir === 1 ? n - m.k : m.k - n);

/** What a pager's text states: 共595条记录 1/30页, 共 12 页, 第 1/12 页, 总页数:199, 每页 15 条; and which page this is. */
function textClaims(text: string): PagerClaims & { current?: number } {
  const t = squash(text);
  const num = (re: RegExp) => {
    const m = re.exec(t);
    return m ? Number(m[1]) : undefined;
  };
  const out: PagerClaims & { current?: number } = {};
  const records = num(/共有?(\d+)条/) ?? num(/总(?:记录|条)数?[:：]?(\d+)/);
  const pages = num(/共(\d+)页/) ?? num(/\d+\/(\d+)页/) ?? num(/总页数[:：]?(\d+)/);
  const perPage = num(/每页(?:显示)?(\d+)条/);
  const current = num(/第(\d+)(?:\/\d+)?页/) ?? num(/(\d+)\/\d+页/);
  if (records !== undefined) out.totalRecords = records;
  if (pages !== undefined) out.totalPages = pages;
  if (perPage !== undefined) out.perPage = perPage;
  if (current !== undefined) out.current = current;
  return out;
}

/** The pager's own elements: named like one, or the short ancestors of its links and 下一页/尾页 labels. */
function pagerTexts(page: LoadedPage, markers: Element[]): string[] {
  const found = new Set<Element>();
  // Memoised: a <select> of every page makes thousands of markers that share the same few ancestors.
  const lengths = new Map<Element, number>();
  const short = (el: Element) => {
    if (!lengths.has(el)) lengths.set(el, textContent(el).length);
    return lengths.get(el)! <= PAGER_TEXT_MAX;
  };
  for (const el of page.elements) if ((PAGER_NAME.test(el.attribs.class ?? '') || PAGER_NAME.test(el.attribs.id ?? '')) && short(el)) found.add(el);
  for (const m of markers) {
    let top: Element | null = null;
    let p: Element | null = m;
    for (let i = 0; i < 3 && p && p.type === 'tag' && p.name !== 'body'; i++, p = p.parent as Element | null) if (short(p)) top = p;
    if (top) found.add(top);
  }
  // A nested pager element repeats its ancestor's text: keep the outermost.
  return [...found].filter((el) => !hasAncestorIn(el, found)).map((el) => textContent(el));
}

function hasAncestorIn(el: Element, set: Set<Element>): boolean {
  for (let p = el.parent; p; p = p.parent) if (set.has(p as Element)) return true;
  return false;
}

/**
 * Pagers written as links: sibling pages (`?page=N`, index_N.html, list_N.html, name-N.html, <option>s)
 * whose range between the lowest and highest number is filled, 下一页 links anywhere, and what the pager's
 * text states. A windowed pager (1 … 5, 下一页, 尾页) is filled up to its stated page count once its labels
 * tell how URL numbers map to page numbers, forwards or reversed.
 */
export const links: PagerFamily = {
  name: 'links',
  read(page, pageUrl, cap): PagerReading {
    const next: string[] = [];
    const families = new Map<string, Family>();
    const markers: Element[] = [];
    const consider = (el: Element, href: string | undefined, label: string) => {
      const text = squash(label);
      if (PAGER_WORD.test(text)) markers.push(el);
      // Sibling pages carry a number; anything else matters only as a 下一页 link.
      if (!href || (!/\d/.test(href) && !NEXT_TEXT.test(text))) return;
      const u = absoluteUrl(href, pageUrl);
      if (!u) return;
      const t = siblingTemplate(u, pageUrl);
      if (!t) {
        if (NEXT_TEXT.test(text)) next.push(u);
        return;
      }
      markers.push(el);
      if (!families.has(t.template)) families.set(t.template, { ns: new Set(), pairs: [], last: [] });
      const f = families.get(t.template)!;
      f.ns.add(t.n);
      if (/^\d+$/.test(text)) f.pairs.push([Number(text), t.n]);
      else if (LAST_TEXT.test(text)) f.last.push(t.n);
      // From the first page (not itself numbered in this template), 下一页 is page 2.
      else if (NEXT_TEXT.test(text) && !numbered(t.template, pageUrl)) f.pairs.push([2, t.n]);
    };
    for (const el of page.elements) {
      if (el.name === 'a') consider(el, el.attribs.href, textContent(el) || (el.attribs.title ?? ''));
      else if (el.name === 'option' && el.attribs.value !== undefined) consider(el, el.attribs.value, '');
      else if (!el.children.some((c) => c.type === 'tag') && PAGER_WORD.test(squash(textContent(el)))) markers.push(el);
    }
    const claims: PagerClaims = {};
    let current: number | undefined;
    for (const t of pagerTexts(page, markers)) {
      const c = textClaims(t);
      for (const k of ['totalRecords', 'totalPages', 'perPage'] as const) if (c[k] !== undefined) claims[k] = Math.max(claims[k] ?? 0, c[k]!);
      current ??= c.current;
    }
    const pages: string[] = [...next];
    for (const [template, f] of families) {
      const sorted = [...f.ns].sort((a, b) => a - b);
      let lo = sorted[0];
      let hi = sorted[sorted.length - 1];
      const offsets = OFFSET_PARAM.test([...new URL(template).searchParams].find(([, v]) => v === '{N}')?.[0] ?? '');
      const step = offsets ? sorted.slice(1).reduce((g, n, i) => gcd(g, n - sorted[i]), 0) || 1 : 1;
      // "第 7/12 页" on a page numbered in this template pairs the two, as a labelled link does.
      const self = siblingTemplate(pageUrl, pageUrl);
      if (current !== undefined && self?.template === template) f.pairs.push([current, self.n]);
      const m = offsets ? null : mappingOf(f.pairs);
      if (m) {
        const lastPage = f.last.length ? Math.max(...f.last.map((n) => pageOf(m, n))) : undefined;
        if (lastPage !== undefined) claims.totalPages ??= lastPage;
        const stated = claims.totalPages ?? (claims.totalRecords && claims.perPage ? Math.ceil(claims.totalRecords / claims.perPage) : undefined);
        // Pages 2..stated (page 1 is the list page itself, often under a URL without a number): a window
        // shown on a later page leaves out the early pages as well as the late ones.
        for (const pageNo of stated !== undefined ? [2, stated] : [2]) {
          lo = Math.min(lo, urlOf(m, pageNo));
          hi = Math.max(hi, urlOf(m, pageNo));
        }
        lo = Math.max(lo, 0);
      }
      hi = Math.min(hi, lo + cap * step);
      for (let n = lo; n <= hi; n += step) pages.push(template.replace('{N}', String(n)));
    }
    return { pages, dataEndpoints: [], claims };
  },
};

function gcd(a: number, b: number): number {
  return b ? gcd(b, a % b) : a;
}

/** Whether `url` is `template` with a number in place of {N}. */
function numbered(template: string, url: string): boolean {
  const [a, b] = template.split('{N}');
  return url.startsWith(a) && url.endsWith(b) && /^\d+$/.test(url.slice(a.length, url.length - b.length));
}
