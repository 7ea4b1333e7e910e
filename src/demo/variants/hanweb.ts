import type { ColumnRuntime, Model } from '../model.ts';
import type { Routed } from '../router.ts';
import { ASSETS } from '../templates/assets.ts';
import { esc } from '../templates/html.ts';
import type { DemoItem, VariantId } from '../types.ts';
import { variantChrome } from './chrome.ts';
import type { Ctx, VariantTemplate } from './types.ts';

/**
 * Three 大汉 jcms list templates. The column page carries the first group of records (perPage × groupSize)
 * in a `<script type="text/xml">` datastore; later records come from a dataproxy.jsp, whose path, record
 * markup and parameters differ from one jcms generation to the next.
 */

const GROUP = 3;
const JPAGE_MIN = '/module/web/jpage/jpage.min.js';
const JQUERY_JPAGE = '/module/web/jpage/jquery.jpage.js';
const OLD_JQUERY_JPAGE = '/module/jslib/jquery/jpage/jquery.jpage.js';
const NEW_PROXY = '/module/web/jpage/dataproxy.jsp';
const OLD_PROXY = '/module/jslib/jquery/jpage/dataproxy.jsp';

const unitId = (rt: ColumnRuntime, mobile = false) => 480000 + rt.colNum * 10 + (mobile ? 1 : 0);
const path = (i: DemoItem) => new URL(i.url).pathname;

/** How each variant writes one record. */
const RECORD: Partial<Record<VariantId, (i: DemoItem) => string>> = {
  // 浙江省政府 jcms (zj.gov.cn, jtyst.zj.gov.cn): `<a href title='…'>…</a><span>date</span>`.
  'hanweb-newjpage': (i) => `<li><a href="${path(i)}" title='${esc(i.title)}' target="_blank">${esc(i.title)}</a><span>${i.publishedAt}</span></li>`,
  // 黄冈市政府 (hg.gov.cn), 国家民委 (seac.gov.cn) older jcms: the date before the link.
  'hanweb-jquery': (i) => `<li><span class="bt_time">${i.publishedAt}</span><a href="${path(i)}" title="${esc(i.title)}" target="_blank">${esc(i.title)}</a></li>`,
  // 江苏省发改委 (fzggw.jiangsu.gov.cn col284), byte-for-byte its record shape.
  'hanweb-double': (i) =>
    `\n    <li class="clearfix bt-list-new"><a title='${esc(i.title)}' target="_blank" href="${path(i)}">            ${esc(i.title)}</a><span class="bt-list-time">${i.publishedAt}</span>    </li>    `,
};

function records(rt: ColumnRuntime, start: number, end: number): string {
  const write = RECORD[rt.col.variant!]!;
  return rt.col.items
    .slice(start - 1, end)
    .map((i) => `<record><![CDATA[${write(i)}]]></record>`)
    .join('\n');
}

/** 江苏's nextgroup: a dataproxy base URL *without* startrecord/endrecord; jpage appends those when it posts. */
function jiangsuNextGroup(rt: ColumnRuntime, mobile: boolean): string {
  const q = `page=1&appid=1&webid=3&path=/&columnid=${rt.colNum}&unitid=${unitId(rt, mobile)}&webname=%25E7%258F%25A0%25E5%25B1%25B1&permissiontype=0`;
  return `<nextgroup><![CDATA[<a href="${NEW_PROXY}?${q}"></a>]]></nextgroup>\n`;
}

function inlineStore(rt: ColumnRuntime, mobile = false): string {
  const first = rt.pageSize * GROUP;
  const v = rt.col.variant;
  // The new Jpage reads its parameters from the constructor and writes no <nextgroup>; the older jcms did.
  const next =
    rt.col.items.length <= first || v === 'hanweb-newjpage'
      ? ''
      : v === 'hanweb-double'
        ? jiangsuNextGroup(rt, mobile)
        : `<nextgroup><![CDATA[<a href="${OLD_PROXY}?startrecord=${first + 1}&endrecord=${first * 2}&perpage=${rt.pageSize}&columnid=${rt.colNum}&unitid=${unitId(rt)}"></a>]]></nextgroup>\n`;
  return `<script type="text/xml"><datastore>\n${next}<recordset>\n${records(rt, 1, first)}\n</recordset>\n</datastore></script>`;
}

function listPage({ model, rt, env }: Ctx): string {
  const total = rt.col.items.length;
  const uid = unitId(rt);
  const v = rt.col.variant;
  let main: string;
  if (v === 'hanweb-newjpage') {
    const cfg = {
      target: `#div${uid}`, totalRecord: total, perPage: rt.pageSize, groupSize: GROUP, proxyUrl: NEW_PROXY,
      params: { col: 1, webid: 1, columnid: rt.colNum, unitid: uid, path: '/', sourceContentType: 1, permissiontype: 0 },
      dataBefore: '<ul class="list">', dataAfter: '</ul>', barPosition: 'bottom',
    };
    main = `<div id="div${uid}">${inlineStore(rt)}</div>
<script src="${JPAGE_MIN}"></script>
<script>var jpage_${uid} = new Jpage(${JSON.stringify(cfg)});</script>`;
  } else if (v === 'hanweb-jquery') {
    main = `<div id="${uid}">${inlineStore(rt)}</div>
<script language="javascript" src="${OLD_JQUERY_JPAGE}"></script>
<script>$(function(){$('#${uid}').jpage({dataStore:$('#${uid}').children('script').html(),totalRecord:${total},perPage:${rt.pageSize},groupSize:${GROUP},proxyUrl:'${OLD_PROXY}',dataBefore:'<ul class="list">',dataAfter:'</ul>',ajaxParam:{columnid:${rt.colNum},unitid:${uid}}});});</script>`;
  } else {
    // 江苏: the same records twice, a PC list and a mobile (lucidity theme) list in a hidden column.
    const block = (mobile: boolean) => {
      const id = unitId(rt, mobile);
      const theme = mobile ? 'lucidity' : 'default';
      return `<div id="${id}">${inlineStore(rt, mobile)}</div><script>var param_${id} = {col:1,appid:'1',webid:3,path:'/',columnid:${rt.colNum},sourceContentType:1,unitid:'${id}',webname:'珠山区人民政府',permissiontype:0};$(function(){$('#${id}').jpage({themeName:'${theme}',showMode:'full',totalRecord:${total},openCookies:false,dataBefore:'<ul class="column-list bt-all bt-lists-cover">    ',dataStore:$('#${id}').children('script').html(),dataAfter:'</ul>',groupSize:${GROUP},proxyUrl:'${NEW_PROXY}',perPage:${rt.pageSize},barPosition:'bottom',ajaxParam:param_${id}});});</script>`;
    };
    main = `<script language="javascript" src="${JQUERY_JPAGE}"></script>
<div class="col-md-9 bt-pc-list">${block(false)}</div>
<div class="col-sm-12 col-md-9 bt-allUnder-18 moblist">${block(true)}</div>`;
  }
  return variantChrome(model, rt, env, { title: `${rt.col.name} ${rt.unit.name}`, main });
}

export const hanwebList: VariantTemplate = {
  entry: 'index.html',
  page: (ctx, rest) => (rest === '' || rest === 'index.html' ? { body: listPage(ctx), entry: true } : null),
  api: dataproxy,
};

/** dataproxy.jsp: records [startrecord, endrecord] (or group `page`) of the column named by columnid+unitid (GET or POST). */
function dataproxy(model: Model, p: string, params: URLSearchParams): Routed | null {
  if (p !== NEW_PROXY && p !== OLD_PROXY) return null;
  const rt = model.byColNum.get(Number(params.get('columnid')));
  const v = rt?.col.variant;
  if (!rt || !v?.startsWith('hanweb-')) return null;
  const proxy = v === 'hanweb-jquery' ? OLD_PROXY : NEW_PROXY;
  const uid = Number(params.get('unitid'));
  // A wrong unitid or proxy gets what jcms answers for an unknown list: an empty datastore.
  const known = p === proxy && (uid === unitId(rt) || (v === 'hanweb-double' && uid === unitId(rt, true)));
  const total = known ? rt.col.items.length : 0;
  const perpage = Math.max(1, Number(params.get('perpage')) || rt.pageSize);
  // Without startrecord jcms pages by `page=N` groups (国家文物局 ncha.gov.cn is crawled that way).
  const group = Math.max(1, Number(params.get('page')) || 1);
  const start = Math.max(1, Number(params.get('startrecord')) || (group - 1) * perpage * GROUP + 1);
  const end = Math.max(start, Number(params.get('endrecord')) || start + perpage * GROUP - 1);
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<datastore>
<totalrecord>${total}</totalrecord>
<totalpage>${Math.ceil(total / perpage)}</totalpage>
<recordset>
${known ? records(rt, start, end) : ''}
</recordset>
</datastore>`;
  return { status: 200, body, contentType: 'text/xml', unit: rt.unit, column: rt, lastModified: rt.modifiedAt };
}

/**
 * Browser stand-ins for the two ways these pages call jcms's jpage: `new Jpage(cfg)` with nested params and
 * the jQuery plugin. Both hand over to the base demo's jpage(id, cfg) stand-in (prepended), which reads the
 * box's inline datastore and posts for later groups. The demo serves no jQuery, so the plugin file brings
 * the three jQuery calls these pages make.
 */
const JPAGE_JS = `${ASSETS['/module/web/jpage/jpage.js'][1]}
window.Jpage = function (cfg) {
  jpage(cfg.target.replace(/^#/, ''), Object.assign({ ajaxParam: cfg.params }, cfg));
};
if (!window.$) window.$ = function (a) {
  if (typeof a === 'function') { if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', a); else a(); return; }
  // jcms ids are numbers (#423656), which querySelector refuses.
  var id = a.replace(/^#/, ''), el = document.getElementById(id);
  return {
    children: function (sel) { var c = el.querySelector(sel); return { html: function () { return c ? c.textContent : ''; } }; },
    jpage: function (cfg) { jpage(id, cfg); },
  };
};
`;

export const HANWEB_ASSETS: Record<string, [string, string]> = {
  [JPAGE_MIN]: ['application/javascript', JPAGE_JS],
  [JQUERY_JPAGE]: ['application/javascript', JPAGE_JS],
  [OLD_JQUERY_JPAGE]: ['application/javascript', JPAGE_JS],
};
