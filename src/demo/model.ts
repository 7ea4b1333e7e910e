import type { Routed } from './router.ts';
import type { PageEnv } from './templates/list-common.ts';
import type { ColumnSpec, UnitSpec } from './catalog.ts';
import type { DemoColumn, DemoItem, DemoTruth, DemoUnit } from './types.ts';

/** Server-side bookkeeping around the truth objects (which stay free of it). */
export interface ColumnRuntime {
  unit: DemoUnit;
  unitSpec: UnitSpec;
  spec: ColumnSpec;
  col: DemoColumn;
  /** hanweb-style numeric column id (also used as the jsonjs column id's suffix). */
  colNum: number;
  pageSize: number;
  /** Epoch ms of the last change: Last-Modified of the column's pages. */
  modifiedAt: number;
}

export interface DetailEntry {
  rt: ColumnRuntime;
  item: DemoItem;
}

export interface Model {
  seed: number;
  refDate: string;
  baseUrl: string;
  truth: DemoTruth;
  columns: ColumnRuntime[];
  /** `${unitId}/${slug}` */
  byKey: Map<string, ColumnRuntime>;
  byColNum: Map<number, ColumnRuntime>;
  /** Detail path → entry. */
  details: Map<string, DetailEntry>;
  /** Unit id → the 统一社会信用代码 used in its 索引号. */
  creditCodes: Map<string, string>;
  nextId: number;
  /** Epoch ms the portal's static pages were generated (Last-Modified of index pages). */
  builtAt: number;
  /** Set with `variants: true`: answers the variant columns' own pages before the base router (null = not ours). */
  variantRoute?: (url: URL, params: URLSearchParams, env: PageEnv) => Routed | null;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pinned first, then newest first; the id breaks ties so the order is total. */
export function sortItems(items: DemoItem[]): void {
  items.sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) || cmp(b.publishedAt, a.publishedAt) || cmp(b.publishedTime, a.publishedTime) || b.id - a.id,
  );
}

export function pageCount(rt: ColumnRuntime): number {
  return Math.max(1, Math.ceil(rt.col.items.length / rt.pageSize));
}

/** Items of 0-based page n; a trap column repeats its last real page for every n past it. */
export function pageItems(rt: ColumnRuntime, n: number): DemoItem[] {
  const last = pageCount(rt) - 1;
  const k = rt.col.trap ? Math.min(n, last) : n;
  return rt.col.items.slice(k * rt.pageSize, (k + 1) * rt.pageSize);
}

/** The truth a crawler must reproduce for one column. */
export function columnExpectation(col: DemoColumn): { itemCount: number; latestPublished: string | null } {
  const dated = col.items.filter((i) => !i.pinned).map((i) => i.publishedAt);
  return { itemCount: col.items.length, latestPublished: dated.length ? dated.reduce((a, b) => (a > b ? a : b)) : null };
}
