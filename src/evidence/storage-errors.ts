import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// What an assessor or an operator can do about each way the disk refuses a snapshot.
const FIX_SPACE = '清理磁盘空间（或缩短 retention.snapshotDays 让旧快照按期清理），或用 --snapshots / ZWGK_SNAPSHOTS 指定空间充足的目录';
const FIX_ACCESS = '修改该目录的权限（运行 zwgk 的用户须能写入），或用 --snapshots / ZWGK_SNAPSHOTS 指定可写目录';

const REASONS: Record<string, [string, string]> = {
  ENOSPC: ['磁盘空间不足', FIX_SPACE],
  EDQUOT: ['超出磁盘配额', FIX_SPACE],
  EACCES: ['没有写入权限', FIX_ACCESS],
  EPERM: ['没有写入权限', FIX_ACCESS],
  EROFS: ['所在文件系统为只读', FIX_ACCESS],
  ENOTDIR: ['路径中有一段不是目录', FIX_ACCESS],
  EEXIST: ['路径已被同名文件占用', FIX_ACCESS],
};

// A system error's code (ENOSPC, EACCES …), not Node's own (ERR_…). Errors from a pool thread arrive without
// their `code`, but the message still starts with it ("ENOSPC: no space left on device, write").
const codeOf = (err: unknown) => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? /^(E[A-Z]+)\b/.exec((err as Error | undefined)?.message ?? '')?.[1];
  return code && /^E[A-Z]+$/.test(code) ? code : undefined;
};

/** Why the disk refused a snapshot under `dir`, and what to do about it, in Chinese. */
export function describeStorageError(dir: string, err: unknown): { problem: string; fix: string } {
  const code = codeOf(err);
  const [reason, fix] = (code && REASONS[code]) || [`系统错误（${code ?? (err as Error | undefined)?.message ?? String(err)}）`, '检查该目录所在的磁盘与系统日志'];
  return { problem: `证据快照无法写入 ${dir}：${reason}`, fix };
}

/**
 * A snapshot could not be written, so the page's evidence is not kept. A column that ends on it shows the
 * operator the cause and the fix rather than a system error.
 */
export class SnapshotWriteError extends Error {
  override readonly name = 'SnapshotWriteError';
  constructor(dir: string, cause: unknown) {
    const { problem, fix } = describeStorageError(dir, cause);
    super(`${problem}。请${fix}。`, { cause });
  }
}

/**
 * The error a failed snapshot write becomes: the disk's refusals (errors with a system code) are explained,
 * anything else (a page thread that died) stays the program error it is.
 */
export const snapshotWriteFailure = (dir: string, err: unknown): unknown => (codeOf(err) ? new SnapshotWriteError(dir, err) : err);

/** Why `dir` cannot take snapshot files, or null when a probe file can be written there. */
export function snapshotsDirProblem(dir: string): { problem: string; fix: string } | null {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.probe-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
    return null;
  } catch (err) {
    return describeStorageError(dir, err);
  }
}
