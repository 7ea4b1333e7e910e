import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DB = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

interface Migration {
  version: number;
  name: string;
  sql: string;
}

function loadMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(MIGRATIONS_DIR, f), 'utf8') }));
}

export function latestSchemaVersion(): number {
  const all = loadMigrations();
  return all.length ? all[all.length - 1].version : 0;
}

/**
 * Applies pending migrations, each in its own transaction; refuses a DB written by newer code. `upTo` stops at
 * a version, to build a database as an older release left it.
 */
export function migrate(db: DB, file = '数据库', upTo = Infinity): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const migrations = loadMigrations();
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) {
    throw new Error(
      `${file} 的结构版本为 ${current}，高于本程序支持的 ${latest}：它由更新版本的 zwgk 创建。` +
        `请升级 zwgk 后再使用此数据库，或用 --db 指定另一个数据库文件。`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export interface OpenOptions {
  readonly?: boolean;
}

/** Opens (creating if needed) the store: WAL, foreign keys, busy timeout, migrations applied. */
export function openDb(path: string, opts: OpenOptions = {}): DB {
  if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: opts.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  if (!opts.readonly) {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db, path);
  }
  return db;
}

const statements = new WeakMap<DB, Map<string, Database.Statement>>();

/** A prepared statement, cached per connection: hot paths (a crawl saves thousands of rows) prepare once. */
export function stmt(db: DB, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}
