import type { ColumnRuntime, Model } from '../model.ts';
import type { Routed } from '../router.ts';
import { esc } from '../templates/html.ts';
import { variantChrome } from './chrome.ts';
import { pages, pageSlice, relHref, ymd, type Ctx, type VariantTemplate } from './types.ts';

/** Three lists a browser builds: from a JSON API, from an HTML fragment inside JSON, and TRS trt + avalon. */

const TOPBAR_API = '/api/v1/articles';
const JPAAS_API = '/api-gateway/jpaas-publish-server/front/page/build/unit';
const TRT_API = '/fjdzapp/search';
const json = (rt: ColumnRuntime, body: unknown): Routed => ({
  status: 200, body: JSON.stringify(body), contentType: 'application/json', unit: rt.unit, column: rt, lastModified: rt.modifiedAt,
});
const page1 = (q: URLSearchParams, name: string) => Math.max(1, Number(q.get(name)) || 1);
const size = (rt: ColumnRuntime, q: URLSearchParams, name: string) => Math.min(100, Math.max(1, Number(q.get(name)) || rt.pageSize));

function column(model: Model, id: string | null, variant: string): ColumnRuntime | null {
  const rt = model.byColNum.get(Number(id));
  return rt && rt.col.variant === variant ? rt : null;
}

/**
 * 国家药监局药审中心 (cde.org.cn news list) and many 区县 sites: the static page is the portal chrome — today's
 * date in the top bar, 网站首页/无障碍/繁體 links — around an empty `<ul id="list">`; a script fills it from a
 * JSON API (`?pageNo=` of the page address) and draws 上一页/下一页. Read statically, the only dated link-like
 * block on the page is the chrome.
 */
export const jsTopbar: VariantTemplate = {
  entry: 'index.html',
  page({ model, rt, env }: Ctx, rest) {
    if (rest !== 'index.html' && rest !== '') return null;
    const main = `<div class="list-box"><h2 class="lm-name">${esc(rt.col.name)}</h2>
<ul id="list" class="list"></ul>
<div id="pageBar" class="pageBar"></div></div>
<script>
(function () {
  var pageNo = parseInt(new URLSearchParams(location.search).get('pageNo') || '1', 10);
  fetch('${TOPBAR_API}?channelId=${rt.colNum}&pageNo=' + pageNo + '&pageSize=${rt.pageSize}')
    .then(function (r) { return r.json(); })
    .then(function (res) {
      var d = res.data, ul = document.getElementById('list');
      d.rows.forEach(function (it) {
        var li = document.createElement('li');
        li.innerHTML = '<a target="_blank"></a><span class="time"></span>';
        li.firstChild.href = it.link; li.firstChild.textContent = it.title;
        li.lastChild.textContent = it.publishTime.slice(0, 10);
        ul.appendChild(li);
      });
      var pages = Math.ceil(d.total / d.pageSize), bar = '';
      if (pageNo > 1) bar += '<a href="?pageNo=' + (pageNo - 1) + '">上一页</a>';
      if (pageNo < pages) bar += '<a href="?pageNo=' + (pageNo + 1) + '">下一页</a>';
      document.getElementById('pageBar').innerHTML = bar + '<span>共' + d.total + '条</span>';
    });
})();
</script>`;
    return { body: variantChrome(model, rt, env, { title: `${rt.col.name}-${rt.unit.name}`, main }), entry: true };
  },
  api(model, path, q) {
    if (path !== TOPBAR_API) return null;
    const rt = column(model, q.get('channelId'), 'js-topbar');
    if (!rt) return null;
    const [p, n] = [page1(q, 'pageNo'), size(rt, q, 'pageSize')];
    const rows = rt.col.items.slice((p - 1) * n, p * n).map((i) => ({
      id: i.id, title: i.title, link: new URL(i.url).pathname, publishTime: `${i.publishedAt} ${i.publishedTime}:00`,
    }));
    return json(rt, { status: 0, msg: 'success', data: { total: rt.col.items.length, pageNo: p, pageSize: n, rows } });
  },
};

/**
 * 浙江省发改委 (fzggw.zj.gov.cn, jpaas): the column page holds only a unitbuild.js script tag whose queryData names
 * the page unit; the "unit" API answers JSON whose `data.html` is the list as an HTML fragment — titles cut
 * to 30 characters with the full one in `title`, a pager table saying 共 N 页 / 检索到 N 条记录.
 */
export const jsJpaas: VariantTemplate = {
  entry: 'index.html',
  page({ model, rt, env }: Ctx, rest) {
    if (rest !== 'index.html' && rest !== '') return null;
    const query = `{'parseType':'bulidstatic','webId':'3185','tplSetId':'o0YcVHHq5vWtr3uiCp4SY','pageType':'column','tagId':'信息列表','editType':'null','pageId':'${rt.colNum}'}`;
    const main = `<div class="lm-list"><div id="unit_${rt.colNum}"></div>
<script id="u${rt.colNum}" src="/cms_files/default/script/AuthorizedRead/unitbuild.js" webId="3185" parseType="bulidstatic" url="${JPAAS_API}" queryData="${query}"></script></div>`;
    return { body: variantChrome(model, rt, env, { title: `${rt.col.name} ${rt.unit.name}`, main }), entry: true };
  },
  api(model, path, q) {
    if (path !== JPAAS_API) return null;
    const rt = column(model, q.get('pageId'), 'js-jpaas');
    if (!rt) return null;
    let paramJson: { pageNo?: number; pageSize?: number } = {};
    try {
      paramJson = JSON.parse(q.get('paramJson') ?? '{}');
    } catch {
      // jpaas ignores a malformed paramJson and builds page 1.
    }
    const p = Math.max(1, Number(paramJson.pageNo) || 1);
    const total = rt.col.items.length;
    const items = rt.col.items.slice((p - 1) * rt.pageSize, p * rt.pageSize);
    const cut = (t: string) => (t.length > 30 ? t.slice(0, 30) + '...' : t);
    const lis = items
      .map((i) => `\n      <li class="clearfix"><a class="bt-left" title="${esc(i.title)}" href="${new URL(i.url).pathname}" target="_blank">${esc(cut(i.title))}</a><span class="bt-right">${i.publishedAt}</span></li>\n`)
      .join('\n');
    const html = `<ul>  <div id="信息列表">\n    <div class="page-content">\n${lis}\n    </div>\n  </div></ul>
<table class="default_pgContainer"><tbody><tr>
<td>第 <input class="default_pgCurrentPage" type="number" value="${p}" /> 页 / 共 <span class="default_pgTotalPage">${Math.ceil(total / rt.pageSize)}</span> 页</td>
<td><a class="default_pgBtn default_pgNext" title="下页"></a></td><td><a class="default_pgBtn default_pgLast" title="尾页"></a></td>
<td class="default_pgSearchInfo">检索到 <span class="default_pgTotalRecord">${total}</span> 条记录</td>
</tr></tbody></table>
<script src="/cms_files/default/script/ajax/page/pageNew.js"></script>`;
    return json(rt, { roles: null, permissions: null, success: true, message: '生成成功', code: '200', data: { html }, messageType: 2 });
  },
};

const MAX_STATIC = 5;

/**
 * 平潭综合实验区 (pingtan.gov.cn, TRS trt + avalon, quickMode 动静结合): the first maxStaticIndex pages are
 * static (`index.htm`, `index_1.htm` …) with the items written out, beside avalon `ms-repeat` templates that
 * stay empty until the script runs; pages past them exist only through the search API the script calls.
 */
export const jsAvalon: VariantTemplate = {
  entry: 'index.htm',
  detailPath: (_rt, item, dir) => {
    const { ym, d8 } = ymd(item);
    return `${dir}${ym}/t${d8}_${item.id}.htm`;
  },
  page({ model, rt, env }: Ctx, rest) {
    const n = rest === '' || rest === 'index.htm' ? 0 : Number(rest.match(/^index_([1-9]\d*)\.htm$/)?.[1] ?? NaN);
    if (!Number.isInteger(n) || n >= Math.min(MAX_STATIC, pages(rt))) return null;
    const lis = pageSlice(rt, n + 1)
      .map((i) => `
  <li>
    <a href="${relHref(rt, i)}" target="_blank" title="${esc(i.title)}">${esc(i.title)}</a>
    <em id="rel_${i.id}"></em>
    <span class="bf-pass">${i.publishedAt}</span>
  </li>`)
      .join('\n');
    const main = `<div class="list_base" ms-controller="listModel">
<ul class="list_static" ms-visible="isStatic">${lis}
</ul>
<ul class="list_dynamic" ms-visible="!isStatic" style="display:none">
  <li ms-repeat="list"><a ms-attr-href="el.url" ms-attr-title="el.title" ms-text="el.title" target="_blank"></a><span class="bf-pass" ms-text="el.docreltime | date('yyyy-MM-dd')"></span></li>
</ul>
<div class="pagebar" ms-include-src="'pgBar_pt.html'"></div>
</div>
<script>
var pageChnlInfo = { quickMode: "动静结合", maxStaticIndex: ${MAX_STATIC}, classsql: "chnlid=${rt.colNum}", recordCount: '${rt.col.items.length}', sortfield: '-docorderpri,-docreltime', prepage: ${rt.pageSize}, cache: true };
require(['list2.trsapi'], function (listModel) {
  listModel({ quickMode: pageChnlInfo.quickMode, maxStaticIndex: pageChnlInfo.maxStaticIndex, listArgs: { channelid: ${rt.colNum}, classsql: pageChnlInfo.classsql }, listApi: { url: "${TRT_API}" }, pagebar: { recordCount: pageChnlInfo.recordCount, prepage: pageChnlInfo.prepage, pgCountMode: 'recordCount' } });
});
</script>`;
    return {
      body: variantChrome(model, rt, env, { title: `${rt.col.name}-${rt.unit.name}`, head: '<script src="/images/avalon.min.js"></script>', main }),
      entry: n === 0,
    };
  },
  api(model, path, q) {
    if (path !== TRT_API) return null;
    const rt = column(model, q.get('channelid'), 'js-avalon');
    if (!rt) return null;
    const [p, n] = [page1(q, 'page'), size(rt, q, 'prepage')];
    const docs = rt.col.items.slice((p - 1) * n, p * n).map((i) => ({
      docid: i.id, title: i.title, url: new URL(i.url).pathname, docreltime: `${i.publishedAt} ${i.publishedTime}:00`,
    }));
    return json(rt, { result: 'success', data: { total: rt.col.items.length, page: p, prepage: n, docs } });
  },
};

/**
 * Stand-in for trt's avalon + list2.trsapi, enough for a browser: draws the pager (static pages by file
 * name, later ones as `index.htm?page=N`) and, on such a page, fills the dynamic list from the search API.
 */
export const AVALON_JS = `function require(mods, cb) {
  cb(function listModel(o) {
    var count = Math.ceil(Number(o.pagebar.recordCount) / o.pagebar.prepage);
    var page = parseInt(new URLSearchParams(location.search).get('page') || '0', 10);
    var file = location.pathname.split('/').pop();
    var cur = page || Number((file.match(/index_(\\d+)/) || [0, 0])[1]) + 1;
    function href(p) { return p <= o.maxStaticIndex ? (p === 1 ? 'index.htm' : 'index_' + (p - 1) + '.htm') : 'index.htm?page=' + p; }
    var bar = document.querySelector('.pagebar'), out = [];
    if (cur > 1) out.push('<a href="' + href(cur - 1) + '">上一页</a>');
    for (var p = 1; p <= count; p++) out.push(p === cur ? '<b>' + p + '</b>' : '<a href="' + href(p) + '">' + p + '</a>');
    if (cur < count) out.push('<a href="' + href(cur + 1) + '">下一页</a>');
    bar.innerHTML = out.join(' ');
    if (page <= o.maxStaticIndex) return;
    fetch(o.listApi.url + '?channelid=' + o.listArgs.channelid + '&page=' + page + '&prepage=' + o.pagebar.prepage)
      .then(function (r) { return r.json(); })
      .then(function (res) {
        var ul = document.querySelector('.list_dynamic');
        ul.innerHTML = res.data.docs.map(function (d) {
          return '<li><a href="' + d.url + '" target="_blank">' + d.title + '</a><span class="bf-pass">' + d.docreltime.slice(0, 10) + '</span></li>';
        }).join('');
        ul.style.display = ''; document.querySelector('.list_static').style.display = 'none';
      });
  });
}
`;
