import { textContent } from 'domutils';
import { cleanText, loadPage, squash, type Element } from './dom.ts';
import { isDateCell, parseDate, type ParsedDate } from './date.ts';
import { contentRoot, inProse, labelledFields, textTokens, within, type Token } from './labels.ts';
import type { DateSource, DetailExtraction } from './types.ts';

const BYLINE_MARK = /(来源|作者|编辑|责任编辑|浏览|点击|阅读|字号)[:：]/;
// Lines that carry dates which are never the article's: the footer (版权所有 ©2026, 网站标识码, ICP 备案).
const FOOTER_LINE = /版权所有|copyright|©|网站标识码|icp|备案|主办|承办|技术支持/i;
// A box of other articles starts with one of these headings; its dates are theirs.
const OTHER_ARTICLES = /^(相关(链接|文章|阅读|稿件|新闻|信息)|推荐阅读|延伸阅读|上一篇|下一篇)/;
// A container whose class or id starts with one of these is the footer (footer_BZBox, bottom, copyright).
const FOOTER_BOX = /(^|\s)(foot|bottom|copyright|banquan)/i;
// Tokens right after the title where an unlabelled date is the info line ("2022-04-17 来源：…"), not prose.
const NEAR_TITLE = 20;

const INLINE = new Set(['span', 'em', 'b', 'strong', 'font', 'i', 'a', 'label', 'u', 'o:p', 'st1:chsdate']);

/** The block (p, div, li, td …) that holds an element: the whole line, not one span of it. */
function blockOf(el: Element): Element {
  let p: Element = el;
  while (INLINE.has(p.name) && p.parent && (p.parent as Element).type === 'tag') p = p.parent as Element;
  return p;
}

/** True inside the page footer or a box that lists other articles (相关链接, 上一篇 …). */
function inOtherBox(el: Element): boolean {
  for (let p: Element | null = el, i = 0; p && p.type === 'tag' && i < 6; p = p.parent as Element | null, i++) {
    if (p.name === 'footer' || FOOTER_BOX.test(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`)) return true;
    if (OTHER_ARTICLES.test(squash(textContent(p)))) return true;
  }
  return false;
}

/**
 * An unlabelled date from an info line: between the title and the article text a bare date cell or a dated
 * byline counts ("2022-04-17" beside "来源：生态环境部"); elsewhere only a dated byline ("2005年08月16日　来源：
 * 新华网"). Never a date from the prose, the footer or a box of other articles.
 */
function bylineDate(tokens: Token[], afterTitle: number, root: Element | null): ParsedDate | null {
  const pick = (tok: Token, bareOk: boolean): ParsedDate | null => {
    if (tok.text.length > 60 || inProse(tok.el, root)) return null;
    const line = cleanText(textContent(blockOf(tok.el)));
    if (line.length > 120 || FOOTER_LINE.test(line)) return null;
    if (!BYLINE_MARK.test(line) && !(bareOk && isDateCell(tok.text))) return null;
    const d = parseDate(tok.text);
    // The box test walks ancestors' text, so it runs last, on the few dated lines left.
    return d && /\d{4}/.test(tok.text) && !inOtherBox(tok.el) ? d : null;
  };
  if (afterTitle >= 0) {
    for (const tok of tokens.slice(afterTitle, afterTitle + NEAR_TITLE)) {
      // The info line ends where the article text begins.
      if (tok.text.length > 60 || within(tok.el, root)) break;
      const d = pick(tok, true);
      if (d) return d;
    }
  }
  for (const tok of tokens) {
    const d = pick(tok, false);
    if (d) return d;
  }
  return null;
}

function metaMap(metas: Element[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of metas) {
    // Open Graph tags (article:published_time) name themselves with property=, the others with name=.
    const name = (el.attribs.name ?? el.attribs.property ?? '').trim().toLowerCase();
    const content = el.attribs.content;
    if (name && content !== undefined && !out.has(name)) out.set(name, content);
  }
  return out;
}

/**
 * Meta tags that carry the publish date, most trusted first: the 政府网站发展指引 PubDate, then the names other
 * CMSes use. Maketime, lastmodifiedtime and DC.Date are left out: they change when a page is rebuilt.
 */
const PUBDATE_METAS = ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time'];

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

interface Heading {
  el: Element;
  text: string;
}

/**
 * The heading that holds the title: the longest heading-like text found in the title we know (<title>, or the
 * ArticleTitle meta), else the first <h1>, else the longest heading-like text (a <title> that names only the
 * column and site, "公示公告_平潭综合实验区党工委管委会", says nothing; side-box headings are short).
 */
function titleHeading(elements: Element[], known: string): Heading | null {
  const full = squash(known);
  let best: Heading | null = null;
  let longest: Heading | null = null;
  for (const el of elements) {
    if (!isHeadingLike(el)) continue;
    const text = cleanText(textContent(el));
    if (text.length < 6 || text.length > 200) continue;
    if (full && full.includes(squash(text)) && (!best || text.length > best.text.length)) best = { el, text };
    if (text.length <= 100 && (!longest || text.length > longest.text.length)) longest = { el, text };
  }
  if (best) return best;
  const h1 = elements.find((el) => el.name === 'h1');
  const h1Text = h1 ? cleanText(textContent(h1)) : '';
  return h1 && h1Text.length >= 4 ? { el: h1, text: h1Text } : longest;
}

/** Index of the first token after the heading element, or -1 when the page has no such heading. */
function tokenAfter(tokens: Token[], heading: Element | null): number {
  if (!heading) return -1;
  let seen = false;
  for (let i = 0; i < tokens.length; i++) {
    const inside = within(tokens[i].el, heading);
    if (inside) seen = true;
    else if (seen) return i;
  }
  return -1;
}

// 发文字号 as a 公文 prints it: issuer abbreviation, the year in 〔〕 (or [] （） 【】), the number, 号; alone on its
// line, optionally in parentheses as 国务院公报 prints it under the title.
const DOC_NO = /^[(（]?\s*([\u4e00-\u9fa5]{1,16}\s*[〔［\[（(【]\s*(?:19|20)\d{2}\s*[〕］\]）)】]\s*第?\s*\d{1,5}\s*号)\s*[)）]?$/;
// A 公文 prints its 发文字号 in the first lines of the body; past this many tokens after the title it is prose.
const DOC_HEAD = 15;
const CENTRED_CLASS = /(^|\s)(text-center|tc|center|txt-c|t-c|text_center)(\s|$)/i;

function isCentred(el: Element): boolean {
  const style = (el.attribs.style ?? '').replace(/\s/g, '').toLowerCase();
  return style.includes('text-align:center') || (el.attribs.align ?? '').toLowerCase() === 'center' || CENTRED_CLASS.test(el.attribs.class ?? '');
}

/**
 * 发文字号 from the head of the body when no 文号 cell gives it: a centred line that is nothing but a 文号
 * (`<p style="text-align:center">发改经贸〔2026〕1241号</p>`), among the first lines after the title and before
 * the first long paragraph. The line is read as a whole because Word-made pages split it into spans
 * (岚政〔 / 2010 / 〕 / 105 / 号). A 文号 quoted in a sentence ("根据《…》（国发〔2020〕3号）") is never a whole line.
 */
function bodyDocNo(tokens: Token[], start: number): string | null {
  if (start < 0) return null;
  const seen = new Set<Element>();
  for (const tok of tokens.slice(start, start + DOC_HEAD)) {
    const block = blockOf(tok.el);
    if (seen.has(block)) continue;
    seen.add(block);
    const line = cleanText(textContent(block));
    if (line.length > 50) return null;
    const m = DOC_NO.exec(line);
    if (!m) continue;
    for (let p: Element | null = block, i = 0; p && p.type === 'tag' && i < 4; p = p.parent as Element | null, i++) {
      if (isCentred(p)) return m[1].replace(/\s+/g, '');
    }
  }
  return null;
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

  const tt = cleanText(page.title);
  let title = metaText(meta.get('articletitle')) || null;
  const heading = titleHeading(page.elements, `${title ?? ''} ${tt}`);
  if (title) sources.title = 'meta';
  else if (heading) {
    title = heading.text;
    sources.title = 'heading';
  } else if ((title = titleFromTitleTag(tt))) sources.title = 'title';
  const afterTitle = tokenAfter(tokens, heading?.el ?? null);

  // 发布日期: the meta tag, then the header table / labelled text (explicit labels before 时间：), then an info
  // line. A shown, explicitly labelled date beats a disagreeing meta (CMSes rewrite PubDate when they rebuild a
  // page): the shown one is what the unit claims to the public, and the disagreement is flagged (DESIGN §4).
  let published: ParsedDate | null = null;
  let publishedSource: DateSource | undefined;
  let unparseable = false;
  const pubMeta = PUBDATE_METAS.map((n) => metaText(meta.get(n))).find(Boolean) ?? '';
  const labelled = fields.published ?? fields.publishedWeak;
  if (pubMeta) {
    published = parseDate(pubMeta);
    publishedSource = 'meta';
    if (!published) unparseable = true;
  }
  let metaPublishedAt: string | undefined;
  if (published && fields.published) {
    const shown = parseDate(fields.published.value);
    if (shown && shown.date !== published.date) {
      flags.push('published-conflict');
      metaPublishedAt = published.date;
      published = shown;
      publishedSource = fields.published.source;
    }
  }
  if (!published && labelled) {
    const p = parseDate(labelled.value);
    if (p) {
      published = p;
      publishedSource = labelled.source;
    } else unparseable = true;
  }
  if (!published && !labelled && !pubMeta) {
    const b = bylineDate(tokens, afterTitle, root);
    if (b) {
      published = b;
      publishedSource = 'byline';
    }
  }
  if (published) {
    sources.publishedAt = publishedSource;
    if (unparseable) flags.push('published-fallback');
  } else flags.push(unparseable ? 'published-unparseable' : 'published-missing');

  let documentDate: string | null = null;
  if (fields.document) {
    documentDate = parseDate(fields.document.value)?.date ?? null;
    if (documentDate) sources.documentDate = fields.document.source;
    else flags.push('document-unparseable');
  }

  // Without a 文号 cell, the body's head may print it; the article text starts after the title, or at the
  // content block when no heading was found.
  let docNo = fields.docNo?.value ?? null;
  if (!docNo) {
    const bodyStart = afterTitle >= 0 ? afterTitle : root ? tokens.findIndex((t) => within(t.el, root)) : -1;
    docNo = bodyDocNo(tokens, bodyStart);
    if (docNo) sources.docNo = 'body';
  } else sources.docNo = fields.docNo!.source;

  const out: DetailExtraction = {
    kind: 'detail',
    title: title || null,
    publishedAt: published?.date ?? null,
    documentDate,
    indexNo: fields.indexNo?.value ?? null,
    publisher: fields.publisher?.value ?? null,
    docNo,
    source: metaText(meta.get('contentsource')) || fields.source?.value || null,
    sources,
    flags,
  };
  if (published?.time) out.publishedTime = published.time;
  if (metaPublishedAt) out.metaPublishedAt = metaPublishedAt;
  return out;
}
