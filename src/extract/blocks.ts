import type { CheerioAPI } from 'cheerio';
import { existsOne, textContent } from 'domutils';
import { absoluteUrl, cleanText, type AnyNode, type Element } from './dom.ts';
import { isDateCell, parseDate, type DateContext } from './date.ts';
import { Catalogue } from './catalogue.ts';
import { isClock } from './chrome.ts';

/** Containers that make a block's links and dates its own sub-list (NDRC's 相关解读 popup inside an item). */
const NESTED = new Set(['ul', 'ol', 'table', 'dl']);
const ROW_OF: Record<string, string> = { ul: 'li', ol: 'li', dl: 'dt', table: 'tr' };

/** Rows of a list container: its own li/dt, or a table's tr (directly or inside tbody/thead/tfoot). */
function rowCount(el: Element): number {
  const row = ROW_OF[el.name];
  let n = 0;
  for (const c of el.children as AnyNode[]) {
    if (c.type !== 'tag') continue;
    const t = c as Element;
    if (t.name === row) n++;
    else if (el.name === 'table' && /^t(body|head|foot)$/.test(t.name)) n += t.children.filter((r) => r.type === 'tag' && (r as Element).name === 'tr').length;
  }
  return n;
}

/**
 * A container of one row is the block's own layout, not a sub-list: a county CMS wraps each item in
 * <dl><dt>title</dt><dd>date</dd></dl>, older templates in a one-row <table>.
 */
const isSubList = (el: Element): boolean => NESTED.has(el.name) && rowCount(el) !== 1;
const ELLIPSIS = /(\.{2,}|…+|。。+)\s*$/;
const YEAR_HEADING = /^((?:19|20)\d{2})\s*年?度?$/;
const PIN_TEXT = /^[[【(（]?\s*置顶\s*[\]】)）]?\s*/;

export interface Candidate {
  el: Element;
  link: Element;
  url: string;
  title: string;
  date: string | null;
  dateText?: string;
}

interface DateHit {
  date: string;
  text: string;
}

/** What one element holds outside nested lists: its links (titled ones counted up to 3) and its last date cell. */
interface Info {
  first: Element | null;
  titled: Element[];
  date: DateHit | null;
}

const ownText = (el: Element | null): string =>
  el ? el.children.map((c) => (c.type === 'text' ? (c as { data: string }).data : '')).join('') : '';

/**
 * The nearest sibling that shows text, before or after: a clock's label or its weekday ("<span>星期五</span>").
 * Not a link: an item's title beside its date may well mention 农历 or a weekday.
 */
function textSibling(n: AnyNode, dir: 'prev' | 'next'): string {
  for (let s = n[dir]; s; s = s[dir]) {
    if (s.type === 'tag') return (s as Element).name === 'a' ? '' : ownText(s as Element);
    if (s.type === 'text' && cleanText((s as { data: string }).data)) return (s as { data: string }).data;
  }
  return '';
}

/**
 * Where a clock's "今天是：", weekday or 农历 may stand around its date: the date's own element, its neighbours
 * ("<span>今天是：</span><span>…</span>") or the element around it ("<td>今天是：<span>…</span></td>"). Direct text
 * only: a big container's whole text would cost a walk of it per date.
 */
function clockContext(el: Element): string {
  return `${ownText(el)} ${textSibling(el, 'prev')} ${textSibling(el, 'next')} ${ownText(el.parent as Element | null)}`;
}

/** The element and its ancestors, `levels` up. */
function nearest(el: Element, levels: number): Element[] {
  const out: Element[] = [];
  for (let p: Element | null = el; p && p.type === 'tag' && out.length <= levels; p = p.parent as Element | null) out.push(p);
  return out.filter((e) => e.name !== 'body' && e.name !== 'html');
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

/**
 * One bottom-up pass over the page: for every element, its own links and its last date cell. Candidates are
 * then read in constant time per element instead of re-walking each subtree (pages have thousands of nodes).
 */
export class BlockIndex {
  private readonly info = new Map<Element, Info>();
  /** The 信息公开目录 header a block is read under, if any: its 发布日期 column is the block's date. */
  readonly catalogue: Catalogue;
  /**
   * The year a list states in a group heading ("2024年"), for the month-day dates that follow it in the same
   * list: `yearScope` holds the heading's nearest ancestors, so an archive link "2025" in a sidebar does not
   * re-date the main list.
   */
  private year: number | undefined;
  private yearScope = new Set<Element>();

  constructor(
    private readonly $: CheerioAPI,
    body: AnyNode,
    private readonly pageUrl: string,
    private readonly ctx: DateContext,
  ) {
    this.catalogue = new Catalogue($, ctx);
    this.visit(body as Element);
  }

  private visit(el: Element): Info {
    const own: Info = { first: null, titled: [], date: null };
    if (el.name === 'a' && el.attribs.href !== undefined) {
      own.first = el;
      if (cleanText(textContent(el)).length >= 4 || cleanText(el.attribs.title).length >= 4) own.titled.push(el);
    }
    for (const c of el.children as AnyNode[]) {
      if (c.type === 'text') {
        const text = cleanText((c as { data: string }).data);
        if (!text) continue;
        // Cheap filter first: a date cell is short and has digits (ASCII, full-width or 〇).
        if (text.length > 40 || !/[\d０-９〇]/.test(text)) continue;
        const heading = YEAR_HEADING.exec(text);
        if (heading) {
          this.year = Number(heading[1]);
          this.yearScope = new Set(nearest(el, 3));
        }
        const inScope = this.year !== undefined && nearest(el, 3).some((a) => this.yearScope.has(a));
        const ctx = inScope ? { ...this.ctx, year: this.year } : this.ctx;
        if (isDateCell(text, ctx)) {
          const date = parseDate(text, ctx)!.date;
          if (!isClock(clockContext(el), date, this.ctx.refDay)) own.date = { date, text };
        }
        continue;
      }
      if (c.type !== 'tag') continue;
      const ci = this.visit(c as Element);
      if (isSubList(c as Element)) continue;
      own.first ??= ci.first;
      for (const t of ci.titled) if (own.titled.length < 3 && !own.titled.includes(t)) own.titled.push(t);
      // The last date cell wins: rows list 成文日期 before 发布日期.
      if (ci.date) own.date = ci.date;
    }
    this.info.set(el, own);
    return own;
  }

  /** The date shown for a block: the 发布日期 column under a catalogue header, else its last date cell. */
  dateOf(el: Element): { date: string | null; text?: string } {
    const text = this.catalogue.publishedText(el);
    if (text !== undefined) return { date: parseDate(text, this.ctx)?.date ?? null, text: text || undefined };
    const d = this.info.get(el)?.date;
    return d ? { date: d.date, text: d.text } : { date: null };
  }

  titleOf(link: Element): string {
    const $a = this.$(link);
    let text = $a.text();
    // A link that wraps the whole item (<a><p>title</p><span>2026-05-12</span></a>) carries its date too.
    const d = this.info.get(link)?.date;
    if (d) text = cleanText(text).replace(d.text, '');
    return linkTitle(text, $a.attr('title'));
  }

  /** A block qualifies as an item when it carries one or two titled links of its own and a resolvable URL. */
  candidate(el: Element): Candidate | null {
    const info = this.info.get(el);
    if (!info?.first || info.titled.length > 2) return null;
    const link = info.titled[0] ?? info.first;
    const url = absoluteUrl(link.attribs.href, this.pageUrl);
    if (!url) return null;
    const title = this.titleOf(link);
    if (!title) return null;
    const { date, text } = this.dateOf(el);
    return { el, link, url, title, date, dateText: text };
  }
}

const PIN_CLASS = /(^|[-_\s])(top|zd|zhiding|istop|settop|ding)([-_\s]|$)/i;
const PIN_ICON = /(zhiding|zd|top)\.(gif|png|jpe?g)/i;
const pinMarked = (e: Element) =>
  PIN_CLASS.test(e.attribs.class ?? '') ||
  (e.name === 'img' && (/置顶/.test(`${e.attribs.alt ?? ''}${e.attribs.title ?? ''}`) || PIN_ICON.test(e.attribs.src ?? '')));

/** Pinned (置顶) by text, by a top/zd class on the item or inside it, or by a 置顶 icon. */
export function isPinned(el: Element): boolean {
  return /置顶/.test(textContent(el)) || PIN_CLASS.test(el.attribs.class ?? '') || existsOne(pinMarked, el.children);
}
