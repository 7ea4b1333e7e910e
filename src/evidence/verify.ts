import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { DB } from '../store/index.ts';
import { iterateFetches } from '../store/index.ts';
import { GENESIS, recordHash } from './chain.ts';
import { listSnapshots, sha256 } from './snapshots.ts';

export type ProblemKind = 'snapshot-changed' | 'snapshot-missing' | 'row-changed' | 'chain-broken' | 'rows-missing';

export interface VerifyProblem {
  kind: ProblemKind;
  fetchId?: number;
  sha256?: string;
  /** In Chinese, for the user. */
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  rows: number;
  snapshots: number;
  /** The newest record hash: note it down; a later verify showing the same head proves nothing was cut off. */
  head: string | null;
  problems: VerifyProblem[];
}

/** Re-hashes every snapshot and recomputes the whole hash chain. */
export function verifyEvidence(db: DB, snapshotsDir: string): VerifyReport {
  const problems: VerifyProblem[] = [];
  const present = new Set<string>();
  for (const [sha, path] of listSnapshots(snapshotsDir)) {
    present.add(sha);
    let actual: string;
    try {
      actual = sha256(gunzipSync(readFileSync(path)));
    } catch (err) {
      problems.push({ kind: 'snapshot-changed', sha256: sha, message: `快照 ${path} 无法解压（文件已损坏或被改动）：${(err as Error).message}` });
      continue;
    }
    if (actual !== sha) {
      problems.push({ kind: 'snapshot-changed', sha256: sha, message: `快照 ${path} 的内容已被改动：解压后 SHA-256 为 ${actual}，与文件名不符。` });
    }
  }

  let prevHash = GENESIS;
  let prevId = 0;
  let rows = 0;
  for (const row of iterateFetches(db)) {
    rows++;
    if (row.id !== prevId + 1) {
      const gap = row.id - prevId - 1;
      problems.push({
        kind: 'rows-missing',
        fetchId: row.id,
        message: prevId ? `抓取记录 #${prevId} 与 #${row.id} 之间缺少 ${gap} 条记录（已被删除）。` : `抓取记录 #${row.id} 之前缺少 ${gap} 条记录（已被删除）。`,
      });
    }
    if (row.prev_hash !== prevHash) {
      problems.push({
        kind: 'chain-broken',
        fetchId: row.id,
        message: `哈希链在抓取记录 #${row.id} 处断开：它记下的前一哈希与${prevId ? `记录 #${prevId}` : '链首'}的哈希不符（中间的记录被删除或改动过）。`,
      });
    }
    const expected = recordHash(row.prev_hash, row);
    if (expected !== row.record_hash) {
      problems.push({ kind: 'row-changed', fetchId: row.id, message: `抓取记录 #${row.id}（${row.url}）在写入后被改动：重新计算的记录哈希与保存的不符。` });
    }
    for (const sha of [row.body_sha256, row.screenshot_sha256]) {
      if (sha && !present.has(sha)) {
        problems.push({ kind: 'snapshot-missing', fetchId: row.id, sha256: sha, message: `抓取记录 #${row.id}（${row.url}）引用的快照 ${sha} 不存在。` });
      }
    }
    // Continue from the stored hash, so one edited row is reported once rather than breaking every later link.
    prevHash = row.record_hash;
    prevId = row.id;
  }
  return { ok: problems.length === 0, rows, snapshots: present.size, head: rows ? prevHash : null, problems };
}

export function formatVerifyReport(r: VerifyReport): string {
  const lines = [`已检查 ${r.rows} 条抓取记录、${r.snapshots} 个快照文件。`];
  if (r.head) lines.push(`哈希链末端：${r.head}（可另行记下，日后核对证据没有被截去）`);
  if (r.ok) {
    lines.push('校验通过：全部快照与哈希链完好。');
  } else {
    lines.push(`发现 ${r.problems.length} 个问题：`);
    for (const p of r.problems) lines.push(`  - ${p.message}`);
  }
  return lines.join('\n');
}
