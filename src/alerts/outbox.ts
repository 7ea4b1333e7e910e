/**
 * The SMTP outbox: digests are written to SQLite first and sent from there, so nothing decided is lost when
 * the mail server is down, and nothing is sent twice when a run is repeated.
 *
 * Delivery guarantees
 * - Enqueue is exactly-once per line: every line has an idempotency key (unit, column, episode, level, day)
 *   under a UNIQUE constraint (alerts_outbox_lines), inserted with INSERT OR IGNORE inside an IMMEDIATE
 *   transaction; the digest itself is keyed by unit + day. A re-run, two concurrent runs or a double click
 *   add nothing that is already there.
 * - Sending is at-least-once: a row is marked 'sending' (leased to host:pid) and committed BEFORE the SMTP
 *   transaction, and 'sent' after the server accepted it. If the process dies between "250 accepted" and
 *   "marked sent" — the one ambiguous window — the row stays 'sending'; the next run sees its owner is
 *   dead (or its lease expired) and sends it again. The copy carries the same Message-ID (derived from the
 *   digest key), so a duplicate is recognisable. Every other crash point loses nothing and duplicates nothing.
 * - 4xx replies and connection errors are transient: retried with exponential backoff (next_attempt_at);
 *   a connection error or 421 ends the pass (the server is down; the rest waits for the next run).
 *   5xx replies (nodemailer's `permanent`) are final: status 'failed', the reply kept in last_error for the
 *   dashboard. Authentication failures (535) are a configuration problem, not the message's: they stop the
 *   pass and keep the row pending.
 * - At most maxPerMinute messages leave per rolling minute.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { SendMailOptions, TransportOptions } from 'nodemailer';
import type { DB } from '../store/index.ts';
import * as store from '../store/index.ts';
import { renderDigest, type RenderOptions } from './render.ts';
import type { AlertLine, Digest, UnitInfo } from './types.ts';

export function messageIdFor(key: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'zwgk.invalid';
  return `<zwgk-alert-${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

/**
 * Adds one unit's lines for `day` to the outbox. Lines already enqueued (by key) are dropped; the rest join
 * the day's digest if it has not been attempted yet, else start a new one. Returns the digest or null.
 */
export function enqueueUnit(
  db: DB,
  unit: UnitInfo,
  day: string,
  lines: AlertLine[],
  opts: RenderOptions & { from: string; now?: string },
): Digest | null {
  return db
    .transaction(() => {
      const fresh = lines.filter((l) => !store.lineKeyExists(db, l.key));
      if (!fresh.length) return null;
      const pending = store.findPendingDigest(db, unit.id, day);
      let digest: Digest;
      let id: number;
      if (pending) {
        digest = renderDigest(unit, day, pending.key, [...pending.lines, ...fresh], opts);
        store.updatePendingDigest(db, pending.id, digest);
        id = pending.id;
      } else {
        const key = store.nextDigestKey(db, unit.id, day);
        digest = renderDigest(unit, day, key, fresh, opts);
        id = store.insertDigest(db, digest, messageIdFor(key, opts.from), opts.now ?? new Date().toISOString());
      }
      for (const l of fresh) store.insertLine(db, id, l, day);
      return digest;
    })
    .immediate();
}

/** The message for a digest; the same for sending and for --dry-run's .eml files. */
export function mailOptions(d: Pick<Digest, 'key' | 'to' | 'cc' | 'subject' | 'text' | 'html'>, from: string, messageId: string): SendMailOptions {
  return {
    from,
    to: d.to,
    cc: d.cc.length ? d.cc : undefined,
    subject: d.subject,
    text: d.text,
    html: d.html,
    messageId,
    headers: { 'X-Zwgk-Alert-Key': d.key },
  };
}

export interface Mailer {
  sendMail(msg: SendMailOptions): Promise<{ accepted: unknown[]; rejected: unknown[]; response?: string }>;
  close?(): void;
}

/** SMTP with bounded timeouts, so a hung server never holds a row past its lease. */
export function smtpMailer(smtpUrl: string): Mailer {
  // nodemailer is loaded with the first mail: a night that sends none (and the crawl, which imports this stage) carries none of it.
  let transport: Promise<Mailer> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then(
      ({ default: nodemailer }) =>
        nodemailer.createTransport({
          url: smtpUrl,
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 60_000,
        } as TransportOptions) as unknown as Mailer,
    ));
  return { sendMail: async (msg) => (await open()).sendMail(msg) };
}

export interface DeliverOptions {
  from: string;
  maxPerMinute: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Transient failures before a row is given up as 'failed'. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  leaseMs?: number;
  owner?: string;
  ownerGone?: (owner: string | null) => boolean;
}

export interface DeliverReport {
  sent: number;
  retrying: number;
  failed: number;
  reclaimed: number;
  /** Why the pass ended before the queue was empty (server down, bad credentials), in Chinese. */
  stopped: string | null;
}

const HOST = hostname();

/** A 'sending' row's owner on this host is gone when its pid no longer exists. */
export function ownerGoneOnThisHost(owner: string | null): boolean {
  if (!owner) return true;
  const i = owner.lastIndexOf(':');
  if (owner.slice(0, i) !== HOST) return false; // another machine: only its lease can free the row
  const pid = Number(owner.slice(i + 1));
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

type Verdict = 'permanent' | 'retry' | 'stop-retry' | 'stop-keep';

function classify(err: { code?: string; responseCode?: number; permanent?: boolean }): Verdict {
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') return 'stop-keep';
  if (err.permanent) return 'permanent';
  if (err.responseCode === 421 || !err.responseCode) return 'stop-retry';
  return 'retry';
}

function describe(err: { message?: string; response?: string }): string {
  return String(err.response ?? err.message ?? err).slice(0, 500);
}

/**
 * Sends every due outbox row, oldest first. Never throws for SMTP trouble: what could not be sent stays in
 * the outbox with its state and error.
 */
export async function deliverDue(db: DB, mailer: Mailer, opts: DeliverOptions): Promise<DeliverReport> {
  const now = opts.now ?? (() => new Date());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = opts.maxAttempts ?? 10;
  const base = opts.backoffBaseMs ?? 60_000;
  const cap = opts.backoffMaxMs ?? 6 * 3600_000;
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  const owner = opts.owner ?? `${HOST}:${process.pid}`;
  const report: DeliverReport = { sent: 0, retrying: 0, failed: 0, reclaimed: 0, stopped: null };

  report.reclaimed = store.reclaimSending(db, now().toISOString(), opts.ownerGone ?? ownerGoneOnThisHost);

  // Rolling-minute limiter: the send times of the last minute.
  const recent: number[] = [];
  const prune = () => {
    while (recent.length && recent[0] <= now().getTime() - 60_000) recent.shift();
  };
  for (;;) {
    const t = now();
    const row = store.claimNextDue(db, t.toISOString(), owner, new Date(t.getTime() + leaseMs).toISOString());
    if (!row) break;
    // Wait while holding the claim (the lease outlasts a minute), so an empty queue never waits.
    for (prune(); recent.length >= opts.maxPerMinute; prune()) await sleep(recent[0] + 60_000 - now().getTime());
    recent.push(now().getTime());
    try {
      const info = await mailer.sendMail(mailOptions(row, opts.from, row.messageId));
      const rejected = info.rejected.map(String);
      store.markSent(db, row.id, now().toISOString(), rejected.length ? `部分收件人被拒收：${rejected.join(', ')}` : null);
      report.sent++;
    } catch (e) {
      const err = e as { code?: string; responseCode?: number; permanent?: boolean; message?: string; response?: string };
      const verdict = classify(err);
      const msg = describe(err);
      if (verdict === 'permanent' || (verdict !== 'stop-keep' && row.attempts >= maxAttempts)) {
        store.markFailed(db, row.id, verdict === 'permanent' ? msg : `重试 ${row.attempts} 次仍未发出：${msg}`);
        report.failed++;
        continue;
      }
      const delay = verdict === 'stop-keep' ? 0 : Math.min(cap, base * 2 ** (row.attempts - 1));
      store.markRetry(db, row.id, new Date(now().getTime() + delay).toISOString(), msg);
      report.retrying++;
      if (verdict === 'stop-retry') {
        report.stopped = `邮件服务器暂时不可用（${msg}），其余邮件留在发件队列，下次运行时重试。`;
        break;
      }
      if (verdict === 'stop-keep') {
        report.stopped = `邮件服务器拒绝登录（${msg}）：请检查 ZWGK_SMTP_URL 中的用户名和密码。邮件留在发件队列。`;
        break;
      }
    }
  }
  return report;
}
