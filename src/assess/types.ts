/** Shapes shared by the assessment modules and their callers (dashboard, alerts, reports). */

// The ids of statuses and finding kinds live with their names, in the vocabulary.
import type { ColumnStatus, FindingKind, TimelinessStatus } from '../shared/vocabulary.ts';
export type { ColumnStatus, FindingKind, TimelinessStatus };

export interface Period {
  from: string;
  to: string;
}

/**
 * How a column's update window is applied. `deadline(d)` is the last day on which an update made on d
 * still counts as fresh (a gap exactly equal to the window is not stale); `warnFrom(d)` is the first day of
 * the early-warning lead time before that deadline. null policy = a class without a window (blank check only).
 */
export interface WindowPolicy {
  deadline(lastUpdate: string): string;
  warnFrom(lastUpdate: string): string;
}

export interface StaleEpisode {
  from: string;
  /** Last stale day; null while the episode is still running at the end of the assessed window. */
  to: string | null;
  /** Days past the deadline on the episode's last day (or on the assessed window's end when ongoing). */
  overdueDays: number;
  /** The update the episode is measured from (null: no update before it, the clock started at period.from). */
  since: string | null;
  deadline: string;
}

/**
 * What the visits tell us about a column as of the assessed day. 'review': the latest read is in doubt (fewer
 * items than the page claims, no list found, a list a script fills…), so no conclusion is drawn from it.
 */
export type VisitEvidence = 'none' | 'failed-only' | 'ok' | 'review';

export interface Freshness {
  /** null when there is no evidence yet: no visit of the column on or before the as-of day. */
  status: ColumnStatus | null;
  /** The newest update that counts (non-pinned, dated, back-dating corrected), on or before as-of. */
  lastUpdate: string | null;
  daysSinceUpdate: number | null;
  /** When the column goes (or went) stale after its newest update; null for windowless classes. */
  deadline: string | null;
  staleEpisodes: StaleEpisode[];
  /** Why the column is 需核对 (status 'review'), in Chinese. */
  reviewReason?: string;
}

export interface Timeliness {
  status: TimelinessStatus;
  /** Working days over (成文日期, 发布日期]; null when not computable. */
  latencyWorkdays: number | null;
}

export interface Finding {
  /** Stable across nights: kind + subject + episode start. */
  identity: string;
  kind: FindingKind;
  unitId: string;
  columnId: number | null;
  itemId: number | null;
  /** Human-readable, Chinese; plus the numbers behind it. */
  detail: { text: string } & Record<string, unknown>;
  /** fetch ids (snapshots) that prove it, ascending. */
  evidence: number[];
}
