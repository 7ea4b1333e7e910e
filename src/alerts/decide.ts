import { daysBetween } from '../shared/time.ts';
import type { AlertLine, AlertState, ColumnObservation, LateDisclosureObservation, LineKind, ObservedLevel, StateLevel } from './types.ts';

/**
 * The decision, per column per night: previous state × today's observation → at most one line and the next
 * state. Pure: no clock, no store. The whole policy is the TABLE below; everything else is bookkeeping.
 *
 *  - none:    nothing to say; the state follows the observation
 *  - keep:    we could not see the column tonight; say nothing and remember the previous state unchanged
 *  - warn / overdue / blank / recover: send that line
 *  - remind:  still 超期 (or still blank): send a reminder when the last notice is reminderEveryDays old
 */
export type Action = 'none' | 'keep' | 'warn' | 'overdue' | 'blank' | 'recover' | 'remind';

export const TABLE: Record<StateLevel, Record<ObservedLevel, Action>> = {
  //           ok          warning    overdue     blank     unknown
  ok:      { ok: 'none',    warning: 'warn', overdue: 'overdue', blank: 'blank',  unknown: 'keep' },
  warning: { ok: 'recover', warning: 'none', overdue: 'overdue', blank: 'blank',  unknown: 'keep' },
  // overdue → warning only happens when the window was widened; not news, and not a recovery either.
  overdue: { ok: 'recover', warning: 'none', overdue: 'remind',  blank: 'blank',  unknown: 'keep' },
  blank:   { ok: 'recover', warning: 'warn', overdue: 'overdue', blank: 'remind', unknown: 'keep' },
};

const ALERTING: ReadonlySet<string> = new Set(['warning', 'overdue', 'blank']);

export interface Decision {
  action: Action;
  line: AlertLine | null;
  /** null: leave alert_state as it is. */
  next: AlertState | null;
}

export interface DecideOptions {
  day: string;
  reminderEveryDays: number;
}

/** The row of TABLE that applies: a different episode means the column updated in between, so start afresh. */
export function effectivePrevious(prev: AlertState | undefined, obs: ColumnObservation): StateLevel {
  if (!prev) return 'ok';
  if (ALERTING.has(prev.level) && ALERTING.has(obs.level) && prev.episode !== obs.episode) return 'ok';
  return prev.level;
}

export function lineKey(unitId: string, columnId: number, episode: string | null, level: string, day: string): string {
  return [unitId, String(columnId), episode ?? '-', level, day].join('|');
}

export function decideColumn(prev: AlertState | undefined, obs: ColumnObservation, opts: DecideOptions): Decision {
  const row = effectivePrevious(prev, obs);
  const action = TABLE[row][obs.level];
  if (action === 'keep') return { action, line: null, next: null };

  let kind: LineKind | null = null;
  let reminder = false;
  if (action === 'warn') kind = 'warning';
  else if (action === 'overdue') kind = 'overdue';
  else if (action === 'blank') kind = 'blank';
  else if (action === 'recover') kind = 'recovered';
  else if (action === 'remind') {
    const last = prev?.lastNotifiedDay ?? null;
    if (last === null || daysBetween(last, opts.day) >= opts.reminderEveryDays) {
      kind = obs.level === 'blank' ? 'blank' : 'overdue';
      reminder = true;
    }
  }

  const level = obs.level as StateLevel;
  const changed = !prev || prev.level !== level || prev.episode !== obs.episode;
  const next: AlertState = {
    columnId: obs.columnId,
    level,
    episode: obs.episode,
    sinceDay: changed ? opts.day : prev.sinceDay,
    lastNotifiedDay: kind ? opts.day : (prev?.lastNotifiedDay ?? null),
  };
  if (!kind) return { action, line: null, next };

  // A recovery speaks of the episode that just ended, so its key differs from any line of the new one.
  const episode = kind === 'recovered' ? (prev?.episode ?? null) : obs.episode;
  const line: AlertLine = {
    key: lineKey(obs.unitId, obs.columnId, episode, reminder ? `${kind}+reminder` : kind, opts.day),
    unitId: obs.unitId,
    columnId: obs.columnId,
    columnName: obs.columnName,
    kind,
    reminder,
    className: obs.className,
    latestPublished: obs.latestPublished,
    ageDays: obs.ageDays,
    windowLabel: obs.windowLabel,
    breachDay: obs.breachDay,
  };
  return { action, line, next };
}

/**
 * Late disclosures warn once per item. Their "episode" is the item and their "day" its publication day, so
 * the key is the same every night and `alreadySent` (the outbox's line keys) makes repeats impossible.
 */
export function lateKey(o: LateDisclosureObservation): string {
  return lineKey(o.unitId, o.columnId, o.itemKey, 'late', o.publishedAt);
}

export function decideLate(obs: LateDisclosureObservation[], alreadySent: (key: string) => boolean): AlertLine[] {
  const lines: AlertLine[] = [];
  for (const o of obs) {
    const key = lateKey(o);
    if (alreadySent(key)) continue;
    lines.push({
      key,
      unitId: o.unitId,
      columnId: o.columnId,
      columnName: o.columnName,
      kind: 'late',
      reminder: false,
      item: { title: o.title, url: o.url, documentDate: o.documentDate, publishedAt: o.publishedAt, workdays: o.workdays, limitWorkdays: o.limitWorkdays },
    });
  }
  return lines;
}
