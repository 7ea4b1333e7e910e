/** CSS selectors from the plan for a column where the generic heuristic fails (DESIGN §6). */
export interface ListSelectors {
  item: string;
  title?: string;
  date?: string;
  link?: string;
  /** The pager link: followed besides the pages the pager heuristic finds. */
  next?: string;
}

export interface ListItem {
  title: string;
  /** Absolute URL of the detail page. */
  url: string;
  /** YYYY-MM-DD, or null when the list shows no (parseable) date for the item. */
  date: string | null;
  /** The date text as shown, for the assessor who disputes it. */
  dateText?: string;
  /** Pinned (置顶) items stay at the top whatever their age and never make a column fresh. */
  pinned: boolean;
}

export interface ListExtraction {
  kind: 'list';
  items: ListItem[];
  /** Absolute, de-duplicated: every further list page the pager reveals, in page order. */
  nextPages: string[];
  /** JSON/XML endpoints the page loads its list from, when the page shows them. */
  dataEndpoints?: string[];
  /** 'no-items', 'items-without-date', 'selectors-matched-nothing', 'selectors-invalid', 'pager-capped', 'pager-not-followed' */
  flags: string[];
}

export interface ListOptions {
  selectors?: ListSelectors;
  /** YYYY-MM-DD the page was fetched: gives month-day dates their year. */
  refDay?: string;
}

export type DateSource = 'meta' | 'table' | 'label' | 'byline';

export interface DetailExtraction {
  kind: 'detail';
  title: string | null;
  /** 发布日期, YYYY-MM-DD. */
  publishedAt: string | null;
  /** HH:MM[:SS] when the publish date carries a time. */
  publishedTime?: string;
  /** 成文日期 (or 生成日期), YYYY-MM-DD. */
  documentDate: string | null;
  indexNo: string | null;
  publisher: string | null;
  docNo: string | null;
  /** 信息来源 (ContentSource meta or 来源：). Not the 发布机构: often a division or a newspaper. */
  source: string | null;
  /** Where each value was read, so a disputed date can be traced to its place on the page. */
  sources: { publishedAt?: DateSource; documentDate?: 'table' | 'label'; title?: 'meta' | 'heading' | 'title' };
  /** 'published-missing', 'published-unparseable', 'published-conflict', 'document-unparseable' … */
  flags: string[];
}
