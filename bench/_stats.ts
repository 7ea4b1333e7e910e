// What every benchmark shares: the median of its runs, a fixed-concurrency work loop, and throughput
// figures for one process (CPU time and peak RSS are the process's own).

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs work(0) … work(n - 1) with `concurrency` of them in flight at a time. */
export async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

export interface Figures {
  pages: number;
  pagesPerSec: number;
  cpuSecPer1000: number;
  peakRssMb: number;
  /** Of cpuSecPer1000, the share spent in the kernel (syscalls: fsync, file creation, sockets). */
  systemShare: number;
}

/** Figures for `work`, which handles pages() pages (read once it is done). */
export async function measure(pages: () => number, work: () => Promise<unknown>): Promise<Figures> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const n = pages();
  return {
    pages: n,
    pagesPerSec: n / secs,
    cpuSecPer1000: ((cpu.user + cpu.system) / 1e6 / n) * 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    systemShare: cpu.system / (cpu.user + cpu.system),
  };
}
