// A first night of the demo portal with its JS-rendered lists (the variant units, `render: browser` in the plan)
// against the peer a user would pick instead (Crawlee 3: CheerioCrawler + PlaywrightCrawler, see _crawlee-peer.ts):
// Crawlee crawling the portal as its user would (from the columns, every link of the site), and, for reference,
// Crawlee handed the pages our night fetched. In one run, interleaved (ours, peer, peer, ours, …), medians of
// BENCH_RUNS; then the second night of the unchanged portal (ours only: Crawlee has no notion of one), and the
// browser path against plain playwright-core on the same JS list pages with the same number of tabs, with the
// list page's screenshot and without. Each variant runs in its own process; its CPU and peak memory include the
// browsers it starts (see _proc-tree.ts). Politeness delays are off; robots.txt and the SSRF gate stay on.
//   npm run bench -- crawl   (BENCH_SCALE=2 → 28 units, 16 with JS lists; BENCH_RUNS=3; BENCH_CONCURRENCY=8;
//                             BENCH_TABS=4 browser tabs for both; BENCH_BROWSER_PAGES=60; BENCH_DEBUG=1 prints every run)
// The old comparison with a bare fetch-and-parse loop and the evidence floor is `npm run bench -- crawl-floor`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio';
import { parse, stringify } from 'yaml';
import { startDemoPortal, type DemoTruth } from '../src/demo/index.ts';
import { openDb } from '../src/store/db.ts';
import { loadCookies } from '../src/store/cookies.ts';
import { openRun, runCrawl } from '../src/run/index.ts';
import { createFetcher, type StorageState } from '../src/crawl/index.ts';
import { launchChromium } from '../src/shared/chromium.ts';
import { crawleePeer, crawleeSite, type ManifestPage } from './_crawlee-peer.ts';
import { fileCreationLine, settleFileCreation } from './_fs-state.ts';
import { reapedChildrenCpuSec, sampleTree } from './_proc-tree.ts';
import { median, pool } from './_stats.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 2);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TABS = Number(process.env.BENCH_TABS ?? 4);
const BROWSER_PAGES = Number(process.env.BENCH_BROWSER_PAGES ?? 60);
// The plan's crawl settings without politeness, and the fetch layer's (which also sizes the browser).
const PLAN_CRAWL = { perHostDelayMs: 0, perHostConcurrency: CONCURRENCY, globalConcurrency: CONCURRENCY };
const FAST = { ...PLAN_CRAWL, browserConcurrency: TABS };

/** The pages our first night fetched, the list pages each column's visit read, and the cookies it ended with. */
interface Manifest {
  pages: Array<ManifestPage & { id: number }>;
  lists: Array<{ url: string; pages: number; fetchIds: number[] }>;
  cookie: string;
}

/** What a variant's process reports: its pages, the wall time of its work, and the CPU it spent before starting it. */
interface Work {
  pages: number;
  secs: number;
  startupCpuSec: number;
  /** ours only */
  requests?: number;
  columns?: number;
  /** Requests per column, channel checks left out (the crawl summary's figure), and where they went. */
  requestsPerColumn?: number;
  traffic?: unknown;
  failed?: number;
}

/** A variant's figures with its whole process tree's CPU and peak memory. */
type Run = Work & { cpuMsPerPage: number; peakMemMb: number; peakRootMb: number };

async function timed(work: () => Promise<Omit<Work, 'secs' | 'startupCpuSec'>>): Promise<Work> {
  const c = process.cpuUsage();
  const startupCpuSec = (c.user + c.system) / 1e6;
  const t0 = performance.now();
  const w = await work();
  return { ...w, secs: (performance.now() - t0) / 1000, startupCpuSec };
}

/** Our crawl (the run layer, as `zwgk crawl` runs it) of the plan into `dir`; night 1 writes the pages it fetched. */
async function oursVariant(planPath: string, dir: string, manifestOut?: string): Promise<Work> {
  const db = openDb(join(dir, 'zwgk.db'));
  try {
    let runId = 0;
    const w = await timed(async () => {
      const s = await runCrawl(openRun(db, planPath), { snapshotsDir: join(dir, 'snapshots'), kind: 'nightly', fetcherOverrides: FAST });
      runId = s.runId;
      return { pages: s.requests, requests: s.requests, columns: s.columns, requestsPerColumn: s.requestsPerColumn, traffic: s.traffic };
    });
    if (manifestOut) {
      const pages = db.prepare('SELECT id, url, method, fetcher FROM fetches WHERE run_id = ? ORDER BY id').all(runId) as Manifest['pages'];
      const lists = (
        db
          .prepare(
            `SELECT c.url, v.pages, group_concat(vf.fetch_id) AS ids FROM column_visits v JOIN columns c ON c.id = v.column_id
             LEFT JOIN visit_fetches vf ON vf.visit_id = v.id WHERE v.run_id = ? GROUP BY v.id`,
          )
          .all(runId) as Array<{ url: string; pages: number; ids: string | null }>
      ).map((l) => ({ url: l.url, pages: l.pages, fetchIds: (l.ids ?? '').split(',').filter(Boolean).map(Number) }));
      // The clearance our browser earned on the challenge unit, which our crawl then sends on plain HTTP requests.
      const cookie = [...loadCookies<StorageState>(db).values()].flatMap((s) => s.cookies.map((c) => `${c.name}=${c.value}`)).join('; ');
      writeFileSync(manifestOut, JSON.stringify({ pages, lists, cookie } satisfies Manifest));
    }
    return w;
  } finally {
    db.close();
  }
}

/** What the whole-portal peer starts from: the plan's columns, which pages to render, and the challenge's cookie. */
interface SiteStart {
  columns: string[];
  renderedPaths: string[];
  /** Where a pagination trap's list pages are: its user would see the pager never end and read only its first page. */
  trapDirs: string[];
  cookie: string;
}

async function siteVariant(startFile: string): Promise<Work> {
  const { columns, renderedPaths, trapDirs, cookie } = JSON.parse(readFileSync(startFile, 'utf8')) as SiteStart;
  const paths = new Set(renderedPaths);
  const entries = new Set(columns);
  const trapped = (url: string) => {
    const path = new URL(url).pathname;
    return !entries.has(url) && /\/index_\d+\.html?$/.test(path) && trapDirs.some((d) => path.startsWith(d));
  };
  return timed(async () => {
    const r = await crawleeSite(columns, (url) => paths.has(new URL(url).pathname), trapped, { concurrency: CONCURRENCY, tabs: TABS, headers: cookie ? { Cookie: cookie } : undefined });
    return { pages: r.handled + r.failed, failed: r.failed };
  });
}

async function peerVariant(manifestFile: string): Promise<Work> {
  const { pages, cookie } = JSON.parse(readFileSync(manifestFile, 'utf8')) as { pages: ManifestPage[]; cookie: string };
  return timed(async () => {
    const r = await crawleePeer(pages, { concurrency: CONCURRENCY, tabs: TABS, headers: cookie ? { Cookie: cookie } : undefined });
    return { pages: r.handled + r.failed, failed: r.failed };
  });
}

/** The product's browser path (the fetch layer with render: 'browser', as for a list page) on the JS list pages. */
async function oursBrowserVariant(urlsFile: string, host: string, shots: boolean): Promise<Work> {
  const urls = readFileSync(urlsFile, 'utf8').split('\n').filter(Boolean);
  const fetcher = createFetcher({ ...FAST, perHostConcurrency: TABS, globalConcurrency: TABS, allowPrivateHosts: [host] });
  try {
    return await timed(async () => {
      await pool(urls.length, TABS, async (i) => {
        const r = await fetcher.fetch(urls[i], { render: 'browser', purpose: 'list', screenshot: shots });
        if (r.outcome !== 'ok') throw new Error(`${r.requestUrl}: ${r.outcome} ${r.error ?? ''}`);
        load(r.text!).root().find('a').length;
      });
      return { pages: urls.length };
    });
  } finally {
    await fetcher.close();
  }
}

/**
 * Plain playwright-core: one browser, one context, TABS tabs, each page loaded until its network is quiet and read,
 * and with `shots` screenshot as our path does a list page (the whole page, 1280 px wide, up to 8000 px high).
 */
async function plainBrowserVariant(urlsFile: string, shots: boolean): Promise<Work> {
  const urls = readFileSync(urlsFile, 'utf8').split('\n').filter(Boolean);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tabs = await Promise.all(Array.from({ length: TABS }, () => context.newPage()));
    let next = 0;
    return await timed(async () => {
      await Promise.all(
        tabs.map(async (page) => {
          while (next < urls.length) {
            await page.goto(urls[next++], { waitUntil: 'load' });
            await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
            load(await page.content()).root().find('a').length;
            if (shots) {
              const height = await page.evaluate(() => document.documentElement.scrollHeight);
              await page.screenshot({ type: 'png', fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 8000) } });
            }
          }
        }),
      );
      return { pages: urls.length };
    });
  } finally {
    await browser.close();
  }
}

/** Runs a variant in its own process, sampling its process tree; asynchronous, since the portal runs in this one. */
function child(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const reaped0 = reapedChildrenCpuSec();
    const p = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--variant', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const sampler = sampleTree(p.pid!);
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const { peakMemMb, peakRootMb, sampledCpuSec } = sampler.stop();
      if (code !== 0) return reject(new Error(`变体 ${args[0]} 异常退出（退出码 ${code}）：${out.slice(-2000)}`));
      const w = JSON.parse(out.trim().split('\n').pop()!) as Work;
      // Reaped CPU misses descendants that outlived their parent; sampling misses each process's last interval.
      const treeCpu = Math.max(reapedChildrenCpuSec() - reaped0, sampledCpuSec) - w.startupCpuSec;
      resolve({ ...w, cpuMsPerPage: (treeCpu / w.pages) * 1000, peakMemMb, peakRootMb });
    });
  });
}

/** The paths of the JS lists (entry page, and its pages by query): a Crawlee user renders these whatever our crawl did. */
const jsListPaths = (truth: DemoTruth) => truth.units.flatMap((u) => u.columns.filter((c) => c.needsBrowser && !u.challenge).map((c) => new URL(c.url).pathname));

function jsListPage(truth: DemoTruth): (url: string) => boolean {
  const paths = new Set(jsListPaths(truth));
  return (url) => paths.has(new URL(url).pathname);
}

/**
 * The peer's pages: ours, but each JS list rendered as many times as the list pages our visit read in the period
 * (we read most of them from the data request a first render showed; a Crawlee user renders every one). Its entry
 * page stands for each: some templates reach later pages only by a click, and a page of a list costs a render the
 * same whichever page it is.
 */
function peerPages(m: Manifest, jsList: (url: string) => boolean): ManifestPage[] {
  const lists = m.lists.filter((l) => jsList(l.url));
  const ours = new Set(lists.flatMap((l) => l.fetchIds));
  const rest = m.pages.filter((p) => !ours.has(p.id) && !jsList(p.url)).map(({ url, method, fetcher }) => ({ url, method, fetcher }));
  const renders = lists.flatMap((l) => Array.from({ length: Math.max(1, l.pages) }, (_, k) => ({ url: l.url, method: 'GET', fetcher: 'browser' as const, repeat: k })));
  return [...rest, ...renders];
}

if (process.argv[2] === '--variant') {
  const [, , , kind, a, b, c] = process.argv;
  const w =
    kind === 'ours'
      ? await oursVariant(a, b, c)
      : kind === 'peer'
        ? await peerVariant(a)
        : kind === 'site'
          ? await siteVariant(a)
        : kind === 'ours-browser'
          ? await oursBrowserVariant(a, b, c === 'shots')
          : await plainBrowserVariant(a, b === 'shots');
  process.stdout.write('\n' + JSON.stringify(w) + '\n');
} else {
  const portal = await startDemoPortal({ scale: SCALE, faults: false, variants: true });
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
  const planPath = join(dir, 'plan.yaml');
  const manifest = join(dir, 'manifest.json');
  const peerManifest = join(dir, 'peer.json');
  const siteStart = join(dir, 'site.json');
  const jsUrls = join(dir, 'js-urls.txt');
  // Every JS list rendered: the plan says so rather than leaving it to detection, as the peer is told too.
  writeFileSync(planPath, stringify(parse(portal.planYaml({ crawl: PLAN_CRAWL, forceBrowser: true }))));
  const runs: Runs = { ours: [], site: [], peer: [], second: [], oursBrowser: [], plainBrowser: [], oursShots: [], plainShots: [] };
  let firstDir = '';
  let creation = 0;
  try {
    // Our crawl writes a snapshot file per page; the peer writes none.
    creation = await settleFileCreation(dir);
    for (let i = 0; i < RUNS; i++) {
      const runDir = mkdtempSync(join(dir, 'ours-'));
      runs.ours.push(await child(['ours', planPath, runDir, ...(i === 0 ? [manifest] : [])]));
      if (i === 0) {
        firstDir = runDir;
        // The peer renders what we rendered and the JS lists; the rest it reads over HTTP with our cookies.
        const jsList = jsListPage(portal.truth);
        const m = JSON.parse(readFileSync(manifest, 'utf8')) as Manifest;
        const pages = peerPages(m, jsList);
        writeFileSync(peerManifest, JSON.stringify({ pages, cookie: m.cookie }));
        const columns = portal.truth.units.flatMap((u) => u.columns.map((c) => c.url));
        const trapDirs = portal.truth.units.flatMap((u) => u.columns.filter((c) => c.trap).map((c) => new URL(c.url).pathname.replace(/[^/]*$/, '')));
        writeFileSync(siteStart, JSON.stringify({ columns, renderedPaths: jsListPaths(portal.truth), trapDirs, cookie: m.cookie } satisfies SiteStart));
        const js = [...new Set(pages.filter((p) => jsList(p.url)).map((p) => p.url))];
        if (!js.length) throw new Error('第一夜没有抓取任何 JS 渲染的列表页，无法比较浏览器路径');
        writeFileSync(jsUrls, Array.from({ length: BROWSER_PAGES }, (_, k) => js[k % js.length]).join('\n'));
      }
      runs.site.push(await child(['site', siteStart]));
      runs.peer.push(await child(['peer', peerManifest]));
    }
    // The unchanged portal, the next night, over the first round's database.
    runs.second.push(await child(['ours', planPath, firstDir]));
    const host = new URL(portal.baseUrl).host;
    for (let i = 0; i < RUNS; i++) {
      runs.oursShots.push(await child(['ours-browser', jsUrls, host, 'shots']));
      runs.plainShots.push(await child(['plain-browser', jsUrls, 'shots']));
      runs.oursBrowser.push(await child(['ours-browser', jsUrls, host, 'none']));
      runs.plainBrowser.push(await child(['plain-browser', jsUrls, 'none']));
    }
  } finally {
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(runs));
  console.log(report(runs, portal.truth) + '\n' + fileCreationLine(creation));
}

type Runs = Record<'ours' | 'site' | 'peer' | 'second' | 'oursBrowser' | 'plainBrowser' | 'oursShots' | 'plainShots', Run[]>;

function report(runs: Runs, truth: DemoTruth): string {
  const m = (rs: Run[], f: (r: Run) => number) => median(rs.map(f));
  const line = (label: string, rs: Run[]) =>
    `  ${label}：${m(rs, (r) => r.pages)} 页，用时 ${m(rs, (r) => r.secs).toFixed(1)} 秒，${m(rs, (r) => r.pages / r.secs).toFixed(1)} 页/秒，` +
    `每页 CPU ${m(rs, (r) => r.cpuMsPerPage).toFixed(1)} 毫秒，峰值内存 ${m(rs, (r) => r.peakMemMb).toFixed(0)} MB（其中 Node 进程 ${m(rs, (r) => r.peakRootMb).toFixed(0)} MB）`;
  const perRound = (a: Run[], b: Run[], f: (r: Run) => number) => a.map((r, i) => (f(r) / f(b[i])).toFixed(2)).join('、');
  const verdict = (ok: boolean) => (ok ? '达标' : '未达标');
  const cols = truth.units.flatMap((u) => u.columns);
  const ratio = (a: Run[], b: Run[], f: (r: Run) => number) => m(a, f) / m(b, f);
  const secs = (r: Run) => r.secs;
  const mem = (r: Run) => r.peakMemMb;
  const speed = (r: Run) => r.pages / r.secs;
  const second = runs.second[0];
  const perColumn = second.requestsPerColumn!;
  const failed = (rs: Run[]) => m(rs, (r) => r.failed ?? 0);
  const against = (what: string, peer: Run[], target: boolean) => [
    `  首夜用时 本系统 / ${what}：${ratio(runs.ours, peer, secs).toFixed(2)}（逐轮：${perRound(runs.ours, peer, secs)}）${target ? `，目标 ≤ 0.50，${verdict(ratio(runs.ours, peer, secs) <= 0.5)}` : ''}`,
    `  首夜峰值内存 本系统 / ${what}：${ratio(runs.ours, peer, mem).toFixed(2)}（逐轮：${perRound(runs.ours, peer, mem)}）${target ? `，目标 ≤ 0.50，${verdict(ratio(runs.ours, peer, mem) <= 0.5)}` : ''}`,
  ];
  const browserLines = (what: string, ours: Run[], plain: Run[]) => [
    line(`浏览器路径（抓取层 render: browser，按列表页读取${what}；${BROWSER_PAGES} 次渲染 JS 列表页）`, ours),
    line(`裸 playwright-core（同一批页面、同样标签页数，load 后等网络空闲再读 DOM${what}）`, plain),
    `  浏览器路径 / 裸 playwright-core 页速比（${what.replace(/^，/, '')}）：${ratio(ours, plain, speed).toFixed(2)}（逐轮：${perRound(ours, plain, speed)}），目标 ≥ 0.80，${verdict(ratio(ours, plain, speed) >= 0.8)}`,
  ];
  return [
    `演示门户 ×${SCALE}（含变体单位）：${truth.units.length} 个单位、${cols.length} 个栏目，其中 ${cols.filter((c) => c.needsBrowser).length} 个需浏览器渲染；` +
      `并发 ${CONCURRENCY}，浏览器标签页 ${TABS}，${RUNS} 轮交替运行取中位数。`,
    '  CPU 为变体进程及其启动的浏览器进程合计（回收的子进程 CPU 与每 100 毫秒采样取大者，不含进程启动），峰值内存为同一时刻进程树各进程 PSS（共享页按份额计）之和的最大值（每 100 毫秒采样）。',
    line('本系统首夜（评估期内；JS 列表先经浏览器渲染，再改读其数据接口；含证据快照、截图与数据库）', runs.ours),
    line(
      `Crawlee 3 抓整个门户（从计划的各栏目出发，跟随同一网站的每个链接，遵守 robots.txt，分页陷阱栏目只读首页；CheerioCrawler 抓静态页，PlaywrightCrawler 渲染 JS 列表的每一页；` +
        `挑战单位带本系统取得的 cookie 静态抓取；只解析不留存${failed(runs.site) ? `；失败 ${failed(runs.site)} 页` : ''}）`,
      runs.site,
    ),
    ...against('Crawlee 抓整个门户', runs.site, true),
    // What rendering alone costs: no crawler that draws the JS lists with the same tabs can peak below it.
    `  下限参考：裸 playwright-core 用同样 ${TABS} 个标签页渲染并截图（不抓取、不解析、不留存）的峰值内存 / Crawlee 抓整个门户：${ratio(runs.plainShots, runs.site, mem).toFixed(2)}`,
    line(
      `参考：Crawlee 3 直接拿到本系统首夜的网址清单（不必自己找栏目、翻页、判断考核期；JS 列表的每一页都渲染；只解析不留存${failed(runs.peer) ? `；失败 ${failed(runs.peer)} 页` : ''}）`,
      runs.peer,
    ),
    ...against('拿到网址清单的 Crawlee', runs.peer, false),
    `  第二夜（门户未变）本系统：${second.requests} 次请求、${second.columns} 个栏目，每栏目 ${perColumn.toFixed(2)} 次（其他公开载体的核查不计），用时 ${second.secs.toFixed(1)} 秒，目标 ≤ 1.05，${verdict(perColumn <= 1.05)}` +
      '（Crawlee 没有“第二夜”的概念：它不记得上次抓过什么，每次都从头抓，故只列本系统）',
    ...browserLines('，截取整页截图作证据', runs.oursShots, runs.plainShots),
    ...browserLines('，不截图', runs.oursBrowser, runs.plainBrowser),
  ].join('\n');
}
