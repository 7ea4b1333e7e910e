import { pageCount, pageItems, type ColumnRuntime } from '../model.ts';
import { cnDate, esc, listDate } from './html.ts';
import { listFrame, PINNED_MARK, type PageEnv } from './list-common.ts';

/**
 * 信息公开目录: a table (序号 / 索引号 / 名称 / 成文日期 / 发布日期) paged by `?page=N` (1-based) with
 * 首页/上一页/下一页/尾页 links. Two dates per row: only 发布日期 is the publication date.
 */
export function renderXxgkTable(rt: ColumnRuntime, n: number, env: PageEnv): string {
  const items = pageItems(rt, n);
  const pages = pageCount(rt);
  const rows = items.map((item, i) => {
    const href = new URL(item.url).pathname.split('/').pop();
    return `<tr>
  <td class="xh">${n * rt.pageSize + i + 1}</td>
  <td class="syh">${esc(item.indexNo ?? '')}</td>
  <td class="mc">${item.pinned ? PINNED_MARK : ''}<a href="${href}" target="_blank" title="${esc(item.title)}">${esc(item.title)}</a></td>
  <td class="cwrq">${item.documentDate ? cnDate(item.documentDate) : ''}</td>
  <td class="fbrq">${listDate(item.publishedAt, rt.col.dateStyle)}</td>
</tr>`;
  });
  const p = n + 1;
  const link = (label: string, target: number, enabled: boolean) =>
    enabled ? `<a href="?page=${target}">${label}</a>` : `<span>${label}</span>`;
  const pager = `<div class="pager">共 ${rt.col.items.length} 条　第 ${p}/${pages} 页　${link('首页', 1, p > 1)} ${link('上一页', p - 1, p > 1)} ${link('下一页', p + 1, p < pages)} ${link('尾页', pages, p < pages)}</div>`;
  const main = `<table class="xxgk-table">
<thead><tr><th>序号</th><th>索引号</th><th>名称</th><th>成文日期</th><th>发布日期</th></tr></thead>
<tbody>
${rows.join('\n') || '<tr><td colspan="5">暂无信息</td></tr>'}
</tbody>
</table>
${pager}`;
  return listFrame(rt, env, main);
}
