import { columnExpectation } from '../model.ts';
import type { DemoColumn } from '../types.ts';

/**
 * What a crawler must report for a variant column: a list column as columnExpectation says; a single-page
 * column has no items and its page's own date as the newest.
 */
export function variantExpectation(col: DemoColumn): { layout: 'list' | 'single'; itemCount: number; latestPublished: string | null } {
  if (col.layout === 'single') return { layout: 'single', itemCount: 0, latestPublished: col.pageDate ?? null };
  return { layout: 'list', ...columnExpectation(col) };
}
