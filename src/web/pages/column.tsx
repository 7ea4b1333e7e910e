import type { Ctx } from '../env.ts';
import { Badge, ChartData, ExtLink, fmtTime, Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { columnItemsPage, columnLayout, getColumn, getUnit, visitsOfColumn } from '../../store/index.ts';
import { serveTable } from '../data-table.tsx';
import { assessedItems, columnState, liveAssessor, statusBadge, timelineChart, visitOutcomeLabel } from '../columns.ts';
import { COLUMN_STATUS, FETCHER, itemFlagLabel, LAYOUT, PINNED, RENDER, TIMELINESS } from '../../shared/vocabulary.ts';
import { withYear } from '../year.tsx';

const flagsOf = (json: string): string[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

export async function getColumnPage(c: Ctx) {
  const { db, rules, period, countWorkdays } = c.get('deps');
  const column = getColumn(db, Number(c.req.param('columnId')))!;
  const unit = getUnit(db, column.unitId)!;
  const visits = visitsOfColumn(db, column.id, 60);
  const state = columnState(db, rules, period, column, liveAssessor(db, rules, period, countWorkdays));
  const [statusLabel, statusTone] = statusBadge(state.fresh.status);
  const assessed = assessedItems(state);
  const items = await serveTable(c, {
    id: 'column-items',
    fileName: `${unit.name}-${column.name}-信息`,
    filters: { q: { placeholder: '搜索标题、索引号、文号' } },
    load: (q, page) => columnItemsPage(db, column.id, q.q, page),
    empty: '没有符合条件的信息。',
    columns: [
      { header: '标题', text: (it) => it.title, cell: (it) => <ExtLink href={it.url}>{it.title}</ExtLink> },
      { header: '发布日期', text: (it) => it.publishedAt?.slice(0, 10) ?? null, cell: (it) => it.publishedAt?.slice(0, 10) ?? <span class="muted">无</span> },
      { header: '成文日期', text: (it) => it.documentDate, cell: (it) => it.documentDate ?? <span class="muted">无</span> },
      {
        header: '时效（工作日）',
        num: true,
        // Only what the assessment covers: items dated in the period, or carrying a finding.
        text: (it) => assessed.get(it.id)?.timeliness.latencyWorkdays ?? null,
        cell: (it) => {
          const t = assessed.get(it.id)?.timeliness;
          return (
            <>
              {t?.latencyWorkdays ?? '—'}{' '}
              {t && t.status !== 'on-time' && t.status !== 'no-publish-date' ? <Badge tone={t.status === 'late' ? 'bad' : 'muted'}>{TIMELINESS[t.status]}</Badge> : null}
            </>
          );
        },
      },
      { header: '首次发现', text: (it) => fmtTime(it.firstSeenAt) },
      {
        header: '标记',
        text: (it) => [...(it.pinned ? [PINNED] : []), ...flagsOf(it.flagsJson).map(itemFlagLabel)].join('、'),
        cell: (it) => (
          <>
            {it.pinned ? <Badge tone="info">{PINNED}</Badge> : null}
            {flagsOf(it.flagsJson).map((f) => <Badge tone="warn">{itemFlagLabel(f)}</Badge>)}
          </>
        ),
      },
      {
        header: '证据',
        text: (it) => [it.detailFetchId ? `详情页 #${it.detailFetchId}` : '', it.firstSeenFetchId ? `列表页 #${it.firstSeenFetchId}` : ''].filter(Boolean).join(' '),
        cell: (it) => (
          <span class="small">
            {it.detailFetchId ? <a href={`/evidence/${it.detailFetchId}`}>详情页</a> : null}{' '}
            {it.firstSeenFetchId ? <a href={`/evidence/${it.firstSeenFetchId}`}>列表页</a> : null}
          </span>
        ),
      },
    ],
  });
  if (items instanceof Response) return items;
  return render(
    c,
    <Layout
      title={column.name}
      session={c.get('session')}
      active="unit"
      charts
      crumbs={<><a href={withYear(c, `/units/${encodeURIComponent(unit.id)}`)}>{unit.name}</a> / 栏目</>}
    >
      <div class="card">
        <dl class="meta">
          <dt>栏目地址</dt><dd class="mono">{column.url}</dd>
          <dt>类别</dt><dd>{`${column.class}（${column.classSource === 'plan' ? '计划指定' : '自动判断'}），更新时限 ${state.windowLabel}`}</dd>
          <dt>状态</dt><dd><Badge tone={statusTone}>{statusLabel}</Badge>{state.fresh.lastUpdate ? ` 最近更新 ${state.fresh.lastUpdate}` : ''}</dd>
          {state.fresh.reviewReason ? (
            <>
              <dt>{COLUMN_STATUS.review}</dt>
              <dd>{`${state.fresh.reviewReason}。证据不完整，本栏目不据此扣分；请打开下方最近一次巡检的快照核对，必要时在计划中为该栏目指定 selectors 或 render: browser。`}</dd>
            </>
          ) : null}
          <dt>栏目形式</dt><dd>{columnLayout(column) === 'single' ? `${LAYOUT.single}（栏目网址本身是一篇文章）` : LAYOUT.list}</dd>
          <dt>抓取方式</dt><dd>{column.render === 'auto' ? `${RENDER.auto}（${column.renderLearned === 'browser' ? RENDER.browser : RENDER.static}）` : column.render === 'browser' ? RENDER.browser : RENDER.static}</dd>
        </dl>
        <div id="tl-col" class="chart timeline" />
      </div>

      <h2>{`信息（共 ${state.itemCount} 条）`}</h2>
      {items.view}

      <h2>巡检记录</h2>
      <div class="table-wrap">
        <table class="sortable">
          <thead>
            <tr>
              <th data-sort>开始时间</th><th data-sort>结果</th><th data-sort>方式</th><th data-sort class="num">页数</th>
              <th data-sort class="num">发现</th><th data-sort class="num">新增</th><th data-sort class="num">请求</th><th>完整</th><th>错误</th><th>快照</th>
            </tr>
          </thead>
          <tbody>
            {visits.map((v) => {
              const [label, tone] = visitOutcomeLabel(v);
              return (
                <tr>
                  <td class="small">{fmtTime(v.startedAt)}</td>
                  <td><Badge tone={tone}>{label}</Badge></td>
                  <td>{v.fetcher === 'browser' || v.fetcher === 'http' ? FETCHER[v.fetcher] : '—'}</td>
                  <td class="num">{v.pages}</td>
                  <td class="num">{v.itemsFound}</td>
                  <td class="num">{v.itemsNew}</td>
                  <td class="num">{v.requests}</td>
                  <td>{v.complete ? '是' : '否'}</td>
                  <td class="small">{v.error ?? ''}</td>
                  <td class="small">{v.firstFetchId ? <a href={withYear(c, `/evidence/${v.firstFetchId}`)}>{`#${v.firstFetchId}`}</a> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ChartData data={{ charts: [timelineChart('tl-col', state, period)] }} />
    </Layout>,
    items.problems.length ? 400 : 200,
  );
}
