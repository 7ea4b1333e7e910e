// 年度对比 on 总览 and the unit page: the year shown against the earlier years with a plan, figures from the assess stage.
import type { Child } from 'hono/jsx';
import type { Ctx } from './env.ts';
import { GradeBadge, StandingScore } from './layout.tsx';
import { asOfDay } from './columns.ts';
import { GRADES } from '../config/index.ts';
import { formatScore, overviewYearComparison, unitYearComparison, type YearSpec } from '../assess/index.ts';
import { FINDING_KINDS } from '../shared/vocabulary.ts';

/** How many years the comparison shows: the year chosen and the two before it that have a plan. */
const SHOWN = 3;

const NO_DATA = '无数据';

/** The year chosen and the earlier plan years, newest first, each assessed as of today or its period's end. */
function comparedYears(c: Ctx): YearSpec[] {
  const view = c.get('yearView')!;
  return view.offered
    .filter((y) => y.year <= view.year)
    .slice(0, SHOWN)
    .map((y) => ({ year: y.year, period: y.period, asOf: asOfDay(y.period) }));
}

const Cell = ({ value, children }: { value: unknown; children?: Child }) =>
  value === null ? <td class="nodata">{NO_DATA}</td> : <td class="num">{children}</td>;

const workdays = (n: number): string => `${Number.isInteger(n) ? n : n.toFixed(1)} 个工作日`;

const Note = () => (
  <p class="muted small">
    {`每个年度按该年度考核计划的考核期计算（考核期未结束的按今天）：超期次数为该年度评估记录的${FINDING_KINDS['stale-episode'].title}次数（与该年度总览表中的计数相同），公开时效为考核期内可评估信息从成文到发布的工作日数中位数；“${NO_DATA}”表示该年度没有评分表或巡检证据。`}
  </p>
);

/** The table both pages share: the year, the page's own cells, then stale episodes and median latency. */
const CompareTable = ({ id, head, rows }: { id: string; head: Child; rows: Array<{ year: number; cells: Child; staleEpisodes: number | null; medianLatency: number | null }> }) => (
  <>
    <div class="table-wrap">
      <table class="year-compare" id={id}>
        <thead><tr><th>年度</th>{head}<th class="num">超期次数</th><th class="num">公开时效中位数</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr id={`compare-${r.year}`}>
              <td class="nw">{`${r.year} 年度`}</td>
              {r.cells}
              <Cell value={r.staleEpisodes}>{r.staleEpisodes}</Cell>
              <Cell value={r.medianLatency}>{r.medianLatency === null ? null : workdays(r.medianLatency)}</Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <Note />
  </>
);

export function UnitYearCompare({ c, unitId }: { c: Ctx; unitId: string }) {
  const { db, rules, countWorkdays } = c.get('deps');
  const rows = unitYearComparison(db, rules, countWorkdays, unitId, comparedYears(c)).map((r) => ({
    ...r,
    cells: (
      <>
        <Cell value={r.standing}>{r.standing ? <StandingScore standing={r.standing} /> : null}</Cell>
        {r.standing ? <td class="nw"><GradeBadge standing={r.standing} /></td> : <td class="nodata">{NO_DATA}</td>}
      </>
    ),
  }));
  return <CompareTable id="unit-year-compare" head={<><th class="num">得分</th><th>等次</th></>} rows={rows} />;
}

export function OverviewYearCompare({ c }: { c: Ctx }) {
  const { db, rules, countWorkdays } = c.get('deps');
  const rows = overviewYearComparison(db, rules, countWorkdays, comparedYears(c)).map((r) => ({
    ...r,
    cells: (
      <>
        <td class="num">{r.units}</td>
        <Cell value={r.meanTotal}>{`${formatScore(rules, r.meanTotal)}（${r.settled} 家已评定）`}</Cell>
        <Cell value={r.meanSuggested}>{formatScore(rules, r.meanSuggested)}</Cell>
        {r.settled ? <td class="small">{GRADES.map((g) => `${g} ${r.grades[g]}`).join(' · ')}</td> : <td class="nodata">{NO_DATA}</td>}
      </>
    ),
  }));
  const head = <><th class="num">参评单位</th><th class="num">平均确认总分</th><th class="num">平均建议总分</th><th>等次（已评定）</th></>;
  return <CompareTable id="overview-year-compare" head={head} rows={rows} />;
}
