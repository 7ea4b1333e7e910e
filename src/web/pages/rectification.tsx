import { join } from 'node:path';
import { z } from 'zod';
import type { FC } from 'hono/jsx';
import type { Ctx } from '../env.ts';
import { Badge, Csrf, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import {
  attachmentOf, auditFor, getRectification, getUnit, listUnits, rectificationCounts, rectificationsPage, RECT_STATES, submissionsOf,
  type ListedRectification, type RectState, type SubmissionRow,
} from '../../store/index.ts';
import { serveTable, type TableDef } from '../data-table.tsx';
import { withYear } from '../year.tsx';
import { decideRectification, rectTarget, submitRectification } from '../../assess/index.ts';
import { readSnapshot, writeSnapshotAsync } from '../../evidence/index.ts';
import { closesOnExplanation, FINDING_KINDS, findingTitle, RECT_OUTCOME, RECT_SUBMISSION, RECT_UNIT_TO_ACT, RECTIFICATION } from '../../shared/vocabulary.ts';
import { InputError } from '../../shared/errors.ts';
import { shanghaiDay } from '../../shared/time.ts';
import { detailText, RectBadge } from './findings.tsx';
import { errorPage } from './errors.tsx';
import { AuditLog } from './audit-log.tsx';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, readSubmission } from '../uploads.ts';

/** The unit's side of 整改 and the office's decisions on it: one page per rectification, and a unit's list. */

/** Attachments live beside the snapshots, content-addressed the same way, apart from what retention prunes. */
export const attachmentsDir = (snapshotsDir: string) => join(snapshotsDir, 'attachments');

const RECT_STATE_LABELS: Record<RectState, string> = RECTIFICATION;
/** The stages of the loop: the states without the overdue mark. */
export const RECT_STAGES = RECT_STATES.filter((s) => s !== 'overdue');
const KIND_LABELS = Object.fromEntries(Object.entries(FINDING_KINDS).map(([k, m]) => [k, m.title]));

/** A year's rectifications as the office's list (all units, `withUnit`) and a unit's list show them: filtered and paged. */
export function rectTable(c: Ctx, opts: { unitId?: string }): TableDef<ListedRectification> {
  const { db, year } = c.get('deps');
  const withUnit = opts.unitId === undefined;
  return {
    id: 'rects',
    fileName: opts.unitId ? `整改-${opts.unitId}-${year}` : `整改-${year}`,
    filters: {
      q: { placeholder: '搜索单位、栏目、问题说明、备注' },
      ...(withUnit ? { unit: listUnits(db).map((u) => ({ id: u.id, name: u.name })), unitKind: true as const } : {}),
      kind: KIND_LABELS,
      state: RECT_STATE_LABELS,
    },
    load: (q, page) =>
      rectificationsPage(db, { year, unitId: opts.unitId ?? q.unit, unitKind: q.unitKind, kind: q.kind, state: q.state as RectState | undefined, q: q.q }, page),
    empty: '没有符合条件的整改。',
    columns: [
      ...(withUnit
        ? [{ header: '单位', text: (r: ListedRectification) => r.unitName, cell: (r: ListedRectification) => <a href={withYear(c, `/units/${encodeURIComponent(r.unitId)}`)}>{r.unitName}</a> }]
        : []),
      { header: '问题', text: (r) => findingTitle(r.kind), cell: (r) => <a href={withYear(c, `/rectifications/${r.id}`)}>{findingTitle(r.kind)}</a> },
      { header: '栏目', text: (r) => r.columnName },
      { header: '下发时间', text: (r) => fmtTime(r.sentAt) },
      { header: '方案期限', text: (r) => r.planDue },
      { header: '整改期限', text: (r) => r.deadline },
      {
        header: '状态',
        text: (r) => `${RECTIFICATION[r.status]}${r.overdueAt !== null && r.status !== 'rectified' ? `（${RECTIFICATION.overdue}）` : ''}`,
        cell: (r) => (
          <>
            <RectBadge status={r.status} overdue={r.overdueAt !== null} />
            {r.verifiedAt ? <div class="small muted">{`核实于 ${fmtTime(r.verifiedAt)}`}</div> : null}
          </>
        ),
      },
      { header: '备注', text: (r) => r.note },
    ],
  };
}

export async function getUnitRectifications(c: Ctx) {
  const { db, year } = c.get('deps');
  const unit = getUnit(db, c.req.param('unitId')!)!;
  const counts = rectificationCounts(db, year, unit.id);
  const total = RECT_STAGES.reduce((n, s) => n + counts[s], 0);
  const toDo = RECT_UNIT_TO_ACT.reduce((n, s) => n + counts[s], 0);
  const table = await serveTable(c, rectTable(c, { unitId: unit.id }));
  if (table instanceof Response) return table;
  return render(
    c,
    <Layout title={`${unit.name} · 整改`} session={c.get('session')} active="rectifications" crumbs={<a href={`/units/${encodeURIComponent(unit.id)}`}>{unit.name}</a>}>
      <p class="muted small">
        {`区政务公开办下发的整改共 ${total} 项，其中 ${toDo} 项等待本单位提交整改方案或整改情况。点击问题名称查看详情并提交。`}
      </p>
      {table.view}
    </Layout>,
    table.problems.length ? 400 : 200,
  );
}

const SubmissionList: FC<{ rectId: number; subs: SubmissionRow[] }> = ({ rectId, subs }) => (
  <ol class="history">
    {subs.map((s) => (
      <li>
        <div>
          <b>{RECT_SUBMISSION[s.kind]}</b>
          {` · ${s.submittedByName ?? '—'} 提交于 ${fmtTime(s.submittedAt)} · `}
          {s.outcome ? <Badge tone={s.outcome === 'accepted' ? 'ok' : 'warn'}>{RECT_OUTCOME[s.outcome]}</Badge> : <Badge tone="info">待审核</Badge>}
          {s.decidedAt ? <span class="small muted">{` ${s.decidedByName ?? '—'} ${fmtTime(s.decidedAt)}`}</span> : null}
        </div>
        <div class="prewrap">{s.body}</div>
        {s.reason && s.outcome === 'returned' ? <div class="error">{`退回理由：${s.reason}`}</div> : null}
        {s.attachments.length ? (
          <ul class="small">
            {s.attachments.map((a) => (
              <li>
                <a href={`/rectifications/${rectId}/attachments/${a.id}`}>{a.name}</a>
                {` （${a.size < 1024 ? `${a.size} 字节` : `${(a.size / 1024).toFixed(1)} KB`}）`}<span class="muted mono">{`SHA-256 ${a.sha256}`}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </li>
    ))}
  </ol>
);

/** What the unit is asked to submit at a stage, if anything. */
function dueSubmission(r: ListedRectification): 'plan' | 'report' | null {
  if (r.status === 'pending' || r.status === 'plan-returned') return 'plan';
  if (r.status === 'in-progress' || r.status === 'report-returned') return 'report';
  return null;
}

export async function getRectificationPage(c: Ctx, error?: string) {
  const { db } = c.get('deps');
  const session = c.get('session')!;
  const r = getRectification(db, Number(c.req.param('rectId')))!;
  const subs = submissionsOf(db, r.id);
  const audit = auditFor(db, rectTarget(r.id), 200);
  const staff = session.user.role !== 'unit';
  const due = dueSubmission(r);
  const pendingDecision = subs.find((s) => s.outcome === null);
  const lasting = closesOnExplanation(r.kind);
  const saved = c.req.query('saved');
  return render(
    c,
    <Layout
      title={`整改：${findingTitle(r.kind)}`}
      session={session}
      active="rectifications"
      crumbs={staff ? <><a href="/rectifications">整改</a> / {r.unitName}</> : <a href={`/units/${encodeURIComponent(r.unitId)}/rectifications`}>本单位整改</a>}
    >
      {error ? <div class="error">{error}</div> : null}
      {saved ? <div class="notice">{saved === 'submitted' ? '已提交，等待区政务公开办审核。' : '已记录审核结果。'}</div> : null}
      <dl class="facts">
        <dt>单位</dt><dd>{r.unitName}</dd>
        <dt>问题</dt><dd>{findingTitle(r.kind)}{r.columnName ? `（${r.columnName}）` : ''}</dd>
        <dt>说明</dt><dd>{detailText(r.findingDetail)}</dd>
        <dt>状态</dt><dd id="rect-status"><RectBadge status={r.status} overdue={r.overdueAt !== null} /></dd>
        <dt>整改方案期限</dt><dd>{r.planDue ?? '—'}</dd>
        <dt>整改期限</dt><dd>{r.deadline}</dd>
        {r.note ? <><dt>备注</dt><dd>{r.note}</dd></> : null}
        <dt>如何销号</dt>
        <dd class="small">
          {lasting
            ? '此类问题是已经发生的事实，巡检无法证明“改正”：整改情况写明原因说明和今后的承诺，经区政务公开办采纳即为已整改。'
            : '整改情况经区政务公开办采纳后，由之后的巡检核实：巡检不再发现该问题（超期栏目恢复更新）即为已整改。'}
        </dd>
      </dl>

      {due && !staff ? (
        <>
          <h2>{`提交${RECT_SUBMISSION[due]}`}</h2>
          <form method="post" action={`/rectifications/${r.id}/submit`} enctype="multipart/form-data" class="stack" id="submit-form">
            <Csrf session={session} />
            <input type="hidden" name="kind" value={due} />
            <label>
              {due === 'plan' ? '整改措施和完成时间' : lasting ? '原因说明和今后的承诺' : '整改完成情况'}
              <textarea name="body" rows={6} required minlength={10} maxlength={5000} />
            </label>
            <label>
              {`附件（可选，最多 ${MAX_ATTACHMENTS} 个，每个不超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB；${Object.keys(ATTACHMENT_TYPES).map((e) => e.slice(1)).join('、')}）`}
              <input type="file" name="files" multiple accept={Object.keys(ATTACHMENT_TYPES).join(',')} />
            </label>
            <button type="submit">提交</button>
          </form>
        </>
      ) : null}

      {staff && pendingDecision ? (
        <>
          <h2>{`审核${RECT_SUBMISSION[pendingDecision.kind]}`}</h2>
          <form method="post" action={`/rectifications/${r.id}/decision`} class="stack" id="decision-form">
            <Csrf session={session} />
            <label>
              理由（退回时必填，单位会看到）
              <textarea name="reason" rows={3} maxlength={1000} />
            </label>
            <div>
              <button type="submit" name="outcome" value="accepted">采纳</button>{' '}
              <button type="submit" name="outcome" value="returned" class="secondary">退回</button>
            </div>
          </form>
        </>
      ) : null}

      <h2>提交与审核记录</h2>
      {subs.length ? <SubmissionList rectId={r.id} subs={subs} /> : <p class="muted">尚未提交。</p>}
      <AuditLog title="操作日志" rows={audit} system="系统" />
    </Layout>,
    error ? 400 : 200,
  );
}

/** Refusals of the loop (wrong stage, missing reason) come back on the page; anything else is a server error. */
async function orPageError(c: Ctx, act: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await act();
  } catch (e) {
    if (e instanceof InputError) return getRectificationPage(c, e.message);
    throw e;
  }
}

export async function postRectificationSubmit(c: Ctx) {
  const { db, snapshotsDir } = c.get('deps');
  const id = Number(c.req.param('rectId'));
  const form = await readSubmission(await c.req.parseBody({ all: true }));
  if (!form.ok) return getRectificationPage(c, form.errors.join('；') + '。');
  return orPageError(c, async () => {
    const dir = attachmentsDir(snapshotsDir);
    const files = [];
    for (const f of form.files) files.push({ sha256: await writeSnapshotAsync(dir, f.bytes), name: f.name, mime: f.mime, size: f.bytes.length });
    submitRectification(db, { rectificationId: id, kind: form.kind, body: form.body, files, userId: c.get('session')!.user.id, today: shanghaiDay() });
    return c.redirect(`/rectifications/${id}?saved=submitted`, 303);
  });
}

const DecisionForm = z.object({
  outcome: z.enum(['accepted', 'returned']),
  reason: z.string().trim().max(1000, '理由最多 1000 字').optional().transform((s) => s || null),
});

export async function postRectificationDecision(c: Ctx) {
  const { db } = c.get('deps');
  const id = Number(c.req.param('rectId'));
  if (!getRectification(db, id)) return errorPage(c, 404);
  const f = DecisionForm.safeParse(await c.req.parseBody());
  if (!f.success) return getRectificationPage(c, f.error.issues.some((i) => i.path[0] === 'outcome') ? '请选择采纳或退回。' : `${f.error.issues[0].message}。`);
  return orPageError(c, () => {
    decideRectification(db, { rectificationId: id, outcome: f.data.outcome, reason: f.data.reason, userId: c.get('session')!.user.id });
    return c.redirect(`/rectifications/${id}?saved=decided`, 303);
  });
}

export async function getRectificationAttachment(c: Ctx) {
  const { db, snapshotsDir } = c.get('deps');
  const a = /^\d+$/.test(c.req.param('attachmentId') ?? '') ? attachmentOf(db, Number(c.req.param('rectId')), Number(c.req.param('attachmentId'))) : undefined;
  if (!a) return errorPage(c, 404);
  const bytes = readSnapshot(attachmentsDir(snapshotsDir), a.sha256);
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': a.mime,
    'Content-Disposition': `attachment; filename="attachment-${a.id}"; filename*=UTF-8''${encodeURIComponent(a.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'X-Zwgk-Sha256': a.sha256,
  });
}

