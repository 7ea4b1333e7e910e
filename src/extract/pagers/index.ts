import type { LoadedPage } from '../dom.ts';
import type { PagerClaims } from '../types.ts';
import { jpaas } from './jpaas.ts';
import { jpage } from './jpage.ts';
import { links } from './links.ts';
import { scriptData } from './script-data.ts';
import { trs } from './trs.ts';
import type { PagerFamily } from './types.ts';

export type { PagerFamily, PagerReading } from './types.ts';

/** Upper bound on pages one pager may reveal: a `createPageHTML(10000000, …)` must not exhaust memory. */
export const MAX_REVEALED_PAGES = 2000;

/**
 * Every pager family, the ones read from a CMS's own configuration first: when two state a claim, the
 * configuration (createPageHTML's counts, jpage's totalRecord) is more exact than pager text.
 */
export const PAGER_FAMILIES: readonly PagerFamily[] = [trs, jpage, jpaas, links, scriptData];

export interface Pager {
  nextPages: string[];
  dataEndpoints: string[];
  capped: boolean;
  /** What the page states about the column's size, each value from the first family that states it. */
  claims: PagerClaims;
}

function canonical(u: string): string {
  return u.replace(/\/(index|default)\.s?html?$/i, '/');
}

/** Runs every family on a list page; their pages de-duplicated (never the page itself) and capped. */
export function findPager(page: LoadedPage, pageUrl: string, families: readonly PagerFamily[] = PAGER_FAMILIES): Pager {
  const cap = MAX_REVEALED_PAGES;
  const seen = new Set<string>([canonical(pageUrl)]);
  const nextPages: string[] = [];
  const endpoints = new Set<string>();
  const claims: PagerClaims = {};
  for (const family of families) {
    const r = family.read(page, pageUrl, cap);
    for (const u of r.pages) {
      const c = canonical(u);
      if (seen.has(c)) continue;
      seen.add(c);
      nextPages.push(u);
    }
    for (const u of r.dataEndpoints) endpoints.add(u);
    for (const k of ['totalRecords', 'totalPages', 'perPage'] as const) if (r.claims[k] !== undefined) claims[k] ??= r.claims[k];
  }
  return { nextPages: nextPages.slice(0, cap), dataEndpoints: [...endpoints], capped: nextPages.length > cap, claims };
}
