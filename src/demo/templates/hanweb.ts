import type { ColumnRuntime } from '../model.ts';
import type { DemoItem } from '../types.ts';
import { HANWEB_PROXY_PATH } from '../urls.ts';
import { esc, listDate } from './html.ts';
import { listFrame, type PageEnv } from './list-common.ts';

/** jpage shows `perpage` records at a time and fetches `groupSize` pages' worth per request. */
const GROUP_SIZE = 3;

function unitId(rt: ColumnRuntime): number {
  return 420000 + rt.colNum;
}

/** A dataproxy URL for 1-based records [start, end], the form jpage itself posts. */
export function proxyHref(rt: ColumnRuntime, start: number, end: number): string {
  const q = new URLSearchParams({
    startrecord: String(start), endrecord: String(end), perpage: String(rt.pageSize),
    col: '1', appid: '1', webid: '1', path: '/', columnid: String(rt.colNum), sourceContentType: '1',
    unitid: String(unitId(rt)), permissiontype: '0',
  });
  return `${HANWEB_PROXY_PATH}?${q.toString()}`;
}

function record(rt: ColumnRuntime, item: DemoItem): string {
  const href = new URL(item.url).pathname;
  const top = item.pinned ? '<span class="bt-top">[置顶]</span>' : '';
  return `<record><![CDATA[
    <li class="clearfix bt-list-new">${top}<a title='${esc(item.title)}' target="_blank" href="${href}">            ${esc(item.title)}</a><span class="bt-list-time">${listDate(item.publishedAt, rt.col.dateStyle)}</span>    </li>    ]]></record>`;
}

/** The <datastore> of records [start, end] (1-based, inclusive), with a <nextgroup> link when more follow. */
export function datastore(rt: ColumnRuntime, start: number, end: number): string {
  const items = rt.col.items;
  const slice = items.slice(start - 1, end);
  const group = rt.pageSize * GROUP_SIZE;
  const next = end < items.length ? `<nextgroup><![CDATA[<a href="${proxyHref(rt, end + 1, end + group)}"></a>]]></nextgroup>\n` : '';
  return `<datastore>
${next}<recordset>
${slice.map((i) => record(rt, i)).join('\n')}
</recordset>
</datastore>`;
}

/** The dataproxy.jsp answer: the same datastore with totals, as XML. */
export function renderHanwebProxy(rt: ColumnRuntime, start: number, end: number): string {
  const total = rt.col.items.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n<totalrecord>${total}</totalrecord>\n<totalpage>${Math.ceil(total / rt.pageSize)}</totalpage>\n${datastore(rt, start, end).replace(/^<datastore>\n|<\/datastore>$/g, '')}\n</datastore>`;
}

/**
 * 大汉 jcms column page (/col/colN/index.html): the first three pages' records sit in a
 * `<script type="text/xml">` datastore; jpage fetches later records from dataproxy.jsp.
 */
export function renderHanwebList(rt: ColumnRuntime, env: PageEnv): string {
  const uid = unitId(rt);
  const group = rt.pageSize * GROUP_SIZE;
  const total = rt.col.items.length;
  const param = `{col:1,appid:'1',webid:1,path:'/',columnid:${rt.colNum},sourceContentType:1,unitid:'${uid}',webname:'珠山区人民政府',permissiontype:0}`;
  const main = `<div id="${uid}"><script type="text/xml">${datastore(rt, 1, group)}</script></div>
<script>var param_${uid} = ${param};
jpage('${uid}', {themeName:'default',showMode:'full',totalRecord:${total},dataBefore:'<ul class="column-list bt-list">',dataAfter:'</ul>',groupSize:${GROUP_SIZE},proxyUrl:'${HANWEB_PROXY_PATH}',perPage:${rt.pageSize},barPosition:'bottom',ajaxParam:param_${uid}});</script>`;
  return listFrame(rt, env, main, {
    head: `<meta name='Maketime' content='${new Date(rt.modifiedAt + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')}'>\n<script language="javascript" src="/module/web/jpage/jpage.js"></script>`,
  });
}
