import type { ColumnRuntime } from '../model.ts';
import { JSON_API_PATH } from '../urls.ts';
import { listDate } from './html.ts';
import { listFrame, type PageEnv } from './list-common.ts';

/**
 * A list rendered in the browser from the JSON API: the static HTML holds an empty <ul>; the script
 * reads ?page=N from the address, fetches that page and writes the items and a pager of ordinary links.
 */
export function renderJsonShell(rt: ColumnRuntime, env: PageEnv): string {
  const id = rt.colNum;
  const main = `<ul class="news-list" id="news-list"></ul>
<div class="pager" id="pager"></div>
<script>
(function () {
  var page = parseInt(new URLSearchParams(location.search).get('page') || '1', 10) || 1;
  fetch('${JSON_API_PATH}?columnId=${id}&page=' + page + '&size=${rt.pageSize}')
    .then(function (r) { return r.json(); })
    .then(function (res) {
      var ul = document.getElementById('news-list');
      res.data.list.forEach(function (it) {
        var li = document.createElement('li');
        if (it.top) { var em = document.createElement('em'); em.className = 'zhiding'; em.textContent = '[置顶]'; li.appendChild(em); }
        var a = document.createElement('a');
        a.href = it.url; a.title = it.title; a.target = '_blank'; a.textContent = it.title;
        var span = document.createElement('span');
        span.className = 'date'; span.textContent = it.pubDate;
        li.appendChild(a); li.appendChild(span); ul.appendChild(li);
      });
      var pager = document.getElementById('pager');
      var html = '共' + res.data.total + '条 第' + res.data.page + '/' + res.data.pages + '页 ';
      if (res.data.page > 1) html += '<a href="?page=' + (res.data.page - 1) + '">上一页</a> ';
      if (res.data.page < res.data.pages) html += '<a href="?page=' + (res.data.page + 1) + '">下一页</a>';
      pager.innerHTML = html;
    });
})();
</script>`;
  return listFrame(rt, env, main);
}

/** The JSON API's answer for 1-based page p. */
export function renderJsonPage(rt: ColumnRuntime, p: number, size: number): string {
  const items = rt.col.items;
  const pages = Math.max(1, Math.ceil(items.length / size));
  const list = items.slice((p - 1) * size, p * size).map((it) => ({
    id: String(it.id),
    title: it.title,
    url: new URL(it.url).pathname,
    pubDate: listDate(it.publishedAt, rt.col.dateStyle),
    top: it.pinned,
  }));
  return JSON.stringify({ code: 200, message: '操作成功', data: { total: items.length, page: p, size, pages, list } });
}
