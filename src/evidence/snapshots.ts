import { createHash, randomUUID } from 'node:crypto';
import { close, closeSync, existsSync, fsync, fsyncSync, mkdirSync, open, openSync, readFileSync, readdirSync, rename, renameSync, rmSync, writeFile, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** snapshots/<first 2 hex>/<sha256>.gz */
export const snapshotPath = (dir: string, sha: string) => join(dir, sha.slice(0, 2), `${sha}.gz`);

const TMP = /^([0-9a-f]{64})\.gz\.(\d+)\.[0-9a-f]+\.tmp$/;

function fsyncDir(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

interface Pending {
  sha: string;
  final: string;
  tmp: string;
  gz: Buffer;
}

interface Target {
  sha: string;
  final: string;
  tmp: string;
}

/** Where bytes go, or their hash alone when that file already exists (stored once, never rewritten). */
function target(dir: string, bytes: Buffer): Target | string {
  const sha = sha256(bytes);
  const final = snapshotPath(dir, sha);
  if (existsSync(final)) return sha;
  // randomUUID draws from a cached entropy pool; its first 8 characters are hex.
  return { sha, final, tmp: `${final}.${process.pid}.${randomUUID().slice(0, 8)}.tmp` };
}

const missingDir = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

// zlib's fast strategy (levels 1–3). On the saved real pages (test/fixtures/real-pages, 58 KB on average), level 3
// takes 0.64 ms a page against the default level 6's 1.08 ms, for files 8% larger: a crawl compresses every
// page it keeps, and the CPU is what bounds a night's crawl, not the disk.
export const gzipSnapshot = (bytes: Buffer) => gzipSync(bytes, { level: 3 });

function prepare(dir: string, bytes: Buffer): Pending | string {
  const t = target(dir, bytes);
  return typeof t === 'string' ? t : { ...t, gz: gzipSnapshot(bytes) };
}

/**
 * Stores bytes once under their SHA-256: gzip to a temporary file, fsync, rename, fsync the directory. The
 * rename is atomic, so a kill at any moment leaves either no file or the whole file; an existing file is
 * never rewritten (two writers racing on the same content rename identical bytes onto one name).
 */
export function writeSnapshot(dir: string, bytes: Buffer): string {
  const p = prepare(dir, bytes);
  if (typeof p === 'string') return p;
  let fd: number;
  try {
    fd = openSync(p.tmp, 'wx');
  } catch (err) {
    // The fan-out directory is made on first use only, not checked before every write.
    if (!missingDir(err)) throw err;
    mkdirSync(dirname(p.tmp), { recursive: true });
    fd = openSync(p.tmp, 'wx');
  }
  try {
    writeFileSync(fd, p.gz);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(p.tmp, p.final);
  fsyncDir(dirname(p.final));
  return p.sha;
}

const [openAsync, writeFileAsync, fsyncAsync, closeAsync, renameAsync] = [open, writeFile, fsync, close, rename].map((f) => promisify(f)) as [
  (path: string, flags: string) => Promise<number>,
  (fd: number, data: Buffer) => Promise<void>,
  (fd: number) => Promise<void>,
  (fd: number) => Promise<void>,
  (from: string, to: string) => Promise<void>,
];

/**
 * writeSnapshot with the writes and fsyncs on libuv's thread pool, so several can be in flight at once.
 * Callback fs rather than fs/promises: a FileHandle costs several times more JavaScript per call, and this
 * makes seven calls for every page a crawl keeps.
 */
export async function writeSnapshotAsync(dir: string, bytes: Buffer): Promise<string> {
  const p = prepare(dir, bytes);
  if (typeof p === 'string') return p;
  const fd = await openAsync(p.tmp, 'wx').catch((err: unknown) => {
    if (!missingDir(err)) throw err;
    mkdirSync(dirname(p.tmp), { recursive: true });
    return openAsync(p.tmp, 'wx');
  });
  try {
    await writeFileAsync(fd, p.gz);
    await fsyncAsync(fd);
  } finally {
    await closeAsync(fd);
  }
  await renameAsync(p.tmp, p.final);
  const dfd = await openAsync(dirname(p.final), 'r');
  try {
    await fsyncAsync(dfd);
  } finally {
    await closeAsync(dfd);
  }
  return p.sha;
}

export function readSnapshot(dir: string, sha: string): Buffer {
  return gunzipSync(readFileSync(snapshotPath(dir, sha)));
}

/** The two-hex-digit subdirectories; a stray file that has such a name holds no snapshots. */
const fanOutDirs = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name))
    .map((e) => e.name);

/** Every snapshot file: [sha from its name, path]. Temporary files are skipped. */
export function* listSnapshots(dir: string): Generator<[string, string]> {
  if (!existsSync(dir)) return;
  for (const sub of fanOutDirs(dir).sort()) {
    for (const f of readdirSync(join(dir, sub)).sort()) {
      const m = f.match(/^([0-9a-f]{64})\.gz$/);
      if (m) yield [m[1], join(dir, sub, f)];
    }
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes temporary files left by writers that were killed (their process no longer exists). */
export function removeOrphanTemps(dir: string): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const sub of fanOutDirs(dir)) {
    for (const f of readdirSync(join(dir, sub))) {
      const m = f.match(TMP);
      if (m && Number(m[2]) !== process.pid && !alive(Number(m[2]))) {
        rmSync(join(dir, sub, f), { force: true });
        removed++;
      }
    }
  }
  return removed;
}
