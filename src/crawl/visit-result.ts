import { SnapshotWriteError } from '../evidence/index.ts';
import { databaseProblem } from '../store/index.ts';
import type { VisitResult } from '../store/index.ts';
import { BrowserFailure } from './result.ts';

/** How a column visit ends when it concludes nothing about the column: empty results and the auditor's own faults. */

/** The plan names a selector the page cannot use: the plan's fault, reported with the fix. */
export class PlanSelectorError extends Error {}

/** A visit that concluded nothing, with its cause: the fields every early end shares. */
export function emptyResult(requests: number): VisitResult {
  return {
    outcome: null,
    fetcher: null,
    pages: 0,
    itemsFound: 0,
    itemsNew: 0,
    requests,
    complete: false,
    coveredFrom: null,
    error: null,
    coverage: null,
    reviewReason: null,
    claims: {},
    firstPageItems: null,
    fault: null,
    layout: null,
    blockedBy: null,
  };
}

/**
 * The auditor's own failures, in Chinese with what to do: they say nothing about the unit's site, so the visit
 * records no outcome (no finding, no score) and the next night tries the column again.
 */
export function auditorFailure(err: unknown): { error: string; snapshotRefused?: true } {
  if (err instanceof SnapshotWriteError) return { error: err.message, snapshotRefused: true };
  if (err instanceof PlanSelectorError) return { error: err.message };
  if (err instanceof BrowserFailure) return { error: `${err.message}本栏目本次未得出结论，不计为该单位的问题；下次巡检会重试。` };
  const message = (err as { message?: unknown } | null)?.message;
  const db = databaseProblem(err);
  if (db) return { error: `${db}。本栏目本次未完成，未作结论` };
  if (typeof message === 'string' && /Maximum call stack size exceeded/i.test(message)) {
    return { error: '页面超出本系统解析器的处理上限（本系统的限制，不是该单位网站的问题）；下次巡检会重试。' };
  }
  return { error: `程序错误（本系统的问题，不是该单位网站的问题）：${typeof message === 'string' ? message : String(err)}` };
}

/** Shown for a visit a stop of the service cut short. */
export const STOPPED_VISIT = '未完成（巡检中止）：服务在本栏目巡检完成前停止或重启，本次未得出结论；下次巡检会重新巡检该栏目';
