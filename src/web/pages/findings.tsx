import { z } from 'zod';
import type { Ctx } from '../env.ts';
import { Badge, Csrf, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { actionRefused } from './refused.tsx';
import { withYear } from '../year.tsx';
import { serveTable, type TableDef } from '../data-table.tsx';
import { readTableQuery, type FilterOptions, type TableQuery } from '../table-query.ts';
import { findingIdsMatching, findingsPage, listUnits, type ActiveSession, type FindingFilter, type FindingState, type ListedFinding } from '../../store/index.ts';
import { REVIEW_ACTIONS, reviewFindings, type ReviewAction } from '../../assess/index.ts';
import { FINDING_KINDS, FINDING_PRESENCE, FINDING_REVIEW, findingMeta, findingTitle, RECTIFICATION, REVIEW_ACT } from '../../shared/vocabulary.ts';

type RectStatus = keyof typeof RECTIFICATION;
/** Warn where the unit has to act, info where the office (or a crawl) has to. */
const RECT_TONE: Record<RectStatus, 'warn' | 'ok' | 'bad' | 'info'> = {
  pending: 'warn', 'plan-returned': 'warn', 'in-progress': 'warn', 'report-returned': 'warn',
  'plan-review': 'info', 'report-review': 'info', verifying: 'info', rectified: 'ok', overdue: 'bad',
};

/** A rectification's stage as a badge (the table's CHECK constraint allows only the registered stages), 逾期 beside it. */
export const RectBadge = ({ status, overdue }: { status: string; overdue?: boolean }) => (
  <>
    <Badge tone={RECT_TONE[status as RectStatus]}>{RECTIFICATION[status as RectStatus]}</Badge>
    {overdue && status !== 'rectified' ? <> <Badge tone="bad">{RECTIFICATION.overdue}</Badge></> : null}
  </>
);

/** A finding's own sentence (its detail's text), for the tables that list findings. */
export const detailText = (detail: Record<string, unknown>): string => (typeof detail.text === 'string' ? detail.text : '');

const evidenceIds = (evidence: unknown[]): number[] => evidence.filter((x): x is number => Number.isInteger(x));

/** The state filter of a findings table: review, presence and 整改, in the store's terms. */
const STATE_LABELS: Record<FindingState, string> = {
  ...FINDING_REVIEW,
  ...FINDING_PRESENCE,
  'rect-none': '未下发整改',
  'rect-open': '整改：未完成',
  'rect-rectified': `整改：${RECTIFICATION.rectified}`,
  'rect-overdue': `整改：${RECTIFICATION.overdue}`,
};
const KIND_LABELS = Object.fromEntries(Object.entries(FINDING_KINDS).map(([k, m]) => [k, m.title]));
const REVIEW_TONE = { open: 'muted', confirmed: 'info', dismissed: 'muted' } as const;

const filterOf = (year: number, q: TableQuery, unitId?: string): FindingFilter => ({
  year,
  unitId: unitId ?? q.unit,
  unitKind: q.unitKind,
  columnClass: q.columnClass,
  kind: q.kind,
  state: q.state as FindingState | undefined,
  q: q.q,
});

/** Where a review form sends the assessor back to: the page it was on (a path of ours, never another origin). */
const backTo = (c: Ctx): string => c.req.path + new URL(c.req.url).search;

const ReviewForm = ({ session, f, back }: { session: ActiveSession; f: ListedFinding; back: string }) => (
  <form method="post" action="/findings/review" class="inline review-form">
    <Csrf session={session} />
    <input type="hidden" name="findingId" value={String(f.id)} />
    <input type="hidden" name="back" value={back} />
    <select name="action" aria-label="复核操作">
      {(Object.keys(REVIEW_ACT) as ReviewAction[]).filter((a) => REVIEW_ACTIONS[a] !== f.review).map((a) => <option value={a}>{REVIEW_ACT[a]}</option>)}
    </select>
    <input type="text" name="reason" required maxlength={500} placeholder="理由（必填）" aria-label="复核理由" />
    <button type="submit">提交</button>
  </form>
);

/** The findings of a year as a long table: all units' (问题清单) or one unit's (its page). Staff get the review forms. */
export function findingsTable(c: Ctx, opts: { unitId?: string }): TableDef<ListedFinding> {
  const { db, rules, year } = c.get('deps');
  const session = c.get('session')!;
  const staff = session.user.role !== 'unit';
  const back = backTo(c);
  const filters: FilterOptions = {
    q: { placeholder: '搜索说明、栏目、信息标题' },
    ...(opts.unitId ? {} : { unit: listUnits(db).map((u) => ({ id: u.id, name: u.name })), unitKind: true as const }),
    columnClass: rules.columns.classes.map((k) => k.name),
    kind: KIND_LABELS,
    state: STATE_LABELS,
  };
  return {
    id: 'findings',
    fileName: opts.unitId ? `问题清单-${opts.unitId}-${year}` : `问题清单-${year}`,
    filters,
    load: (q, page) => findingsPage(db, filterOf(year, q, opts.unitId), page),
    rowClass: (f) => (f.active && f.review !== 'dismissed' ? '' : 'muted'),
    empty: '没有符合条件的问题。',
    columns: [
      ...(opts.unitId
        ? []
        : [{ header: '单位', text: (f: ListedFinding) => f.unitName, cell: (f: ListedFinding) => <a href={withYear(c, `/units/${encodeURIComponent(f.unitId)}`)}>{f.unitName}</a> }]),
      {
        header: '问题',
        text: (f) => findingTitle(f.kind),
        cell: (f) => (
          <>
            <span title={findingMeta(f.kind)?.description}>
              <Badge tone={f.active && f.review !== 'dismissed' ? (findingMeta(f.kind)?.integrity ? 'bad' : 'warn') : 'muted'}>{findingTitle(f.kind)}</Badge>
            </span>
            {f.active ? null : <span class="small">{` ${FINDING_PRESENCE.resolved}`}</span>}
          </>
        ),
      },
      { header: '栏目', text: (f) => f.columnName, cell: (f) => (f.columnId ? <a href={withYear(c, `/columns/${f.columnId}`)}>{f.columnName}</a> : '—') },
      {
        header: '说明',
        text: (f) => [detailText(f.detail), f.itemTitle ? `信息：${f.itemTitle}` : ''].filter(Boolean).join(' '),
        cell: (f) => <span class="small">{detailText(f.detail)}{f.itemTitle ? <div class="muted">{`信息：${f.itemTitle}`}</div> : null}</span>,
      },
      { header: '最近发现', text: (f) => fmtTime(f.lastDetectedAt) },
      {
        header: '复核',
        text: (f) => `${FINDING_REVIEW[f.review]}${f.reviewReason ? `：${f.reviewReason}` : ''}`,
        cell: (f) => (
          <div class="review" data-review={f.review}>
            <Badge tone={REVIEW_TONE[f.review]}>{FINDING_REVIEW[f.review]}</Badge>
            {f.reviewReason ? <div class="small">{`理由：${f.reviewReason}`}</div> : null}
            {f.reviewedAt ? <div class="small muted">{`${f.reviewerName ?? '—'} ${fmtTime(f.reviewedAt)}`}</div> : null}
            {staff ? <ReviewForm session={session} f={f} back={back} /> : null}
          </div>
        ),
      },
      {
        header: '整改',
        text: (f) =>
          f.rectStatus
            ? `${RECTIFICATION[f.rectStatus as RectStatus] ?? f.rectStatus}${f.rectOverdue ? `（${RECTIFICATION.overdue}）` : ''}${f.rectDeadline ? ` 期限 ${f.rectDeadline}` : ''}`
            : null,
        cell: (f) => (
          <>
            {f.rectId && f.rectStatus ? <a href={withYear(c, `/rectifications/${f.rectId}`)}><RectBadge status={f.rectStatus} overdue={f.rectOverdue} /></a> : <span class="muted">—</span>}
            {f.rectDeadline ? <div class="small muted">{`期限 ${f.rectDeadline}`}</div> : null}
          </>
        ),
      },
      {
        header: '证据',
        text: (f) => evidenceIds(f.evidence).map((id) => `#${id}`).join(' '),
        cell: (f) => (
          <span class="small">
            {evidenceIds(f.evidence).map((id, i) => (
              <>
                {i ? ' ' : ''}
                <a href={withYear(c, `/evidence/${id}`)}>{`#${id}`}</a>
              </>
            ))}
          </span>
        ),
      },
    ],
  };
}

/** Bulk review of the filtered selection: the count is shown before, and sent back to be checked against the selection then. */
const BulkReview = ({ c, total, unitId }: { c: Ctx; total: number; unitId?: string }) => {
  const session = c.get('session')!;
  const search = new URL(c.req.url).searchParams;
  for (const k of ['page', 'size', 'export', 'done']) search.delete(k);
  if (unitId) search.set('unit', unitId);
  return (
    <form method="post" action={`/findings/review-bulk?${search}`} class="inline card no-print" id="findings-bulk">
      <Csrf session={session} />
      <input type="hidden" name="expected" value={String(total)} />
      <input type="hidden" name="back" value={backTo(c)} />
      <strong>{`对筛选出的全部 ${total} 条问题：`}</strong>
      <select name="action" aria-label="批量复核操作">
        {(Object.keys(REVIEW_ACT) as ReviewAction[]).map((a) => <option value={a}>{REVIEW_ACT[a]}</option>)}
      </select>
      <input type="text" name="reason" required maxlength={500} placeholder="理由（必填，对每条问题记入审计日志）" aria-label="批量复核理由" />
      <button type="submit">{`批量处理 ${total} 条`}</button>
    </form>
  );
};

/** The findings section of a page: the table, and for staff the bulk review of what it shows. Answers an export directly. */
export async function findingsSection(c: Ctx, opts: { unitId?: string }) {
  const served = await serveTable(c, findingsTable(c, opts));
  if (served instanceof Response) return served;
  const staff = c.get('session')!.user.role !== 'unit';
  const done = c.req.query('done');
  return {
    problems: served.problems,
    view: (
      <>
        {done && /^\d+-\d+$/.test(done) ? (
          <div class="notice" id="findings-done">{`已复核 ${done.split('-')[0]} 条问题，${done.split('-')[1]} 条原已是该状态未改动；相关单位的建议分已重新计算。`}</div>
        ) : null}
        {served.view}
        {staff && served.total ? <BulkReview c={c} total={served.total} unitId={opts.unitId} /> : null}
      </>
    ),
  };
}

/** 问题清单: every unit's findings of the year, filtered and paged, for the assessors. */
export async function getFindingsPage(c: Ctx) {
  const section = await findingsSection(c, {});
  if (section instanceof Response) return section;
  return render(
    c,
    <Layout title={`${c.get('deps').year} 年度问题清单`} session={c.get('session')} active="findings">
      <p class="muted small">排除的问题不计入建议分（排除后立即重新计算相关单位的建议分），仍在清单中以灰色显示并注明理由；可随时恢复待复核。</p>
      {section.view}
    </Layout>,
    section.problems.length ? 400 : 200,
  );
}

const ReviewFormSchema = z.object({
  action: z.enum(Object.keys(REVIEW_ACTIONS) as [ReviewAction, ...ReviewAction[]], { error: '请选择复核操作（确认、排除或恢复待复核）。' }),
  reason: z.string({ error: '请填写复核理由。' }).trim().min(1, '请填写复核理由。').max(500, '复核理由不能超过 500 字。'),
  // A path of this dashboard only: never another origin (//host, scheme:) to redirect to.
  back: z.string().regex(/^\/(?![/\\])[^\s]*$/).max(2000).optional(),
});

async function applyReview(c: Ctx, ids: () => number[] | string, body: Record<string, unknown>) {
  const { db, rules, year, period, countWorkdays } = c.get('deps');
  const f = ReviewFormSchema.safeParse(body);
  const back = f.success ? (f.data.back ?? '/findings') : '/findings';
  const fail = (message: string) => actionRefused(c, '问题复核', message, back);
  if (!f.success) return fail(f.error.issues[0].message);
  const selected = ids();
  if (typeof selected === 'string') return fail(selected);
  const out = reviewFindings(db, selected, f.data.action, f.data.reason, c.get('session')!.user.id, { rules, year, period, countWorkdays });
  const url = new URL(back, 'http://x');
  url.searchParams.set('done', `${out.changed}-${out.unchanged}`);
  return c.redirect(url.pathname + url.search, 303);
}

export async function postFindingReview(c: Ctx) {
  const body = await c.req.parseBody();
  const id = typeof body.findingId === 'string' && /^\d{1,12}$/.test(body.findingId) ? Number(body.findingId) : null;
  return applyReview(c, () => (id === null ? '没有指定要复核的问题。' : [id]), body);
}

export async function postFindingReviewBulk(c: Ctx) {
  const { db, year } = c.get('deps');
  const body = await c.req.parseBody();
  const { query, problems } = readTableQuery(c, findingsTable(c, {}).filters);
  return applyReview(
    c,
    () => {
      if (problems.length) return `筛选条件无效：${problems.join(' ')}`;
      const ids = findingIdsMatching(db, filterOf(year, query)).map((r) => r.id);
      if (String(ids.length) !== body.expected) {
        return `筛选结果已有变化（现为 ${ids.length} 条，提交时显示 ${String(body.expected ?? '—').slice(0, 10)} 条），未作处理。请返回核对后重新提交。`;
      }
      return ids;
    },
    body,
  );
}
