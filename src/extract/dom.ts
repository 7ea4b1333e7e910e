import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

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
}

const RECORD = /<record>\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*<\/record>/gi;

function datastoreRecords(xml: string): string[] {
  return [...xml.matchAll(RECORD)].map((m) => m[1]);
}

export function loadPage(html: string): LoadedPage {
  // A jpage data-proxy answer is the bare XML datastore: its records are the page.
  const bare = /^\s*(<\?xml[^>]*>\s*)?<datastore>/i.test(html);
  const $ = load(bare ? `<html><body><div data-zwgk-datastore="">${datastoreRecords(html).join('\n')}</div></body></html>` : html);
  const scripts: string[] = [];
  const scriptAttrs: Array<Record<string, string>> = [];
  $('script').each((_, el) => {
    const type = ($(el).attr('type') ?? '').toLowerCase();
    if (type === 'text/xml' || type === 'text/html' || type === 'text/template') return;
    const text = $(el).text();
    if (text.trim()) scripts.push(text);
    const attrs = (el as Element).attribs;
    if (attrs.url || attrs.queryData || attrs.querydata) scriptAttrs.push(attrs);
  });
  $('script[type="text/xml"]').each((_, el) => {
    const records = datastoreRecords($(el).text());
    if (records.length) $(el).replaceWith(`<div data-zwgk-datastore="">${records.join('\n')}</div>`);
  });
  $('script, style, noscript, template, iframe').remove();
  removeComments($, $.root()[0]);
  return { $, scripts, scriptAttrs };
}

function removeComments($: CheerioAPI, node: AnyNode): void {
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'comment') {
      $(n).remove();
      continue;
    }
    if ('children' in n) stack.push(...(n.children as AnyNode[]));
  }
}

/** Visible text with runs of whitespace collapsed. */
export function cleanText(s: string | undefined | null): string {
  return (s ?? '').replace(/[\s\u00a0\u3000\u2002-\u200b\ufeff]+/g, ' ').trim();
}

/** Text with every kind of space removed: how labels like "索 &nbsp;引 号：" are compared. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u2002-\u200b\ufeff]+/g, '');
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
