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
  /**
   * What a 信息公开目录 row shows beside the title (索引号, 文号, 成文日期, 发布日期), when it shows them: the
   * only source for a document served as a file, and a fallback for an article page that lacks them.
   */
  row?: { indexNo?: string; docNo?: string; documentDate?: string; publishedAt?: string };
  /** The link is a document file (PDF, DOC(X), WPS, OFD, XLS(X) …), not an article page. */
  file?: boolean;
}

/** What the page says about the whole column, to compare with what was read (coverage, DESIGN §4). */
export interface PagerClaims {
  /** Records the column has, as the page states it (共 N 条, totalRecord, recordCount). */
  totalRecords?: number;
  /** Pages the pager says the column has. */
  totalPages?: number;
  /** Records per page, when the pager states it. */
  perPage?: number;
}

export interface ListExtraction {
  kind: 'list';
  items: ListItem[];
  /** Absolute, de-duplicated: every further list page the pager reveals, in page order. */
  nextPages: string[];
  /** JSON/XML endpoints the page loads its list from, when the page shows them. */
  dataEndpoints?: string[];
  /** What the page claims about the column's size; {} when it claims nothing. */
  claims: PagerClaims;
  /**
   * 'no-items', 'items-without-date', 'selectors-matched-nothing', 'selectors-invalid', 'pager-capped',
   * 'pager-not-followed';
   * 'script-filled': a script fills the list in the browser (an empty container an inline script fills, a
   * client-side template row, a jpaas unit loaded from an endpoint): a browser shows more, even when some
   * items were found;
   * 'one-item': exactly one item, which a column rarely is (a lone item is worth a second look);
   * 'dates-all-equal': three or more items that all show one date (a regeneration date, not publication dates).
   */
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
  /** The meta tag's publish date when it disagrees with the date the page shows (flag 'published-conflict'). */
  metaPublishedAt?: string;
  /** 成文日期 (or 生成日期), YYYY-MM-DD. */
  documentDate: string | null;
  indexNo: string | null;
  publisher: string | null;
  docNo: string | null;
  /** 信息来源 (ContentSource meta or 来源：). Not the 发布机构: often a division or a newspaper. */
  source: string | null;
  /** Where each value was read, so a disputed date can be traced to its place on the page. */
  sources: {
    publishedAt?: DateSource;
    documentDate?: 'table' | 'label';
    /** 'body': a centred 文号 line at the head of the article text. */
    docNo?: 'table' | 'label' | 'body';
    title?: 'meta' | 'heading' | 'title';
  };
  /** 'published-missing', 'published-unparseable', 'published-conflict', 'document-unparseable' … */
  flags: string[];
}
