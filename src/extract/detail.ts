import type { CheerioAPI } from 'cheerio';
import { cleanText, loadPage, squash } from './dom.ts';
import { parseDate, type ParsedDate } from './date.ts';
import { contentRoot, inProse, labelledFields, textTokens, type Token } from './labels.ts';
import type { DateSource, DetailExtraction } from './types.ts';

const BYLINE_MARK = /(来源|作者|编辑|责任编辑|浏览|点击|阅读|字号)[:：]/;

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
