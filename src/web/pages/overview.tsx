import type { Ctx } from '../env.ts';
import { Badge, ChartData, fmtScore, GRADE_TONE, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { summarize } from '../summary.ts';
import { GRADES } from '../../config/index.ts';
import { FINDING_KINDS } from '../../shared/vocabulary.ts';

const KINDS = ['镇街', '区直部门'] as const;

const Count = ({ n }: { n: number }) => <td class={`num ${n > 0 ? 'count-bad' : 'muted'}`}>{n}</td>;

export async function getOverview(c: Ctx) {
  const { db, rules, year } = c.get('deps');
  const kindParam = c.req.query('kind');
  const kind = KINDS.find((k) => k === kindParam);
  const rows = summarize(db, rules, year, kind);
  const gradeOf = (r: (typeof rows)[number]) => r.sheet.grade ?? r.suggestedGrade;
  const finalized = rows.filter((r) => r.sheet.finalized).length;
  const charts = [
    { el: 'chart-grades', type: 'grades', labels: GRADES, values: GRADES.map((g) => rows.filter((r) => gradeOf(r) === g).length) },
    {
      el: 'chart-scores',
      type: 'scores',
      units: rows.map((r) => r.unit.name),
      suggested: rows.map((r) => r.sheet.suggestedTotal),
      confirmed: rows.map((r) => r.sheet.total),
    },
  ];
  const cats = rows[0]?.byCategory.map((b) => b) ?? rules.rubric.categories.map((c) => ({ name: c.name, max: c.points }));
  return render(
    c,
    <Layout title={`${year} 年度考核总览`} session={c.get('session')} active="overview" charts>
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
        <a href="/overview" class={kind ? '' : 'on'}>全部</a>
        {KINDS.map((k) => (
          <a href={`/overview?kind=${encodeURIComponent(k)}`} class={kind === k ? 'on' : ''}>{k}</a>
        ))}
      </div>
      <div class="table-wrap">
        <table class="sortable" id="overview-table">
          <thead>
            <tr>
              <th data-sort>单位</th>
              <th data-sort>类型</th>
              {cats.map((k) => (
                <th data-sort class="num">{`${k.name}（${k.max}）`}</th>
              ))}
              <th data-sort class="num">建议总分</th>
              <th data-sort class="num">确认总分</th>
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
                <td><a href={`/units/${encodeURIComponent(r.unit.id)}`}>{r.unit.name}</a></td>
                <td class="nw">{r.unit.kind}</td>
                {r.byCategory.map((b) => (
                  <td class="num" data-v={String(b.confirmed ?? b.suggested)}>
                    {b.confirmed !== null ? fmtScore(b.confirmed) : <span class="muted">{fmtScore(b.suggested)}</span>}
                  </td>
                ))}
                <td class="num">{fmtScore(r.sheet.suggestedTotal)}</td>
                <td class="num">{fmtScore(r.sheet.total)}</td>
                <td class="nw" data-v={gradeOf(r)}>
                  {r.sheet.grade ? <Badge tone={GRADE_TONE[r.sheet.grade]}>{r.sheet.grade}</Badge> : <span class="muted">{`${r.suggestedGrade}（建议）`}</span>}
                  {r.sheet.verdict === '弄虚作假' ? <Badge tone="bad">弄虚作假</Badge> : null}
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
      <p class="muted small">灰色数字为系统建议分，尚未经考核人员确认；点击表头可排序。</p>
      <ChartData data={{ charts }} />
    </Layout>,
  );
}
