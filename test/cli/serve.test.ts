import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startDemoPortal, type DemoPortal } from '../../src/demo/index.ts';
import { SettingsSchema } from '../../src/config/settings.ts';
import { openDb, type DB } from '../../src/store/db.ts';
import { startServer, type RunningServer } from '../../src/cli/server.ts';
import { startSmtp, type TestSmtp } from '../alerts/helpers.ts';

/** A cron expression (with seconds) that fires once, `aheadMs` from now, in Asia/Shanghai. */
function onceAt(aheadMs: number): string {
  const t = new Date(Date.now() + aheadMs + 8 * 3600_000);
  return `${t.getUTCSeconds()} ${t.getUTCMinutes()} ${t.getUTCHours()} * * *`;
}

const NEVER = '0 0 1 1 *';

describe('zwgk serve: the nightly job', () => {
  let portal: DemoPortal;
  let smtp: TestSmtp;
  let db: DB;
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    portal = await startDemoPortal({ faults: false });
    smtp = await startSmtp();
    dir = mkdtempSync(join(tmpdir(), 'zwgk-serve-'));
    // Two plain units keep the night short; one of them has an overdue column, so mail goes out.
    const plan = parse(portal.planYaml({ crawl: { perHostDelayMs: 0, perHostConcurrency: 4 } }));
    const truthUnits = portal.truth.units.filter((u) => !u.challenge && u.encoding === 'utf-8');
    plan.units = plan.units.filter((u: { id: string }) => truthUnits.slice(0, 2).some((t) => t.id === u.id));
    writeFileSync(join(dir, 'plan.yaml'), stringify(plan));
    db = openDb(join(dir, 'zwgk.db'));
    const settings = SettingsSchema.parse({
      smtpUrl: smtp.url,
      mailFrom: 'zwgk@example.org',
      officeEmail: 'office@example.org',
      baseUrl: 'http://127.0.0.1:8080',
      schedule: { nightly: onceAt(4000), weeklyFull: NEVER, backup: NEVER, walCheckpoint: NEVER, retention: NEVER },
    });
    server = await startServer({
      db,
      settings,
      snapshotsDir: join(dir, 'snapshots'),
      planPath: join(dir, 'plan.yaml'),
      host: '127.0.0.1',
      port: 0,
      evidencePort: 0,
      schedule: true,
      logDir: join(dir, 'logs'),
      fetcherOverrides: { perHostDelayMs: 0 },
    });
  });

  afterAll(async () => {
    await server?.close();
    db?.close();
    await smtp?.close();
    await portal?.close();
  });

  it('runs crawl → assess → alerts once at its time, refuses an overlapping run, and records every step', async () => {
    const runs = () => db.prepare(`SELECT id, job, status, steps_json AS steps, detail FROM job_runs WHERE job = 'nightly' ORDER BY id`).all() as Array<{ id: number; status: string; steps: string; detail: string }>;
    // Wait for the scheduled run to start, then ask for another one while it runs.
    for (let i = 0; i < 600 && !runs().some((r) => r.status === 'running'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(runs().map((r) => r.status)).toContain('running');
    const overlapping = await server.scheduler!.runNow('nightly', 'manual');
    expect(overlapping.status).toBe('skipped');
    for (let i = 0; i < 2400 && runs().some((r) => r.status === 'running'); i++) await new Promise((r) => setTimeout(r, 100));

    const all = runs();
    const done = all.filter((r) => r.status !== 'skipped');
    expect(done).toHaveLength(1);
    expect(done[0].status, done[0].detail).toBe('ok');
    const steps = JSON.parse(done[0].steps) as Array<{ name: string; status: string }>;
    expect(steps.map((s) => [s.name, s.status])).toEqual([
      ['crawl', 'ok'],
      ['assess', 'ok'],
      ['alerts', 'ok'],
    ]);
    expect(all.filter((r) => r.status === 'skipped')).toHaveLength(1);

    expect(db.prepare(`SELECT count(*) AS n FROM crawl_runs WHERE status = 'ok'`).get()).toEqual({ n: 1 });
    expect((db.prepare(`SELECT count(*) AS n FROM score_suggestions`).get() as { n: number }).n).toBeGreaterThan(0);
    const sent = (db.prepare(`SELECT count(*) AS n FROM alerts_outbox WHERE status = 'sent'`).get() as { n: number }).n;
    expect(sent).toBeGreaterThan(0);
    expect(smtp.accepted).toHaveLength(sent);
  }, 300_000);
});
