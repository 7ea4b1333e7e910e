// A district-size night of early warnings: 50 units × 10 columns decided, rendered and enqueued, then the
// 50 digests delivered to a local SMTP server. Prints medians of several runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { openDb } from '../src/store/db.ts';
import { commitAlerts, decideAlerts } from '../src/alerts/run.ts';
import { deliverDue, smtpMailer } from '../src/alerts/outbox.ts';
import type { ColumnObservation, ObservedLevel, UnitInfo } from '../src/alerts/types.ts';
import { median } from './_stats.ts';

const UNITS = 50;
const COLS = 10;
const LEVELS: ObservedLevel[] = ['ok', 'ok', 'ok', 'warning', 'overdue', 'blank', 'ok', 'warning', 'ok', 'unknown'];


const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, onData: (s, _x, cb) => (s.resume(), s.on('end', () => cb())) });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;

const decideMs: number[] = [];
const sendMs: number[] = [];
for (let run = 0; run < 5; run++) {
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'zwgk-bench-alerts-')), 'z.db'));
  const units: UnitInfo[] = [];
  const observations: ColumnObservation[] = [];
  const now = new Date().toISOString();
  for (let u = 0; u < UNITS; u++) {
    const id = `unit${u}`;
    units.push({ id, name: `单位${u}`, contacts: [{ email: `c${u}@example.org` }] });
    db.prepare("INSERT INTO units (id, name, kind, updated_at) VALUES (?, ?, '镇街', ?)").run(id, `单位${u}`, now);
    for (let c = 0; c < COLS; c++) {
      const columnId = Number(
        db.prepare("INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, created_at, updated_at) VALUES (?, ?, ?, 'http://127.0.0.1/', '动态要闻', 'plan', ?, ?)")
          .run(id, `${id}/${c}`, `栏目${c}`, now, now).lastInsertRowid,
      );
      const level = LEVELS[(u + c) % LEVELS.length];
      observations.push({ columnId, unitId: id, columnName: `栏目${c}`, className: '动态要闻', level, episode: level === 'blank' ? 'blank' : 'since:2026-11-01', latestPublished: '2026-11-01', ageDays: 25, windowLabel: '14 天', breachDay: '2026-11-16' });
    }
  }
  let t = performance.now();
  const d = decideAlerts(db, { day: '2026-11-26', units, observations, late: [], reminderEveryDays: 7 }, { officeEmail: 'office@example.gov.cn' });
  const digests = commitAlerts(db, d, { baseUrl: 'https://zwgk.example.gov.cn', officeEmail: 'office@example.gov.cn', from: 'zwgk@example.gov.cn' });
  decideMs.push(performance.now() - t);
  t = performance.now();
  const r = await deliverDue(db, smtpMailer(url), { from: 'zwgk@example.gov.cn', maxPerMinute: 100_000 });
  sendMs.push(performance.now() - t);
  if (r.sent !== digests.length) throw new Error(`sent ${r.sent} of ${digests.length}`);
  db.close();
}
console.log(`decide + render + enqueue, ${UNITS * COLS} columns → ${UNITS} digests: median ${median(decideMs).toFixed(1)} ms`);
console.log(`deliver ${UNITS} digests over SMTP (127.0.0.1, one connection each): median ${median(sendMs).toFixed(0)} ms`);
await new Promise<void>((r) => server.close(() => r()));
