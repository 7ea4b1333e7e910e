import { z } from 'zod';
import type { Ctx } from '../env.ts';
import { Csrf, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { createRectification, isActiveFinding, listRectifications, unsentFindings } from '../../store/index.ts';
import { detailText, RectBadge } from './findings.tsx';
import { findingTitle, RECTIFICATION } from '../../shared/vocabulary.ts';
import { addDays, isIsoDay, shanghaiDay } from '../../shared/time.ts';
import { errorPage } from './errors.tsx';

export async function getRectifications(c: Ctx, error?: string) {
  const { db, year } = c.get('deps');
  const session = c.get('session');
  const rects = listRectifications(db, year);
  const candidates = unsentFindings(db, year, 300);
  const deflt = addDays(shanghaiDay(), 15);
  return render(
    c,
    <Layout title="整改" session={session} active="rectifications">
      {error ? <div class="error">{error}</div> : null}
      {c.req.query('saved') === '1' ? <div class="notice">已下发整改通知。</div> : null}
      <div class="stats">
        {(['pending', 'rectified', 'overdue'] as const).map((s) => (
          <div class="stat"><div class="n">{rects.filter((r) => r.status === s).length}</div><div class="l">{RECTIFICATION[s]}</div></div>
        ))}
      </div>
      <h2>已下发的整改</h2>
      <p class="muted small">之后的巡检会核实整改：问题消除即为“已整改”，超过期限仍存在即为“逾期未整改”。</p>
      <div class="table-wrap">
        <table class="sortable">
          <thead><tr><th data-sort>单位</th><th data-sort>问题</th><th data-sort>栏目</th><th data-sort>下发时间</th><th data-sort>整改期限</th><th data-sort>状态</th><th>备注</th></tr></thead>
          <tbody>
            {rects.map((r) => (
              <tr>
                <td><a href={`/units/${encodeURIComponent(r.unitId)}`}>{r.unitName}</a></td>
                <td>{findingTitle(r.kind)}</td>
                <td>{r.columnName ?? '—'}</td>
                <td class="small">{fmtTime(r.sentAt)}</td>
                <td>{r.deadline}</td>
                <td><RectBadge status={r.status} />{r.verifiedAt ? <div class="small muted">{`核实于 ${fmtTime(r.verifiedAt)}`}</div> : null}</td>
                <td class="small">{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>待下发的问题</h2>
      <div class="table-wrap">
        <table class="sortable">
          <thead><tr><th data-sort>单位</th><th data-sort>问题</th><th data-sort>栏目</th><th>说明</th><th>下发整改</th></tr></thead>
          <tbody>
            {candidates.map((f) => (
              <tr>
                <td><a href={`/units/${encodeURIComponent(f.unitId)}`}>{f.unitName}</a></td>
                <td>{findingTitle(f.kind)}</td>
                <td>{f.columnName ?? '—'}</td>
                <td class="small">{detailText(f.detail)}</td>
                <td>
                  <form method="post" action="/rectifications" class="inline">
                    <Csrf session={session} />
                    <input type="hidden" name="findingId" value={String(f.id)} />
                    <input type="date" name="deadline" value={deflt} required aria-label="整改期限" />
                    <input type="text" name="note" placeholder="备注（可选）" maxlength={500} />
                    <button type="submit">下发</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
    error ? 400 : 200,
  );
}

const RectForm = z.object({
  findingId: z.string().regex(/^\d+$/),
  deadline: z.string().refine(isIsoDay),
  note: z.string().trim().max(500).optional().transform((s) => s || null),
});

export async function postRectification(c: Ctx) {
  const { db } = c.get('deps');
  const f = RectForm.safeParse(await c.req.parseBody());
  if (!f.success) return getRectifications(c, '请填写有效的整改期限（YYYY-MM-DD）。');
  if (f.data.deadline <= shanghaiDay()) return getRectifications(c, '整改期限应晚于今天。');
  if (!isActiveFinding(db, Number(f.data.findingId))) return errorPage(c, 404);
  createRectification(db, Number(f.data.findingId), f.data.deadline, c.get('session')!.user.id, f.data.note);
  return c.redirect('/rectifications?saved=1', 303);
}
