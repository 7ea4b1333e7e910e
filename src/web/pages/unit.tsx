import type { Ctx } from '../env.ts';
import { Badge, ChartData, fmtTime, GradeBadge, Layout, StandingScore } from '../layout.tsx';
import { render } from '../render.ts';
import { columnsOfUnit, findingCounts, getUnit, lastVisitOfColumn } from '../../store/index.ts';
import { columnState, liveAssessor, statusBadge, timelineChart, visitOutcomeLabel } from '../columns.ts';
import { formatScore, scoreSheet, standing } from '../../assess/index.ts';
import { findingsSection } from './findings.tsx';
import { latencyChart } from '../latency.ts';
import { COLUMN_STATUS } from '../../shared/vocabulary.ts';
import { withYear } from '../year.tsx';
import { UnitYearCompare } from '../year-compare.tsx';

export async function getUnitPage(c: Ctx) {
  const { db, rules, year, period, countWorkdays } = c.get('deps');
  const session = c.get('session')!;
  const unit = getUnit(db, c.req.param('unitId')!)!;
  const assessor = liveAssessor(db, rules, period, countWorkdays);
  const states = columnsOfUnit(db, unit.id).map((col) => columnState(db, rules, period, col, assessor));
  const findings = await findingsSection(c, { unitId: unit.id });
  if (findings instanceof Response) return findings;
  const activeFindings = Object.values(findingCounts(db, year).get(unit.id) ?? {}).reduce((a, b) => a + b, 0);
  const sheet = scoreSheet(db, unit.id, year, rules);
  const result = standing(rules, sheet);
  const latency = latencyChart('chart-latency', rules, states);
  const charts = [...states.map((s) => timelineChart(`tl-${s.column.id}`, s, period)), latency.chart];
  const staff = session.user.role !== 'unit';
  const count = (st: string) => states.filter((s) => s.fresh.status === st).length;
  return render(
    c,
    <Layout
      title={unit.name}
      session={session}
      active="unit"
      charts
      crumbs={staff ? <><a href={withYear(c, '/overview')}>总览</a> / {unit.kind}</> : <>{unit.kind}</>}
    >
      <div class="stats">
        <div class="stat"><div class="n">{states.length}</div><div class="l">考核栏目</div></div>
        <div class="stat"><div class={`n ${count('stale') ? 'count-bad' : ''}`}>{count('stale')}</div><div class="l">当前超期栏目</div></div>
        <div class="stat"><div class={`n ${count('blank') ? 'count-bad' : ''}`}>{count('blank')}</div><div class="l">{COLUMN_STATUS.blank}</div></div>
        <div class="stat"><div class="n">{activeFindings}</div><div class="l">待处理问题</div></div>
        <div class="stat" id="unit-score">
          <div class={sheet.total !== null ? 'n' : 'n partial'}><StandingScore standing={result} /></div>
          <div class="l">{sheet.total !== null ? '确认总分' : '评分表尚未评定完'}</div>
        </div>
        <div class="stat" id="unit-grade">
          <div class="n"><GradeBadge standing={result} /></div>
          <div class="l"><a href={withYear(c, `/units/${encodeURIComponent(unit.id)}/score`)}>{staff ? '打开评分表 →' : '查看评分表 →'}</a></div>
        </div>
      </div>

      <h2>栏目</h2>
      <div class="table-wrap">
        <table class="sortable" id="unit-columns">
          <thead>
            <tr>
              <th data-sort>栏目</th><th data-sort>类别</th><th data-sort>更新时限</th><th data-sort>状态</th>
              <th data-sort>最近更新</th><th data-sort class="num">距今（天）</th><th data-sort class="num">信息条数</th><th data-sort>最近巡检</th>
            </tr>
          </thead>
          <tbody>
            {states.map((s) => {
              const v = lastVisitOfColumn(db, s.column.id);
              const [label, tone] = statusBadge(s.fresh.status);
              return (
                <tr>
                  <td><a href={withYear(c, `/columns/${s.column.id}`)}>{s.column.name}</a></td>
                  <td class="nw">{s.column.class}</td>
                  <td>{s.windowLabel}</td>
                  <td data-v={s.fresh.status ?? ''} title={s.fresh.reviewReason}>
                    <Badge tone={tone}>{label}</Badge>
                    {s.fresh.reviewReason ? <div class="small">{s.fresh.reviewReason}</div> : null}
                  </td>
                  <td class="nw">{s.fresh.lastUpdate ?? '—'}</td>
                  <td class="num">{s.fresh.daysSinceUpdate ?? '—'}</td>
                  <td class="num">{s.itemCount}</td>
                  <td class="small">{v ? `${fmtTime(v.startedAt)} ${v.outcome === 'ok' ? '' : visitOutcomeLabel(v)[0]}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>全年更新情况</h2>
      <p class="muted small">纵轴为距上次更新的天数；蓝点为发布的信息，红色虚线为更新时限，红色区间为超期未更新的时段。</p>
      <div class="grid">
        {states.map((s) => (
          <div class="card">
            <h3>
              <a href={withYear(c, `/columns/${s.column.id}`)}>{s.column.name}</a> <span class="muted small">{`${s.column.class} · 更新时限 ${s.windowLabel}`}</span>
            </h3>
            <div id={`tl-${s.column.id}`} class="chart timeline" />
            {s.fresh.staleEpisodes.length ? (
              <div class="small">
                {s.fresh.staleEpisodes.map((e) => (
                  <div>
                    <Badge tone="bad">超期</Badge> {`${e.from} 至 ${e.to ?? '今'}，超期 ${e.overdueDays} 天`}
                  </div>
                ))}
              </div>
            ) : null}
          </div>
        ))}
      </div>

      <h2>公开时效（成文到发布的工作日）</h2>
      <div class="card">
        <div id="chart-latency" class="chart small" />
        <p class="muted small">{latency.note}</p>
      </div>

      <h2 id="unit-findings">发现的问题</h2>
      {findings.view}

      <h2>年度对比</h2>
      <UnitYearCompare c={c} unitId={unit.id} />

      <h2>评分</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr><th>类别</th><th>条目</th><th class="num">分值</th><th class="num">建议分</th><th class="num">确认分</th></tr>
          </thead>
          <tbody>
            {sheet.items.map((i) => (
              <tr>
                <td>{i.category}</td>
                <td>{i.code}</td>
                <td class="num">{i.max}</td>
                <td class="num">{i.mode === 'manual' ? <span class="muted">人工</span> : formatScore(rules, i.suggested)}</td>
                <td class="num">{formatScore(rules, i.confirmed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ChartData data={{ charts }} />
    </Layout>,
    findings.problems.length ? 400 : 200,
  );
}
