import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UnavailableError } from '../shared/errors.ts';

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
    // A migration that rebuilds a table other tables reference runs with foreign keys off (SQLite's own procedure:
    // the pragma is a no-op inside a transaction), and commits only if every reference still holds.
    const rebuild = m.sql.startsWith('-- zwgk: foreign_keys off');
    const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (rebuild && (db.pragma('foreign_key_check') as unknown[]).length) throw new Error(`${file}：迁移 ${m.name} 后有外键引用失效，未应用该迁移`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } finally {
      if (rebuild && enforced) db.pragma('foreign_keys = ON');
    }
  }
}

export interface OpenOptions {
  readonly?: boolean;
}

/** Opens (creating if needed) the store: WAL, foreign keys, busy timeout, migrations applied. */
export function openDb(path: string, opts: OpenOptions = {}): DB {
  let db: DB | undefined;
  try {
    if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { readonly: opts.readonly ?? false });
    db.pragma('busy_timeout = 10000');
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) {
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db, path);
    }
    return db;
  } catch (e) {
    db?.close();
    throw openError(path, e as NodeJS.ErrnoException);
  }
}

/** The driver's English ("unable to open database file") becomes what is wrong with the path and the fix. */
function openError(path: string, e: NodeJS.ErrnoException): Error {
  const where = `数据库文件 ${path}（--db、环境变量 ZWGK_DB 或设置文件的 db）`;
  if (existsSync(path) && statSync(path).isDirectory()) return new InputError(`${where}是一个目录：请指定一个文件，例如 data/zwgk.db。`);
  if (e.code === 'SQLITE_NOTADB') return new InputError(`${where}不是 SQLite 数据库（可能指错了文件）：请检查路径。`);
  if (e.code === 'ENOTDIR' || e.code === 'EEXIST') return new InputError(`${where}所在的路径中有一段是文件而不是目录：请检查路径。`);
  if (e.code === 'SQLITE_CANTOPEN' || e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS') {
    return new UnavailableError(`无法打开${where}：请检查该目录存在、当前用户有读写权限且磁盘不是只读的。`);
  }
  return e;
}

const statements = new WeakMap<DB, Map<string, Database.Statement>>();

/**
 * The store's one way to prepare a statement: cached per connection, so hot paths (a crawl saves thousands of
 * rows) prepare once and no module keeps statements of its own.
 */
export function stmt(db: DB, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/** What `zwgk doctor` checks of an open database: SQLite's quick integrity check and the journal mode. */
export function databaseHealth(db: DB): { integrity: unknown; journalMode: unknown } {
  return { integrity: db.pragma('quick_check', { simple: true }), journalMode: db.pragma('journal_mode', { simple: true }) };
}

/**
 * The database's own refusals (full disk, I/O error, read-only file, a writer that held the lock past the busy
 * timeout), in Chinese with what to do; null for any other error. They are the auditor's problem, never a unit's.
 */
export function databaseProblem(err: unknown): string | null {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked/i.test(message)) {
    return '数据库正忙（被其他操作长时间占用）。下次运行会重试；若反复出现，请检查是否有其他程序长时间写入数据库';
  }
  if (code === 'SQLITE_FULL' || /database or disk is full/i.test(message)) {
    return '数据库所在磁盘已满，无法写入。请清理该磁盘的空间（或按 README 调整快照保留天数）后重新运行';
  }
  if (code.startsWith('SQLITE_IOERR')) return `数据库读写出错（${message}）。请检查数据库所在磁盘后重新运行`;
  if (code.startsWith('SQLITE_READONLY')) return '数据库文件是只读的，无法写入。请检查数据库文件及其目录的权限后重新运行';
  return null;
}
