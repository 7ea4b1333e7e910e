import type { Rules } from '../config/index.ts';
import {
  appendAudit, createRectification, decideSubmission, getFinding, getRectification, insertSubmission, isIssued, isPastDeadline,
  markRectificationOverdue, openRectifications, setRectificationStatus, undecidedSubmission,
  type AttachmentInput, type DB, type ListedRectification, type RectificationStatus, type SubmissionKind, type SubmissionOutcome,
} from '../store/index.ts';
import { InputError } from '../shared/errors.ts';
import { nowIso } from '../shared/time.ts';
import { auditActionLabel, closesOnExplanation, RECT_OUTCOME, RECT_SUBMISSION, RECTIFICATION } from '../shared/vocabulary.ts';
import { addWorkdays } from './workdays.ts';

/**
 * The 整改 loop (第十一条): the office issues; the unit submits a 整改方案, then a 整改情况; the office accepts or
 * returns each. An accepted 整改情况 closes a finding a crawl cannot undo (FindingMeta.lasting) at once; any other
 * waits (待巡检核实) until a crawl proves the fix. Every act goes to the audit log under `rect:<id>`.
 */

export const rectTarget = (id: number) => `rect:${id}`;

type Act = `${SubmissionKind}-submit` | `${SubmissionKind}-${'accept' | 'return'}`;

/** The stage each act leads to, from the stages it is allowed in; anything else is refused. */
const NEXT: Record<Act, Partial<Record<RectificationStatus, RectificationStatus>>> = {
  'plan-submit': { pending: 'plan-review', 'plan-returned': 'plan-review' },
  'plan-accept': { 'plan-review': 'in-progress' },
  'plan-return': { 'plan-review': 'plan-returned' },
  'report-submit': { 'in-progress': 'report-review', 'report-returned': 'report-review' },
  'report-accept': { 'report-review': 'verifying' },
  'report-return': { 'report-review': 'report-returned' },
};

/** Acts read as the audit log names them (rect.<act>). */
const actText = (act: Act) => auditActionLabel(`rect.${act}`);

/** The stage an act leads to; an act the stage does not allow is an InputError saying what the stage allows. */
export function nextStage(status: RectificationStatus, act: Act): RectificationStatus {
  const next = NEXT[act][status];
  if (next) return next;
  const allowed = (Object.keys(NEXT) as Act[]).filter((a) => NEXT[a][status]).map(actText);
  throw new InputError(
    `该整改当前为“${RECTIFICATION[status]}”，不能${actText(act)}。` + (allowed.length ? `此时可以：${allowed.join('、')}。` : '该整改已结束，无需再操作。'),
  );
}

/** A later crawl proved the fix: the finding is no longer found, or the stale stretch it reports has ended. */
export function fixedByCrawl(r: Pick<ListedRectification, 'kind' | 'findingActive' | 'findingDetail'>): boolean {
  return !r.findingActive || (r.kind === 'stale-episode' && typeof r.findingDetail.to === 'string');
}

export interface IssueInput {
  findingIds: readonly number[];
  deadline: string;
  note: string | null;
  userId: number | null;
  today: string;
}

export interface IssueResult {
  issued: number[];
  /** Already sent for 整改 once. */
  alreadyIssued: number;
  /** No longer found, excluded by an assessor, or not a finding at all. */
  notIssuable: number;
}

/** The day the 整改方案 is due: planWorkdays working days after issue, never after the 整改 deadline itself. */
export function planDueDay(rules: Rules, today: string, deadline: string): string {
  const due = addWorkdays(rules, today, rules.timeliness.rectification.planWorkdays);
  return due < deadline ? due : deadline;
}

/** Issues 整改 for each finding that is active, not excluded and not issued before; one deadline and note for all. */
export function issueRectifications(db: DB, rules: Rules, input: IssueInput): IssueResult {
  if (input.deadline <= input.today) throw new InputError('整改期限应晚于今天。');
  const planDue = planDueDay(rules, input.today, input.deadline);
  return db
    .transaction(() => {
      const out: IssueResult = { issued: [], alreadyIssued: 0, notIssuable: 0 };
      for (const id of new Set(input.findingIds)) {
        const f = getFinding(db, id);
        if (!f || !f.active || f.review === 'dismissed') out.notIssuable++;
        else if (isIssued(db, id)) out.alreadyIssued++;
        else {
          const rid = createRectification(db, id, input.deadline, input.userId, input.note, planDue);
          appendAudit(db, input.userId, 'rect.issue', rectTarget(rid), `整改期限 ${input.deadline}，${RECT_SUBMISSION.plan}须于 ${planDue} 前提交${input.note ? `；${input.note}` : ''}`);
          out.issued.push(rid);
        }
      }
      return out;
    })
    .immediate();
}

export interface SubmitInput {
  rectificationId: number;
  kind: SubmissionKind;
  body: string;
  files: readonly AttachmentInput[];
  userId: number | null;
  today: string;
}

/** The unit's 整改方案 or 整改情况 with its files (already stored by hash). */
export function submitRectification(db: DB, input: SubmitInput): RectificationStatus {
  return db
    .transaction(() => {
      const r = getRectification(db, input.rectificationId);
      if (!r) throw new InputError('没有这项整改。');
      const next = nextStage(r.status, `${input.kind}-submit`);
      insertSubmission(db, r.id, input.kind, input.body, input.userId, input.files);
      setRectificationStatus(db, r.id, next);
      const late = input.kind === 'plan' && r.planDue && input.today > r.planDue ? `（晚于方案提交期限 ${r.planDue}）` : '';
      const files = input.files.map((f) => `${f.name}（SHA-256 ${f.sha256}）`).join('、');
      appendAudit(db, input.userId, `rect.${input.kind}-submit`, rectTarget(r.id), `${late}${files ? `附件：${files}` : '无附件'}`);
      return next;
    })
    .immediate();
}

export interface DecideInput {
  rectificationId: number;
  outcome: SubmissionOutcome;
  reason: string | null;
  userId: number | null;
}

/** The office's decision on the submission awaiting it; returning needs a reason. */
export function decideRectification(db: DB, input: DecideInput): RectificationStatus {
  if (input.outcome === 'returned' && !input.reason) throw new InputError(`${RECT_OUTCOME.returned}时须填写理由，告诉单位要改什么。`);
  return db
    .transaction(() => {
      const r = getRectification(db, input.rectificationId);
      if (!r) throw new InputError('没有这项整改。');
      const s = undecidedSubmission(db, r.id);
      const kind: SubmissionKind = s?.kind ?? (r.status.startsWith('report') ? 'report' : 'plan');
      let next = nextStage(r.status, `${kind}-${input.outcome === 'accepted' ? 'accept' : 'return'}`);
      if (!s) throw new InputError(`没有等待审核的${RECT_SUBMISSION[kind]}。`);
      if (next === 'verifying' && (closesOnExplanation(r.kind) || fixedByCrawl(r))) next = 'rectified';
      decideSubmission(db, s.id, input.outcome, input.userId, input.reason);
      setRectificationStatus(db, r.id, next);
      appendAudit(db, input.userId, `rect.${kind}-${input.outcome === 'accepted' ? 'accept' : 'return'}`, rectTarget(r.id), input.reason ?? `状态：${RECTIFICATION[next]}`);
      return next;
    })
    .immediate();
}

/**
 * 整改 verification after an assess run (the nightly job and `zwgk assess` call it): an accepted 整改情况 whose fix a
 * crawl now proves is rectified; any row still open past its deadline is marked overdue once. Returns how many changed.
 */
export function verifyRectifications(db: DB, today: string, at = nowIso()): { rectified: number; overdue: number } {
  return db.transaction(() => {
    let rectified = 0;
    let overdue = 0;
    for (const r of openRectifications(db)) {
      if (r.status === 'verifying' && fixedByCrawl(r)) {
        setRectificationStatus(db, r.id, 'rectified', at);
        appendAudit(db, null, 'rect.verified', rectTarget(r.id), null);
        rectified++;
      } else if (isPastDeadline(r, today) && !r.overdueAt) {
        markRectificationOverdue(db, r.id, at);
        appendAudit(db, null, 'rect.overdue', rectTarget(r.id), `整改期限 ${r.deadline}`);
        overdue++;
      }
    }
    return { rectified, overdue };
  }).immediate();
}
