import type { CheerioAPI, Cheerio } from 'cheerio';
import { absoluteUrl, cleanText, loadPage, squash, type AnyNode, type Element } from './dom.ts';
import { isDateCell, parseDate, type DateContext } from './date.ts';
import { findPager } from './pagination.ts';
import type { ListExtraction, ListItem, ListOptions, ListSelectors } from './types.ts';
import { shanghaiDay } from '../shared/time.ts';

const ITEM_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'div', 'p', 'article', 'section', 'table', 'h3', 'h4']);
// Blocks whose links are navigation, not the column's items.
const NAV_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const NAV_NAME =
  /(^|[-_\s])(nav|navbar|menu|submenu|footer|foot|sidebar|side|related|xgwz|xgxx|xglj|yqlj|friendlink|links|breadcrumb|crumb|dqwz|weizhi|position|location|share|hot|rank)([-_\s\d]|$)/i;
const NESTED_LIST = 'ul, ol, table, dl';
const ELLIPSIS = /(\.{2,}|…+|。。+)\s*$/;
const PIN_TEXT = /^[[【(（]?\s*置顶\s*[\]】)）]?\s*/;

interface Candidate {
  el: Element;
  link: Element;
  url: string;
  title: string;
  date: string | null;
  dateText?: string;
  pinned: boolean;
}

function tagOf(el: Element | null | undefined): string {
  return el?.type === 'tag' ? el.name : '';
}

function sig(el: Element | null): string {
  if (!el || el.type !== 'tag') return '';
  const cls = (el.attribs.class ?? '').split(/\s+/).filter(Boolean).sort().join('.');
  return cls ? `${el.name}.${cls}` : el.name;
}

/** Groups blocks that repeat the same shape, even when split over several containers (pages of 5 under one list). */
function signature(el: Element): string {
  const p = el.parent as Element | null;
  const gp = p?.parent as Element | null;
  return `${sig(el)}<${sig(p)}<${tagOf(gp)}`;
}

function insideNested($: CheerioAPI, node: AnyNode, root: Element): boolean {
  for (let p = node.parent as Element | null; p && p !== root; p = p.parent as Element | null) {
    if (p.type === 'tag' && $(p).is(NESTED_LIST)) return true;
  }
  return false;
}

function isNavLike(el: Element): boolean {
  for (let p: Element | null = el; p && p.type === 'tag'; p = p.parent as Element | null) {
    if (NAV_TAGS.has(p.name)) return true;
    if (NAV_NAME.test(p.attribs.class ?? '') || NAV_NAME.test(p.attribs.id ?? '')) return true;
  }
  return false;
}

/** The link's full title: the title attribute when the visible text is cut with … or empty. */
export function linkTitle(text: string, titleAttr: string | undefined): string {
  const t = cleanText(text).replace(PIN_TEXT, '');
  const a = cleanText(titleAttr).replace(PIN_TEXT, '');
  if (!t) return a;
  if (a && a.length > t.length && (ELLIPSIS.test(t) || a.startsWith(t))) {
    const stem = t.replace(ELLIPSIS, '').trim();
    if (a.startsWith(stem.slice(0, Math.max(1, stem.length - 1)))) return a;
  }
  return t;
}

function isPinned($: CheerioAPI, el: Element): boolean {
  const $el = $(el);
  if (/置顶/.test($el.text())) return true;
  const marked = (e: Element) => /(^|[-_\s])(top|zd|zhiding|istop|settop|ding)([-_\s]|$)/i.test(e.attribs.class ?? '');
  if (marked(el) || $el.find('[class]').toArray().some((e) => marked(e as Element))) return true;
  return $el
    .find('img')
    .toArray()
    .some((img) => /置顶/.test(`${$(img).attr('alt') ?? ''}${$(img).attr('title') ?? ''}`) || /(zhiding|zd|top)\.(gif|png|jpe?g)/i.test($(img).attr('src') ?? ''));
}

/** Column index of 发布日期 in the row's table, from its header row (th cells, or a first row of labels). */
function publishedColumn($: CheerioAPI, row: Element): number {
  const table = $(row).closest('table');
  const head = table.find('tr').filter((_, tr) => $(tr).children('th').length > 0).first();
  const headRow = head.length ? head : table.find('tr').first();
  if (headRow[0] === row) return -1;
  const cells = headRow.children('th, td').toArray().map((c) => squash($(c).text()));
  return cells.findIndex((c) => /^(发布|公开)(日期|时间)[:：]?$/.test(c));
}

/** The item's date: a cell that is (nearly) only a date, outside the title link; in tables the 发布日期 column. */
function findDate($: CheerioAPI, el: Element, link: Element, ctx: DateContext): { date: string | null; text?: string } {
  if (el.name === 'tr') {
    const col = publishedColumn($, el);
    if (col >= 0) {
      const cell = cleanText($(el).children('td, th').eq(col).text());
      const p = parseDate(cell, ctx);
      return { date: p?.date ?? null, text: cell || undefined };
    }
  }
  let found: { date: string; text: string } | null = null;
  const walk = (node: AnyNode) => {
    if (node === link) return;
    if (node.type === 'text') {
      const text = cleanText((node as { data: string }).data);
      if (text && !insideNested($, node, el) && isDateCell(text, ctx)) {
        // The last date cell wins: rows list 成文日期 before 发布日期.
        found = { date: parseDate(text, ctx)!.date, text };
      }
      return;
    }
    if ('children' in node) for (const c of node.children as AnyNode[]) walk(c);
  };
  walk(el);
  const f = found as { date: string; text: string } | null;
  return f ? { date: f.date, text: f.text } : { date: null };
}

/** A block qualifies as an item when it carries one title link (links in nested lists are its own sub-lists). */
function candidateOf($: CheerioAPI, el: Element, pageUrl: string, ctx: DateContext): Candidate | null {
  const links = $(el)
    .find('a[href]')
    .toArray()
    .filter((a) => !insideNested($, a, el)) as Element[];
  if (!links.length) return null;
  const titled = links.filter((a) => cleanText($(a).text()).length >= 4 || cleanText($(a).attr('title')).length >= 4);
  if (titled.length > 2) return null; // a container of items, not an item
  const link = titled[0] ?? links[0];
  const url = absoluteUrl($(link).attr('href'), pageUrl);
  if (!url) return null;
  const title = linkTitle($(link).text(), $(link).attr('title'));
  if (!title) return null;
  const { date, text } = findDate($, el, link, ctx);
  return { el, link, url, title, date, dateText: text, pinned: isPinned($, el) };
}

function toItems(cands: Candidate[]): ListItem[] {
  const seen = new Set<string>();
  const items: ListItem[] = [];
  for (const c of cands) {
    if (seen.has(c.url)) continue;
    seen.add(c.url);
    const item: ListItem = { title: c.title, url: c.url, date: c.date, pinned: c.pinned };
    if (c.dateText) item.dateText = c.dateText;
    items.push(item);
  }
  return items;
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
 * the cluster with the most dated, well-titled items that is not navigation wins.
 */
function heuristicItems($: CheerioAPI, pageUrl: string, ctx: DateContext): ListItem[] {
  const groups = new Map<Element, Map<string, Group>>();
  $('body *').each((_, node) => {
    const el = node as Element;
    if (!ITEM_TAGS.has(el.name) || !el.parent) return;
    const c = candidateOf($, el, pageUrl, ctx);
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
      if (dated >= Math.min(2, g.cands.length) && dated * 2 >= g.cands.length) good.push(g);
    }
  }
  const clusters: Group[][] = [];
  for (const g of good) {
    const near = new Set(ancestors(g.parent, 3));
    const home = clusters.find((cl) => cl[0].sig === g.sig && cl.some((o) => ancestors(o.parent, 3).some((a) => near.has(a))));
    if (home) home.push(g);
    else clusters.push([g]);
  }
  let best: { score: number; cands: Candidate[] } | null = null;
  for (const cl of clusters) {
    const cands = cl.flatMap((g) => g.cands);
    const dated = cands.filter((c) => c.date).length;
    const avgTitle = cands.reduce((s, c) => s + Math.min(c.title.length, 40), 0) / cands.length;
    let score = dated * (0.5 + avgTitle / 40);
    if (cands.every((c) => isNavLike(c.el))) score *= 0.1;
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
  const order = new Map($('body *').toArray().map((e, i) => [e, i] as const));
  outer.sort((a, b) => (order.get(a.el) ?? 0) - (order.get(b.el) ?? 0));
  return toItems(outer);
}

function selectorItems($: CheerioAPI, sel: ListSelectors, pageUrl: string, ctx: DateContext): ListItem[] {
  const cands: Candidate[] = [];
  $(sel.item).each((_, node) => {
    const el = node as Element;
    const $el = $(el);
    const pick = (s: string | undefined): Cheerio<Element> | null => (s ? ($el.find(s).first() as Cheerio<Element>) : null);
    const titleEl = pick(sel.title);
    const linkSel = pick(sel.link) ?? (titleEl?.is('a[href]') ? titleEl : null) ?? titleEl?.find('a[href]').first() ?? null;
    const linkEl = linkSel?.length ? linkSel : ($el.is('a[href]') ? $el : $el.find('a[href]').first());
    const link = linkEl[0] as Element | undefined;
    if (!link) return;
    const url = absoluteUrl(linkEl.attr('href'), pageUrl);
    if (!url) return;
    const title = titleEl?.length ? linkTitle(titleEl.text(), titleEl.attr('title') ?? linkEl.attr('title')) : linkTitle(linkEl.text(), linkEl.attr('title'));
    let date: string | null = null;
    let dateText: string | undefined;
    if (sel.date) {
      dateText = cleanText($el.find(sel.date).first().text()) || undefined;
      date = dateText ? (parseDate(dateText, ctx)?.date ?? null) : null;
    } else {
      const f = findDate($, el, link, ctx);
      date = f.date;
      dateText = f.text;
    }
    cands.push({ el, link, url, title, date, dateText, pinned: isPinned($, el) });
  });
  return toItems(cands);
}

/**
 * Items, next pages and data endpoints of one list page. Per-column selectors (from the plan) replace the
 * repeated-block heuristic; the pager is read either way.
 */
export function extractList(html: string, pageUrl: string, opts: ListOptions = {}): ListExtraction {
  const page = loadPage(html);
  const ctx: DateContext = { refDay: opts.refDay ?? shanghaiDay() };
  const items = opts.selectors ? selectorItems(page.$, opts.selectors, pageUrl, ctx) : heuristicItems(page.$, pageUrl, ctx);
  const pager = findPager(page, pageUrl);
  const flags: string[] = [];
  if (!items.length) flags.push(opts.selectors ? 'selectors-matched-nothing' : 'no-items');
  if (items.some((i) => !i.date)) flags.push('items-without-date');
  if (pager.capped) flags.push('pager-capped');
  const out: ListExtraction = { kind: 'list', items, nextPages: pager.nextPages, flags };
  if (pager.dataEndpoints.length) out.dataEndpoints = pager.dataEndpoints;
  return out;
}
