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

  it('rebuilds column_visits for the blocked outcome keeping every visit and the references to it, foreign keys on again', () => {
    const path = tmpDb();
    const old = new Database(path);
    old.pragma('foreign_keys = ON');
    migrate(old, path, 5);
    const now = new Date().toISOString();
    old.prepare("INSERT INTO units (id, name, kind, updated_at) VALUES ('u1', '测试街道', '镇街', ?)").run(now);
    old.prepare("INSERT INTO columns (id, unit_id, stable_key, name, url, class, class_source, created_at, updated_at) VALUES (1, 'u1', 'k', '通知公告', 'http://p.test/a/', '通知公告', 'plan', ?, ?)").run(now, now);
    old.prepare("INSERT INTO crawl_runs (id, kind, started_at, status) VALUES (1, 'nightly', ?, 'ok')").run(now);
    old.prepare("INSERT INTO fetches (id, url, final_url, fetched_at, fetcher, prev_hash, record_hash) VALUES (1, 'http://p.test/a/', 'http://p.test/a/', ?, 'http', 'g', 'h1')").run(now);
    old.prepare("INSERT INTO column_visits (id, run_id, column_id, started_at, outcome, coverage, fault, layout, error) VALUES (7, 1, 1, ?, 'unreachable', NULL, 'site', 'list', 'robots.txt 禁止')").run(now);
    old.prepare('INSERT INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (7, 1, 1)').run();
    const before = old.prepare('SELECT * FROM column_visits').all();
    old.close();

    const db = openDb(path);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT * FROM column_visits').all()).toEqual(before.map((v) => ({ ...(v as object), blocked_by: null })));
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare("UPDATE column_visits SET outcome = 'blocked', blocked_by = 'robots' WHERE id = 7").run();
    expect(() => db.prepare("UPDATE column_visits SET blocked_by = 'waf' WHERE id = 7").run()).toThrow(/CHECK/);
    // visit_fetches still points at the rebuilt table, and foreign keys hold it there.
    expect(() => db.prepare('INSERT INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (99, 1, 1)').run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name = 'column_visits_column'").get()).toEqual({ n: 1 });
    db.close();
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
