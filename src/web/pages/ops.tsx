import { z } from 'zod';
import { listJobRuns } from '../../store/index.ts';
import type { Ctx } from '../env.ts';
import { Badge, Csrf, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import {
  auditorFaults, countOutbox, createRectification, failuresPerColumn, isActiveFinding, listCrawlRuns, listRectifications, recentDigests, unsentFindings,
} from '../../store/index.ts';
import { detailText, RectBadge } from './findings.tsx';
import { findingTitle, jobLabel, OUTBOX_STATUS, RECTIFICATION, RUN_STATUS, runStatusLabel, VISIT_INCONCLUSIVE } from '../../shared/vocabulary.ts';
import { addDays, isIsoDay, shanghaiDay } from '../../shared/time.ts';
import { errorPage } from './errors.tsx';
import { RunTraffic } from './run-traffic.tsx';

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
          <thead><tr><th data-sort class="num">编号</th><th data-sort>类型</th><th data-sort>开始</th><th data-sort>结束</th><th data-sort>状态</th><th data-sort class="num">栏目</th><th data-sort class="num">失败栏目</th><th data-sort class="num">{VISIT_INCONCLUSIVE.ours}</th><th data-sort class="num">请求</th><th>请求去向</th></tr></thead>
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
                <RunTraffic statsJson={r.statsJson} />
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
