/** The extraction stage's public API: pure functions from page text to items, pages and metadata. */
export { parseDate, toHalfWidth, type ParsedDate, type DateContext } from './date.ts';
export { extractList } from './list.ts';
export { extractListJson } from './list-json.ts';
export { extractDetail } from './detail.ts';
export { extractSinglePage, type SinglePageExtraction } from './single.ts';
export { isChallengePage, pageKind } from './classify.ts';
export { decodeBody, type Decoded } from './encoding.ts';
export { parseHtml } from './dom.ts';
export { MAX_REVEALED_PAGES } from './pagers/index.ts';
export type {
  ListExtraction,
  ListItem,
  ListOptions,
  ListSelectors,
  PagerClaims,
  DetailExtraction,
  DateSource,
} from './types.ts';
