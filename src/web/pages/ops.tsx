import { z } from 'zod';
import type { Ctx } from '../env.ts';
import { Csrf, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { findingIdsMatching, findingsPage, listUnits, rectificationCounts, type ListedFinding } from '../../store/index.ts';
import { serveTable, type TableDef } from '../data-table.tsx';
import { CalendarCoverageError, issueRectifications } from '../../assess/index.ts';
import { InputError } from '../../shared/errors.ts';
import { detailText } from './findings.tsx';
import { RECT_STAGES, rectTable } from './rectification.tsx';
import { FINDING_KINDS, findingTitle, RECTIFICATION } from '../../shared/vocabulary.ts';
import { addDays, isIsoDay, shanghaiDay } from '../../shared/time.ts';
import { withYear } from '../year.tsx';

/** Findings that can be sent for 整改, as the office picks them: filtered and paged apart from the 整改 list above them. */
function issuableTable(c: Ctx): TableDef<ListedFinding> {
  const { db, year } = c.get('deps');
  return {
    id: 'issuable',
    prefix: 'f_',
    fileName: `待下发的问题-${year}`,
    filters: {
      q: { placeholder: '搜索说明、栏目、信息标题' },
      unit: listUnits(db).map((u) => ({ id: u.id, name: u.name })),
      unitKind: true,
      kind: Object.fromEntries(Object.entries(FINDING_KINDS).map(([k, m]) => [k, m.title])),
    },
    load: (q, page) => findingsPage(db, { year, issuable: true, unitId: q.unit, unitKind: q.unitKind, kind: q.kind, q: q.q }, page),
    empty: '没有待下发的问题。',
    columns: [
      {
        header: '选择',
        screenOnly: true,
        text: () => null,
        cell: (f) => <input type="checkbox" name="findingIds" value={String(f.id)} form="issue-selected" aria-label={`选择：${f.unitName} ${findingTitle(f.kind)}`} />,
      },
      { header: '单位', text: (f) => f.unitName, cell: (f) => <a href={withYear(c, `/units/${encodeURIComponent(f.unitId)}`)}>{f.unitName}</a> },
      { header: '问题', text: (f) => findingTitle(f.kind) },
      { header: '栏目', text: (f) => f.columnName },
      { header: '说明', text: (f) => detailText(f.detail), cell: (f) => <span class="small">{detailText(f.detail)}</span> },
    ],
  };
}

/** The units that have findings waiting to be sent, for the one-action issue of a whole unit. */
function unitsWithIssuable(c: Ctx): Array<[string, string]> {
  const { db, year } = c.get('deps');
  const ids = new Set(findingIdsMatching(db, { year, issuable: true }).map((r) => r.unitId));
  return listUnits(db).filter((u) => ids.has(u.id)).map((u) => [u.id, u.name]);
}

export async function getRectifications(c: Ctx, error?: string) {
  const { db, year } = c.get('deps');
  const session = c.get('session');
  const counts = rectificationCounts(db, year);
  const rects = await serveTable(c, rectTable(c, {}));
  if (rects instanceof Response) return rects;
  const candidates = await serveTable(c, issuableTable(c));
  if (candidates instanceof Response) return candidates;
  const units = unitsWithIssuable(c);
  const deflt = addDays(shanghaiDay(), 15);
  // The counts of the issue just made, carried over its redirect; anything but a number is ignored.
  const count = (name: string) => (/^\d{1,6}$/.test(c.req.query(name) ?? '') ? c.req.query(name) : undefined);
  const issued = count('issued');
  const skipped = count('skipped');
  return render(
    c,
    <Layout title="整改" session={session} active="rectifications">
      {error ? <div class="error">{error}</div> : null}
      {issued !== undefined ? <div class="notice">{`已下发 ${issued} 项整改${skipped && skipped !== '0' ? `，跳过 ${skipped} 项（已下发过、已排除或已消除的问题）` : ''}。单位联系人会在下一次预警运行时收到通知邮件。`}</div> : null}
      <div class="stats">
        {RECT_STAGES.map((s) => (
          <div class="stat"><div class="n">{counts[s]}</div><div class="l">{RECTIFICATION[s]}</div></div>
        ))}
        <div class="stat"><div class="n count-bad">{counts.overdue}</div><div class="l">{RECTIFICATION.overdue}</div></div>
      </div>
      <h2>已下发的整改</h2>
      <p class="muted small">单位在期限内提交整改方案，再提交整改情况，均由区政务公开办采纳或退回。巡检能核实的问题（超期、空白、失效链接、无法访问、禁止巡检）在整改情况采纳后由之后的巡检核实销号；逾期公开、疑似倒签等已发生的问题在原因说明和承诺被采纳后销号。</p>
      {rects.view}
      <h2>待下发的问题</h2>
      {units.length ? (
        <form method="post" action={withYear(c, '/rectifications')} class="inline" id="issue-unit">
          <Csrf session={session} />
          <label>{'单位 '}
            <select name="unitId" required>
              {units.map(([id, name]) => <option value={id}>{name}</option>)}
            </select>
          </label>
          <input type="date" name="deadline" value={deflt} required aria-label="整改期限" />
          <input type="text" name="note" placeholder="备注（可选）" maxlength={500} />
          <button type="submit">下发该单位全部问题</button>
        </form>
      ) : <p class="muted">没有待下发的问题。</p>}
      <form method="post" action={withYear(c, '/rectifications')} class="inline" id="issue-selected">
        <Csrf session={session} />
        <input type="date" name="deadline" value={deflt} required aria-label="整改期限" />
        <input type="text" name="note" placeholder="备注（可选）" maxlength={500} />
        <button type="submit">下发所选问题</button>
      </form>
      {candidates.view}
    </Layout>,
    error || rects.problems.length || candidates.problems.length ? 400 : 200,
  );
}

/** One deadline and note for a selection of findings, or for all of one unit's (never both). */
const IssueForm = z.object({
  findingIds: z.array(z.string().regex(/^\d+$/)).max(1000).default([]),
  unitId: z.string().max(100).optional(),
  deadline: z.string().refine(isIsoDay),
  note: z.string().trim().max(500).optional().transform((s) => s || null),
});

export async function postRectification(c: Ctx) {
  const { db, year, rules } = c.get('deps');
  const body = await c.req.parseBody({ all: true });
  const ids = body.findingIds;
  const f = IssueForm.safeParse({ ...body, findingIds: ids === undefined ? [] : Array.isArray(ids) ? ids : [ids] });
  if (!f.success) return getRectifications(c, '请填写有效的整改期限（YYYY-MM-DD），备注不超过 500 字。');
  const findingIds = f.data.unitId ? findingIdsMatching(db, { year, unitId: f.data.unitId, issuable: true }).map((x) => x.id) : f.data.findingIds.map(Number);
  if (!findingIds.length) return getRectifications(c, f.data.unitId ? '该单位没有待下发的问题。' : '请先勾选要下发整改的问题。');
  try {
    const r = issueRectifications(db, rules, { findingIds, deadline: f.data.deadline, note: f.data.note, userId: c.get('session')!.user.id, today: shanghaiDay() });
    return c.redirect(withYear(c, `/rectifications?issued=${r.issued.length}&skipped=${r.alreadyIssued + r.notIssuable}`), 303);
  } catch (e) {
    if (e instanceof InputError) return getRectifications(c, e.message);
    if (e instanceof CalendarCoverageError) return getRectifications(c, `无法计算整改方案期限：${e.message}`);
    throw e;
  }
}
