import { extractDetail, extractList, type DetailExtraction, type ListExtraction, type ListSelectors } from '../extract/index.ts';

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

/** A list page's items and further pages; an empty page that says "暂无信息" is flagged 'blank-text'. */
export function readListPage(p: ListPageInput): ListExtraction {
  const extraction = extractList(p.text, p.url, { selectors: p.selectors, refDay: p.refDay });
  if (extraction.items.length === 0 && BLANK_TEXT.test(p.text.replace(/<[^>]+>/g, ''))) extraction.flags.push('blank-text');
  return extraction;
}

export function readDetailPage(p: DetailPageInput): DetailExtraction {
  return extractDetail(p.text, p.url);
}
