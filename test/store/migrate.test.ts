import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { latestSchemaVersion, migrate, openDb } from '../../src/store/db.ts';

const tmpDb = () => join(mkdtempSync(join(tmpdir(), 'zwgk-db-')), 'z.db');

describe('store migrations', () => {
  it('creates a fresh DB at the latest version, in WAL mode with foreign keys on', () => {
    const db = openDb(tmpDb());
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all().map((r: any) => r.name);
    for (const t of ['plans', 'units', 'columns', 'crawl_runs', 'fetches', 'items', 'findings', 'score_suggestions', 'score_decisions', 'alerts_outbox', 'users', 'sessions']) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it('re-running migrations is a no-op', () => {
    const path = tmpDb();
    openDb(path).close();
    const db = openDb(path);
    const before = db.prepare('SELECT count(*) n FROM sqlite_master').get();
    migrate(db);
    expect(db.prepare('SELECT count(*) n FROM sqlite_master').get()).toEqual(before);
    db.close();
  });

  it('refuses a DB written by newer code, with a Chinese message', () => {
    const path = tmpDb();
    const raw = new Database(path);
    raw.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    raw.close();
    expect(() => openDb(path)).toThrow(/高于本程序支持的.*请升级 zwgk/);
  });

  it('keeps score decisions append-only', () => {
    const db = openDb(tmpDb());
    const now = new Date().toISOString();
    db.prepare("INSERT INTO units (id, name, kind, updated_at) VALUES ('u1', '测试街道', '镇街', ?)").run(now);
    db.prepare("INSERT INTO score_decisions (unit_id, year, code, action, value, reason, at) VALUES ('u1', 2026, '公开内容-1', 'override', 26, '人工核实', ?)").run(now);
    expect(() => db.prepare('UPDATE score_decisions SET value = 30').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM score_decisions').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT value FROM score_decisions').get()).toEqual({ value: 26 });
    db.close();
  });
});
