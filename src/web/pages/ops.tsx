import { z } from 'zod';
import type { Ctx } from '../env.ts';
import { Csrf, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { listRectifications, unsentFindings } from '../../store/index.ts';
import { CalendarCoverageError, issueRectifications } from '../../assess/index.ts';
import { InputError } from '../../shared/errors.ts';
import { detailText } from './findings.tsx';
import { RectTable } from './rectification.tsx';
import { findingTitle, RECTIFICATION } from '../../shared/vocabulary.ts';
import { addDays, isIsoDay, shanghaiDay } from '../../shared/time.ts';
import { withYear } from '../year.tsx';

export async function getRectifications(c: Ctx, error?: string) {
  const { db, year } = c.get('deps');
  const session = c.get('session');
  const rects = listRectifications(db, year);
  const candidates = unsentFindings(db, year, 300);
  const units = [...new Map(candidates.map((f) => [f.unitId, f.unitName])).entries()];
  const deflt = addDays(shanghaiDay(), 15);
  // The counts of the issue just made, carried over its redirect; anything but a number is ignored.
  const count = (name: string) => (/^\d{1,6}$/.test(c.req.query(name) ?? '') ? c.req.query(name) : undefined);
  const issued = count('issued');
  const skipped = count('skipped');
  const stages = (Object.keys(RECTIFICATION) as Array<keyof typeof RECTIFICATION>).filter((s) => s !== 'overdue');
  return render(
    c,
    <Layout title="整改" session={session} active="rectifications">
      {error ? <div class="error">{error}</div> : null}
      {issued !== undefined ? <div class="notice">{`已下发 ${issued} 项整改${skipped && skipped !== '0' ? `，跳过 ${skipped} 项（已下发过、已排除或已消除的问题）` : ''}。单位联系人会在下一次预警运行时收到通知邮件。`}</div> : null}
      <div class="stats">
        {stages.map((s) => (
          <div class="stat"><div class="n">{rects.filter((r) => r.status === s).length}</div><div class="l">{RECTIFICATION[s]}</div></div>
        ))}
        <div class="stat"><div class="n count-bad">{rects.filter((r) => r.overdueAt !== null && r.status !== 'rectified').length}</div><div class="l">{RECTIFICATION.overdue}</div></div>
      </div>
      <h2>已下发的整改</h2>
      <p class="muted small">单位在期限内提交整改方案，再提交整改情况，均由区政务公开办采纳或退回。巡检能核实的问题（超期、空白、失效链接、无法访问、禁止巡检）在整改情况采纳后由之后的巡检核实销号；逾期公开、疑似倒签等已发生的问题在原因说明和承诺被采纳后销号。</p>
      <RectTable rects={rects} withUnit />
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
      <div class="table-wrap">
        <table class="sortable">
          <thead><tr><th>选择</th><th data-sort>单位</th><th data-sort>问题</th><th data-sort>栏目</th><th>说明</th></tr></thead>
          <tbody>
            {candidates.map((f) => (
              <tr>
                <td><input type="checkbox" name="findingIds" value={String(f.id)} form="issue-selected" aria-label={`选择：${f.unitName} ${findingTitle(f.kind)}`} /></td>
                <td><a href={withYear(c, `/units/${encodeURIComponent(f.unitId)}`)}>{f.unitName}</a></td>
                <td>{findingTitle(f.kind)}</td>
                <td>{f.columnName ?? '—'}</td>
                <td class="small">{detailText(f.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
    error ? 400 : 200,
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
  const findingIds = f.data.unitId ? unsentFindings(db, year, 10_000).filter((x) => x.unitId === f.data.unitId).map((x) => x.id) : f.data.findingIds.map(Number);
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
