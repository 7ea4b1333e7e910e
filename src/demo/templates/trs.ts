import { pageCount, pageItems, type ColumnRuntime } from '../model.ts';
import type { DemoItem } from '../types.ts';
import { esc, listDate } from './html.ts';
import { listFrame, PINNED_MARK, type PageEnv } from './list-common.ts';

/**
 * TRS WCM static list: index.html, index_1.html, … with the pager written by
 * `createPageHTML(countPage, currentPage, "index", "html")` (the function lives in /images/trs-page.js).
 * Links are relative to the column directory; a blank row separates groups of five, as WCM's GroupBlankLine does.
 */
export function renderTrsList(rt: ColumnRuntime, n: number, env: PageEnv): string {
  const items = pageItems(rt, n);
  const rows: string[] = [];
  let year = '';
  items.forEach((item, i) => {
    if (rt.col.dateStyle === 'md-bracket' && item.publishedAt.slice(0, 4) !== year) {
      year = item.publishedAt.slice(0, 4);
      rows.push(`<li class="year-group"><h4>${year}年</h4></li>`);
    }
    rows.push(row(rt, item));
    if (i % 5 === 4 && i < items.length - 1) rows.push('<li class="GroupBlankLine"></li>');
  });
  // A trap column's pager always promises one more page than the one shown.
  const count = rt.col.trap ? n + 2 : pageCount(rt);
  const empty = items.length === 0 ? '<div class="no-data">暂无信息</div>' : '';
  const next = rt.col.trap ? `<a class="next-page" href="index_${n + 1}.html">下一页</a>` : '';
  const main = `<ul class="xxgk-list">
${rows.join('\n')}
</ul>${empty}
<div class="page-box">${next}<script type="text/javascript">
<!--
createPageHTML(${count}, ${n}, "index", "html");
//-->
</script></div>`;
  return listFrame(rt, env, main, { head: '<script src="/images/trs-page.js"></script>' });
}

function row(rt: ColumnRuntime, item: DemoItem): string {
  const href = '.' + new URL(item.url).pathname.slice(new URL(rt.col.url).pathname.lastIndexOf('/'));
  const mark = item.pinned ? PINNED_MARK : '';
  return `<li>${mark}<a href="${href}" target="_blank" title="${esc(item.title)}">${esc(item.title)}</a><span class="date">${listDate(item.publishedAt, rt.col.dateStyle)}</span></li>`;
}
