import { stmt, type DB } from './db.ts';

/** What the alerts stage remembers per column between nights (alert_state): a column without a row is 'ok'. */

export type StateLevel = 'ok' | 'warning' | 'overdue' | 'blank';

export interface AlertState {
  columnId: number;
  level: StateLevel;
  episode: string | null;
  sinceDay: string;
  lastNotifiedDay: string | null;
}

export function loadAlertStates(db: DB): Map<number, AlertState> {
  const rows = stmt(
    db,
    'SELECT column_id AS columnId, level, episode, since_day AS sinceDay, last_notified_day AS lastNotifiedDay FROM alert_state',
  ).all() as AlertState[];
  return new Map(rows.map((r) => [r.columnId, r]));
}

export function saveAlertState(db: DB, s: AlertState): void {
  stmt(
    db,
    `INSERT INTO alert_state (column_id, level, episode, since_day, last_notified_day) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (column_id) DO UPDATE SET level = excluded.level, episode = excluded.episode,
       since_day = excluded.since_day, last_notified_day = excluded.last_notified_day`,
  ).run(s.columnId, s.level, s.episode, s.sinceDay, s.lastNotifiedDay);
}
