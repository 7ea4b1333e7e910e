// What one evidence snapshot costs in CPU, split into the process's own work (user) and the kernel's (system):
// the product's writer (hash, gzip, temporary file, fsync, rename, directory fsync), and beside it the bare file
// operations without fsync, and the hash and gzip alone: what the crawl bench's evidence storage is made of.
// Then the product's gzip level against zlib's default on the saved real pages (size and CPU per page).
//   npm run bench -- snapshot-files     (BENCH_FILES=4000 per run; BENCH_RUNS=3; 8 writes in flight)
import { randomBytes } from 'node:crypto';
import { close, mkdirSync, mkdtempSync, open, readFileSync, readdirSync, rename, rmSync, writeFile } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { gzipSnapshot, sha256, snapshotPath, writeSnapshotAsync } from '../src/evidence/snapshots.ts';
import { fileCreationLine, settleFileCreation } from './_fs-state.ts';
import { median, pool } from './_stats.ts';

const FILES = Number(process.env.BENCH_FILES ?? 4000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const IN_FLIGHT = 8;

const [openAsync, writeAsync, closeAsync, renameAsync] = [open, writeFile, close, rename].map((f) => promisify(f)) as [
  (path: string, flags: string) => Promise<number>,
  (fd: number, data: Buffer) => Promise<void>,
  (fd: number) => Promise<void>,
  (from: string, to: string) => Promise<void>,
];

type Way = (dir: string, body: Buffer) => Promise<unknown>;

const ways: Array<[string, Way]> = [
  ['产品写法（SHA-256、gzip、临时文件、fsync、改名、目录 fsync）', (dir, body) => writeSnapshotAsync(dir, body)],
  [
    '只有文件操作（新建临时文件、写入、关闭、改名），不做 fsync',
    async (dir, body) => {
      const tmp = `${snapshotPath(dir, sha256(body))}.tmp`;
      const fd = await openAsync(tmp, 'wx');
      await writeAsync(fd, body);
      await closeAsync(fd);
      await renameAsync(tmp, tmp.slice(0, -'.tmp'.length));
    },
  ],
  ['只算 SHA-256 与 gzip，不写文件', async (_dir, body) => [sha256(body), gzipSnapshot(body)]],
];

// Demo-portal-sized pages (about 4 KB of HTML-like text that compresses as pages do), each distinct so every one
// is a new file.
const bodies = (n: number) =>
  Array.from({ length: n }, () => {
    const id = randomBytes(8).toString('hex');
    return Buffer.from(`<html><body>${Array.from({ length: 40 }, (_, i) => `<li><a href="/c/${id}/${i}.html">第${i}条信息 ${id}</a><span>2026-11-${(i % 28) + 1}</span></li>`).join('')}</body></html>`);
  });

// Every way writes into the same fan-out layout, made beforehand, so only the per-file cost is compared.
const freshStore = (root: string) => {
  const dir = mkdtempSync(join(root, 'run-'));
  for (let i = 0; i < 256; i++) mkdirSync(join(dir, i.toString(16).padStart(2, '0')));
  return dir;
};

const root = mkdtempSync(join(tmpdir(), 'zwgk-bench-snapshots-'));
const results = new Map<string, Array<{ perSec: number; user: number; system: number }>>();
let creation = 0;
try {
  creation = await settleFileCreation(root);
  for (let run = 0; run < RUNS; run++) {
    for (const [label, write] of ways) {
      const dir = freshStore(root);
      const input = bodies(FILES);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await pool(FILES, IN_FLIGHT, async (i) => void (await write(dir, input[i])));
      const secs = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const list = results.get(label) ?? [];
      list.push({ perSec: FILES / secs, user: cpu.user / FILES, system: cpu.system / FILES });
      results.set(label, list);
    }
  }
} finally {
  // Removed only at the end: deletions would slow the next run's file creation (see _fs-state.ts).
  rmSync(root, { recursive: true, force: true });
}

console.log(`每轮 ${FILES} 个约 4 KB 的页面，同时 ${IN_FLIGHT} 个写入，${RUNS} 轮取中位数（CPU 含 libuv 线程与内核态）：`);
console.log(fileCreationLine(creation));
for (const [label, rs] of results) {
  const user = median(rs.map((r) => r.user));
  const system = median(rs.map((r) => r.system));
  console.log(`  ${label}：每秒 ${median(rs.map((r) => r.perSec)).toFixed(0)} 个，每个 CPU ${(user + system).toFixed(0)} 微秒（用户态 ${user.toFixed(0)}，内核态 ${system.toFixed(0)}）`);
}

// Real pages are 10–20× the demo's, so there the compression level, not the file, is most of a snapshot's CPU.
const realDir = join(import.meta.dirname, '../test/fixtures/real-pages/pages');
const real = readdirSync(realDir).filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(realDir, f)));
const rawBytes = real.reduce((n, b) => n + b.length, 0);
const gzipFigures = (gz: (b: Buffer) => Buffer) => {
  const rounds = Array.from({ length: RUNS }, () => {
    const cpu0 = process.cpuUsage();
    let out = 0;
    for (let r = 0; r < 10; r++) for (const b of real) out += gz(b).length;
    const cpu = process.cpuUsage(cpu0);
    return { us: (cpu.user + cpu.system) / (10 * real.length), ratio: (10 * rawBytes) / out };
  });
  return `每页 CPU ${median(rounds.map((r) => r.us)).toFixed(0)} 微秒，压缩比 ${rounds[0].ratio.toFixed(2)}`;
};
console.log(`真实页面 ${real.length} 个（平均 ${(rawBytes / real.length / 1024).toFixed(0)} KB）的 gzip，${RUNS} 轮取中位数：`);
console.log(`  产品所用级别：${gzipFigures(gzipSnapshot)}`);
console.log(`  zlib 默认级别 6：${gzipFigures((b) => gzipSync(b))}`);
