import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDb, backupFileName, defaultBackupDir, listBackups, walCheckpoint } from '../../src/store/backup.ts';
import { openDb, type DB } from '../../src/store/db.ts';
import { choreJobs } from '../../src/schedule/chores.ts';
import { runExclusive } from '../../src/schedule/run.ts';
import { SettingsSchema } from '../../src/config/settings.ts';
import { tmpDir } from './helpers.ts';

function counts(db: Database.Database): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** A store with rows in the main tables, written through the WAL (nothing checkpointed yet). */
function populated(): { db: DB; path: string } {
  const path = join(tmpDir(), 'zwgk.db');
  const db = openDb(path);
  db.pragma('wal_autocheckpoint = 0');
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO units (id, name, kind, updated_at) VALUES ('xinchang', '新厂街道办事处', '镇街', ?)`).run(now);
  db.prepare(
    `INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, created_at, updated_at)
     VALUES ('xinchang', 'xinchang/gzdt', '工作动态', 'http://portal.test/gzdt/', '动态要闻', 'plan', ?, ?)`,
  ).run(now, now);
  db.prepare(`INSERT INTO crawl_runs (started_at, status) VALUES (?, 'ok')`).run(now);
  const fetch = db.prepare(
    `INSERT INTO fetches (run_id, url, final_url, fetched_at, fetcher, body_sha256, prev_hash, record_hash)
     VALUES (1, ?, ?, ?, 'http', ?, ?, ?)`,
  );
  const item = db.prepare(
    `INSERT INTO items (column_id, url, url_key, title, published_at, first_seen_at, last_seen_at, first_seen_fetch_id)
     VALUES (1, ?, ?, ?, '2026-05-12', ?, ?, ?)`,
  );
  for (let i = 0; i < 300; i++) {
    const url = `http://portal.test/gzdt/${i}.html`;
    const id = Number(fetch.run(url, url, now, `sha${i}`, `prev${i}`, `rec${i}`).lastInsertRowid);
    item.run(url, url, `关于开展第${i}次政务公开检查的通知`, now, now, id);
  }
  db.prepare(`INSERT INTO job_runs (job, started_at, status) VALUES ('nightly', ?, 'ok')`).run(now);
  return { db, path };
}

describe('database backup', () => {
  it('writes a backup that restores to the same row counts in every table and passes integrity_check', async () => {
    const { db, path } = populated();
    const dir = defaultBackupDir(path);
    const r = await backupDb(db, dir, { keep: 7, now: new Date('2026-06-01T18:30:05Z') });
    expect(basename(r.file)).toBe('zwgk-20260602-023005.db');
    expect(r.bytes).toBeGreaterThan(0);
    // Self-contained: no -wal file needed beside it.
    expect(existsSync(`${r.file}-wal`)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    // Restoring = putting the file where the store expects it; zwgk opens it as is.
    const restoredPath = join(tmpDir(), 'restored.db');
    copyFileSync(r.file, restoredPath);
    const restored = openDb(restoredPath);
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    const original = counts(db);
    expect(original.items).toBe(300);
    expect(counts(restored)).toEqual(original);
    expect(restored.pragma('user_version', { simple: true })).toBe(db.pragma('user_version', { simple: true }));
    restored.close();
    db.close();
  });

  it('keeps only the newest N backups', async () => {
    const { db, path } = populated();
    const dir = defaultBackupDir(path);
    const days = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04'];
    let last;
    for (const d of days) last = await backupDb(db, dir, { keep: 2, now: new Date(`${d}T20:00:00Z`) });
    expect(last?.removed.map((f) => basename(f))).toEqual(['zwgk-20260603-040000.db']);
    expect(listBackups(dir).map((f) => basename(f))).toEqual(['zwgk-20260604-040000.db', 'zwgk-20260605-040000.db']);
    db.close();
  });

  it('names backups by Asia/Shanghai wall time', () => {
    expect(backupFileName(new Date('2026-12-31T16:00:00Z'))).toBe('zwgk-20270101-000000.db');
  });

  it('the backup chore records its file in job_runs', async () => {
    const { db } = populated();
    const chores = choreJobs({ db, settings: SettingsSchema.parse({ retention: { backups: 3 } }), snapshotFiles: () => [] });
    const r = await runExclusive({ db, job: 'backup', trigger: 'cli', fn: chores.backup });
    expect(r.status).toBe('ok');
    expect(r.detail).toMatch(/已备份到 .*zwgk-\d{8}-\d{6}\.db.*完整性检查通过.*保留最新 3 个/);
    db.close();
  });
});

describe('WAL checkpoint', () => {
  it('writes the WAL back and truncates it', async () => {
    const { db, path } = populated();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    const r = walCheckpoint(db);
    expect(r.busy).toBe(0);
    expect(r.checkpointed).toBe(r.log);
    expect(statSync(`${path}-wal`).size).toBe(0);
    const chores = choreJobs({ db, settings: SettingsSchema.parse({}), snapshotFiles: () => [] });
    expect((await chores.walCheckpoint({} as never)).detail).toMatch(/截断日志文件/);
    db.close();
  });
});
