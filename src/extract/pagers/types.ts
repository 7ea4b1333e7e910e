import type { LoadedPage } from '../dom.ts';
import type { PagerClaims } from '../types.ts';

/** What one pager family reads on a list page. */
export interface PagerReading {
  /** Absolute URLs of the column's other list pages (or data-proxy ranges), in page order; may include the page itself. */
  pages: string[];
  /** Endpoints a browser would load the list from. */
  dataEndpoints: string[];
  /** What this family's pager states about the column's size. */
  claims: PagerClaims;
}

/**
 * One way CMSes write a pager (TRS createPageHTML, Hanweb jpage, …). Adding a CMS is one file implementing
 * this plus its test; `pagers/index.ts` runs every family, de-duplicates and caps.
 */
export interface PagerFamily {
  name: string;
  /** `cap` bounds how many pages a family may list: a hostile pager must not exhaust memory. */
  read(page: LoadedPage, pageUrl: string, cap: number): PagerReading;
}

