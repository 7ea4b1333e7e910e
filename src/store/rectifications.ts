import { stmt, type DB } from './db.ts';
import { likePattern, selectPage, type PageRequest, type TablePage } from './table-page.ts';
import { nowIso } from '../shared/time.ts';
import type { RectificationStage } from '../shared/vocabulary.ts';

/** 整改: findings sent to their unit with deadlines, where each stands in the loop, and what verification found. */

export type RectificationStatus = RectificationStage;

export interface RectificationRow {
  id: number;
  findingId: number;
  deadline: string;
  planDue: string | null;
  sentAt: string;
  status: RectificationStatus;
  overdueAt: string | null;
  verifiedAt: string | null;
  note: string | null;
}

/** A rectification with what its finding is and where: what the pages, the mails and the loop read. */
export interface ListedRectification extends RectificationRow {
  kind: string;
  unitId: string;
  unitName: string;
  columnName: string | null;
  findingDetail: Record<string, unknown>;
  findingActive: boolean;
}

const LISTED_SELECT = `r.id, r.finding_id AS findingId, r.deadline, r.plan_due AS planDue, r.sent_at AS sentAt, r.status, r.overdue_at AS overdueAt,
            r.verified_at AS verifiedAt, r.note, f.kind, f.unit_id AS unitId, u.name AS unitName, c.name AS columnName,
            f.detail_json AS detailJson, f.active AS findingActive`;
const LISTED_FROM = `rectifications r JOIN findings f ON f.id = r.finding_id JOIN units u ON u.id = f.unit_id LEFT JOIN columns c ON c.id = f.column_id`;
const LISTED = `SELECT ${LISTED_SELECT} FROM ${LISTED_FROM}`;

/** Past its deadline and not rectified: a mark on whatever stage the row is in. */
const OVERDUE = "r.overdue_at IS NOT NULL AND r.status != 'rectified'";

/** What the 整改 list's state filter can ask for: a stage of the loop, or the overdue mark. */
export const RECT_STATES = [
  'pending', 'plan-review', 'plan-returned', 'in-progress', 'report-review', 'report-returned', 'verifying', 'rectified', 'overdue',
] as const;
export type RectState = (typeof RECT_STATES)[number];

export interface RectFilter {
  year: number;
  unitId?: string;
  unitKind?: string;
  kind?: string;
  state?: RectState;
  /** Text searched in the unit's name, the column's name, the finding's sentence and the note. */
  q?: string;
}

/** A year's rectifications filtered, counted and paged in SQL (the 整改 lists of the office and of a unit). */
export function rectificationsPage(db: DB, f: RectFilter, page: PageRequest): TablePage<ListedRectification> {
  const where = ['f.year = @year'];
  if (f.unitId !== undefined) where.push('f.unit_id = @unitId');
  if (f.unitKind !== undefined) where.push('u.kind = @unitKind');
  if (f.kind !== undefined) where.push('f.kind = @kind');
  if (f.state !== undefined) where.push(f.state === 'overdue' ? OVERDUE : 'r.status = @state');
  if (f.q) where.push(`(u.name LIKE @q ESCAPE '\\' OR c.name LIKE @q ESCAPE '\\' OR f.detail_json LIKE @q ESCAPE '\\' OR r.note LIKE @q ESCAPE '\\')`);
  const p = selectPage<RawListed>(
    db,
    {
      select: LISTED_SELECT,
      from: LISTED_FROM,
      where,
      orderBy: 'r.deadline, r.id',
      params: { year: f.year, unitId: f.unitId, unitKind: f.unitKind, kind: f.kind, state: f.state, q: f.q ? likePattern(f.q) : undefined },
    },
    page,
  );
  return { rows: p.rows.map(toListed), total: p.total };
}

/** How many of a year's rectifications (one unit's when given) stand at each stage, and how many carry the overdue mark. */
export function rectificationCounts(db: DB, year: number, unitId: string | null = null): Record<RectState, number> {
  const out = Object.fromEntries(RECT_STATES.map((s) => [s, 0])) as Record<RectState, number>;
  const of = `FROM ${LISTED_FROM} WHERE f.year = @year AND (@unitId IS NULL OR f.unit_id = @unitId)`;
  const rows = stmt(db, `SELECT r.status AS s, count(*) AS n ${of} GROUP BY r.status`).all({ year, unitId }) as Array<{ s: RectState; n: number }>;
  for (const r of rows) out[r.s] = r.n;
  out.overdue = (stmt(db, `SELECT count(*) AS n ${of} AND ${OVERDUE}`).get({ year, unitId }) as { n: number }).n;
  return out;
}

type RawListed = Omit<ListedRectification, 'findingDetail' | 'findingActive'> & { detailJson: string; findingActive: number };

const toListed = ({ detailJson, findingActive, ...r }: RawListed): ListedRectification => ({
  ...r,
  findingDetail: JSON.parse(detailJson),
  findingActive: findingActive === 1,
});

export function getRectification(db: DB, id: number): ListedRectification | undefined {
  const r = stmt(db, `${LISTED} WHERE r.id = ?`).get(id) as RawListed | undefined;
  return r && toListed(r);
}

/** The unit a rectification belongs to (the dashboard's access policy). */
export function unitOfRectification(db: DB, id: number): string | undefined {
  return (stmt(db, 'SELECT f.unit_id AS u FROM rectifications r JOIN findings f ON f.id = r.finding_id WHERE r.id = ?').get(id) as { u: string } | undefined)?.u;
}

export function createRectification(
  db: DB,
  findingId: number,
  deadline: string,
  userId: number | null,
  note: string | null,
  planDue: string | null = null,
): number {
  return Number(
    stmt(db, 'INSERT INTO rectifications (finding_id, deadline, plan_due, sent_at, sent_by, note) VALUES (?, ?, ?, ?, ?, ?)').run(
      findingId, deadline, planDue, nowIso(), userId, note,
    ).lastInsertRowid,
  );
}

/** Whether the finding was ever sent for 整改 (a finding is issued once). */
export function isIssued(db: DB, findingId: number): boolean {
  return stmt(db, 'SELECT 1 FROM rectifications WHERE finding_id = ?').get(findingId) !== undefined;
}

/** Rectifications not yet rectified, of every year: what verification and the nightly mails look at. */
export function openRectifications(db: DB): ListedRectification[] {
  return (stmt(db, `${LISTED} WHERE r.status != 'rectified' ORDER BY r.id`).all() as RawListed[]).map(toListed);
}

/** Moves a rectification to a stage; `verifiedAt` when a verification (not a person) decided it. */
export function setRectificationStatus(db: DB, id: number, status: RectificationStatus, verifiedAt: string | null = null): void {
  stmt(db, 'UPDATE rectifications SET status = ?, verified_at = coalesce(?, verified_at) WHERE id = ?').run(status, verifiedAt, id);
}

export function markRectificationOverdue(db: DB, id: number, at: string): void {
  stmt(db, 'UPDATE rectifications SET overdue_at = ? WHERE id = ? AND overdue_at IS NULL').run(at, id);
}

/** Past its deadline and not rectified, on `day`: the one rule verification and the overdue mail share. */
export function isPastDeadline(r: Pick<RectificationRow, 'status' | 'deadline'>, day: string): boolean {
  return r.status !== 'rectified' && r.deadline < day;
}

// Submissions and their files --------------------------------------------------------------------------------

export type SubmissionKind = 'plan' | 'report';
export type SubmissionOutcome = 'accepted' | 'returned';

export interface AttachmentInput {
  sha256: string;
  name: string;
  mime: string;
  size: number;
}

export interface AttachmentRow extends AttachmentInput {
  id: number;
  submissionId: number;
}

export interface SubmissionRow {
  id: number;
  rectificationId: number;
  kind: SubmissionKind;
  body: string;
  submittedBy: number | null;
  submittedByName: string | null;
  submittedAt: string;
  outcome: SubmissionOutcome | null;
  decidedByName: string | null;
  decidedAt: string | null;
  reason: string | null;
  attachments: AttachmentRow[];
}

export function insertSubmission(db: DB, rectificationId: number, kind: SubmissionKind, body: string, userId: number | null, files: readonly AttachmentInput[]): number {
  const id = Number(
    stmt(db, 'INSERT INTO rectification_submissions (rectification_id, kind, body, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?)').run(
      rectificationId, kind, body, userId, nowIso(),
    ).lastInsertRowid,
  );
  const add = stmt(db, 'INSERT INTO rectification_attachments (submission_id, sha256, name, mime, size) VALUES (?, ?, ?, ?, ?)');
  for (const f of files) add.run(id, f.sha256, f.name, f.mime, f.size);
  return id;
}

/** The submission awaiting the office's decision, if any. */
export function undecidedSubmission(db: DB, rectificationId: number): { id: number; kind: SubmissionKind } | undefined {
  return stmt(db, 'SELECT id, kind FROM rectification_submissions WHERE rectification_id = ? AND outcome IS NULL ORDER BY id DESC LIMIT 1').get(rectificationId) as
    | { id: number; kind: SubmissionKind }
    | undefined;
}

export function decideSubmission(db: DB, id: number, outcome: SubmissionOutcome, userId: number | null, reason: string | null): void {
  stmt(db, 'UPDATE rectification_submissions SET outcome = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND outcome IS NULL').run(
    outcome, userId, nowIso(), reason, id,
  );
}

/** A rectification's submissions, oldest first, with their files and who submitted and decided them. */
export function submissionsOf(db: DB, rectificationId: number): SubmissionRow[] {
  const rows = stmt(
    db,
    `SELECT s.id, s.rectification_id AS rectificationId, s.kind, s.body, s.submitted_by AS submittedBy, su.name AS submittedByName,
            s.submitted_at AS submittedAt, s.outcome, du.name AS decidedByName, s.decided_at AS decidedAt, s.reason
       FROM rectification_submissions s LEFT JOIN users su ON su.id = s.submitted_by LEFT JOIN users du ON du.id = s.decided_by
      WHERE s.rectification_id = ? ORDER BY s.id`,
  ).all(rectificationId) as Omit<SubmissionRow, 'attachments'>[];
  const files = stmt(
    db,
    `SELECT a.id, a.submission_id AS submissionId, a.sha256, a.name, a.mime, a.size FROM rectification_attachments a
       JOIN rectification_submissions s ON s.id = a.submission_id WHERE s.rectification_id = ? ORDER BY a.id`,
  ).all(rectificationId) as AttachmentRow[];
  return rows.map((r) => ({ ...r, attachments: files.filter((f) => f.submissionId === r.id) }));
}

/** An attachment, only when it belongs to the given rectification (the route's policy checked that one). */
export function attachmentOf(db: DB, rectificationId: number, attachmentId: number): AttachmentRow | undefined {
  return stmt(
    db,
    `SELECT a.id, a.submission_id AS submissionId, a.sha256, a.name, a.mime, a.size FROM rectification_attachments a
       JOIN rectification_submissions s ON s.id = a.submission_id WHERE a.id = ? AND s.rectification_id = ?`,
  ).get(attachmentId, rectificationId) as AttachmentRow | undefined;
}
