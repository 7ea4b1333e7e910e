import { absoluteUrl } from '../dom.ts';
import { Assignments, calls, countOf, type JsValue } from './js.ts';
import type { PagerClaims } from '../types.ts';
import type { PagerFamily, PagerReading } from './types.ts';

interface PageCall {
  count: number;
  current: number;
  name: string;
  ext: string;
  records?: number;
  /** The call names its target element first (`createPageHTML('page_div', …)`). */
  idForm: boolean;
}

/**
 * The arguments by type and position, whatever the template: an optional element id (a string before the
 * first number), then page count, current page, page name and extension, then an optional record count.
 * Null when any of them is not a literal (the function's own definition, computed arguments).
 */
function readCall(args: JsValue[]): PageCall | null {
  const idForm = typeof args[0] === 'string';
  const [count, current, name, ext, records] = args.slice(idForm ? 1 : 0);
  if (typeof count !== 'number' || typeof current !== 'number' || typeof name !== 'string' || typeof ext !== 'string') return null;
  if (!Number.isInteger(count) || count < 0 || !/^\w[\w.-]*$/.test(name) || !/^\w+$/.test(ext)) return null;
  return { count, current, name, ext, records: countOf(records), idForm };
}

/**
 * Whether `current` counts from 1. A current equal to the count, or a current of 1+ on the first page
 * (index.html itself), can only be 1-based; 0 only 0-based. On a later page both read the same, and the
 * templates that name their element first count from 1 (index.html, index_2.html … index_{count}.html).
 */
function oneBased(c: PageCall, pageUrl: string): boolean {
  if (c.current === 0) return false;
  if (c.current === c.count) return true;
  const file = new URL(pageUrl).pathname.split('/').pop() ?? '';
  const later = new RegExp(`^${c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_\\d+\\.${c.ext}$`, 'i').test(file);
  return !later || c.idForm;
}

/**
 * TRS (and TRS-derived) `createPageHTML(...)`: static pages index.ext, then index_N.ext. 0-based templates
 * number the pages index_1 … index_{count-1}; 1-based ones index_2 … index_{count}.
 */
export const trs: PagerFamily = {
  name: 'trs-createPageHTML',
  read(page, pageUrl, cap): PagerReading {
    const pages: string[] = [];
    const claims: PagerClaims = {};
    for (const script of page.scripts) {
      if (!script.includes('createPageHTML')) continue;
      const vars = new Assignments(script);
      for (const call of calls(script, 'createPageHTML')) {
        const c = readCall(call.args.map((a) => vars.resolve(a, call.at)));
        if (!c) continue;
        claims.totalPages ??= c.count;
        if (c.records !== undefined) claims.totalRecords ??= c.records;
        const first = oneBased(c, pageUrl) ? 1 : 0;
        const current = c.current - first;
        for (let i = 0; i < Math.min(c.count, cap + 2); i++) {
          if (i === current) continue;
          const u = absoluteUrl(i === 0 ? `${c.name}.${c.ext}` : `${c.name}_${i + first}.${c.ext}`, pageUrl);
          if (u) pages.push(u);
        }
      }
    }
    return { pages, dataEndpoints: [], claims };
  },
};
