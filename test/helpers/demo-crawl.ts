import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startDemoPortal, type DemoColumn, type DemoPortal, type DemoPortalOptions } from '../../src/demo/index.ts';
import { openDb, type DB } from '../../src/store/db.ts';
import { openRun, runCrawl } from '../../src/run/index.ts';

/** A demo portal, its plan on disk, a fresh store and snapshot dir: what the crawl tests share. */
export interface DemoWorld {
  portal: DemoPortal;
  dir: string;
  planPath: string;
  dbPath: string;
  snapshots: string;
  db: DB;
  crawl(kind?: 'nightly' | 'full'): ReturnType<typeof runCrawl>;
  close(): Promise<void>;
}

export const REF_DATE = '2026-11-20';

/**
 * `units`: keep only these unit ids in the plan (a shorter night for tests that need one column or two);
 * `forceBrowser`: the plan says `render: browser` for the lists a script draws.
 */
export async function demoWorld(opts: DemoPortalOptions & { units?: string[]; forceBrowser?: boolean } = {}): Promise<DemoWorld> {
  const { units, forceBrowser, ...portalOpts } = opts;
  const portal = await startDemoPortal({ refDate: REF_DATE, slowMs: 300, ...portalOpts });
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-crawl-'));
  const planPath = join(dir, 'plan.yaml');
  // No politeness delay against our own local portal; everything else as a real night.
  const plan = parse(portal.planYaml({ year: 2026, crawl: { perHostDelayMs: 0, perHostConcurrency: 4, retries: 3 }, forceBrowser }));
  if (units) plan.units = plan.units.filter((u: { id: string }) => units.includes(u.id));
  writeFileSync(planPath, stringify(plan));
  const dbPath = join(dir, 'zwgk.db');
  const snapshots = join(dir, 'snapshots');
  const db = openDb(dbPath);
  return {
    portal,
    dir,
    planPath,
    dbPath,
    snapshots,
    db,
    crawl: (kind = 'nightly') =>
      runCrawl(openRun(db, planPath), { snapshotsDir: snapshots, kind, fetcherOverrides: { perHostDelayMs: 0, perHostConcurrency: 4, retryBaseDelayMs: 50 } }),
    async close() {
      db.close();
      await portal.close();
    },
  };
}

/** What a correct crawl of the period must show for a column (DESIGN §6 itemCount / latestPublished). */
export function expected(col: DemoColumn, from: string, asOf: string) {
  const inPeriod = col.items.filter((i) => i.publishedAt >= from && i.publishedAt <= asOf);
  const dated = col.items.filter((i) => !i.pinned && i.publishedAt <= asOf).map((i) => i.publishedAt);
  return { itemCount: inPeriod.length, latestPublished: dated.length ? dated.reduce((a, b) => (a > b ? a : b)) : null, inPeriod };
}

export function stored(db: DB, url: string, from: string, asOf: string) {
  const col = db.prepare('SELECT id FROM columns WHERE url = ?').get(url) as { id: number };
  const items = db
    .prepare(
      `SELECT url, title, published_at AS publishedAt, document_date AS documentDate, pinned, detail_status AS detailStatus
       FROM items WHERE column_id = ? AND published_at BETWEEN ? AND ?`,
    )
    .all(col.id, from, asOf) as Array<{ url: string; title: string; publishedAt: string; documentDate: string | null; pinned: number; detailStatus: string }>;
  const latest = db
    .prepare(`SELECT max(published_at) AS d FROM items WHERE column_id = ? AND pinned = 0 AND published_at <= ?`)
    .get(col.id, asOf) as { d: string | null };
  const visit = db.prepare(`SELECT * FROM column_visits WHERE column_id = ? ORDER BY id DESC LIMIT 1`).get(col.id) as Record<string, unknown>;
  return { columnId: col.id, items, latestPublished: latest.d, visit };
}
