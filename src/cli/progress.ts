import { activeColumnCounts, type DB } from '../store/index.ts';
import type { CrawlColumnRow, VisitResult } from '../store/index.ts';

const FAILED = new Set(['unreachable', 'challenge', 'parse-failed', 'blocked']);

/** Per-unit progress of a crawl on a terminal: a line per finished unit and a live total. */
export function createProgress(out: NodeJS.WriteStream | undefined, db: DB) {
  if (!out) return { column: undefined, done: () => {} };
  const perUnit = activeColumnCounts(db);
  const acc = new Map<string, { done: number; items: number; failed: string[] }>();
  return {
    column(col: CrawlColumnRow, r: VisitResult, done: number, total: number) {
      const a = acc.get(col.unitId) ?? { done: 0, items: 0, failed: [] };
      acc.set(col.unitId, a);
      a.done++;
      a.items += r.itemsNew;
      if (r.outcome === null || FAILED.has(r.outcome)) a.failed.push(col.name);
      out.write('\r\x1b[K');
      if (a.done === perUnit.get(col.unitId)) {
        const bad = a.failed.length ? `，异常：${a.failed.join('、')}` : '';
        out.write(`${a.failed.length ? '✗' : '✓'} ${col.unitName}：${a.done} 个栏目，新增 ${a.items} 条${bad}\n`);
      }
      out.write(`已完成 ${done}/${total} 个栏目`);
    },
    done: () => out.write('\r\x1b[K'),
  };
}
