import { z } from 'zod';
import { listJobRuns } from '../../store/index.ts';
import type { Ctx } from '../env.ts';
import { Badge, Csrf, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import {
  auditorFaults, countOutbox, failuresPerColumn, listCrawlRuns, listRectifications, recentDigests, unsentFindings,
} from '../../store/index.ts';
import { CalendarCoverageError, issueRectifications } from '../../assess/index.ts';
import { InputError } from '../../shared/errors.ts';
import { detailText } from './findings.tsx';
import { RectTable } from './rectification.tsx';
import { findingTitle, jobLabel, OUTBOX_STATUS, RECTIFICATION, RUN_STATUS, runStatusLabel, VISIT_INCONCLUSIVE } from '../../shared/vocabulary.ts';
import { addDays, isIsoDay, shanghaiDay } from '../../shared/time.ts';

const RUN_TONE: Record<keyof typeof RUN_STATUS, 'ok' | 'warn' | 'bad' | 'info' | 'muted'> = {
  running: 'info', ok: 'ok', partial: 'warn', failed: 'bad', interrupted: 'bad', skipped: 'muted',
};
const OUTBOX_TONE: Record<keyof typeof OUTBOX_STATUS, 'ok' | 'warn' | 'bad' | 'info'> = { pending: 'warn', sending: 'info', sent: 'ok', failed: 'bad' };

const RunBadge = ({ status }: { status: string }) => <Badge tone={RUN_TONE[status as keyof typeof RUN_STATUS] ?? 'muted'}>{runStatusLabel(status)}</Badge>;

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
        <form method="post" action="/rectifications" class="inline" id="issue-unit">
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
      <form method="post" action="/rectifications" class="inline" id="issue-selected">
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
                <td><a href={`/units/${encodeURIComponent(f.unitId)}`}>{f.unitName}</a></td>
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
    return c.redirect(`/rectifications?issued=${r.issued.length}&skipped=${r.alreadyIssued + r.notIssuable}`, 303);
  } catch (e) {
    if (e instanceof InputError) return getRectifications(c, e.message);
    if (e instanceof CalendarCoverageError) return getRectifications(c, `无法计算整改方案期限：${e.message}`);
    throw e;
  }
}

export async function getAlerts(c: Ctx) {
  const { db } = c.get('deps');
  const alerts = recentDigests(db, 500);
  const counts = countOutbox(db);
  const recipients = (to: unknown[]): string =>
    to.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x && 'address' in x ? String((x as { address: unknown }).address) : '')).join('，');
  return render(
    c,
    <Layout title="预警邮件" session={c.get('session')} active="alerts">
      <div class="stats">
        {(['sent', 'pending', 'failed'] as const).map((s) => (
          <div class="stat"><div class={`n ${s === 'failed' && counts[s] ? 'count-bad' : ''}`}>{counts[s] ?? 0}</div><div class="l">{OUTBOX_STATUS[s]}</div></div>
        ))}
      </div>
      <div class="table-wrap">
        <table class="sortable">
          <thead><tr><th data-sort>日期</th><th data-sort>单位</th><th>收件人</th><th data-sort>主题</th><th data-sort>状态</th><th data-sort class="num">尝试</th><th>错误</th></tr></thead>
          <tbody>
            {alerts.map((a) => (
              <tr>
                <td>{a.day}</td>
                <td><a href={`/units/${encodeURIComponent(a.unitId)}`}>{a.unitName}</a></td>
                <td class="small">{recipients(a.to)}</td>
                <td>{a.subject}</td>
                <td>
                  <Badge tone={OUTBOX_TONE[a.status as keyof typeof OUTBOX_STATUS] ?? 'info'}>{OUTBOX_STATUS[a.status as keyof typeof OUTBOX_STATUS] ?? a.status}</Badge>
                  {a.sentAt ? <div class="small muted">{fmtTime(a.sentAt)}</div> : a.nextAttemptAt ? <div class="small muted">{`下次 ${fmtTime(a.nextAttemptAt)}`}</div> : null}
                </td>
                <td class="num">{a.attempts}</td>
                <td class="small">{a.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  );
}

export async function getRuns(c: Ctx) {
  const { db } = c.get('deps');
  const runs = listCrawlRuns(db, 60);
  const jobs = listJobRuns(db, { limit: 60 });
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const failures = failuresPerColumn(db, since, 100);
  const ours = auditorFaults(db, since, 100);
  return render(
    c,
    <Layout title="运行情况" session={c.get('session')} active="runs">
      <h2>巡检</h2>
      <div class="table-wrap">
        <table class="sortable">
          <thead><tr><th data-sort class="num">编号</th><th data-sort>类型</th><th data-sort>开始</th><th data-sort>结束</th><th data-sort>状态</th><th data-sort class="num">栏目</th><th data-sort class="num">失败栏目</th><th data-sort class="num">{VISIT_INCONCLUSIVE.ours}</th></tr></thead>
          <tbody>
            {runs.map((r) => (
              <tr>
                <td class="num">{r.id}</td>
                <td>{r.kind === 'full' ? '全量' : '夜间'}</td>
                <td class="small">{fmtTime(r.startedAt)}</td>
                <td class="small">{fmtTime(r.finishedAt)}</td>
                <td><RunBadge status={r.status} /></td>
                <td class="num">{r.visits}</td>
                <td class={`num ${r.failed ? 'count-bad' : 'muted'}`}>{r.failed}</td>
                <td class={`num ${r.ours ? 'count-bad' : 'muted'}`}>{r.ours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{`近 30 天${VISIT_INCONCLUSIVE.ours}的栏目`}</h2>
      <p class="muted small">磁盘、数据库、计划中的选择器、解析器上限或服务停止等本系统的问题：不计入单位，不作任何结论，下次巡检自动重试。请按说明处理。</p>
      {ours.length ? (
        <div class="table-wrap">
          <table class="sortable">
            <thead><tr><th data-sort>单位</th><th data-sort>栏目</th><th data-sort>时间</th><th>原因与处理办法</th></tr></thead>
            <tbody>
              {ours.map((f) => (
                <tr>
                  <td>{f.unitName}</td>
                  <td><a href={`/columns/${f.columnId}`}>{f.columnName}</a></td>
                  <td class="small">{fmtTime(f.startedAt)}</td>
                  <td class="small">{f.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p class="muted">近 30 天没有因本系统原因未完成的栏目。</p>}
      <h2>近 30 天失败的栏目</h2>
      {failures.length ? (
        <div class="table-wrap">
          <table class="sortable">
            <thead><tr><th data-sort>单位</th><th data-sort>栏目</th><th data-sort class="num">失败次数</th><th data-sort>最近失败</th><th>最近错误</th></tr></thead>
            <tbody>
              {failures.map((f) => (
                <tr>
                  <td>{f.unitName}</td>
                  <td><a href={`/columns/${f.columnId}`}>{f.columnName}</a></td>
                  <td class="num count-bad">{f.failures}</td>
                  <td class="small">{fmtTime(f.lastFailure)}</td>
                  <td class="small">{f.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p class="muted">近 30 天没有失败的栏目。</p>}
      <h2>定时任务</h2>
      <div class="table-wrap">
        <table class="sortable">
          <thead><tr><th data-sort>任务</th><th data-sort>触发</th><th data-sort>开始</th><th data-sort>结束</th><th data-sort>状态</th><th>说明</th></tr></thead>
          <tbody>
            {jobs.map((j) => (
              <tr>
                <td>{jobLabel(j.job)}</td>
                <td>{({ schedule: '定时', cli: '命令行', manual: '手动' } as Record<string, string>)[j.trigger] ?? j.trigger}</td>
                <td class="small">{fmtTime(j.startedAt)}</td>
                <td class="small">{fmtTime(j.finishedAt)}</td>
                <td><RunBadge status={j.status} /></td>
                <td class="small">{j.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>,
  );
}
