import { createHash } from 'node:crypto';
import { extractDetail, extractList, extractListJson, extractSinglePage, pageKind, type DetailExtraction, type ListExtraction, type ListSelectors } from '../extract/index.ts';

// Blank columns say so; a page with no list and no such words is more likely a template we can't read.
const BLANK_TEXT = /暂无(信息|数据|内容|记录|相关)|没有(找到)?(相关)?(信息|数据|记录)|无相关信息|信息为空/;

export interface ListPageInput {
  text: string;
  url: string;
  /** YYYY-MM-DD the page was fetched: gives month-day dates their year. */
  refDay: string;
  selectors?: ListSelectors;
}

export interface DetailPageInput {
  text: string;
  url: string;
}

/**
 * A list page's items and further pages; an empty page that says "暂无信息" is flagged 'blank-text', and one that
 * reads as an article 'article-page'.
 */
export function readListPage(p: ListPageInput): ListExtraction {
  const opts = { selectors: p.selectors, refDay: p.refDay };
  // A data endpoint's answer (the JSON a script-drawn list is filled from) is read as the list it draws.
  if (/^\s*[[{]/.test(p.text)) return extractListJson(p.text, p.url, opts);
  const extraction = extractList(p.text, p.url, opts);
  if (extraction.items.length === 0) {
    if (BLANK_TEXT.test(p.text.replace(/<[^>]+>/g, ''))) extraction.flags.push('blank-text');
    // No list, but an article: the column's URL may be a single page (机构概况) rather than a list.
    else if (pageKind(p.text) === 'detail') extraction.flags.push('article-page');
  }
  return extraction;
}

export function readDetailPage(p: DetailPageInput): DetailExtraction {
  return extractDetail(p.text, p.url);
}

/** A single-page column's read: its metadata, and a hash of its main text (a change of content is an update). */
export interface SinglePageReading {
  detail: DetailExtraction;
  textSha256: string;
  /** 0: the page has no text of its own (blank). */
  textChars: number;
}

export function readSinglePage(p: DetailPageInput): SinglePageReading {
  const { detail, text } = extractSinglePage(p.text, p.url);
  return { detail, textSha256: createHash('sha256').update(text).digest('hex'), textChars: [...text].length };
}
