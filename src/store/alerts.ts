import { stmt, type DB } from './db.ts';
import { likePattern, selectPage, type PageRequest, type TablePage } from './table-page.ts';

/** The alert digests queued for sending (alerts_outbox) and the lines each holds (alerts_outbox_lines). Callers own the transactions. */

/** What one line of a digest says. 'reminder' repeats an ongoing 超期 or 空白. */
export type LineKind = 'warning' | 'overdue' | 'blank' | 'recovered' | 'late';

export interface AlertLine {
  /** Idempotency key: unit, column, episode, level, day. */
  key: string;
  unitId: string;
  columnId: number;
  columnName: string;
  kind: LineKind;
  reminder: boolean;
  className?: string;
  latestPublished?: string | null;
  ageDays?: number | null;
  windowLabel?: string;
  breachDay?: string | null;
  /** Late disclosures only. */
  item?: { title: string; url: string; documentDate: string; publishedAt: string; workdays: number; limitWorkdays: number };
}

/** One email: every line for one unit on one day. */
export interface Digest {
  key: string;
  unitId: string;
  day: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  lines: AlertLine[];
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A queued digest and its delivery state. */
export interface OutboxRow extends Digest {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  messageId: string;
  claimedBy: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface RawOutbox {
  id: number;
  idem_key: string;
  unit_id: string;
  day: string;
  to_json: string;
  cc_json: string;
  subject: string;
  text_body: string;
  html_body: string;
  lines_json: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  message_id: string;
  claimed_by: string | null;
  created_at: string;
  sent_at: string | null;
}

function toRow(r: RawOutbox): OutboxRow {
  return {
    id: r.id,
    key: r.idem_key,
    unitId: r.unit_id,
    day: r.day,
    to: JSON.parse(r.to_json),
    cc: JSON.parse(r.cc_json),
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    lines: JSON.parse(r.lines_json),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    messageId: r.message_id,
    claimedBy: r.claimed_by,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

// alerts_outbox_lines -----------------------------------------------------------------------------------

export function lineKeyExists(db: DB, key: string): boolean {
  return stmt(db, 'SELECT 1 FROM alerts_outbox_lines WHERE idem_key = ?').get(key) !== undefined;
}

/** INSERT OR IGNORE: true when the key was new. The UNIQUE key is what makes a line at-most-once enqueued. */
export function insertLine(db: DB, outboxId: number, line: AlertLine, day: string): boolean {
  const insert = stmt(db, 'INSERT OR IGNORE INTO alerts_outbox_lines (idem_key, outbox_id, unit_id, column_id, kind, day) VALUES (?, ?, ?, ?, ?, ?)');
  return insert.run(line.key, outboxId, line.unitId, line.columnId, line.reminder ? `${line.kind}+reminder` : line.kind, day).changes === 1;
}

// alerts_outbox ----------------------------------------------------------------------------------------

/** The unit's digest for the day that has not started sending yet, if any (new lines join it). */
export function findPendingDigest(db: DB, unitId: string, day: string): OutboxRow | undefined {
  const r = stmt(db, "SELECT * FROM alerts_outbox WHERE unit_id = ? AND day = ? AND kind = 'alert' AND status = 'pending' AND attempts = 0 ORDER BY id DESC LIMIT 1").get(
    unitId,
    day,
  ) as RawOutbox | undefined;
  return r && toRow(r);
}

/** 'unit|day' for the day's first digest, 'unit|day#2' … for later ones (the first was already sent). */
export function nextDigestKey(db: DB, unitId: string, day: string): string {
  const n = (stmt(db, "SELECT count(*) AS n FROM alerts_outbox WHERE unit_id = ? AND day = ? AND kind = 'alert'").get(unitId, day) as { n: number }).n;
  return n === 0 ? `${unitId}|${day}` : `${unitId}|${day}#${n + 1}`;
}

/**
 * What a mail in the outbox is: a unit's alert digest of a day (later lines of that day join it while it waits), or
 * a 整改 notice that stands alone, once per key.
 */
export type OutboxKind = 'alert' | 'rectification';

export function digestKeyExists(db: DB, key: string): boolean {
  return stmt(db, 'SELECT 1 FROM alerts_outbox WHERE idem_key = ?').get(key) !== undefined;
}

/** INSERT OR IGNORE on the digest key; returns the row id (existing or new). */
export function insertDigest(db: DB, d: Digest, messageId: string, now: string, kind: OutboxKind = 'alert'): number {
  stmt(
    db,
    `INSERT OR IGNORE INTO alerts_outbox (idem_key, unit_id, day, to_json, cc_json, subject, text_body, html_body, lines_json, message_id, created_at, kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.key, d.unitId, d.day, JSON.stringify(d.to), JSON.stringify(d.cc), d.subject, d.text, d.html, JSON.stringify(d.lines), messageId, now, kind);
  return (stmt(db, 'SELECT id FROM alerts_outbox WHERE idem_key = ?').get(d.key) as { id: number }).id;
}

export function updatePendingDigest(db: DB, id: number, d: Digest): void {
  stmt(
    db,
    "UPDATE alerts_outbox SET to_json = ?, cc_json = ?, subject = ?, text_body = ?, html_body = ?, lines_json = ? WHERE id = ? AND status = 'pending'",
  ).run(JSON.stringify(d.to), JSON.stringify(d.cc), d.subject, d.text, d.html, JSON.stringify(d.lines), id);
}

/** Rows left in 'sending' by a sender that is gone: back to pending (the at-least-once case). */
export function reclaimSending(db: DB, now: string, ownerGone: (owner: string | null) => boolean): number {
  const stuck = stmt(db, "SELECT id, claimed_by AS claimedBy, next_attempt_at AS nextAttemptAt FROM alerts_outbox WHERE status = 'sending'").all() as Array<
    Pick<OutboxRow, 'id' | 'claimedBy' | 'nextAttemptAt'>
  >;
  const reset = stmt(db, "UPDATE alerts_outbox SET status = 'pending', claimed_by = NULL, next_attempt_at = NULL WHERE id = ? AND status = 'sending'");
  let n = 0;
  for (const r of stuck) {
    const leaseOver = r.nextAttemptAt === null || r.nextAttemptAt <= now;
    if (leaseOver || ownerGone(r.claimedBy)) n += reset.run(r.id).changes;
  }
  return n;
}

/** Atomically takes the oldest due pending row: 'sending', attempts + 1, leased to `owner` until `leaseUntil`. */
export function claimNextDue(db: DB, now: string, owner: string, leaseUntil: string): OutboxRow | undefined {
  return db
    .transaction(() => {
      const r = stmt(db, "SELECT id FROM alerts_outbox WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT 1").get(
        now,
      ) as { id: number } | undefined;
      if (!r) return undefined;
      stmt(
        db,
        "UPDATE alerts_outbox SET status = 'sending', attempts = attempts + 1, claimed_by = ?, next_attempt_at = ? WHERE id = ?",
      ).run(owner, leaseUntil, r.id);
      return toRow(stmt(db, 'SELECT * FROM alerts_outbox WHERE id = ?').get(r.id) as RawOutbox);
    })
    .immediate();
}

export function markSent(db: DB, id: number, at: string, note: string | null): void {
  stmt(
    db,
    "UPDATE alerts_outbox SET status = 'sent', sent_at = ?, last_error = ?, claimed_by = NULL, next_attempt_at = NULL WHERE id = ?",
  ).run(at, note, id);
}

export function markRetry(db: DB, id: number, nextAttemptAt: string, error: string): void {
  stmt(db, "UPDATE alerts_outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, claimed_by = NULL WHERE id = ?").run(
    nextAttemptAt,
    error,
    id,
  );
}

export function markFailed(db: DB, id: number, error: string): void {
  stmt(db, "UPDATE alerts_outbox SET status = 'failed', last_error = ?, claimed_by = NULL, next_attempt_at = NULL WHERE id = ?").run(error, id);
}

/** For the dashboard's 预警 page and the CLI summary: newest first. */
export function listOutbox(db: DB, filter: { status?: OutboxStatus; unitId?: string; limit?: number } = {}): OutboxRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.status) (where.push('status = ?'), args.push(filter.status));
  if (filter.unitId) (where.push('unit_id = ?'), args.push(filter.unitId));
  const sql = `SELECT * FROM alerts_outbox ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
  return (stmt(db, sql).all(...args, filter.limit ?? 1000) as RawOutbox[]).map(toRow);
}

export function countOutbox(db: DB): Record<OutboxStatus, number> {
  const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of stmt(db, 'SELECT status, count(*) AS n FROM alerts_outbox GROUP BY status').all() as { status: OutboxStatus; n: number }[]) {
    out[r.status] = r.n;
  }
  return out;
}

export interface DigestFilter {
  unitId?: string;
  unitKind?: string;
  status?: OutboxStatus;
  /** Text searched in the subject, the unit's name and the last error. */
  q?: string;
}

/** The digests newest first with their unit's name, a page at a time, for the dashboard's 预警 page. */
export function digestsPage(db: DB, f: DigestFilter, page: PageRequest): TablePage<OutboxRow & { unitName: string }> {
  const where: string[] = [];
  if (f.unitId !== undefined) where.push('a.unit_id = @unitId');
  if (f.unitKind !== undefined) where.push('u.kind = @unitKind');
  if (f.status !== undefined) where.push('a.status = @status');
  if (f.q) where.push(`(a.subject LIKE @q ESCAPE '\\' OR u.name LIKE @q ESCAPE '\\' OR a.last_error LIKE @q ESCAPE '\\')`);
  const p = selectPage<RawOutbox & { unit_name: string }>(
    db,
    { select: 'a.*, u.name AS unit_name', from: 'alerts_outbox a JOIN units u ON u.id = a.unit_id', where, orderBy: 'a.id DESC', params: { ...f, q: f.q ? likePattern(f.q) : undefined } },
    page,
  );
  return { rows: p.rows.map((r) => ({ ...toRow(r), unitName: r.unit_name })), total: p.total };
}
