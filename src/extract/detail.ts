import { textContent } from 'domutils';
import { cleanText, loadPage, squash, type Element } from './dom.ts';
import { parseDate, type ParsedDate } from './date.ts';
import { contentRoot, inProse, labelledFields, textTokens, type Token } from './labels.ts';
import type { DateSource, DetailExtraction } from './types.ts';

const BYLINE_MARK = /(来源|作者|编辑|责任编辑|浏览|点击|阅读|字号)[:：]/;

/** A short info line with a dated byline ("2005年08月16日 来源：新华网"), outside the article text. */
function bylineDate(tokens: Token[], root: Element | null): ParsedDate | null {
  for (const tok of tokens) {
    if (tok.text.length > 60 || inProse(tok.el, root)) continue;
    const line = cleanText(textContent(tok.el));
    if (line.length > 120 || !BYLINE_MARK.test(line)) continue;
    const d = parseDate(tok.text);
    if (d && /\d{4}/.test(tok.text)) return d;
  }
  return null;
}

function metaMap(metas: Element[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of metas) {
    const name = (el.attribs.name ?? '').trim().toLowerCase();
    const content = el.attribs.content;
    if (name && content !== undefined && !out.has(name)) out.set(name, content);
  }
  return out;
}

/** Text of a meta value that may itself contain markup (ArticleTitle with a <div> subtitle). */
function metaText(v: string | undefined): string {
  return cleanText((v ?? '').replace(/<[^>]*>/g, ''));
}

/** <title> minus the site/column parts: the longest segment between separators (— inside titles is kept). */
function titleFromTitleTag(t: string): string | null {
  const parts = t
    .replace(/^【(.*)】/, '$1')
    .split(/\s*[_|｜]\s*|\s+[-－–]\s+|\s*[-－–](?=[^-－–]*$)/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.length) return null;
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}

// h1–h3, or an element whose class or id says it holds a title ("tit", "title", "Title").
const HEADING = /^h[123]$/;
const isHeadingLike = (el: Element) =>
  HEADING.test(el.name) || /tit/.test(el.attribs.class ?? '') || /title|Title/.test(el.attribs.id ?? '');

function headingTitle(elements: Element[], titleTag: string): string | null {
  const full = squash(titleTag);
  let best: string | null = null;
  for (const el of elements) {
    if (!isHeadingLike(el)) continue;
    const text = cleanText(textContent(el));
    if (text.length < 6 || text.length > 200) continue;
    if (full && full.includes(squash(text)) && (!best || text.length > best.length)) best = text;
  }
  if (best) return best;
  const h1 = elements.find((el) => el.name === 'h1');
  const h1Text = h1 ? cleanText(textContent(h1)) : '';
  return h1Text.length >= 4 ? h1Text : null;
}

/**
 * Article metadata in DESIGN §4's trust order: 政府网站发展指引 <meta> tags, the 信息公开 header table,
 * labelled text. A date that cannot be read is null and flagged; a date is never taken from the prose.
 */
export function extractDetail(html: string, _pageUrl: string): DetailExtraction {
  const page = loadPage(html);
  const meta = metaMap(page.metas);
  const tokens = textTokens(page.body);
  const root = contentRoot(page.elements);
  const fields = labelledFields(tokens, root);
  const flags: string[] = [];
  const sources: DetailExtraction['sources'] = {};

  let title = metaText(meta.get('articletitle')) || null;
  if (title) sources.title = 'meta';
  else {
    const tt = cleanText(page.title);
    title = headingTitle(page.elements, tt);
    if (title) sources.title = 'heading';
    else if ((title = titleFromTitleTag(tt))) sources.title = 'title';
  }

  // 发布日期: meta PubDate, then the header table / labelled text (explicit labels before 时间：), then a byline.
  let published: ParsedDate | null = null;
  let publishedSource: DateSource | undefined;
  let unparseable = false;
  const pubMeta = metaText(meta.get('pubdate'));
  const labelled = fields.published ?? fields.publishedWeak;
  if (pubMeta) {
    published = parseDate(pubMeta);
    publishedSource = 'meta';
    if (!published) unparseable = true;
  }
  if (!published && labelled) {
    const p = parseDate(labelled.value);
    if (p) {
      published = p;
      publishedSource = labelled.source;
    } else unparseable = true;
  }
  if (!published && !labelled && !pubMeta) {
    const b = bylineDate(tokens, root);
    if (b) {
      published = b;
      publishedSource = 'byline';
    }
  }
  if (published) {
    sources.publishedAt = publishedSource;
    if (unparseable) flags.push('published-fallback');
  } else flags.push(unparseable ? 'published-unparseable' : 'published-missing');
  // A header table that disagrees with the meta tag is worth an assessor's look.
  if (published && publishedSource === 'meta' && fields.published) {
    const other = parseDate(fields.published.value);
    if (other && other.date !== published.date) flags.push('published-conflict');
  }

  let documentDate: string | null = null;
  if (fields.document) {
    documentDate = parseDate(fields.document.value)?.date ?? null;
    if (documentDate) sources.documentDate = fields.document.source;
    else flags.push('document-unparseable');
  }

  const out: DetailExtraction = {
    kind: 'detail',
    title: title || null,
    publishedAt: published?.date ?? null,
    documentDate,
    indexNo: fields.indexNo?.value ?? null,
    publisher: fields.publisher?.value ?? null,
    docNo: fields.docNo?.value ?? null,
    source: metaText(meta.get('contentsource')) || fields.source?.value || null,
    sources,
    flags,
  };
  if (published?.time) out.publishedTime = published.time;
  return out;
}
