import { stmt, type DB } from './db.ts';

/** 公开形式-2 evidence: the nightly checks of each unit's other carriers (channel_checks). */

export interface ChannelCheck {
  runId: number;
  unitId: string;
  name: string;
  url: string;
  checkedAt: string;
  reachable: boolean;
  status: number | null;
  error: string | null;
  fetchId: number | null;
}

export interface PlanChannel {
  unitId: string;
  name: string;
  url: string;
}

const planChannels = (u: { id: string; channels_json: string }): PlanChannel[] =>
  (JSON.parse(u.channels_json) as Array<{ name: string; url: string }>).map((c) => ({ unitId: u.id, name: c.name, url: c.url }));

/** The channels of the plan's active units, as the last plan sync stored them. */
export function activeChannels(db: DB): PlanChannel[] {
  return (stmt(db, 'SELECT id, channels_json FROM units WHERE active = 1 ORDER BY id').all() as Array<{ id: string; channels_json: string }>).flatMap(planChannels);
}

/** One unit's channels as the plan names them. */
export function unitChannels(db: DB, unitId: string): PlanChannel[] {
  const u = stmt(db, 'SELECT id, channels_json FROM units WHERE id = ?').get(unitId) as { id: string; channels_json: string } | undefined;
  return u ? planChannels(u) : [];
}

export function recordChannelCheck(db: DB, c: ChannelCheck): void {
  stmt(
    db,
    `INSERT INTO channel_checks (run_id, unit_id, name, url, checked_at, reachable, status, error, fetch_id)
     VALUES (@runId, @unitId, @name, @url, @checkedAt, @reachable, @status, @error, @fetchId)`,
  ).run({ ...c, reachable: c.reachable ? 1 : 0 });
}

/** A unit's checks of one channel URL made in [fromIso, beforeIso), oldest first. */
export function channelChecks(db: DB, unitId: string, url: string, fromIso: string, beforeIso: string): ChannelCheck[] {
  const rows = stmt(
    db,
    `SELECT run_id AS runId, unit_id AS unitId, name, url, checked_at AS checkedAt, reachable, status, error, fetch_id AS fetchId
     FROM channel_checks WHERE unit_id = ? AND url = ? AND checked_at >= ? AND checked_at < ? ORDER BY checked_at, id`,
  ).all(unitId, url, fromIso, beforeIso) as Array<Omit<ChannelCheck, 'reachable'> & { reachable: number }>;
  return rows.map((r) => ({ ...r, reachable: r.reachable === 1 }));
}
