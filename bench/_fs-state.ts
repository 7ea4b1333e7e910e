// Whether the file system is in a state to measure file creation fairly. On ext4 without a journal (this
// project's VMs), the inode allocator skips every inode freed in the last 60 s (360 s while its inode-table
// block is still dirty), one by one, so right after many files are deleted — an earlier bench run, the test
// suite — each new file costs 20–40× the kernel time it costs otherwise. Servers with a journal never pay it;
// a bench that measured it would measure the previous run's clean-up, not the product.
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const PROBE_FILES = 300;
/** Kernel µs per new empty file above which creation is taken as slowed (10–40 quiet, 700–1,200 slowed). */
const SLOW_US = 80;
const WAIT_S = 20;

/** Kernel CPU µs per new empty file, created in a fresh folder under `dir` (kept: deleting would add to it). */
export function fileCreationCost(dir: string): number {
  const probe = mkdtempSync(join(dir, 'probe-'));
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < PROBE_FILES; i++) closeSync(openSync(join(probe, `${i}`), 'wx'));
  return process.cpuUsage(cpu0).system / PROBE_FILES;
}

/**
 * Waits (at most BENCH_SETTLE_S seconds, default 400; 0 skips) until creating a file costs what it does on a
 * quiet file system, and returns the last cost measured, to be printed beside the figures.
 */
export async function settleFileCreation(dir: string): Promise<number> {
  const deadline = Date.now() + Number(process.env.BENCH_SETTLE_S ?? 400) * 1000;
  let cost = fileCreationCost(dir);
  while (cost > SLOW_US && Date.now() + WAIT_S * 1000 <= deadline) {
    console.log(`  新建文件每个耗内核时间 ${cost.toFixed(0)} 微秒（不久前删除过大量文件，无日志 ext4 会逐个跳过刚释放的 inode），${WAIT_S} 秒后重测…`);
    await sleep(WAIT_S * 1000);
    cost = fileCreationCost(dir);
  }
  return cost;
}

export const fileCreationLine = (cost: number) =>
  `  测量前新建文件每个耗内核时间 ${cost.toFixed(0)} 微秒` +
  (cost > SLOW_US ? `（仍高于 ${SLOW_US} 微秒：不久前删除过大量文件，下面涉及写文件的数字偏低）` : '（文件系统平静）');
