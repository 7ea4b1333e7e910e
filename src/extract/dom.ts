import { load, type CheerioAPI } from 'cheerio';
import { hasChildren, isTag, type AnyNode, type Element } from 'domhandler';
import { removeElement, textContent } from 'domutils';

export type { AnyNode, Element };

/**
 * Parses a page for extraction. Hanweb jpage datastores (`<script type="text/xml">` holding `<record>`s with
 * CDATA HTML) are the list a browser would render, so their records are re-inserted as real elements; every
 * other script, style, template and comment is dropped, because text there is never what the visitor sees
 * (metadata repeated in comments must not be read).
 */
export interface LoadedPage {
  $: CheerioAPI;
  /** Inline script texts, kept for pager configuration (createPageHTML, jpage) before scripts are dropped. */
  scripts: string[];
  /** Attributes of scripts that load a list from an endpoint (hanweb jpaas: url + queryData). */
  scriptAttrs: Array<Record<string, string>>;
  /** Texts of client-side templates (`<script type="text/html">` …): rows a script renders, kept as evidence of it. */
  templates: string[];
  /** <body>, or the document itself for a fragment. */
  body: AnyNode;
  /** Every element left inside the body, in document order: what the heuristics scan, without a selector pass each. */
  elements: Element[];
  /** <meta> elements anywhere in the page. */
  metas: Element[];
  /** Text of the first <title>. */
  title: string;
}

const RECORD = /<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi;
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe']);
const TEMPLATE_SCRIPT = new Set(['text/xml', 'text/html', 'text/template']);

function datastoreRecords(xml: string): string[] {
  return [...xml.matchAll(RECORD)].map((m) => m[1]);
}

// htmlparser2 builds the tree several times faster than cheerio's default parse5, and extraction never needs
// parse5's spec details (implied <tbody>, foster-parenting): its heuristics compare shapes within one page.
const PARSE_OPTIONS = { xml: { xmlMode: false, decodeEntities: true } } as const;

/** A cheerio document for a page, parsed the way extraction parses it. */
export const parseHtml = (html: string): CheerioAPI => load(html, PARSE_OPTIONS);

/**
 * One walk over the tree: collects scripts, metas, the title and the body's elements, swaps datastores for
 * their records and drops everything else a visitor never sees.
 */
export function loadPage(html: string): LoadedPage {
  // A jpage data-proxy answer is the bare XML datastore: its records are the page.
  const bare = /^\s*(<\?xml[^>]*>\s*)?<datastore>/i.test(html);
  const $ = parseHtml(bare ? `<html><body><div data-zwgk-datastore="">${datastoreRecords(html).join('\n')}</div></body></html>` : html);
  boundDepth($.root()[0]);
  const page: LoadedPage = { $, scripts: [], scriptAttrs: [], templates: [], body: $.root()[0], elements: [], metas: [], title: '' };
  const dropped: AnyNode[] = [];
  // A fragment has no <body>: then every element counts.
  const everyElement: Element[] = [];
  let sawBody = false;
  let sawTitle = false;
  // Depth-first in document order; `inBody` says whether the node lies inside <body>.
  const stack: Array<[AnyNode, boolean]> = [[$.root()[0], false]];
  while (stack.length) {
    const [n, inBody] = stack.pop()!;
    if (n.type === 'comment') {
      dropped.push(n);
      continue;
    }
    if (!isTag(n)) {
      if (hasChildren(n)) pushChildren(stack, n, inBody);
      continue;
    }
    let el: Element = n;
    // A browser reading marks what the page does not display: a visitor never sees it, so neither does extraction.
    if (el.attribs['data-zwgk-hidden'] !== undefined) {
      dropped.push(el);
      continue;
    }
    const type = (el.attribs.type ?? '').toLowerCase();
    if (el.name === 'script' && TEMPLATE_SCRIPT.has(type)) {
      const records = type === 'text/xml' ? datastoreRecords(textContent(el)) : [];
      if (!records.length) {
        page.templates.push(textContent(el));
        dropped.push(el);
        continue;
      }
      // A Hanweb jpage datastore is the list a browser would render: its records become real elements.
      const store = $(`<div data-zwgk-datastore="">${records.join('\n')}</div>`)[0] as Element;
      $(el).replaceWith(store);
      el = store;
    } else if (DROPPED.has(el.name)) {
      if (el.name === 'script') {
        const text = textContent(el);
        if (text.trim()) page.scripts.push(text);
        if (el.attribs.url || el.attribs.queryData || el.attribs.querydata) page.scriptAttrs.push(el.attribs);
      }
      dropped.push(el);
      continue;
    } else if (el.name === 'meta') page.metas.push(el);
    else if (el.name === 'title' && !sawTitle) {
      sawTitle = true;
      page.title = textContent(el);
    } else if (el.name === 'body' && !sawBody) {
      sawBody = true;
      page.body = el;
      pushChildren(stack, el, true);
      continue;
    }
    everyElement.push(el);
    if (inBody) page.elements.push(el);
    pushChildren(stack, el, inBody);
  }
  for (const n of dropped) removeElement(n);
  if (!sawBody) page.elements = everyElement;
  return page;
}

/**
 * Deepest element nesting kept as it is. Real pages nest a few dozen levels; a page nested tens of thousands deep
 * (by accident or to break parsers) would make every recursive walk after this one (domutils' textContent,
 * selectors) overflow the stack. Below this depth its content is laid flat, in document order: the text and the
 * elements stay, their nesting goes.
 */
export const MAX_DEPTH = 256;

function boundDepth(root: AnyNode): void {
  const stack: Array<[AnyNode, number]> = [[root, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!hasChildren(n)) continue;
    if (depth < MAX_DEPTH) {
      for (const c of n.children) stack.push([c, depth + 1]);
      continue;
    }
    const flat: AnyNode[] = [];
    const walk: AnyNode[] = [...n.children].reverse();
    while (walk.length) {
      const d = walk.pop()!;
      flat.push(d);
      if (hasChildren(d)) {
        for (let i = d.children.length - 1; i >= 0; i--) walk.push(d.children[i]);
        d.children = [];
      }
    }
    flat.forEach((d, i) => {
      d.parent = n;
      d.prev = flat[i - 1] ?? null;
      d.next = flat[i + 1] ?? null;
    });
    n.children = flat;
  }
}

function pushChildren(stack: Array<[AnyNode, boolean]>, n: AnyNode & { children: AnyNode[] }, inBody: boolean): void {
  const kids = n.children;
  for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], inBody]);
}

/** The page's <body>, or the document itself for a fragment (htmlparser2 adds no implied <body>). */
export function pageBody($: CheerioAPI): AnyNode {
  return $('body')[0] ?? $.root()[0];
}

/** Visible text with runs of whitespace collapsed. */
export function cleanText(s: string | undefined | null): string {
  return (s ?? '').replace(/[\s\u00a0\u3000\u2002-\u200b\ufeff]+/g, ' ').trim();
}

/** Text with every kind of space removed: how labels like "索 &nbsp;引 号：" are compared. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u2002-\u200b\ufeff]+/g, '');
}

/**
 * A node's text without spaces, or null once it grows past `max`: for labels and headings, read where the node
 * may as well be a whole page section, which reading in full for every list on a page would walk many times.
 */
export function shortText(node: AnyNode, max: number): string | null {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      out += squash((n as { data: string }).data);
      if (out.length > max) return null;
    } else if (n.type === 'tag') {
      const kids = (n as Element).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return out;
}

/** Resolves an href against the page URL; null for javascript:, mailto:, fragments and unparseable hrefs. */
export function absoluteUrl(href: string | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(h) || h.includes('{{')) return null;
  try {
    const u = new URL(h, base);
    // A local file given without --url resolves against file://, so relative links stay inspectable.
    if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== new URL(base).protocol) return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}
