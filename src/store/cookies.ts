import { stmt, type DB } from './db.ts';
import { nowIso } from '../shared/time.ts';

/**
 * Browser cookies per host (the crawl stage's storage state, kept opaque here), carried between nights so
 * a solved JS challenge costs one browser render, not one a night.
 */
export function loadCookies<T>(db: DB): Map<string, T> {
  const rows = stmt(db, 'SELECT host, state_json FROM host_cookies').all() as Array<{ host: string; state_json: string }>;
  return new Map(rows.map((r) => [r.host, JSON.parse(r.state_json) as T]));
}

export function saveCookies<T>(db: DB, jar: Map<string, T>): void {
  const put = stmt(
    db,
    'INSERT INTO host_cookies (host, state_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (host) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at',
  );
  const at = nowIso();
  db.transaction(() => {
    for (const [host, state] of jar) put.run(host, JSON.stringify(state), at);
  }).immediate();
}
