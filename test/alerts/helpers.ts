import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { openDb, type DB } from '../../src/store/db.ts';
import type { ColumnObservation, UnitInfo } from '../../src/alerts/types.ts';

export const tmpDbPath = (): string => join(mkdtempSync(join(tmpdir(), 'zwgk-alerts-')), 'z.db');

/** A store with units and columns (alert rows reference them). Column ids are 1..n in the order given. */
export function seededDb(units: { id: string; name: string; columns: string[] }[], path = tmpDbPath()): DB {
  const db = openDb(path);
  const now = '2026-11-01T00:00:00Z';
  for (const u of units) {
    db.prepare("INSERT INTO units (id, name, kind, updated_at) VALUES (?, ?, '镇街', ?)").run(u.id, u.name, now);
    for (const c of u.columns) {
      db.prepare(
        "INSERT INTO columns (unit_id, stable_key, name, url, class, class_source, created_at, updated_at) VALUES (?, ?, ?, 'http://127.0.0.1/x', '动态要闻', 'plan', ?, ?)",
      ).run(u.id, `${u.id}/${c}`, c, now, now);
    }
  }
  return db;
}

export function obs(p: Partial<ColumnObservation> & Pick<ColumnObservation, 'columnId' | 'level'>): ColumnObservation {
  return {
    unitId: 'xinchang',
    columnName: '工作动态',
    className: '动态要闻',
    episode: p.level === 'blank' ? 'blank' : 'since:2026-11-10',
    latestPublished: p.level === 'blank' ? null : '2026-11-10',
    ageDays: p.level === 'blank' ? null : 16,
    windowLabel: '14 天',
    breachDay: '2026-11-25',
    ...p,
  };
}

export const XINCHANG: UnitInfo = { id: 'xinchang', name: '新厂街道办事处', contacts: [{ name: '张三', email: 'zhangsan@example.org' }, { name: '李四', email: 'lisi@example.org' }] };

export interface Received {
  raw: Buffer;
  from: string;
  rcpt: string[];
  messageId: string;
}

export interface SmtpBehaviour {
  /** Called on each connection; return an SMTP error to refuse it (e.g. 421). */
  onConnect?(n: number): { code: number; message: string } | null;
  /**
   * Called once the whole message has arrived, before we answer. Return an error to refuse it, null to
   * accept. May be async (to stall the client, or kill it, before answering).
   */
  onMessage?(m: Received, n: number): Promise<{ code: number; message: string } | null> | { code: number; message: string } | null;
}

export interface TestSmtp {
  url: string;
  port: number;
  /** Messages we answered 250 to. */
  accepted: Received[];
  connections: number;
  messagesSeen: number;
  close(): Promise<void>;
}

function smtpError(e: { code: number; message: string }): Error {
  return Object.assign(new Error(e.message), { responseCode: e.code });
}

/** A real SMTP server on 127.0.0.1, port 0, no TLS, no auth. */
export async function startSmtp(b: SmtpBehaviour = {}): Promise<TestSmtp> {
  const t: TestSmtp = { url: '', port: 0, accepted: [], connections: 0, messagesSeen: 0, close: async () => {} };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, cb) {
      const n = ++t.connections;
      const refuse = b.onConnect?.(n);
      cb(refuse ? smtpError(refuse) : undefined);
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('utf8'))?.[1] ?? '';
        const m: Received = {
          raw,
          messageId,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcpt: session.envelope.rcptTo.map((r) => r.address),
        };
        const n = ++t.messagesSeen;
        const refuse = (await b.onMessage?.(m, n)) ?? null;
        if (refuse) return cb(smtpError(refuse));
        t.accepted.push(m);
        cb();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  t.port = (server.server.address() as { port: number }).port;
  t.url = `smtp://127.0.0.1:${t.port}`;
  t.close = () => new Promise<void>((r) => server.close(() => r()));
  return t;
}
