// Dashboard latency over a store of 1M items (50 units × 10 columns × 2,000 items) while a writer thread
// keeps inserting items, visits and fetches the way a nightly crawl does. Real HTTP against the started
// server. Prints p50 / p95 per page (median over 3 rounds of 20 requests each). Goal: p95 < 200 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openDb } from '../src/store/db.ts';
import { loadRules, rubricItems } from '../src/config/rules.ts';
import { createDashboard } from '../src/web/app.tsx';
import { createSession } from '../src/store/sessions.ts';
import { createUser } from '../src/store/users.ts';
import { upsertSuggestion } from '../src/store/scores.ts';
import { addDays } from '../src/shared/time.ts';

const UNITS = 50;
const COLUMNS = 10;
const ITEMS = 2000;
const ROUNDS = 3;
const PER_ROUND = 20;
const CLASSES = ['动态要闻', '动态要闻', '动态要闻', '通知公告', '通知公告', '政策文件', '人事', '规划计划', '机构信息', '年报'];

function build(path: string): { fetchIds: number[] } {
  const db = openDb(path);
  const rules = loadRules();
  const fetchIds: number[] = [];
  db.transaction(() => {
    const unit = db.prepare(`INSERT INTO units (id, name, kind, updated_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')`);
    const col = db.prepare(
      `INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'plan', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    );
    const run = db.prepare(`INSERT INTO crawl_runs (kind, started_at, finished_at, status) VALUES ('nightly', ?, ?, 'ok')`);
    const fetch = db.prepare(`INSERT INTO fetches (run_id, url, final_url, status, fetched_at, fetcher, prev_hash, record_hash) VALUES (?, ?, ?, 200, ?, 'http', ?, ?)`);
    const visit = db.prepare(`INSERT INTO column_visits (run_id, column_id, started_at, finished_at, outcome, fetcher, pages, complete) VALUES (?, ?, ?, ?, 'ok', 'http', 1, 1)`);
    const vf = db.prepare(`INSERT INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (?, ?, 1)`);
    const item = db.prepare(
      `INSERT INTO items (column_id, url, url_key, title, published_at, document_date, detail_status, detail_fetch_id, first_seen_at, last_seen_at, first_seen_fetch_id)
       VALUES (?, ?, ?, ?, ?, ?, 'ok', ?, ?, ?, ?)`,
    );
    const finding = db.prepare(
      `INSERT INTO findings (identity, kind, unit_id, column_id, year, detail_json, evidence_json, first_detected_at, last_detected_at, rules_version) VALUES (?, ?, ?, ?, 2026, '{"text":"超期"}', ?, ?, ?, 'bench')`,
    );
    const runs = Array.from({ length: 12 }, (_, m) => {
      const at = `2026-${String(m + 1).padStart(2, '0')}-01T18:00:00Z`;
      return { id: Number(run.run(at, at).lastInsertRowid), at };
    });
    let seq = 0;
    for (let u = 0; u < UNITS; u++) {
      const uid = `unit${u}`;
      unit.run(uid, `第${u + 1}单位`, u % 2 ? '区直部门' : '镇街');
      for (let c = 0; c < COLUMNS; c++) {
        const colId = Number(col.run(uid, `${uid}/${c}`, `栏目${c}`, `http://portal.test/${uid}/${c}/`, CLASSES[c]).lastInsertRowid);
        let listFetch = 0;
        for (const r of runs) {
          const n = seq++;
          listFetch = Number(fetch.run(r.id, `http://portal.test/${uid}/${c}/`, `http://portal.test/${uid}/${c}/`, r.at, `p${n}`, `h${n}`).lastInsertRowid);
          vf.run(Number(visit.run(r.id, colId, r.at, r.at).lastInsertRowid), listFetch);
        }
        fetchIds.push(listFetch);
        for (let i = 0; i < ITEMS; i++) {
          // Two columns in ten are sparse at the end of the year: stale episodes for the timeline.
          const day = addDays('2024-01-01', Math.floor((i * (c < 8 ? 1060 : 800)) / ITEMS));
          const url = `http://portal.test/${uid}/${c}/t${i}.html`;
          item.run(colId, url, url, `信息标题 ${uid}-${c}-${i}`, day, i % 3 ? addDays(day, -(i % 25)) : null, null, `${day}T20:00:00Z`, `${day}T20:00:00Z`, listFetch);
        }
        if (c >= 8) finding.run(`stale:${colId}`, 'stale-episode', uid, colId, JSON.stringify([listFetch]), '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z');
      }
      for (const it of rubricItems(rules)) {
        if (it.mode === 'auto') {
          upsertSuggestion(db, { unitId: uid, year: 2026, code: it.code, suggested: it.points - 1, basis: '依据巡检证据计算', evidence: [fetchIds[fetchIds.length - 1]], rulesVersion: rules.version.id, asOf: '2026-11-20' });
        }
      }
    }
  })();
  db.close();
  return { fetchIds };
}

// The writer: a crawl inserting a visit, a fetch and 20 new items every 20 ms, in small transactions.
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.path);
db.pragma('busy_timeout = 10000');
db.pragma('journal_mode = WAL');
let n = 0, stop = false;
parentPort.on('message', () => { stop = true; });
const fetch = db.prepare("INSERT INTO fetches (run_id, url, final_url, status, fetched_at, fetcher, prev_hash, record_hash) VALUES (1, 'http://w/', 'http://w/', 200, ?, 'http', ?, ?)");
const item = db.prepare("INSERT INTO items (column_id, url, url_key, title, published_at, first_seen_at, last_seen_at, first_seen_fetch_id) VALUES (?, ?, ?, '新信息', '2026-11-26', ?, ?, ?)");
const tick = db.transaction(() => {
  const at = new Date().toISOString();
  const f = Number(fetch.run(at, 'wp' + n, 'wh' + n).lastInsertRowid);
  for (let i = 0; i < 20; i++, n++) {
    const col = 1 + (n % ${UNITS * COLUMNS});
    const url = 'http://portal.test/new/' + n;
    item.run(col, url, url, at, at, f);
  }
});
(function loop() { if (stop) { parentPort.postMessage(n); return; } tick(); setTimeout(loop, 20); })();
`;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const median = (xs: number[]) => pct(xs, 50);

const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-dash-'));
const path = join(dir, 'z.db');
const t0 = Date.now();
const { fetchIds } = build(path);
console.log(`store built: ${UNITS * COLUMNS * ITEMS} items in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const db = openDb(path);
const rules = loadRules();
const user = createUser(db, { name: 'bench', role: 'assessor', unitId: null, passwordHash: 'scrypt$1$1$1$a$b' });
const session = createSession(db, user.id, { idleMs: 3600_000, absoluteMs: 3600_000 });
const dash = createDashboard({ db, snapshotsDir: join(dir, 'snapshots'), rules, year: 2026, period: { from: '2026-01-01', to: '2026-12-31' } });
const site = await dash.start({ port: 0, evidencePort: 0 });
const writer = new Worker(WRITER, { eval: true, workerData: { path } });

const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length];
const pages: [string, (i: number) => string][] = [
  ['总览 /overview', () => '/overview'],
  ['单位 /units/:id', (i) => `/units/unit${i % UNITS}`],
  ['栏目 /columns/:id', (i) => `/columns/${1 + ((i * 37) % (UNITS * COLUMNS))}`],
  ['评分 /units/:id/score', (i) => `/units/unit${i % UNITS}/score`],
  ['证据 /evidence/:id', (i) => `/evidence/${pick(fetchIds, i)}`],
  ['结果 /results', () => '/results'],
  ['运行 /runs', () => '/runs'],
];

async function get(p: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(site.url + p, { headers: { cookie: `zwgk_session=${session.token}` } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
  return performance.now() - t;
}

// Rounds interleave the pages, so that a slow moment of the machine or the writer hits all pages alike.
for (const [, path] of pages) for (let i = 0; i < 3; i++) await get(path(i));
const p50s = pages.map(() => [] as number[]);
const p95s = pages.map(() => [] as number[]);
for (let r = 0; r < ROUNDS; r++) {
  for (const [k, [, path]] of pages.entries()) {
    const times: number[] = [];
    for (let i = 0; i < PER_ROUND; i++) times.push(await get(path(r * PER_ROUND + i)));
    p50s[k].push(pct(times, 50));
    p95s[k].push(pct(times, 95));
  }
}
console.log(`${'page'.padEnd(24)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
let worst = 0;
for (const [k, [name]] of pages.entries()) {
  worst = Math.max(worst, median(p95s[k]));
  console.log(`${name.padEnd(24)} ${median(p50s[k]).toFixed(1).padStart(8)} ${median(p95s[k]).toFixed(1).padStart(8)}`);
}
writer.postMessage('stop');
const written = await new Promise<number>((r) => writer.once('message', r));
// Its message listener would keep the thread, and with it this process, alive.
await writer.terminate();
console.log(`writer inserted ${written} items during the measurement; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
console.log(`worst p95: ${worst.toFixed(1)} ms (goal < 200 ms) ${worst < 200 ? 'OK' : 'OVER GOAL'}`);
await site.close();
db.close();
rmSync(dir, { recursive: true, force: true });
