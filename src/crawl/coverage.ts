import type { ListExtraction, PagerClaims } from '../extract/index.ts';

/**
 * Coverage is evidence (DESIGN §4): what a column's pages claim against what was read, and what the list looks
 * like. A read that falls short or looks wrong is 需核对 with its reason; assess never turns it into a deduction.
 */

/** Why reading a column's list pages stopped. */
export type StopReason =
  /** reached an item known from an earlier night: everything further back is known */
  | 'known-item'
  /** every dated item on the page is older than the period start */
  | 'period-start'
  /** no further page to read */
  | 'exhausted'
  /** maxPagesPerColumn reached with pages left */
  | 'page-cap';

export interface PageRead {
  items: number;
  /** Whether another list page was read after this one (a page followed by others should be full). */
  followed: boolean;
  extraction: Pick<ListExtraction, 'flags' | 'claims' | 'items' | 'nextPages'>;
}

export interface VisitRead {
  pages: PageRead[];
  stop: StopReason;
  itemsFound: number;
  maxPages: number;
  /** Items on the first page of the last complete read of this column, when there was one. */
  previousFirstPage: number | null;
}

export interface Coverage {
  coverage: 'complete' | 'review';
  /** Chinese, for the assessor; null when complete. */
  reason: string | null;
  claims: PagerClaims;
}

/** The largest claim of each kind over the pages read (a later page may state the total the first one did not). */
export function mergeClaims(pages: ReadonlyArray<Pick<PageRead, 'extraction'>>): PagerClaims {
  const out: PagerClaims = {};
  for (const p of pages) {
    for (const k of ['totalRecords', 'totalPages', 'perPage'] as const) {
      const v = p.extraction.claims[k];
      if (v !== undefined && (out[k] === undefined || v > out[k]!)) out[k] = v;
    }
  }
  return out;
}

/**
 * Doubts one list page raises by itself, strongest first: a reason a browser might read it better, and that an
 * assessor should look at if it cannot. null: the page looks like a whole list (or says it is empty).
 */
export function pageDoubt(x: Pick<ListExtraction, 'flags' | 'claims' | 'items' | 'nextPages'>): string | null {
  const n = x.items.length;
  const total = x.claims.totalRecords;
  if (x.flags.includes('selectors-invalid')) return '计划中为该栏目指定的选择器无效';
  if (n === 0) {
    // Before "暂无信息": a script-filled list often carries that text as a placeholder it replaces.
    if (x.flags.includes('script-filled')) return '列表由页面脚本填充，静态页面上没有信息';
    if (x.flags.includes('blank-text')) return null;
    // An article at the column's own URL: a single-page column (机构概况), read as such, not a list gone missing.
    if (x.flags.includes('article-page')) return null;
    if (x.flags.includes('selectors-matched-nothing')) return '计划中为该栏目指定的选择器在页面上没有匹配到任何信息';
    return '列表页上没有识别出信息条目，也没有“暂无信息”等字样';
  }
  if (x.flags.includes('script-filled')) return `列表由页面脚本填充，静态页面上只识别出 ${n} 条`;
  if (total !== undefined && total > n && x.nextPages.length === 0) return `页面声称共 ${total} 条，但只显示 ${n} 条，且找不到其余各页`;
  if (n === 1 && total !== 1 && x.nextPages.length === 0) return '列表只识别出 1 条信息';
  const unpinned = x.items.filter((i) => !i.pinned);
  const undated = unpinned.filter((i) => !i.date).length;
  if (unpinned.length && undated === unpinned.length) return `列表中的 ${undated} 条信息都没有日期`;
  if (undated * 3 >= unpinned.length && undated > 0) return `列表中 ${unpinned.length} 条信息有 ${undated} 条没有日期`;
  if (x.flags.includes('dates-all-equal')) return `列表中 ${n} 条信息的日期完全相同`;
  return null;
}

/** The verdict on one visit's read of a column. */
export function visitCoverage(r: VisitRead): Coverage {
  const claims = mergeClaims(r.pages);
  const review = (reason: string): Coverage => ({ coverage: 'review', reason, claims });
  const first = r.pages[0];
  if (!first) return review('没有读到任何列表页');
  if (r.stop === 'page-cap') return review(`已读到每栏目页数上限 ${r.maxPages} 页，其后的列表页未读`);
  const doubt = pageDoubt(first.extraction);
  if (doubt) return review(doubt);
  // A page that led to another should be a full page of the list.
  const perPage = claims.perPage ?? first.items;
  for (let i = 0; i < r.pages.length; i++) {
    const p = r.pages[i];
    if (p.followed && perPage >= 5 && p.items * 2 < perPage) return review(`第 ${i + 1} 页只读到 ${p.items} 条，每页应有 ${perPage} 条`);
  }
  if (r.stop === 'exhausted') {
    if (claims.totalRecords !== undefined && r.itemsFound < claims.totalRecords) {
      return review(`页面声称共 ${claims.totalRecords} 条，读完全部可找到的列表页只读到 ${r.itemsFound} 条`);
    }
    if (claims.totalPages !== undefined && r.pages.length < claims.totalPages) {
      return review(`页面声称共 ${claims.totalPages} 页，只找到并读了 ${r.pages.length} 页`);
    }
  }
  if (r.previousFirstPage !== null && r.previousFirstPage >= 4 && first.items * 2 < r.previousFirstPage) {
    return review(`本次列表第一页只读到 ${first.items} 条，上次完整读取时为 ${r.previousFirstPage} 条`);
  }
  return { coverage: 'complete', reason: null, claims };
}
