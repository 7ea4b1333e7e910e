import { addDays } from '../shared/time.ts';
import type { ColumnClassRule } from '../config/rules.ts';
import type { ColumnObservation, LateDisclosureObservation, ObservedLevel } from './types.ts';

/**
 * Maps assess's public per-column output onto the alerts stage's observations. The shapes below mirror
 * src/assess/types.ts (Freshness) structurally, so this module depends on no assess internals.
 */

export interface AssessedFreshness {
  status: 'ok' | 'warning' | 'stale' | 'blank' | 'unreachable' | null;
  lastUpdate: string | null;
  daysSinceUpdate: number | null;
  /** Last fresh day after the newest update; null for windowless classes. */
  deadline: string | null;
}

export interface AssessedColumn {
  columnId: number;
  unitId: string;
  columnName: string;
  className: string;
  freshness: AssessedFreshness;
}

const LEVEL: Record<string, ObservedLevel> = { ok: 'ok', warning: 'warning', stale: 'overdue', blank: 'blank' };

export function windowLabel(window: ColumnClassRule['window']): string {
  if (!window) return '无';
  if ('days' in window) return `${window.days} 天`;
  return window.months % 12 === 0 ? `${window.months / 12} 年` : `${window.months} 个月`;
}

export function toObservation(c: AssessedColumn, window: ColumnClassRule['window']): ColumnObservation {
  const f = c.freshness;
  const level = (f.status && LEVEL[f.status]) || 'unknown';
  return {
    columnId: c.columnId,
    unitId: c.unitId,
    columnName: c.columnName,
    className: c.className,
    level,
    // One stretch without updates is identified by the update it is measured from: the same for its
    // 预警, 超期 and reminders, and different as soon as the column updates.
    episode: level === 'blank' ? 'blank' : `since:${f.lastUpdate ?? 'none'}`,
    latestPublished: f.lastUpdate,
    ageDays: f.daysSinceUpdate,
    windowLabel: windowLabel(window),
    breachDay: f.deadline ? addDays(f.deadline, 1) : null,
  };
}

/** assess's late-disclosure finding, reduced to what a warning line needs. */
export interface AssessedLateItem {
  unitId: string;
  columnId: number;
  columnName: string;
  itemUrl: string;
  title: string;
  documentDate: string;
  publishedAt: string;
  latencyWorkdays: number;
  limitWorkdays: number;
}

export function toLateObservation(i: AssessedLateItem): LateDisclosureObservation {
  return {
    unitId: i.unitId,
    columnId: i.columnId,
    columnName: i.columnName,
    itemKey: i.itemUrl,
    title: i.title,
    url: i.itemUrl,
    documentDate: i.documentDate,
    publishedAt: i.publishedAt,
    workdays: i.latencyWorkdays,
    limitWorkdays: i.limitWorkdays,
  };
}
