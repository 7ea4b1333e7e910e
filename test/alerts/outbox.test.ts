import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simpleParser, type AddressObject } from 'mailparser';
import { decideColumn } from '../../src/alerts/decide.ts';
import { deliverDue, enqueueUnit, messageIdFor, ownerGoneOnThisHost, smtpMailer, type Mailer } from '../../src/alerts/outbox.ts';
import { hostname } from 'node:os';
import { countOutbox, listOutbox, reclaimSending } from '../../src/store/alerts.ts';
import { openDb, type DB } from '../../src/store/db.ts';
import type { AlertLine, UnitInfo } from '../../src/alerts/types.ts';
import { obs, seededDb, startSmtp, tmpDbPath, XINCHANG, type TestSmtp } from './helpers.ts';

const DAY = '2026-11-26';
const FROM = 'zwgk@example.gov.cn';
const OFFICE = 'office@example.gov.cn';
const OPTS = { baseUrl: 'https://zwgk.example.gov.cn', officeEmail: OFFICE, from: FROM, now: '2026-11-26T02:00:00.000Z' };
const HOSTILE = '动态<a href="http://evil.example/">点我</a><script>alert(1)</script>';

const UNITS: UnitInfo[] = [
  XINCHANG,
  { id: 'lishan', name: '里山镇人民政府', contacts: [{ name: '王五', email: 'wangwu@example.org' }] },
  { id: 'jiaoyu', name: '区教育局', contacts: [{ name: '赵六', email: 'zhaoliu@example.org' }] },
];

function line(unitId: string, columnId: number, level: 'warning' | 'overdue', columnName = '工作动态'): AlertLine {
  return decideColumn(undefined, obs({ unitId, columnId, level, columnName }), { day: DAY, reminderEveryDays: 7 }).line!;
}

/** Three units, one digest each: xinchang has a 超期 line (office CC'd), the others only 预警. */
function setup(path = tmpDbPath()): DB {
  const db = seededDb(UNITS.map((u) => ({ id: u.id, name: u.name, columns: ['工作动态', '通知公告'] })), path);
  enqueueUnit(db, UNITS[0], DAY, [line('xinchang', 1, 'warning', HOSTILE), line('xinchang', 2, 'overdue', '通知公告')], OPTS);
  enqueueUnit(db, UNITS[1], DAY, [line('lishan', 3, 'warning')], OPTS);
  enqueueUnit(db, UNITS[2], DAY, [line('jiaoyu', 5, 'warning')], OPTS);
  return db;
}

const expectedIds = (db: DB) => listOutbox(db).map((r) => r.messageId).sort();
function countsById(s: TestSmtp): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of s.accepted) out[m.messageId] = (out[m.messageId] ?? 0) + 1;
  return out;
}
const clock = (iso: string) => {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
};

let servers: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function smtp(b: Parameters<typeof startSmtp>[0] = {}): Promise<TestSmtp> {
  const s = await startSmtp(b);
  servers.push(s);
  return s;
}

describe('delivery to a real SMTP server', () => {
  it('sends one digest per unit with the right recipients, headers and escaped content; a re-run sends nothing', async () => {
    const db = setup();
    const s = await smtp();
    const r = await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30 });
    expect(r).toMatchObject({ sent: 3, retrying: 0, failed: 0, stopped: null });
    expect(s.accepted).toHaveLength(3);

    const mails = await Promise.all(s.accepted.map(async (m) => ({ env: m, mail: await simpleParser(m.raw) })));
    const byTo = (addr: string) => mails.find((x) => (x.mail.to as AddressObject).value.some((v) => v.address === addr))!;
    const x = byTo('zhangsan@example.org');
    expect((x.mail.to as AddressObject).value.map((v) => v.address)).toEqual(['zhangsan@example.org', 'lisi@example.org']);
    expect((x.mail.cc as AddressObject).value.map((v) => v.address)).toEqual([OFFICE]);
    expect(x.env.rcpt.sort()).toEqual(['lisi@example.org', OFFICE, 'zhangsan@example.org'].sort());
    expect(x.env.from).toBe(FROM);
    expect(x.mail.subject).toBe('【政务公开预警】新厂街道办事处：1 个栏目即将超期、1 个栏目已超期（2026-11-26）');
    expect(x.mail.messageId).toBe(messageIdFor('xinchang|2026-11-26', FROM));
    expect(x.mail.text).toContain('「通知公告」（动态要闻，更新时限 14 天）：最近一次更新 2026-11-10，已 16 天未更新，已于 2026-11-25 超期');
    expect(x.mail.text).toContain('详情：https://zwgk.example.gov.cn/units/xinchang');
    expect(x.mail.text).toContain(HOSTILE);
    const html = String(x.mail.html);
    expect(html).not.toMatch(/<script|<a href="http:\/\/evil/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://zwgk.example.gov.cn/units/xinchang">查看详情</a>');

    // Warnings only: no CC, the office is not a recipient.
    const l = byTo('wangwu@example.org');
    expect(l.mail.cc).toBeUndefined();
    expect(l.env.rcpt).toEqual(['wangwu@example.org']);

    // Re-running the delivery or the enqueue (a double click, a repeated night) sends nothing more.
    expect(await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30 })).toMatchObject({ sent: 0 });
    expect(enqueueUnit(db, UNITS[0], DAY, [line('xinchang', 1, 'warning', HOSTILE), line('xinchang', 2, 'overdue', '通知公告')], OPTS)).toBeNull();
    expect(await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30 })).toMatchObject({ sent: 0 });
    expect(s.accepted).toHaveLength(3);
    expect(countOutbox(db)).toEqual({ pending: 0, sending: 0, sent: 3, failed: 0 });
  });

  it('two senders at once (two processes, a double click) send each digest exactly once', async () => {
    const path = tmpDbPath();
    setup(path).close();
    const s = await smtp({ onMessage: () => new Promise((r) => setTimeout(() => r(null), 20)) });
    const a = openDb(path);
    const b = openDb(path);
    const [ra, rb] = await Promise.all([
      deliverDue(a, smtpMailer(s.url), { from: FROM, maxPerMinute: 30 }),
      deliverDue(b, smtpMailer(s.url), { from: FROM, maxPerMinute: 30 }),
    ]);
    expect(ra.sent + rb.sent).toBe(3);
    expect(Object.values(countsById(s))).toEqual([1, 1, 1]);
  });

  it('a new line later the same day joins the unsent digest, or starts a second one once the first was sent', async () => {
    const db = setup();
    expect(enqueueUnit(db, UNITS[1], DAY, [line('lishan', 4, 'overdue', '通知公告')], OPTS)!.subject).toBe(
      '【政务公开预警】里山镇人民政府：1 个栏目即将超期、1 个栏目已超期（2026-11-26）',
    );
    expect(listOutbox(db, { unitId: 'lishan' })).toHaveLength(1);
    const s = await smtp();
    await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30 });
    const later = enqueueUnit(db, UNITS[1], DAY, [line('lishan', 3, 'overdue')], OPTS)!;
    expect(later.key).toBe('lishan|2026-11-26#2');
    expect(later.lines).toHaveLength(1);
  });
});

describe('SMTP trouble', () => {
  it('421 on connect for a while: the pass stops, rows wait with backoff, nothing is lost, one message per key', async () => {
    const db = setup();
    const s = await smtp({ onConnect: (n) => (n <= 2 ? { code: 421, message: 'Service not available, try later' } : null) });
    const c = clock('2026-11-26T02:00:00Z');
    const opts = { from: FROM, maxPerMinute: 30, now: c.now };

    const r1 = await deliverDue(db, smtpMailer(s.url), opts);
    expect(r1).toMatchObject({ sent: 0, retrying: 1 });
    expect(r1.stopped).toMatch(/邮件服务器暂时不可用.*421/);
    const first = listOutbox(db).find((r) => r.attempts === 1)!;
    expect(first).toMatchObject({ status: 'pending', nextAttemptAt: '2026-11-26T02:01:00.000Z' });
    expect(first.lastError).toMatch(/421/);
    expect(countOutbox(db)).toEqual({ pending: 3, sending: 0, sent: 0, failed: 0 });

    const r2 = await deliverDue(db, smtpMailer(s.url), opts); // the first row is not due yet; the next one meets 421
    expect(r2).toMatchObject({ sent: 0, retrying: 1 });
    c.advance(61_000);
    const r3 = await deliverDue(db, smtpMailer(s.url), opts);
    expect(r3).toMatchObject({ sent: 3, stopped: null });
    expect(Object.keys(countsById(s)).sort()).toEqual(expectedIds(db));
    expect(Object.values(countsById(s))).toEqual([1, 1, 1]);
  });

  it('backoff doubles per attempt', async () => {
    const db = setup();
    const s = await smtp({ onConnect: () => ({ code: 421, message: 'busy' }) });
    const c = clock('2026-11-26T02:00:00Z');
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30, now: c.now });
      const row = listOutbox(db).find((r) => r.id === 1)!;
      waits.push(Date.parse(row.nextAttemptAt!) - c.now().getTime());
      c.advance(Date.parse(row.nextAttemptAt!) - c.now().getTime());
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('451 for one message: the others go out in the same pass, that one later; exactly one each', async () => {
    const db = setup();
    const target = messageIdFor('lishan|2026-11-26', FROM);
    let refused = 0;
    const s = await smtp({ onMessage: (m) => (m.messageId === target && refused++ < 1 ? { code: 451, message: 'Greylisted, try again' } : null) });
    const c = clock('2026-11-26T02:00:00Z');
    const r1 = await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30, now: c.now });
    expect(r1).toMatchObject({ sent: 2, retrying: 1, stopped: null });
    c.advance(60_000);
    expect(await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30, now: c.now })).toMatchObject({ sent: 1 });
    expect(Object.values(countsById(s))).toEqual([1, 1, 1]);
    expect(s.messagesSeen).toBe(4);
  });

  it('a dead server (connection refused) loses nothing: rows stay pending and go out once it is back', async () => {
    const db = setup();
    const dead = await startSmtp();
    await dead.close();
    const r = await deliverDue(db, smtpMailer(dead.url), { from: FROM, maxPerMinute: 30 });
    expect(r.sent).toBe(0);
    expect(r.stopped).toMatch(/暂时不可用/);
    expect(countOutbox(db)).toEqual({ pending: 3, sending: 0, sent: 0, failed: 0 });
    const s = await smtp();
    const later = new Date(Date.now() + 3600_000);
    expect(await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30, now: () => later })).toMatchObject({ sent: 3 });
    expect(Object.values(countsById(s))).toEqual([1, 1, 1]);
  });

  it('550 is permanent: status failed with the reply kept, never retried', async () => {
    const db = setup();
    const target = messageIdFor('jiaoyu|2026-11-26', FROM);
    const s = await smtp({ onMessage: (m) => (m.messageId === target ? { code: 550, message: 'Mailbox unavailable' } : null) });
    const c = clock('2026-11-26T02:00:00Z');
    const r = await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30, now: c.now });
    expect(r).toMatchObject({ sent: 2, failed: 1, retrying: 0 });
    const [failed] = listOutbox(db, { status: 'failed' });
    expect(failed).toMatchObject({ unitId: 'jiaoyu', attempts: 1, nextAttemptAt: null });
    expect(failed.lastError).toMatch(/550.*Mailbox unavailable/);
    const seen = s.messagesSeen;
    c.advance(7 * 86_400_000);
    expect(await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30, now: c.now })).toMatchObject({ sent: 0, failed: 0 });
    expect(s.messagesSeen).toBe(seen);
  });
});

describe('rate limit', () => {
  it('never sends more than maxPerMinute in any rolling minute', async () => {
    const db = setup();
    for (const [i, u] of UNITS.entries()) enqueueUnit(db, u, '2026-11-27', [line(u.id, i * 2 + 1, 'overdue')], OPTS);
    const c = clock('2026-11-27T02:00:00Z');
    const sentAt: number[] = [];
    const mailer: Mailer = {
      sendMail: async () => {
        sentAt.push(c.now().getTime());
        c.advance(1_000);
        return { accepted: ['x'], rejected: [] };
      },
    };
    const sleeps: number[] = [];
    const r = await deliverDue(db, mailer, { from: FROM, maxPerMinute: 2, now: c.now, sleep: async (ms) => (sleeps.push(ms), c.advance(ms)) });
    expect(r.sent).toBe(6);
    for (let i = 2; i < sentAt.length; i++) expect(sentAt[i] - sentAt[i - 2]).toBeGreaterThanOrEqual(60_000);
    expect(sleeps).toEqual([58_000, 58_000]);
  });
});

describe('SIGKILL while sending', () => {
  const child = fileURLToPath(new URL('./fixtures/deliver-child.ts', import.meta.url));
  function spawnSender(path: string, url: string): { proc: ChildProcess; exited: Promise<number | null> } {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, path, url], { stdio: 'ignore' });
    return { proc, exited: new Promise((r) => proc.on('exit', (_code, signal) => r(signal === 'SIGKILL' ? 9 : _code))) };
  }

  async function scenario(acceptBeforeKill: boolean) {
    const path = tmpDbPath();
    const db = setup(path);
    let sender: ReturnType<typeof spawnSender>;
    const s = await smtp({
      // The second message: the sender is killed while the server holds it. Then the server either commits
      // it (answers 250 into the closed connection) or drops it, as a real server would on a lost connection.
      onMessage: async (_m, n) => {
        if (n !== 2) return null;
        sender.proc.kill('SIGKILL');
        await sender.exited;
        return acceptBeforeKill ? null : { code: 451, message: 'connection lost before commit' };
      },
    });
    sender = spawnSender(path, s.url);
    expect(await sender.exited).toBe(9);

    const mid = listOutbox(db).sort((a, b) => a.id - b.id);
    expect(mid.map((r) => r.status)).toEqual(['sent', 'sending', 'pending']);

    const r = await deliverDue(db, smtpMailer(s.url), { from: FROM, maxPerMinute: 30 });
    expect(r).toMatchObject({ reclaimed: 1, sent: 2, failed: 0 });
    expect(countOutbox(db)).toEqual({ pending: 0, sending: 0, sent: 3, failed: 0 });
    return { counts: countsById(s), rows: listOutbox(db).sort((a, b) => a.id - b.id) };
  }

  it('killed before the server accepted: the re-run sends the stuck digest; every key exactly once', async () => {
    const { counts, rows } = await scenario(false);
    expect(Object.keys(counts).sort()).toEqual(rows.map((r) => r.messageId).sort());
    expect(Object.values(counts)).toEqual([1, 1, 1]);
  });

  it('killed after the server accepted but before "sent" was recorded: that one digest arrives twice with the same Message-ID (the documented at-least-once case), nothing else duplicates', async () => {
    const { counts, rows } = await scenario(true);
    expect(counts[rows[0].messageId]).toBe(1);
    expect(counts[rows[1].messageId]).toBe(2);
    expect(counts[rows[2].messageId]).toBe(1);
    expect(rows[1].attempts).toBe(2);
  });
});

describe('crash recovery bookkeeping', () => {
  it("a 'sending' row is reclaimed when its local owner is dead or its lease is over, never while a live sender holds it", () => {
    const db = setup();
    const claim = db.prepare("UPDATE alerts_outbox SET status = 'sending', claimed_by = ?, next_attempt_at = ? WHERE id = ?");
    claim.run(`${hostname()}:${process.pid}`, '2026-11-26T02:10:00.000Z', 1); // this very process: alive
    claim.run('other-host:4242', '2026-11-26T02:10:00.000Z', 2); // another machine: only the lease frees it
    claim.run(`${hostname()}:${2 ** 22 + 12345}`, '2026-11-26T02:10:00.000Z', 3); // a pid that cannot exist here
    expect(ownerGoneOnThisHost(`${hostname()}:${process.pid}`)).toBe(false);
    expect(reclaimSending(db, '2026-11-26T02:05:00.000Z', ownerGoneOnThisHost)).toBe(1);
    expect(listOutbox(db).filter((r) => r.status === 'sending').map((r) => r.id).sort()).toEqual([1, 2]);
    expect(reclaimSending(db, '2026-11-26T02:10:00.000Z', ownerGoneOnThisHost)).toBe(2);
    expect(countOutbox(db)).toMatchObject({ sending: 0, pending: 3 });
  });

  it('gives a row up as failed after maxAttempts transient failures, keeping the last reply', async () => {
    const db = setup();
    const c = clock('2026-11-26T02:00:00Z');
    const mailer: Mailer = { sendMail: async () => Promise.reject(Object.assign(new Error('451 busy'), { responseCode: 451, response: '451 4.3.0 busy' })) };
    for (let i = 0; i < 3; i++) {
      await deliverDue(db, mailer, { from: FROM, maxPerMinute: 30, now: c.now, maxAttempts: 3 });
      c.advance(3600_000);
    }
    const rows = listOutbox(db);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['failed', 3], ['failed', 3], ['failed', 3]]);
    expect(rows[0].lastError).toBe('重试 3 次仍未发出：451 4.3.0 busy');
  });
});
