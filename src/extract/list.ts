import type { Cheerio } from 'cheerio';
import { absoluteUrl, cleanText, loadPage, type Element, type LoadedPage } from './dom.ts';
import { parseDate, type DateContext } from './date.ts';
import { BlockIndex, isPinned, linkTitle, type Candidate } from './blocks.ts';
import { findPager } from './pagers/index.ts';
import { Catalogue } from './catalogue.ts';
import { boxHeading, hasChromeText, inNavContainer, isChromeLink, isSideBoxHeading } from './chrome.ts';
import { isScriptFilled } from './script-filled.ts';
import type { ListExtraction, ListItem, ListOptions, ListSelectors } from './types.ts';
import { shanghaiDay } from '../shared/time.ts';

const ITEM_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'dl', 'div', 'p', 'article', 'section', 'table', 'h3', 'h4']);
function tagOf(el: Element | null | undefined): string {
  return el?.type === 'tag' ? el.name : '';
}

function sig(el: Element | null): string {
  if (!el || el.type !== 'tag') return '';
  const cls = (el.attribs.class ?? '').split(/\s+/).filter(Boolean).sort().join('.');
  return cls ? `${el.name}.${cls}` : el.name;
}

/**
 * Blocks of the same shape. The block's own classes are left out: rows alternate odd/even, the last one is
 * "last", a pinned one is "top".
 */
function signature(el: Element): string {
  const p = el.parent as Element | null;
  const gp = p?.parent as Element | null;
  return `${el.name}<${sig(p)}<${tagOf(gp)}`;
}

const FILE_EXT = /\.(pdf|docx?|wps|ofd|xlsx?|et|zip|rar)$/i;

/** The URL serves a document file: by its path, or by a parameter naming the file (download.jsp?filename=a.pdf). */
export function isDocumentFile(url: string): boolean {
  const u = new URL(url);
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // a malformed escape: the raw path still shows the extension
  }
  return FILE_EXT.test(path) || [...u.searchParams.values()].some((v) => FILE_EXT.test(v.trim()));
}

function toItems(cands: Candidate[], catalogue: Catalogue): ListItem[] {
  const seen = new Set<string>();
  const items: ListItem[] = [];
  for (const c of cands) {
    if (seen.has(c.url)) continue;
    seen.add(c.url);
    const item: ListItem = { title: c.title, url: c.url, date: c.date, pinned: isPinned(c.el) };
    if (c.dateText) item.dateText = c.dateText;
    const row = catalogue.row(c.el);
    if (row) item.row = row;
    if (isDocumentFile(c.url)) {
      item.file = true;
      // A file's link often shows its file name ("…行动计划.doc"): the document's title is the name without it.
      item.title = item.title.replace(FILE_EXT, '') || item.title;
    }
    items.push(item);
  }
  return items;
}

/**
 * Portal chrome, not the column: a group in a nav/header/footer/aside container, in a side box (热点, 推荐,
 * 友情链接 …), or whose blocks are mostly the portal's tool links (网站首页, 设为首页 …) or breadcrumb, footer and
 * top-bar text.
 */
function isChrome(g: Group, pageTitle: string): boolean {
  const first = g.cands[0].el;
  if (inNavContainer(first) || isSideBoxHeading(boxHeading(first), pageTitle)) return true;
  const chromeBlocks = g.cands.filter((c) => isChromeLink(c.title) || hasChromeText(c.el)).length;
  return chromeBlocks * 2 > g.cands.length;
}

function ancestors(el: Element | null, levels: number): Element[] {
  const out: Element[] = [];
  for (let p = el; p && out.length <= levels; p = p.parent as Element | null) out.push(p);
  return out;
}

interface Group {
  sig: string;
  parent: Element;
  cands: Candidate[];
}

/**
 * Repeated sibling blocks that each hold a title link and a date. True siblings form a group; groups of the
 * same shape a few levels apart (a list split into pages of five, or a PC and a mobile copy) join a cluster;
 * the cluster of at least two items (one on a paginated list's page) with the most dated, well-titled ones wins. Chrome groups never enter:
 * when a script draws the column's list, the chrome is all the static page holds, and no list is the answer.
 */
function heuristicItems(page: LoadedPage, pageUrl: string, ctx: DateContext, paged: boolean): ListItem[] {
  const { elements: all } = page;
  const index = new BlockIndex(page.$, page.body, pageUrl, ctx);
  const groups = new Map<Element, Map<string, Group>>();
  all.forEach((el) => {
    if (!ITEM_TAGS.has(el.name) || !el.parent) return;
    const c = index.candidate(el);
    if (!c) return;
    const parent = el.parent as Element;
    const key = signature(el);
    if (!groups.has(parent)) groups.set(parent, new Map());
    const byParent = groups.get(parent)!;
    if (!byParent.has(key)) byParent.set(key, { sig: key, parent, cands: [] });
    byParent.get(key)!.cands.push(c);
  });
  const good: Group[] = [];
  for (const byParent of groups.values()) {
    for (const g of byParent.values()) {
      const dated = g.cands.filter((c) => c.date).length;
      // Undated groups are menus and link farms; a JS-rendered list has none, and that is the honest answer.
      if (dated >= Math.min(2, g.cands.length) && dated * 2 >= g.cands.length && !isChrome(g, page.title)) good.push(g);
    }
  }
  // Same-shape groups join when they share a container at most two levels above both (not <body>): a list
  // split into boxes of five may end with a box of one.
  const clusters: Group[][] = [];
  for (const g of good) {
    const near = new Set(ancestors(g.parent, 2).filter((a) => a.name !== 'body' && a.name !== 'html'));
    const home = clusters.find((cl) => cl[0].sig === g.sig && cl.some((o) => ancestors(o.parent, 2).some((a) => near.has(a))));
    if (home) home.push(g);
    else clusters.push([g]);
  }
  let best: { score: number; cands: Candidate[] } | null = null;
  for (const cl of clusters) {
    const cands = cl.flatMap((g) => g.cands);
    // A list is a repeated group: a lone block (a header link beside a dated top bar) is never one, except on
    // a page the pager places in a paginated list, whose last page may hold a single item.
    if (new Set(cands.map((c) => c.url)).size < (paged ? 1 : 2)) continue;
    const dated = cands.filter((c) => c.date).length;
    const avgTitle = cands.reduce((s, c) => s + Math.min(c.title.length, 40), 0) / cands.length;
    const score = dated * (0.5 + avgTitle / 40);
    if (!best || score > best.score) best = { score, cands };
  }
  if (!best) return [];
  // Nested blocks of one item (div > p > a) can both qualify; keep the outermost of each.
  const chosen = new Set(best.cands.map((c) => c.el));
  const outer = best.cands
    .filter((c) => {
      for (let p = c.el.parent as Element | null; p; p = p.parent as Element | null) if (chosen.has(p)) return false;
      return true;
    });
  const order = new Map(all.map((e, i) => [e, i] as const));
  outer.sort((a, b) => (order.get(a.el) ?? 0) - (order.get(b.el) ?? 0));
  return toItems(outer, index.catalogue);
}

function selectorItems(page: LoadedPage, sel: ListSelectors, pageUrl: string, ctx: DateContext): ListItem[] | null {
  const { $ } = page;
  let blocks: Element[];
  try {
    blocks = $(sel.item).toArray() as Element[];
  } catch {
    return null; // an invalid selector: flagged, never a crash of the whole night
  }
  let index: BlockIndex | undefined;
  const cands: Candidate[] = [];
  for (const el of blocks) {
    const $el = $(el);
    const pick = (s: string | undefined): Cheerio<Element> | null => (s ? ($el.find(s).first() as Cheerio<Element>) : null);
    let titleEl: Cheerio<Element> | null;
    let linkSel: Cheerio<Element> | null;
    try {
      titleEl = pick(sel.title);
      linkSel = pick(sel.link) ?? (titleEl?.is('a[href]') ? titleEl : (titleEl?.find('a[href]').first() ?? null));
    } catch {
      return null;
    }
    const linkEl = linkSel?.length ? linkSel : $el.is('a[href]') ? $el : ($el.find('a[href]').first() as Cheerio<Element>);
    const link = linkEl[0];
    const url = link ? absoluteUrl(linkEl.attr('href'), pageUrl) : null;
    if (!link || !url) continue;
    const title = titleEl?.length
      ? linkTitle(titleEl.text(), titleEl.attr('title') ?? linkEl.attr('title'))
      : linkTitle(linkEl.text(), linkEl.attr('title'));
    let date: string | null;
    let dateText: string | undefined;
    if (sel.date) {
      dateText = cleanText($el.find(sel.date).first().text()) || undefined;
      date = dateText ? (parseDate(dateText, ctx)?.date ?? null) : null;
    } else {
      index ??= new BlockIndex($, page.body, pageUrl, ctx);
      ({ date, text: dateText } = index.dateOf(el));
    }
    cands.push({ el, link, url, title, date, dateText });
  }
  return toItems(cands, index?.catalogue ?? new Catalogue($, ctx));
}

/**
 * Items, next pages and data endpoints of one list page. Per-column selectors (from the plan) replace the
 * repeated-block heuristic; the pager is read either way.
 */
export function extractList(html: string, pageUrl: string, opts: ListOptions = {}): ListExtraction {
  const page = loadPage(html);
  const ctx: DateContext = { refDay: opts.refDay ?? shanghaiDay() };
  const selected = opts.selectors ? selectorItems(page, opts.selectors, pageUrl, ctx) : undefined;
  const pager = findPager(page, pageUrl);
  const paged = pager.nextPages.length > 0 || pager.claims.totalRecords !== undefined || pager.claims.totalPages !== undefined;
  const items = selected ?? (opts.selectors ? [] : heuristicItems(page, pageUrl, ctx, paged));
  const nextPages = opts.selectors?.next ? [...new Set([...pager.nextPages, ...selectedLinks(page, opts.selectors.next, pageUrl)])] : pager.nextPages;
  const flags: string[] = [];
  if (selected === null) flags.push('selectors-invalid');
  else if (!items.length) flags.push(opts.selectors ? 'selectors-matched-nothing' : 'no-items');
  flags.push(...shapeFlags(items));
  if (isScriptFilled(page)) flags.push('script-filled');
  if (pager.capped) flags.push('pager-capped');
  // The page counts more records than it shows and no way to the rest was found (a script-only pager).
  if (items.length && !nextPages.length && (pager.claims.totalRecords ?? 0) > items.length) flags.push('pager-not-followed');
  const out: ListExtraction = { kind: 'list', items, nextPages, claims: pager.claims, flags };
  if (pager.dataEndpoints.length) out.dataEndpoints = pager.dataEndpoints;
  return out;
}

/**
 * What the items' shape alone says, for coverage: undated items, a single item (often chrome or a list a
 * script draws), or one date on every item (a generation date, not the publication dates).
 */
export function shapeFlags(items: ListItem[]): string[] {
  const flags: string[] = [];
  if (items.some((i) => !i.date)) flags.push('items-without-date');
  if (items.length === 1) flags.push('one-item');
  if (items.length >= 3 && items[0].date && items.every((i) => i.date === items[0].date)) flags.push('dates-all-equal');
  return flags;
}

/** The links a plan's `next` selector picks out, absolute (an invalid selector picks none). */
function selectedLinks(page: LoadedPage, selector: string, pageUrl: string): string[] {
  try {
    return page
      .$(selector)
      .toArray()
      .map((el) => absoluteUrl(page.$(el).attr('href'), pageUrl))
      .filter((u): u is string => u !== null);
  } catch {
    return [];
  }
}
