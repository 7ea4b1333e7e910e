import type { Ctx } from '../env.ts';
import { Badge, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { serveTable } from '../data-table.tsx';
import { auditorFaults, crawlRunsPage, failuresPerColumn, listJobRuns, type RunStatus } from '../../store/index.ts';
import { jobLabel, RUN_STATUS, runStatusLabel, VISIT_INCONCLUSIVE } from '../../shared/vocabulary.ts';
import { withYear } from '../year.tsx';
import { runTraffic } from './run-traffic.tsx';

const RUN_TONE: Record<keyof typeof RUN_STATUS, 'ok' | 'warn' | 'bad' | 'info' | 'muted'> = {
  running: 'info', ok: 'ok', partial: 'warn', failed: 'bad', interrupted: 'bad', skipped: 'muted',
};

/** A run's status as a badge (运行, and 总览's last crawl). */
export const RunBadge = ({ status }: { status: string }) => <Badge tone={RUN_TONE[status as keyof typeof RUN_STATUS] ?? 'muted'}>{runStatusLabel(status)}</Badge>;

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
  const jobs = listJobRuns(db, { limit: 60 });
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const failures = failuresPerColumn(db, since, 100);
  const ours = auditorFaults(db, since, 100);
  return render(
    c,
    <Layout title="运行情况" session={c.get('session')} active="runs">
      <h2>巡检</h2>
      {runs.view}
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
                  <td><a href={withYear(c, `/columns/${f.columnId}`)}>{f.columnName}</a></td>
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
                  <td><a href={withYear(c, `/columns/${f.columnId}`)}>{f.columnName}</a></td>
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
    runs.problems.length ? 400 : 200,
  );
}
