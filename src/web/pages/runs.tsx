import type { Ctx } from '../env.ts';
import { Badge, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { serveTable } from '../data-table.tsx';
import { auditorFaults, crawlRunsPage, failuresPerColumn, jobRunsPage, type JobStatus, type RunStatus } from '../../store/index.ts';
import { JOB_TRIGGER, jobLabel, RUN_STATUS, runStatusLabel, VISIT_INCONCLUSIVE } from '../../shared/vocabulary.ts';
import { withYear } from '../year.tsx';
import { runTraffic } from './run-traffic.tsx';

const RUN_TONE: Record<keyof typeof RUN_STATUS, 'ok' | 'warn' | 'bad' | 'info' | 'muted'> = {
  running: 'info', ok: 'ok', partial: 'warn', failed: 'bad', interrupted: 'bad', skipped: 'muted',
};

/** A run's status as a badge (运行, and 总览's last crawl). */
export const RunBadge = ({ status }: { status: string }) => <Badge tone={RUN_TONE[status as keyof typeof RUN_STATUS] ?? 'muted'}>{runStatusLabel(status)}</Badge>;

/** The states a job run can end in (job_runs.status), as the 定时任务 filter offers them. */
const JOB_STATES: Record<JobStatus, string> = { running: RUN_STATUS.running, ok: RUN_STATUS.ok, failed: RUN_STATUS.failed, skipped: RUN_STATUS.skipped };

export async function getRuns(c: Ctx) {
  const { db } = c.get('deps');
  const runs = await serveTable(c, {
    id: 'crawl-runs',
    fileName: '巡检记录',
    filters: { state: RUN_STATUS },
    load: (q, page) => crawlRunsPage(db, { status: q.state as RunStatus | undefined }, page),
    empty: '没有符合条件的巡检。',
    rowId: (r) => `run-${r.id}`,
    columns: [
      { header: '编号', num: true, text: (r) => r.id },
      { header: '类型', text: (r) => (r.kind === 'full' ? '全量' : '夜间') },
      { header: '开始', text: (r) => fmtTime(r.startedAt) },
      { header: '结束', text: (r) => fmtTime(r.finishedAt) },
      { header: '状态', text: (r) => runStatusLabel(r.status), cell: (r) => <RunBadge status={r.status} /> },
      { header: '栏目', num: true, text: (r) => r.visits },
      { header: '失败栏目', num: true, text: (r) => r.failed, cell: (r) => <span class={r.failed ? 'count-bad' : 'muted'}>{r.failed}</span> },
      { header: VISIT_INCONCLUSIVE.ours, num: true, text: (r) => r.ours, cell: (r) => <span class={r.ours ? 'count-bad' : 'muted'}>{r.ours}</span> },
      { header: '请求', num: true, text: (r) => runTraffic(r.statsJson).requests },
      { header: '请求去向', text: (r) => runTraffic(r.statsJson).text, cell: (r) => <span class="small">{runTraffic(r.statsJson).text ?? ''}</span> },
    ],
  });
  if (runs instanceof Response) return runs;
  // 30 days back from this request: the two tables of what went wrong lately.
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const ours = await serveTable(c, {
    id: 'auditor-faults',
    prefix: 'a_',
    fileName: '本系统原因未完成的栏目',
    filters: {},
    load: (_q, page) => auditorFaults(db, since, page),
    empty: `近 30 天没有${VISIT_INCONCLUSIVE.ours}的栏目。`,
    columns: [
      { header: '单位', text: (f) => f.unitName },
      { header: '栏目', text: (f) => f.columnName, cell: (f) => <a href={withYear(c, `/columns/${f.columnId}`)}>{f.columnName}</a> },
      { header: '时间', text: (f) => fmtTime(f.startedAt) },
      { header: '原因与处理办法', text: (f) => f.error, cell: (f) => <span class="small">{f.error ?? ''}</span> },
    ],
  });
  if (ours instanceof Response) return ours;
  const failures = await serveTable(c, {
    id: 'column-failures',
    prefix: 'x_',
    fileName: '失败的栏目',
    filters: {},
    load: (_q, page) => failuresPerColumn(db, since, page),
    empty: '近 30 天没有失败的栏目。',
    columns: [
      { header: '单位', text: (f) => f.unitName },
      { header: '栏目', text: (f) => f.columnName, cell: (f) => <a href={withYear(c, `/columns/${f.columnId}`)}>{f.columnName}</a> },
      { header: '失败次数', num: true, text: (f) => f.failures, cell: (f) => <span class="count-bad">{f.failures}</span> },
      { header: '最近失败', text: (f) => fmtTime(f.lastFailure) },
      { header: '最近错误', text: (f) => f.lastError, cell: (f) => <span class="small">{f.lastError ?? ''}</span> },
    ],
  });
  if (failures instanceof Response) return failures;
  const jobs = await serveTable(c, {
    id: 'job-runs',
    prefix: 'j_',
    fileName: '定时任务',
    filters: { state: JOB_STATES },
    load: (q, page) => jobRunsPage(db, { status: q.state as JobStatus | undefined }, page),
    empty: '没有符合条件的任务记录。',
    columns: [
      { header: '任务', text: (j) => jobLabel(j.job) },
      { header: '触发', text: (j) => JOB_TRIGGER[j.trigger] ?? j.trigger },
      { header: '开始', text: (j) => fmtTime(j.startedAt) },
      { header: '结束', text: (j) => fmtTime(j.finishedAt) },
      { header: '状态', text: (j) => runStatusLabel(j.status), cell: (j) => <RunBadge status={j.status} /> },
      { header: '说明', text: (j) => j.detail, cell: (j) => <span class="small">{j.detail ?? ''}</span> },
    ],
  });
  if (jobs instanceof Response) return jobs;
  return render(
    c,
    <Layout title="运行情况" session={c.get('session')} active="runs">
      <h2>巡检</h2>
      {runs.view}
      <h2>{`近 30 天${VISIT_INCONCLUSIVE.ours}的栏目`}</h2>
      <p class="muted small">磁盘、数据库、计划中的选择器、解析器上限或服务停止等本系统的问题：不计入单位，不作任何结论，下次巡检自动重试。请按说明处理。</p>
      {ours.view}
      <h2>近 30 天失败的栏目</h2>
      {failures.view}
      <h2>定时任务</h2>
      {jobs.view}
    </Layout>,
    [runs, ours, failures, jobs].some((t) => t.problems.length) ? 400 : 200,
  );
}
