import type { ColumnRuntime, Model } from '../model.ts';
import type { Routed } from '../router.ts';
import type { PageEnv } from '../templates/list-common.ts';
import type { DemoItem, VariantId } from '../types.ts';

export interface Ctx {
  model: Model;
  rt: ColumnRuntime;
  env: PageEnv;
}

/** One variant's URL layout and pages. Paths are relative to the column's directory. */
export interface VariantTemplate {
  /** The list entry page (or the single page) below the column directory, e.g. 'index.shtml'. */
  entry: string;
  /** Where the real site puts an item's detail page, when not where the family's default puts it. */
  detailPath?(rt: ColumnRuntime, item: DemoItem, dir: string): string;
  /** A page of the column: rest is the path below the directory. null = 404. */
  page(ctx: Ctx, rest: string, query: URLSearchParams): { body: string; entry: boolean } | null;
  /** Data endpoints the page's script calls (dataproxy, JSON APIs): null = not this variant's request. */
  api?(model: Model, path: string, params: URLSearchParams): Routed | null;
}

export type VariantTable = Record<VariantId, VariantTemplate>;

/** YYYYMM and YYYYMMDD of an item's date, for TRS-style detail paths. */
export function ymd(item: DemoItem): { ym: string; d8: string } {
  const d8 = item.publishedAt.replace(/-/g, '');
  return { ym: d8.slice(0, 6), d8 };
}

/** Items of 1-based page p. */
export function pageSlice(rt: ColumnRuntime, p: number): DemoItem[] {
  return rt.col.items.slice((p - 1) * rt.pageSize, p * rt.pageSize);
}

export function pages(rt: ColumnRuntime): number {
  return Math.max(1, Math.ceil(rt.col.items.length / rt.pageSize));
}

/** Link from a page in the column directory to an item (relative, as the TRS templates write them). */
export function relHref(rt: ColumnRuntime, item: DemoItem): string {
  const dir = columnDirOf(rt);
  const path = new URL(item.url).pathname;
  return path.startsWith(dir) ? './' + path.slice(dir.length) : path;
}

/** The directory a variant column's pages live in (hanweb: /col/colN/, others: /xxgk/unit/slug/). */
export function columnDirOf(rt: ColumnRuntime): string {
  return rt.col.template === 'hanweb' ? `/col/col${rt.colNum}/` : `/xxgk/${rt.unitSpec.id}/${rt.spec.slug}/`;
}
