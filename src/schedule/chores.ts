import type { Settings } from '../config/index.ts';
import type { DB } from '../store/index.ts';
import { backupDb, defaultBackupDir, walCheckpoint } from '../store/index.ts';
import { pruneSnapshots } from './retention.ts';
import type { JobFn } from './run.ts';

export interface ChoreOptions {
  db: DB;
  settings: Pick<Settings, 'retention'>;
  /** Where backups go; default data/backups/ beside the DB file. */
  backupDir?: string;
  /** The evidence module's file layout: the files a snapshot hash is stored under. */
  snapshotFiles(sha256: string): string[];
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** The three server chores as jobs for the scheduler (or runExclusive from the CLI). */
export function choreJobs(opts: ChoreOptions): { walCheckpoint: JobFn; backup: JobFn; retention: JobFn } {
  const { db } = opts;
  return {
    async walCheckpoint() {
      const r = walCheckpoint(db);
      if (r.log < 0) return { detail: '数据库不是 WAL 模式，无需检查点' };
      return r.busy
        ? { detail: `日志中 ${r.log} 页已写回 ${r.checkpointed} 页；仍有读写占用，未能截断日志，下次再试` }
        : { detail: `已将 ${r.checkpointed} 页日志写回数据库并截断日志文件` };
    },
    async backup() {
      const r = await backupDb(db, opts.backupDir ?? defaultBackupDir(db.name), { keep: opts.settings.retention.backups });
      const removed = r.removed.length ? `，删除较早的备份 ${r.removed.length} 个` : '';
      return { detail: `已备份到 ${r.file}（${mb(r.bytes)}，完整性检查通过）${removed}；保留最新 ${opts.settings.retention.backups} 个` };
    },
    async retention() {
      const days = opts.settings.retention.snapshotDays;
      if (days === 0) return { detail: '快照保留天数设为 0（全部保留），未删除任何快照' };
      const r = pruneSnapshots(db, { days, filesOf: opts.snapshotFiles });
      return {
        detail:
          `删除 ${r.cutoff} 之前且未被任何条目、栏目访问、问题或评分证据引用的快照：` +
          `${r.prunedFetches} 条抓取记录标记为已清理，删除文件 ${r.deletedFiles} 个，释放 ${mb(r.freedBytes)}`,
      };
    },
  };
}
