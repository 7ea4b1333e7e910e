import type { CheerioAPI } from 'cheerio';
import { cleanText, loadPage, squash, type AnyNode, type Element } from './dom.ts';
import { parseDate, type ParsedDate } from './date.ts';
import type { DateSource, DetailExtraction } from './types.ts';

/**
 * Labels of the 信息公开 header table and of article info lines, compared with every space removed. The
 * generic 时间/日期 are weaker: accepted only when no explicit 发布日期 label exists.
 */
const LABELS = {
  published: /^(发布|公开|发表|发稿|刊发|上网)(日期|时间)$/,
  publishedWeak: /^(时间|日期)$/,
  document: /^(成文|生成|印发|制发|制文|发文)(日期|时间)$/,
  indexNo: /^索引号?$/,
  publisher: /^(发布|发文|制发|公开)(机构|机关|单位|主体)$/,
  docNo: /^(文号|发文字号|发文文号|文件编号|发文编号|文件字号)$/,
  source: /^(信息|文章|稿件)?来源$/,
} as const;
type Field = keyof typeof LABELS;
const ANY_LABEL = /^[\u4e00-\u9fa5]{2,6}$/;
const BYLINE_MARK = /(来源|作者|编辑|责任编辑|浏览|点击|阅读|字号)[:：]/;
const LABEL_CELL = new Set(['td', 'th', 'dt', 'label', 'strong', 'b', 'span', 'em']);

interface Token {
  text: string;
  el: Element;
}

interface Found {
  value: string;
  source: 'table' | 'label';
}

function textTokens($: CheerioAPI): Token[] {
  const out: Token[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') {
      const text = cleanText((n as { data: string }).data);
      if (text) out.push({ text, el: n.parent as Element });
      return;
    }
    if (n.type === 'tag' && ((n as Element).name === 'select' || (n as Element).name === 'option')) return;
    if ('children' in n) for (const c of n.children as AnyNode[]) walk(c);
  };
  const body = $('body')[0];
  if (body) walk(body);
  return out;
}

/** The main text block: the element whose own <p> children hold the most text. Labels inside it are prose. */
function contentRoot($: CheerioAPI): Element | null {
  let best: Element | null = null;
  let bestLen = 0;
  $('p').each((_, p) => {
    const parent = p.parent as Element | null;
    if (!parent || parent.type !== 'tag') return;
    const len = $(parent).children('p').text().length;
    if (len > bestLen) {
      bestLen = len;
      best = parent;
    }
  });
  return bestLen > 200 ? best : null;
}

function inProse(el: Element, root: Element | null): boolean {
  if (!root) return false;
  let sawP = false;
  for (let p: Element | null = el; p && p.type === 'tag'; p = p.parent as Element | null) {
    if (p.name === 'p') sawP = true;
    if (p === root) return sawP;
  }
  return false;
}

/** 'table' when the label sits in a block that carries 索引号 (the 信息公开 header), else 'label'. */
function sourceOf($: CheerioAPI, el: Element): 'table' | 'label' {
  let p: Element | null = el;
  for (let i = 0; i < 5 && p && p.type === 'tag'; i++, p = p.parent as Element | null) {
    if (['table', 'ul', 'dl', 'div', 'tbody'].includes(p.name)) {
      const t = squash($(p).text());
      if (t.length < 3000 && t.includes('索引号')) return 'table';
    }
  }
  return 'label';
}

function isLabelText(s: string): boolean {
  return /[:：]$/.test(s) || Object.values(LABELS).some((re) => re.test(s.replace(/[:：]$/, '')));
}

function within(el: Element, container: Element | null): boolean {
  for (let p: Element | null = el; p; p = p.parent as Element | null) if (p === container) return true;
  return false;
}

/** First value of each labelled field, in document order; values come from "标签：值" or the next cell. */
function labelledFields($: CheerioAPI, tokens: Token[]): Partial<Record<Field, Found>> {
  const root = contentRoot($);
  const out: Partial<Record<Field, Found>> = {};
  tokens.forEach((tok, i) => {
    const m = /^([^:：]{1,12})[:：]\s*(.*)$/.exec(tok.text);
    let label: string;
    let rest: string;
    if (m) {
      label = squash(m[1]);
      rest = m[2].trim();
    } else if (LABEL_CELL.has(tok.el.name) && ANY_LABEL.test(squash(tok.text))) {
      label = squash(tok.text);
      rest = '';
    } else return;
    const field = (Object.keys(LABELS) as Field[]).find((f) => LABELS[f].test(label));
    if (!field || out[field] || inProse(tok.el, root)) return;
    let value = rest;
    if (!value) {
      // The value is the next text in the same row or line, never something farther away.
      const next = tokens[i + 1];
      const row = (tok.el.parent as Element | null)?.parent as Element | null;
      if (next && !isLabelText(squash(next.text)) && (within(next.el, row) || within(next.el, tok.el.parent as Element))) {
        value = next.text;
      }
    }
    if (value) out[field] = { value, source: sourceOf($, tok.el) };
  });
  return out;
}

/** A short info line with a dated byline ("2005年08月16日 来源：新华网"), outside the article text. */
function bylineDate($: CheerioAPI, tokens: Token[]): ParsedDate | null {
  const root = contentRoot($);
  for (const tok of tokens) {
    if (tok.text.length > 60 || inProse(tok.el, root)) continue;
    const line = cleanText($(tok.el).text());
    if (line.length > 120 || !BYLINE_MARK.test(line)) continue;
    const d = parseDate(tok.text);
    if (d && /\d{4}/.test(tok.text)) return d;
  }
  return null;
}

function metaMap($: CheerioAPI): Map<string, string> {
  const out = new Map<string, string>();
  $('meta[name]').each((_, el) => {
    const name = ($(el).attr('name') ?? '').trim().toLowerCase();
    const content = $(el).attr('content');
    if (name && content !== undefined && !out.has(name)) out.set(name, content);
  });
  return out;
}

/** Text of a meta value that may itself contain markup (ArticleTitle with a <div> subtitle). */
function metaText(v: string | undefined): string {
  return cleanText((v ?? '').replace(/<[^>]*>/g, ''));
}

function docTitle($: CheerioAPI): string {
  return cleanText($('title').first().text());
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

function headingTitle($: CheerioAPI, titleTag: string): string | null {
  const full = squash(titleTag);
  let best: string | null = null;
  $('h1, h2, h3, [class*="title"], [class*="tit"], [id*="title"], [id*="Title"]').each((_, el) => {
    const text = cleanText($(el).text());
    if (text.length < 6 || text.length > 200) return;
    if (full && full.includes(squash(text)) && (!best || text.length > best.length)) best = text;
  });
  if (best) return best;
  const h1 = cleanText($('h1').first().text());
  return h1.length >= 4 ? h1 : null;
}

/**
 * Article metadata in DESIGN §4's trust order: 政府网站发展指引 <meta> tags, the 信息公开 header table,
 * labelled text. A date that cannot be read is null and flagged; a date is never taken from the prose.
 */
export function extractDetail(html: string, _pageUrl: string): DetailExtraction {
  const { $ } = loadPage(html);
  const meta = metaMap($);
  const tokens = textTokens($);
  const fields = labelledFields($, tokens);
  const flags: string[] = [];
  const sources: DetailExtraction['sources'] = {};

  let title = metaText(meta.get('articletitle')) || null;
  if (title) sources.title = 'meta';
  else {
    const tt = docTitle($);
    title = headingTitle($, tt);
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
    const b = bylineDate($, tokens);
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
