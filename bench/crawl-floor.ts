// The whole crawl path (column crawler: pagination, extraction, items, details, evidence storage) over a
// scaled demo portal, against a bare loop (fetch + cheerio parse of the same URLs, same concurrency, no
// storage), and against the floor: that loop plus only what #3 makes every page cost (its metadata read, its
// evidence kept), through the crawl's own page pool, with no crawl logic around it. Each
// variant runs in its own process, so its CPU time and peak RSS are its own; the portal runs in this parent
// process for all of them. Politeness delays are off; robots.txt and the SSRF gate stay on.
//   npm run bench -- crawl-floor (BENCH_SCALE=8 → ≈ 21,000 list + detail pages read; BENCH_RUNS=3;
//                               BENCH_CONCURRENCY=8; BENCH_BROWSER_PAGES=150 for the browser path sample;
//                               BENCH_PROFILE=DIR for CPU profiles; BENCH_NODE_FLAGS for V8 flags to try;
//                               BENCH_DEBUG=1 also prints every run, the kernel's CPU share and the portal's CPU)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { load } from 'cheerio';
import { Agent, request } from 'undici';
import { parse, stringify } from 'yaml';
import { startDemoPortal } from '../src/demo/index.ts';
import { openDb } from '../src/store/db.ts';
import { openRun, runCrawl } from '../src/run/index.ts';
import { createFetcher, createPagePool } from '../src/crawl/index.ts';
import { createEvidenceStore } from '../src/evidence/index.ts';
import { startBackgroundCheckpoints } from '../src/store/background-checkpoint.ts';
import { parseHtml } from '../src/extract/index.ts';
import { fileCreationLine, settleFileCreation } from './_fs-state.ts';
import { measure, median, pool, type Figures } from './_stats.ts';

const run = promisify(execFile);
const SCALE = Number(process.env.BENCH_SCALE ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BROWSER_PAGES = Number(process.env.BENCH_BROWSER_PAGES ?? 150);

/** The product's crawl of the plan: returns figures and writes the URLs it fetched (for the bare loop). */
async function crawlVariant(planPath: string, urlsOut: string): Promise<Figures> {
  // Kept until the whole bench ends: deleting a run's 20,000 snapshots would slow file creation in the next
  // (see _fs-state.ts).
  const dir = mkdtempSync(join(dirname(planPath), 'crawl-'));
  const db = openDb(join(dir, 'zwgk.db'));
  try {
    const f = await measure(
      () => (db.prepare('SELECT count(*) AS n FROM fetches').get() as { n: number }).n,
      () => runCrawl(openRun(db, planPath), { snapshotsDir: join(dir, 'snapshots'), kind: 'nightly', fetcherOverrides: { perHostDelayMs: 0, perHostConcurrency: CONCURRENCY, globalConcurrency: CONCURRENCY, screenshots: true } }),
    );
    const urls = (db.prepare(`SELECT url FROM fetches WHERE status = 200 ORDER BY id`).all() as Array<{ url: string }>).map((r) => r.url);
    writeFileSync(urlsOut, urls.join('\n'));
    return f;
  } finally {
    db.close();
  }
}

/**
 * `parser`: cheerio's default (parse5), or htmlparser2 as the crawl's extraction parses. `floor`: instead of a
 * bare parse, do per page only what #3 requires of every page, the way the crawl does it: read its metadata
 * (extraction) on the page pool while its snapshot is written there (hashed, gzipped, fsynced, renamed), then
 * its chained fetches row. No pagination, items, politeness or fetch-layer checks: no crawl that keeps this
 * evidence does less work per page.
 */
async function bareVariant(urlsFile: string, parser: 'parse5' | 'htmlparser2', floor = false): Promise<Figures> {
  const parse = parser === 'parse5' ? load : parseHtml;
  const urls = readFileSync(urlsFile, 'utf8').split('\n').filter(Boolean);
  const agent = new Agent({ connections: CONCURRENCY });
  const dir = floor ? mkdtempSync(join(dirname(urlsFile), 'floor-')) : null;
  const db = dir ? openDb(join(dir, 'zwgk.db')) : null;
  const pages = floor ? createPagePool() : null;
  const evidence = db && dir && pages ? createEvidenceStore(db, join(dir, 'snapshots'), { writeSnapshot: pages.writeSnapshot }) : null;
  const checkpoints = db ? startBackgroundCheckpoints(db) : null;
  const f = await measure(
    () => urls.length,
    () =>
      pool(urls.length, CONCURRENCY, async (i) => {
        const fetchedAt = new Date().toISOString();
        const res = await request(urls[i], { dispatcher: agent });
        if (!evidence || !pages) {
          parse(await res.body.text()).root().find('a').length;
          return;
        }
        const body = Buffer.from(await res.body.arrayBuffer());
        const text = body.toString('utf8');
        // List pages are read as detail pages here: the same parse, and heuristics of much the same weight.
        const read = pages.readDetail({ text, url: urls[i] }).then(() => () => {});
        const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
        await evidence.saveAsync({ requestUrl: urls[i], finalUrl: urls[i], status: res.statusCode, headers, requestHeaders: {}, body, text, charset: 'utf-8', fetcher: 'http', fetchedAt, durationMs: 0, outcome: 'ok', redirects: [], attempts: 1 }, {}, read);
      }),
  );
  await checkpoints?.stop();
  await pages?.close();
  db?.close();
  await agent.close();
  return f;
}

/** The browser path on a sample of the same pages (a browser render costs seconds, not milliseconds). */
async function browserVariant(urlsFile: string, host: string): Promise<Figures> {
  const urls = readFileSync(urlsFile, 'utf8').split('\n').filter(Boolean).slice(0, BROWSER_PAGES);
  const fetcher = createFetcher({ perHostDelayMs: 0, perHostConcurrency: CONCURRENCY, globalConcurrency: CONCURRENCY, allowPrivateHosts: [host] });
  const f = await measure(
    () => urls.length,
    () =>
      pool(urls.length, CONCURRENCY, async (i) => {
        const r = await fetcher.fetch(urls[i], { render: 'browser' });
        if (r.outcome !== 'ok') throw new Error(`${r.requestUrl}: ${r.outcome} ${r.error ?? ''}`);
        load(r.text!).root().find('a').length;
      }),
  );
  await fetcher.close();
  return f;
}

/** A variant's figures, and the CPU the portal spent serving it (it runs on the same cores). */
type Run = Figures & { portalCpuSecPer1000: number };

/** A variant in its own process; asynchronous, because the portal it talks to runs in this one. */
async function child(args: string[]): Promise<Run> {
  // BENCH_PROFILE=DIR writes a V8 CPU profile of each variant there (for finding where the time goes).
  const prof = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const portalCpu = process.cpuUsage();
  const r = await run(process.execPath, [...prof, ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), '--import', 'tsx', import.meta.filename, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const f = JSON.parse(r.stdout.trim().split('\n').pop()!) as Figures;
  const c = process.cpuUsage(portalCpu);
  if (process.env.BENCH_DEBUG) console.log(`  (${args[1]}: 门户进程 CPU ${((c.user + c.system) / 1e6).toFixed(1)} 秒)`);
  return { ...f, portalCpuSecPer1000: ((c.user + c.system) / 1e6 / f.pages) * 1000 };
}

if (process.argv[2] === '--variant') {
  const [, , , kind, a, b] = process.argv;
  const f =
    kind === 'crawl'
      ? await crawlVariant(a, b)
      : kind === 'bare'
        ? await bareVariant(a, 'parse5')
        : kind === 'bare-htmlparser2'
          ? await bareVariant(a, 'htmlparser2')
          : kind === 'floor'
            ? await bareVariant(a, 'htmlparser2', true)
            : await browserVariant(a, b);
  process.stdout.write('\n' + JSON.stringify(f) + '\n');
} else {
  const portal = await startDemoPortal({ scale: SCALE, faults: false });
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
  const planPath = join(dir, 'plan.yaml');
  const urlsFile = join(dir, 'urls.txt');
  // The HTTP path: every column that static HTTP can read (the browser path is measured on its own below).
  const plan = parse(portal.planYaml({ crawl: { perHostDelayMs: 0, perHostConcurrency: CONCURRENCY, globalConcurrency: CONCURRENCY, maxPagesPerColumn: 1000 } }));
  const browserOnly = new Set(portal.truth.units.flatMap((u) => u.columns.filter((c) => c.needsBrowser || c.robotsDisallowed).map((c) => c.url)));
  for (const u of plan.units) for (const c of u.columns) c.render = 'static';
  for (const u of plan.units) u.columns = u.columns.filter((c: { url: string }) => !browserOnly.has(c.url));
  plan.units = plan.units.filter((u: { columns: unknown[] }) => u.columns.length > 0);
  writeFileSync(planPath, stringify(plan));
  const results: Record<'crawl' | 'bare' | 'bare-htmlparser2' | 'floor' | 'browser', Run[]> = { crawl: [], bare: [], 'bare-htmlparser2': [], floor: [], browser: [] };
  let creation = 0;
  try {
    creation = await settleFileCreation(dir);
    for (let run = 0; run < RUNS; run++) {
      results.crawl.push(await child(['--variant', 'crawl', planPath, urlsFile]));
      results.bare.push(await child(['--variant', 'bare', urlsFile]));
      results['bare-htmlparser2'].push(await child(['--variant', 'bare-htmlparser2', urlsFile]));
      results.floor.push(await child(['--variant', 'floor', urlsFile]));
    }
    results.browser.push(await child(['--variant', 'browser', urlsFile, new URL(portal.baseUrl).host]));
  } finally {
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const line = (label: string, rs: Figures[]) =>
    `  ${label}：${median(rs.map((r) => r.pages))} 页，${median(rs.map((r) => r.pagesPerSec)).toFixed(1)} 页/秒，` +
    `每千页 CPU ${median(rs.map((r) => r.cpuSecPer1000)).toFixed(2)} 秒，峰值内存 ${median(rs.map((r) => r.peakRssMb)).toFixed(0)} MB`;
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(results));
  console.log(`演示门户 ×${SCALE}，并发 ${CONCURRENCY}，${RUNS} 轮取中位数：`);
  console.log(fileCreationLine(creation));
  console.log(line('HTTP 抓取路径（翻页、抽取、入库、证据存储）', results.crawl));
  console.log(line('裸循环（同一批网址，fetch + cheerio 解析，无存储）', results.bare));
  console.log(line('裸循环，改用抓取路径所用的 htmlparser2 解析', results['bare-htmlparser2']));
  console.log(line('证据下限（裸循环 + 每页必做的：页面线程池上抽取元数据并写快照、fsync、改名，再写哈希链记录；无翻页、入库与礼貌抓取）', results.floor));
  console.log(line(`浏览器路径（同一批网址的前 ${BROWSER_PAGES} 页，含截图）`, results.browser));
  // The ratio of the medians, and each round's own ratio: the VM's speed drifts between rounds (a round's
  // variants run back to back), so the rounds' ratios show how much of a difference is drift.
  const ratio = (a: Figures[], b: Figures[]) =>
    `${(median(a.map((r) => r.pagesPerSec)) / median(b.map((r) => r.pagesPerSec))).toFixed(2)}` +
    `（逐轮：${a.map((r, i) => (r.pagesPerSec / b[i].pagesPerSec).toFixed(2)).join('、')}）`;
  console.log(`  HTTP 抓取路径 / 裸循环 页速比：${ratio(results.crawl, results.bare)}，目标 ≥ 0.80`);
  console.log(`  HTTP 抓取路径 / 同解析器裸循环 页速比：${ratio(results.crawl, results['bare-htmlparser2'])}`);
  // Near 1 when the crawl's own logic (pagination, items, politeness, robots, the SSRF gate) costs little
  // beyond what every page must cost.
  console.log(`  HTTP 抓取路径 / 证据下限 页速比：${ratio(results.crawl, results.floor)}`);
  // The ceiling the cores set: the portal shares this machine, so a page costs its variant's CPU plus the
  // portal's; even with every core busy all the time, no schedule beats cores ÷ that. The floor's own pages/s
  // is not such a bound (it waits for each page's evidence before fetching the next); its CPU per page is.
  const cores = availableParallelism();
  const ceiling = (rs: Run[]) => (cores * 1000) / (median(rs.map((r) => r.cpuSecPer1000)) + median(rs.map((r) => r.portalCpuSecPer1000)));
  const bare = median(results.bare.map((r) => r.pagesPerSec));
  for (const [label, rs] of [['HTTP 抓取路径', results.crawl], ['证据下限', results.floor]] as const) {
    const c = ceiling(rs);
    console.log(
      `  ${label}的 CPU 上限：每页本进程 ${median(rs.map((r) => r.cpuSecPer1000)).toFixed(2)} 毫秒 + 门户 ${median(rs.map((r) => r.portalCpuSecPer1000)).toFixed(2)} 毫秒，` +
        `本机 ${cores} 核全部占满也只能 ${c.toFixed(0)} 页/秒，即裸循环的 ${(c / bare).toFixed(2)} 倍`,
    );
  }
}
