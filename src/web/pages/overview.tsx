import type { Ctx } from '../env.ts';
import { Badge, ChartData, GradeBadge, Layout, StandingScore } from '../layout.tsx';
import { render } from '../render.ts';
import { summarize } from '../summary.ts';
import { GRADES, UNIT_KINDS } from '../../config/index.ts';
import { formatScore } from '../../assess/index.ts';
import { FINDING_KINDS } from '../../shared/vocabulary.ts';
import { withYear } from '../year.tsx';
import { OverviewYearCompare } from '../year-compare.tsx';
import { LastCrawl } from './last-crawl.tsx';

/** The chart's bar for sheets whose grade is still open: counted apart, never under a guessed grade. */
const OPEN = '未定';

const Count = ({ n }: { n: number }) => <td class={`num ${n > 0 ? 'count-bad' : 'muted'}`}>{n}</td>;

export async function getOverview(c: Ctx) {
  const { db, rules, year } = c.get('deps');
  const kindParam = c.req.query('kind');
  const kind = UNIT_KINDS.find((k) => k === kindParam);
  const rows = summarize(db, rules, year, kind);
  const finalized = rows.filter((r) => r.sheet.finalized).length;
  const charts = [
    {
      el: 'chart-grades',
      type: 'grades',
      labels: [...GRADES, OPEN],
      values: [...GRADES.map((g) => rows.filter((r) => r.standing.grade === g).length), rows.filter((r) => !r.standing.grade).length],
    },
    {
      el: 'chart-scores',
      type: 'scores',
      units: rows.map((r) => r.unit.name),
      suggested: rows.map((r) => r.sheet.suggestedTotal),
      confirmed: rows.map((r) => r.sheet.total),
    },
  ];
  const cats = rules.rubric.categories.map((c) => ({ name: c.name, max: c.points }));
  return render(
    c,
    <Layout title={`${year} 年度考核总览`} session={c.get('session')} active="overview" charts>
      <LastCrawl c={c} />
      <div class="stats">
        <div class="stat"><div class="n">{rows.length}</div><div class="l">参评单位</div></div>
        <div class="stat"><div class="n">{finalized}</div><div class="l">已定稿</div></div>
        <div class="stat"><div class="n">{rows.reduce((s, r) => s + r.counts.stale, 0)}</div><div class="l">{FINDING_KINDS['stale-episode'].title}</div></div>
        <div class="stat"><div class="n">{rows.reduce((s, r) => s + r.counts.blank, 0)}</div><div class="l">{FINDING_KINDS['blank-column'].title}</div></div>
        <div class="stat"><div class="n">{rows.reduce((s, r) => s + r.counts.late, 0)}</div><div class="l">{FINDING_KINDS['late-disclosure'].title}</div></div>
        <div class="stat"><div class="n">{rows.reduce((s, r) => s + r.counts.backdated, 0)}</div><div class="l">{FINDING_KINDS['back-dated'].title}</div></div>
      </div>
      <div class="grid">
        <div class="card"><h3>等次分布</h3><div id="chart-grades" class="chart small" /></div>
        <div class="card"><h3>各单位得分</h3><div id="chart-scores" class="chart small" /></div>
      </div>
      <div class="filters">
        <span class="muted">单位类型：</span>
        <a href={withYear(c, '/overview')} class={kind ? '' : 'on'}>全部</a>
        {UNIT_KINDS.map((k) => (
          <a href={withYear(c, `/overview?kind=${encodeURIComponent(k)}`)} class={kind === k ? 'on' : ''}>{k}</a>
        ))}
      </div>
      <div class="table-wrap">
        <table class="sortable fit" id="overview-table">
          <thead>
            <tr>
              <th data-sort>单位</th>
              <th data-sort>类型</th>
              {cats.map((k) => (
                <th data-sort class="num">{k.name}<span class="nw">{`（${k.max}）`}</span></th>
              ))}
              <th data-sort class="num">总分</th>
              <th data-sort>等次</th>
              <th data-sort class="num">{FINDING_KINDS['stale-episode'].title}</th>
              <th data-sort class="num">{FINDING_KINDS['blank-column'].title}</th>
              <th data-sort class="num">{FINDING_KINDS['late-disclosure'].title}</th>
              <th data-sort class="num">{FINDING_KINDS['back-dated'].title}</th>
              <th data-sort>状态</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td class="unit-name"><a href={withYear(c, `/units/${encodeURIComponent(r.unit.id)}`)} title={r.unit.name}>{r.unit.name}</a></td>
                <td class="nw">{r.unit.kind}</td>
                {r.byCategory.map((b) => (
                  <td class="num" data-v={String(b.confirmed ?? b.known ?? '')}>
                    {b.confirmed !== null ? formatScore(rules, b.confirmed) : <span class="muted">{formatScore(rules, b.known)}</span>}
                  </td>
                ))}
                <td class="num score-total" data-v={String(r.sheet.total ?? r.sheet.suggestedTotal)}>
                  <StandingScore standing={r.standing} />
                </td>
                <td class="nw grade" data-v={r.standing.grade ?? OPEN}>
                  <GradeBadge standing={r.standing} />
                </td>
                <Count n={r.counts.stale} />
                <Count n={r.counts.blank} />
                <Count n={r.counts.late} />
                <Count n={r.counts.backdated} />
                <td>
                  {r.sheet.finalized ? <Badge tone="ok">已定稿</Badge> : r.sheet.unconfirmed.length ? <Badge tone="warn">{`待确认 ${r.sheet.unconfirmed.length} 项`}</Badge> : <Badge tone="info">待定稿</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted small">灰色数字是尚未评定完的类别或总分中已有的分数（含未经确认的系统建议分），不是最终得分；评分表评定完之前不给等次，只列出其余分数录入后仍可能的等次。点击表头可排序。</p>
      <h2>年度对比</h2>
      <OverviewYearCompare c={c} />
      <ChartData data={{ charts }} />
    </Layout>,
  );
}
