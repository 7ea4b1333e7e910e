// The fetch layer's cost: the polite fetcher plus evidence storage against a bare loop (undici + cheerio,
// same concurrency, no storage), over the same local pages. Each run is its own process, so peak RSS and
// CPU belong to that variant alone. Politeness delays are off; robots.txt, the SSRF gate and retries stay on.
//   npm run bench -- fetch-http            (BENCH_PAGES=3000 BENCH_CONCURRENCY=8 BENCH_RUNS=3 by default)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { request } from 'undici';
import { Agent } from 'undici';
import { createFetcher } from '../src/crawl/index.ts';
import { createEvidenceStore } from '../src/evidence/index.ts';
import { openDb } from '../src/store/db.ts';
import { fileCreationLine, settleFileCreation } from './_fs-state.ts';
import { measure, median, pool, type Figures } from './_stats.ts';

const PAGES = Number(process.env.BENCH_PAGES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function variant(kind: 'bare' | 'layer', origin: string, root: string): Promise<Figures> {
  const urls = Array.from({ length: PAGES }, (_, i) => `${origin}/p/${i}.html`);
  return measure(() => PAGES, async () => {
    if (kind === 'bare') {
      const agent = new Agent();
      await pool(PAGES, CONCURRENCY, async (i) => {
        const res = await request(urls[i], { dispatcher: agent });
        load(await res.body.text()).root().find('a').length;
      });
      await agent.close();
    } else {
      // Kept until the bench ends: deleting it would slow the next run's file creation (see _fs-state.ts).
      const dir = mkdtempSync(join(root, 'layer-'));
      const db = openDb(join(dir, 'zwgk.db'));
      const store = createEvidenceStore(db, join(dir, 'snapshots'));
      const fetcher = createFetcher({ perHostDelayMs: 0, perHostConcurrency: CONCURRENCY, globalConcurrency: CONCURRENCY, allowPrivateHosts: [new URL(origin).host] });
      await pool(PAGES, CONCURRENCY, async (i) => {
        const r = await fetcher.fetch(urls[i]);
        if (r.outcome !== 'ok') throw new Error(`${urls[i]}: ${r.outcome} ${r.error}`);
        await store.saveAsync(r, { runId: null });
        load(r.text!).root().find('a').length;
      });
      await fetcher.close();
      db.close();
    }
  });
}

if (process.argv[2] === '--variant') {
  const f = await variant(process.argv[3] as 'bare' | 'layer', process.argv[4], process.argv[5]);
  process.stdout.write(JSON.stringify(f));
} else {
  const server = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '_fetch-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((r) => server.stdout.once('data', (d: Buffer) => r(d.toString().trim())));
  const origin = `http://127.0.0.1:${port}`;
  const results: Record<string, Figures[]> = { bare: [], layer: [] };
  const root = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
  let creation = 0;
  try {
    creation = await settleFileCreation(root);
    for (let run = 0; run < RUNS; run++) {
      for (const kind of ['bare', 'layer'] as const) {
        const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--variant', kind, origin, root], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(r.stderr);
        results[kind].push(JSON.parse(r.stdout) as Figures);
      }
    }
  } finally {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  }
  console.log(`${PAGES} 页 × ${RUNS} 轮，并发 ${CONCURRENCY}（中位数）：`);
  console.log(fileCreationLine(creation));
  for (const [kind, label] of [['bare', '裸循环（undici + cheerio，无存证）'], ['layer', '抓取层 + 证据存储 + cheerio']] as const) {
    const rs = results[kind];
    console.log(`  ${label}：${median(rs.map((r) => r.pagesPerSec)).toFixed(0)} 页/秒，每千页 CPU ${median(rs.map((r) => r.cpuSecPer1000)).toFixed(2)} 秒，峰值内存 ${median(rs.map((r) => r.peakRssMb)).toFixed(0)} MB`);
  }
  const ratio = median(results.layer.map((r) => r.pagesPerSec)) / median(results.bare.map((r) => r.pagesPerSec));
  console.log(`  抓取层 / 裸循环 页速比：${ratio.toFixed(2)}（目标 ≥ 0.80）`);
}
