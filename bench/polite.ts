// How long a night takes at the plan's default politeness (CRAWL_DEFAULTS: per-host connections and gap), so an
// office knows when to schedule it. Waiting a real second per request would take hours, so the nights are
// crawled without the gap and their requests counted per host (with each one's service time), and the
// duration is computed (_polite-model.ts); a short real crawl at the default settings checks the model's gap
// against the portal's own request log.
//   npm run bench -- polite   (BENCH_SCALE=8 → 100 units, 695 columns; BENCH_CHANGES=10 columns gain an item
//                              before the normal night; BENCH_CHECK_S=40 seconds of real polite crawling)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CRAWL_DEFAULTS } from '../src/config/index.ts';
import { startDemoPortal } from '../src/demo/index.ts';
import { openDb } from '../src/store/db.ts';
import { openRun, runCrawl } from '../src/run/index.ts';
import { aboutZh, nightSeconds, requestsByHost, type Politeness } from './_polite-model.ts';
import { median } from './_stats.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 8);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10);
const CHECK_S = Number(process.env.BENCH_CHECK_S ?? 40);
const COLUMNS_TARGET = 1000;
const POLITE: Politeness = { perHostDelayMs: CRAWL_DEFAULTS.perHostDelayMs, perHostConcurrency: CRAWL_DEFAULTS.perHostConcurrency };

interface Night {
  requests: number;
  columns: number;
  /** Computed duration at the default politeness, and with the gap alone (service time nil). */
  seconds: number;
  gapOnlySeconds: number;
  hosts: number;
  medianServiceMs: number;
}

type Fetched = { url: string; durationMs: number | null };
const fetchesOf = (db: ReturnType<typeof openDb>, runId: number) =>
  db.prepare('SELECT url, duration_ms AS durationMs FROM fetches WHERE run_id = ? ORDER BY id').all(runId) as Fetched[];

/** One night without the gap (and with more connections, to be quick), its requests counted and its polite duration computed. */
async function night(db: ReturnType<typeof openDb>, planPath: string, snapshotsDir: string): Promise<Night> {
  const s = await runCrawl(openRun(db, planPath), { snapshotsDir, kind: 'nightly', fetcherOverrides: { perHostDelayMs: 0, perHostConcurrency: 8, globalConcurrency: 8 } });
  const fetches = fetchesOf(db, s.runId);
  const service = fetches.map((f) => f.durationMs ?? 0);
  const mid = service.length ? median(service) : 0;
  // Requests with no fetch record (robots.txt, retries) are counted at the median service time.
  const byHost = requestsByHost(fetches, s.requests - fetches.length, mid);
  const gapOnly = new Map([...byHost].map(([h, ms]) => [h, ms.map(() => 0)]));
  return { requests: s.requests, columns: s.columns, seconds: nightSeconds(byHost, POLITE), gapOnlySeconds: nightSeconds(gapOnly, POLITE), hosts: byHost.size, medianServiceMs: mid };
}

/** The check: a real crawl at the plan's default settings for CHECK_S seconds, then the process ends, the crawl with it. */
async function politeCheck(planPath: string, dir: string): Promise<void> {
  const db = openDb(join(dir, 'zwgk.db'));
  void runCrawl(openRun(db, planPath), { snapshotsDir: join(dir, 'snapshots'), kind: 'nightly' });
  // The window opens once the night has started (loading and syncing the plan can take a while on a busy machine).
  while (!db.prepare('SELECT 1 FROM crawl_runs').get()) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, CHECK_S * 1000));
  process.exit(0);
}

function child(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, ...args], { stdio: 'inherit' });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`礼貌抓取验证进程异常退出（退出码 ${code}）`))));
  });
}

if (process.argv[2] === '--check') {
  await politeCheck(process.argv[3], process.argv[4]);
} else {
  const portal = await startDemoPortal({ scale: SCALE, faults: false, variants: true });
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-polite-'));
  const planPath = join(dir, 'plan.yaml');
  // The plan as `zwgk demo` writes it, JS lists rendered: the crawl settings are the defaults.
  writeFileSync(planPath, portal.planYaml({ forceBrowser: true }));
  const db = openDb(join(dir, 'zwgk.db'));
  let first: Night, normal: Night, starts: number[];
  try {
    first = await night(db, planPath, join(dir, 'snapshots'));
    // A normal night: the portal as the first night left it, but for a few columns that published an item today.
    const lists = portal.truth.units.flatMap((u) => u.columns.filter((c) => c.layout !== 'single' && !c.robotsDisallowed && !u.challenge).map((c) => ({ u, c })));
    for (const { u, c } of lists.filter((_, i) => i % Math.max(1, Math.floor(lists.length / CHANGES)) === 0).slice(0, CHANGES)) {
      portal.mutate.addItem(u.id, c.slug, { title: `${u.name}关于${c.name}的最新信息`, publishedAt: portal.truth.refDate });
    }
    normal = await night(db, planPath, join(dir, 'snapshots'));
    // The check crawls static columns only, so that every request the portal sees passes the politeness gate
    // (a browser's scripts and API calls do not).
    const checkPlan = join(dir, 'check.yaml');
    const plan = parse(portal.planYaml());
    const jsLists = new Set(portal.truth.units.flatMap((u) => u.columns.filter((c) => c.needsBrowser).map((c) => c.url)));
    for (const u of plan.units) u.columns = u.columns.filter((c: { url: string }) => !jsLists.has(c.url));
    plan.units = plan.units.filter((u: { columns: unknown[] }) => u.columns.length > 0);
    writeFileSync(checkPlan, stringify(plan));
    const seen = portal.requestLog.length;
    await child(['--check', checkPlan, mkdtempSync(join(dir, 'check-'))]);
    starts = portal.requestLog.slice(seen).map((e) => Date.parse(e.at));
  } finally {
    db.close();
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const gaps = starts.slice(1).map((t, i) => t - starts[i]);
  const perColumn = COLUMNS_TARGET / first.columns;
  const line = (label: string, n: Night) =>
    `  ${label}：${n.requests} 次请求（${n.hosts} 个网站，每栏目 ${(n.requests / n.columns).toFixed(2)} 次），` +
    `按礼貌设置约需 ${(n.seconds / 60).toFixed(0)} 分钟（其中请求间隔本身 ${(n.gapOnlySeconds / 60).toFixed(0)} 分钟），` +
    `折算到 ${COLUMNS_TARGET} 个栏目${aboutZh(n.seconds * perColumn)}`;
  const units = portal.truth.units.length;
  console.log(
    [
      `演示门户 ×${SCALE}（含变体单位）：${units} 个单位、${first.columns} 个栏目，JS 列表全部渲染；` +
        `礼貌设置取计划默认值：每个网站 ${POLITE.perHostConcurrency} 个连接，两次请求开始至少间隔 ${POLITE.perHostDelayMs} 毫秒。`,
      `  模型：每个网站的请求排成一队，一次请求占用“间隔”或（应答慢于 间隔×连接数 时）“应答时间÷连接数”，不同网站并行；` +
        `请求数与应答时间取自不加间隔的实际抓取（中位应答 ${first.medianServiceMs.toFixed(0)} 毫秒，本机负载高时偏大），` +
        `没有抓取记录的请求（robots.txt、重试）按中位应答计入最忙的网站。真实门户应答只要快于 ${(POLITE.perHostDelayMs * POLITE.perHostConcurrency) / 1000} 秒，一夜的长短就只由请求数 × 间隔决定。`,
      line('首夜（评估期内的列表、文章与附件，全部留证）', first),
      line(`平常一夜（门户未变，只有 ${CHANGES} 个栏目各新增 1 条）`, normal),
      `  验证：按默认设置真实抓取 ${CHECK_S} 秒（只抓静态栏目），门户收到 ${starts.length} 次请求，相邻请求开始间隔中位数 ${gaps.length ? (median(gaps) / 1000).toFixed(2) : '—'} 秒` +
        `（模型取 ${(POLITE.perHostDelayMs / 1000).toFixed(2)} 秒；${starts.length > 1 ? `平均每次 ${((starts[starts.length - 1] - starts[0]) / 1000 / (starts.length - 1)).toFixed(2)} 秒` : '请求太少，无法验证'}）`,
      `  README 用语（本门户 ${units} 个单位、${first.columns} 个栏目，按栏目数折算）：约 ${COLUMNS_TARGET} 个栏目的门户，按默认礼貌设置首夜${aboutZh(first.gapOnlySeconds * perColumn)}，` +
        `平常一夜${aboutZh(normal.gapOnlySeconds * perColumn)}（门户每次应答快于 ${(POLITE.perHostDelayMs * POLITE.perHostConcurrency) / 1000} 秒时；按本次测得的应答时间则为${aboutZh(first.seconds * perColumn)}、${aboutZh(normal.seconds * perColumn)}）。`,
    ].join('\n'),
  );
}
