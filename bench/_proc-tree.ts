// Figures for a whole process tree (a bench variant and the browsers it starts), read from /proc on Linux.
// A variant's own process.cpuUsage() and maxRSS leave out Chromium, which does most of a render's work in
// its own processes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number | 'self'): string[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // exited between listing and reading
  }
}

const TICKS_PER_SEC = 100; // USER_HZ on Linux

/**
 * CPU seconds of the children this process has waited for, with everything they in turn waited for
 * (cutime + cstime): after a variant's process exits, the delta covers it and its reaped browsers.
 */
export function reapedChildrenCpuSec(): number {
  const f = statFields('self');
  return f ? (Number(f[13]) + Number(f[14])) / TICKS_PER_SEC : 0;
}

const HAS_PSS = existsSync('/proc/self/smaps_rollup');

/**
 * A process's proportional set size (kB): its private pages plus its share of pages it shares. Chromium's
 * processes share most of their libraries; summing their resident sets would count those once per process.
 * Where the kernel has PSS but a process's cannot be read, the process is exiting and its memory is going: 0, not
 * its resident set, which counts in full the libraries its siblings still hold (a closing browser's renderers
 * once added ~150 MB each to a sample, the night's "peak").
 */
function pssKb(pid: number): number | null {
  if (!HAS_PSS) return null;
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Every live process under `root` (itself included), with its memory (PSS, or RSS on kernels without it; kB) and CPU seconds so far. */
export function treeNow(root: number): Array<{ pid: number; memKb: number; cpuSec: number }> {
  const parent = new Map<number, number>();
  const stats = new Map<number, string[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    if (!f) continue;
    parent.set(Number(name), Number(f[1]));
    stats.set(Number(name), f);
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  const pageKb = 4;
  return [...stats]
    .filter(([pid]) => inTree(pid))
    .map(([pid, f]) => ({ pid, memKb: pssKb(pid) ?? Number(f[21]) * pageKb, cpuSec: (Number(f[11]) + Number(f[12])) / TICKS_PER_SEC }));
}

export interface TreeSampler {
  /**
   * Stops sampling: the highest sum of the tree's memory seen (MB), the root process's own share of it (the rest
   * is the browsers it started), and the CPU seconds of every process seen.
   */
  stop(): { peakMemMb: number; peakRootMb: number; sampledCpuSec: number };
}

/**
 * Samples the tree under `root` every `everyMs`. The peak is of the sum of the processes' PSS at one instant
 * (a peak between samples is missed); the CPU misses at most the last interval of each process.
 */
export function sampleTree(root: number, everyMs = 100): TreeSampler {
  let peakKb = 0;
  let peakRootKb = 0;
  const cpu = new Map<number, number>();
  const sample = () => {
    const procs = treeNow(root);
    const kb = procs.reduce((a, p) => a + p.memKb, 0);
    if (kb > peakKb) [peakKb, peakRootKb] = [kb, procs.find((p) => p.pid === root)?.memKb ?? 0];
    for (const p of procs) cpu.set(p.pid, p.cpuSec);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakMemMb: peakKb / 1024, peakRootMb: peakRootKb / 1024, sampledCpuSec: [...cpu.values()].reduce((a, b) => a + b, 0) };
    },
  };
}
