/**
 * The alerts stage's own input and output types. Alerts never compute freshness: assess does, and
 * src/alerts/adapter.ts maps its public output onto these observations. What alerts keep in the store (states,
 * digests and their lines) is described by the store, which owns those rows.
 */
export type { AlertLine, AlertState, Digest, LineKind, StateLevel } from '../store/index.ts';

/** A column's freshness on the night being decided. 'unknown' (unreachable, not crawled) keeps the previous state. */
export type ObservedLevel = 'ok' | 'warning' | 'overdue' | 'blank' | 'unknown';

export interface ColumnObservation {
  columnId: number;
  unitId: string;
  columnName: string;
  className: string;
  level: ObservedLevel;
  /**
   * Identity of the stretch without updates being warned about: the same from 预警 through 超期 and its
   * reminders, different once the column has updated (e.g. the newest item's date, or 'blank').
   */
  episode: string | null;
  latestPublished: string | null;
  ageDays: number | null;
  /** Human window, e.g. '14 天' or '6 个月'. */
  windowLabel: string;
  /** The day the column breaches (warning) or breached (overdue) its window. */
  breachDay: string | null;
}

/** An item published later than the working-day limit after its 成文日期. */
export interface LateDisclosureObservation {
  unitId: string;
  columnId: number;
  columnName: string;
  /** Stable identity of the item within its column (its URL key). */
  itemKey: string;
  title: string;
  url: string;
  documentDate: string;
  publishedAt: string;
  workdays: number;
  limitWorkdays: number;
}

export interface Contact {
  name?: string;
  email: string;
}

export interface UnitInfo {
  id: string;
  name: string;
  contacts: Contact[];
}
