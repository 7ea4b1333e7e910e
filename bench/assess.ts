// Assess + report json over a synthetic store of 100 units × 10 columns × 1,000 items (1M items).
// The store is built once (one transaction, prepared statements); each measured run is a fresh child
// process so that its peak RSS (process.resourceUsage().maxRSS) is that of assess + report alone.
// Prints the median of 3 runs. Goal: < 30 s and < 1 GB.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../src/store/db.ts';
import { loadRules } from '../src/config/rules.ts';
import { runAssess, workdayCounter, type AssessOptions } from '../src/assess/index.ts';
import { reportUnits, writeJsonReport } from '../src/assess/report/model.ts';
import { addDays } from '../src/shared/time.ts';
import { median } from './_stats.ts';

// BENCH_UNITS shrinks the store for profiling; the reported figures use the default.
const UNITS = Number(process.env.BENCH_UNITS ?? 100);
const COLUMNS = 10;
const ITEMS = 1000;
const NIGHTS = 30;
const AS_OF = '2026-06-30';
const CLASSES = ['动态要闻', '动态要闻', '动态要闻', '通知公告', '通知公告', '政策文件', '人事', '规划计划', '机构信息', '年报'];

/** Deterministic pseudo-random numbers (mulberry32), so every build is the same store. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function build(path: string): void {
  const db = openDb(path);
  const r = rng(42);
  const at = (day: string) => `${day}T18:00:00.000Z`;
  db.transaction(() => {
    const unit = db.prepare(`INSERT INTO units (id, name, kind, updated_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')`);
    const col = db.prepare(
      `INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'plan', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    );
    const run = db.prepare(`INSERT INTO crawl_runs (kind, started_at, finished_at, status) VALUES (?, ?, ?, 'ok')`);
    const fetch = db.prepare(`INSERT INTO fetches (run_id, url, final_url, status, fetched_at, fetcher, prev_hash, record_hash) VALUES (?, ?, ?, 200, ?, 'http', ?, ?)`);
    const visit = db.prepare(
      `INSERT INTO column_visits (run_id, column_id, started_at, finished_at, outcome, fetcher, pages, complete, covered_from) VALUES (?, ?, ?, ?, ?, 'http', 1, 1, ?)`,
    );
    const vf = db.prepare(`INSERT INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (?, ?, 1)`);
    const item = db.prepare(
      `INSERT INTO items (column_id, url, url_key, title, list_date, published_at, published_source, document_date, pinned, detail_status, first_seen_at, first_seen_run, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, 'meta', ?, ?, ?, ?, ?, ?)`,
    );
    const date = db.prepare(`INSERT INTO item_dates (item_id, seen_at, source, claimed) VALUES (?, ?, 'list', ?)`);
    const runs: Array<{ id: number; day: string }> = [];
    for (let n = 0; n < NIGHTS; n++) {
      const day = addDays(AS_OF, n - NIGHTS + 1);
      runs.push({ id: Number(run.run(n === 0 ? 'full' : 'nightly', at(day), at(day)).lastInsertRowid), day });
    }
    let seq = 0;
    for (let u = 0; u < UNITS; u++) {
      const unitId = `u${String(u).padStart(3, '0')}`;
      unit.run(unitId, `第${u + 1}街道办事处`, u % 3 ? '镇街' : '区直部门');
      for (let c = 0; c < COLUMNS; c++) {
        const url = `http://portal.bench/${unitId}/c${c}/`;
        const columnId = Number(col.run(unitId, `${unitId}/c${c}`, `栏目${c + 1}`, url, CLASSES[c]).lastInsertRowid);
        // a few columns are unreachable on the last nights
        const failing = r() < 0.03;
        for (const [i, rn] of runs.entries()) {
          const f = Number(fetch.run(rn.id, url, url, at(rn.day), `p${seq}`, `h${seq++}`).lastInsertRowid);
          const outcome = failing && i >= NIGHTS - 4 ? 'unreachable' : 'ok';
          vf.run(Number(visit.run(rn.id, columnId, at(rn.day), at(rn.day), outcome, '2024-01-01').lastInsertRowid), f);
        }
        // items spread over 2024-01-01 .. 2026-06-30, with gaps that make some columns stale
        const span = 912;
        const sparse = r() < 0.2 ? 0.5 : 1;
        for (let k = 0; k < ITEMS; k++) {
          const pub = addDays('2024-01-01', Math.floor(r() ** sparse * span));
          const doc = r() < 0.5 ? addDays(pub, -Math.floor(r() * 35)) : null;
          const u2 = `${url}t${k}.html`;
          const seen = pub < runs[0].day ? runs[0] : runs.find((x) => x.day >= pub)!;
          const id = Number(
            item.run(columnId, u2, u2, `信息标题${k}：关于开展有关工作的通知`, pub, pub, doc, r() < 0.01 ? 1 : 0, r() < 0.005 ? 'dead' : 'ok', at(seen.day), seen.id, at(seen.day))
              .lastInsertRowid,
          );
          date.run(id, at(seen.day), pub);
        }
      }
    }
  })();
  db.close();
}

function measure(path: string): void {
  const db = openDb(path);
  const rules = loadRules();
  const opts: AssessOptions = { rules, year: 2026, period: { from: '2026-01-01', to: '2026-12-31' }, asOf: AS_OF, countWorkdays: workdayCounter(rules) };
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let t = performance.now();
  let c = cpu();
  const summary = runAssess(db, opts);
  const assessMs = performance.now() - t;
  const assessCpuMs = cpu() - c;
  c = cpu();
  const out = join(tmpdir(), `zwgk-bench-report-${process.pid}.json`);
  t = performance.now();
  const fd = openSync(out, 'w');
  writeJsonReport(reportUnits(db, opts), { asOf: AS_OF, year: 2026 }, (s) => void writeSync(fd, s));
  closeSync(fd);
  const reportMs = performance.now() - t;
  const reportCpuMs = cpu() - c;
  const bytes = statSync(out).size;
  rmSync(out);
  db.close();
  process.stdout.write(JSON.stringify({ assessMs, reportMs, assessCpuMs, reportCpuMs, maxRssKb: process.resourceUsage().maxRSS, findings: summary.findings, bytes }) + '\n');
}


if (process.argv[2] === '--measure') {
  measure(process.argv[3]);
} else if (process.argv[2] === '--build') {
  build(process.argv[3]);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-assess-'));
  const path = join(dir, 'bench.db');
  let t = performance.now();
  build(path);
  console.log(`store: ${UNITS} units × ${COLUMNS} columns × ${ITEMS} items, ${NIGHTS} nights of visits, built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const runs: Array<{ assessMs: number; reportMs: number; assessCpuMs: number; reportCpuMs: number; maxRssKb: number; findings: number; bytes: number }> = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--measure', path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`measure run failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()!));
  }
  const total = runs.map((r) => r.assessMs + r.reportMs);
  const cpuTotal = runs.map((r) => r.assessCpuMs + r.reportCpuMs);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `assess: median ${(median(runs.map((r) => r.assessMs)) / 1000).toFixed(1)} s; report json: median ${(median(runs.map((r) => r.reportMs)) / 1000).toFixed(1)} s ` +
      `(${(runs[0].bytes / 1e6).toFixed(0)} MB); assess + report: median ${(median(total) / 1000).toFixed(1)} s (goal < 30 s); ` +
      `CPU time (user + sys) median ${s(median(cpuTotal))} (assess ${s(median(runs.map((r) => r.assessCpuMs)))}, report ${s(median(runs.map((r) => r.reportCpuMs)))}); ` +
      `peak RSS median ${(median(runs.map((r) => r.maxRssKb)) / 1024).toFixed(0)} MB (goal < 1024 MB); ${runs[0].findings} findings`,
  );
  rmSync(dir, { recursive: true, force: true });
}
