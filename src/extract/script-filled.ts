import { existsOne } from 'domutils';
import { shortText, type Element, type LoadedPage } from './dom.ts';

/**
 * Whether a script fills the page's list in the browser: then the static page shows fewer items than a visitor
 * sees (often none, sometimes a first static batch), and the crawler asks a browser whatever was found.
 */

// Client-side template rows: avalon, Vue, Angular, Alpine.
const REPEAT_ATTR = /^(ms-repeat|ms-for|v-for|ng-repeat|x-for)(-|$)/;
// A link whose address the framework binds (ms-attr-href="el.url", :href, v-bind:href) or interpolates.
const BOUND_HREF = /^(ms-attr-href|ms-href|:href|v-bind:href|ng-href|x-bind:href)$/;
// A template script's rows: {{ }} / <% %> placeholders beside a link or row tag.
const PLACEHOLDER = /\{\{|<%/;
const ROW_TAG = /<(a|li|tr|dd)\b/i;
// Script code that loads data or writes markup into an element.
const FILLS = /\$\.(ajax|get|post|getJSON)\s*\(|\bfetch\s*\(|XMLHttpRequest|axios[.(]|\.load\s*\(|\.html\s*\(|\.append\s*\(|innerHTML|template\s*\(|\.render\s*\(/;
// Containers that scripts fill with something other than the list: pagers, share bars, clocks, search boxes.
const NOT_A_LIST = /pag|fenye|share|search|weather|clock|date|time|banner|slide|nav|menu|foot|head/i;
const CONTAINERS = new Set(['ul', 'ol', 'tbody', 'div', 'dl']);

// What an unfilled container may show meanwhile.
const LOADING = /^(正在加载|加载中|数据加载中|loading)[.…。]*$/i;

/** Nothing to read yet: no text but a "加载中…" placeholder, no link (a spinner image may stand there). */
function isUnfilled(el: Element): boolean {
  const text = shortText(el, 12);
  return text !== null && (text === '' || LOADING.test(text)) && !existsOne((e) => e.name === 'a', el.children);
}

/** A template row holding a link with a bound address: the rows a visitor sees, not yet rendered. */
function isTemplateRow(el: Element): boolean {
  if (!Object.keys(el.attribs).some((a) => REPEAT_ATTR.test(a))) return false;
  const links: Element[] = [];
  const walk = (e: Element) => {
    if (e.name === 'a') links.push(e);
    for (const c of e.children) if (c.type === 'tag') walk(c as Element);
  };
  walk(el);
  return links.some((a) => Object.keys(a.attribs).some((k) => BOUND_HREF.test(k)) || (a.attribs.href ?? '').includes('{{'));
}

/** An empty list container that one of the filling scripts addresses ("#listBox", getElementById('list')). */
function isFilledContainer(el: Element, fillers: string[]): boolean {
  const id = el.attribs.id;
  if (!id || !CONTAINERS.has(el.name) || !isUnfilled(el)) return false;
  if (el.name !== 'ul' && el.name !== 'ol' && el.name !== 'tbody' && NOT_A_LIST.test(`${id} ${el.attribs.class ?? ''}`)) return false;
  const quoted = new RegExp(`['"#]${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\\s).]`);
  return fillers.some((s) => s.includes(id) && quoted.test(s));
}

export function isScriptFilled(page: LoadedPage): boolean {
  // A script loading a unit from an endpoint (hanweb jpaas unitbuild: url + queryData attributes).
  if (page.scriptAttrs.some((a) => a.url)) return true;
  if (page.templates.some((t) => PLACEHOLDER.test(t) && ROW_TAG.test(t))) return true;
  // Inline scripts that load data or write markup: only they can fill an empty container.
  const fillers = page.scripts.filter((s) => FILLS.test(s));
  return page.elements.some((el) => isTemplateRow(el) || (fillers.length > 0 && isFilledContainer(el, fillers)));
}
