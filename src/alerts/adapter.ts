import { addDays } from '../shared/time.ts';
import { windowLabel, type ColumnStatus } from '../shared/vocabulary.ts';
import { columnClass, type ColumnClassRule, type Rules } from '../config/index.ts';
import type { ColumnObservation, LateDisclosureObservation, ObservedLevel } from './types.ts';

/**
 * Maps assess's public per-column output (ColumnAssessment of src/assess/column.ts) onto the alerts
 * stage's observations. The shapes below are the subset alerts reads, declared structurally so this stage
 * imports nothing from assess; the CLI passes assess's objects straight in and the compiler checks the fit.
 */

export interface AssessedColumn {
  column: { id: number; unitId: string; name: string; class: string };
  freshness: {
    status: ColumnStatus | null;
    /** The newest update that counts, on or before as-of. */
    lastUpdate: string | null;
    daysSinceUpdate: number | null;
    /** Last fresh day after the newest update; null for windowless classes. */
    deadline: string | null;
  };
  items: ReadonlyArray<{
    url: string;
    title: string;
    publishedAt: string | null;
    documentDate: string | null;
    timeliness: { status: string; latencyWorkdays: number | null };
  }>;
}

const LEVEL: Record<string, ObservedLevel> = { ok: 'ok', warning: 'warning', stale: 'overdue', blank: 'blank' };

export function toObservation(c: AssessedColumn, window: ColumnClassRule['window']): ColumnObservation {
  const f = c.freshness;
  // No evidence yet, unreachable, or 需核对 (a read in doubt): 'unknown' keeps whatever was said before.
  const level = (f.status && LEVEL[f.status]) || 'unknown';
  return {
    columnId: c.column.id,
    unitId: c.column.unitId,
    columnName: c.column.name,
    className: c.column.class,
    level,
    // A stretch without updates is identified by the update it is measured from: the same for its 预警,
    // 超期 and reminders, and different as soon as the column updates.
    episode: level === 'blank' ? 'blank' : `since:${f.lastUpdate ?? 'none'}`,
    latestPublished: f.lastUpdate,
    ageDays: f.daysSinceUpdate,
    windowLabel: windowLabel(window),
    breachDay: f.deadline ? addDays(f.deadline, 1) : null,
  };
}

/**
 * Late disclosures among the column's items. Only items published on or after `since` are news: the
 * first run of a year would otherwise mail every late item of the year at once.
 */
export function lateObservations(c: AssessedColumn, limitWorkdays: number, since: string): LateDisclosureObservation[] {
  const out: LateDisclosureObservation[] = [];
  for (const it of c.items) {
    if (it.timeliness.status !== 'late' || !it.publishedAt || !it.documentDate || it.timeliness.latencyWorkdays === null) continue;
    if (it.publishedAt < since) continue;
    out.push({
      unitId: c.column.unitId,
      columnId: c.column.id,
      columnName: c.column.name,
      itemKey: it.url,
      title: it.title,
      url: it.url,
      documentDate: it.documentDate,
      publishedAt: it.publishedAt,
      workdays: it.timeliness.latencyWorkdays,
      limitWorkdays,
    });
  }
  return out;
}

export interface Observed {
  observations: ColumnObservation[];
  late: LateDisclosureObservation[];
}

/** Everything the decision needs from one unit's assessment. */
export function observe(columns: readonly AssessedColumn[], rules: Rules, opts: { day: string; lateLookbackDays?: number }): Observed {
  const since = addDays(opts.day, -(opts.lateLookbackDays ?? 30));
  const limit = rules.timeliness.proactive.limitWorkdays;
  return {
    observations: columns.map((c) => toObservation(c, columnClass(rules, c.column.class).window)),
    late: columns.flatMap((c) => lateObservations(c, limit, since)),
  };
}
