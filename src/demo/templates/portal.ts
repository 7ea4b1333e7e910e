import type { DemoTruth, DemoUnit } from '../types.ts';
import { INDEX_PATH, LOGIN_PATH, unitPath } from '../urls.ts';
import { frame } from './frame.ts';
import { esc } from './html.ts';
import type { PageEnv } from './list-common.ts';

/** The site's home page: only a way into 政府信息公开. */
export function renderHome(truth: DemoTruth, env: PageEnv): string {
  return frame({
    title: '珠山区人民政府',
    charset: 'utf-8',
    host: env.host,
    crumbs: [['首页', null]],
    main: `<div class="home">
<h2>珠山区人民政府门户网站</h2>
<p>珠山区位于景德镇市中心城区，是景德镇市政治、经济、文化中心。</p>
<ul class="home-entry">
  <li><a href="${INDEX_PATH}">政府信息公开</a></li>
</ul>
<p class="update">数据更新：${truth.refDate}</p>
</div>`,
  });
}

function unitLinks(units: DemoUnit[]): string {
  return units.map((u) => `  <li><a href="${unitPath(u.id)}" target="_blank">${esc(u.name)}</a></li>`).join('\n');
}

/** 政府信息公开 index: the 镇街 and 区直部门 whose 信息公开 pages it links. */
export function renderIndex(truth: DemoTruth, env: PageEnv): string {
  const towns = truth.units.filter((u) => u.kind === '镇街');
  const depts = truth.units.filter((u) => u.kind === '区直部门');
  return frame({
    title: '政府信息公开_珠山区人民政府',
    charset: 'utf-8',
    host: env.host,
    metas: [['ColumnName', '政府信息公开'], ['ColumnType', '政府信息公开']],
    crumbs: [['政府信息公开', null]],
    main: `<div class="xxgk-index">
<div class="xxgk-guide"><h2>政府信息公开</h2>
<p>依据《中华人民共和国政府信息公开条例》，珠山区各镇（街道）、区直各部门通过本平台主动公开政府信息。</p></div>
<div class="unit-block" id="zj"><h3>镇（街道）信息公开</h3><ul>
${unitLinks(towns)}
</ul></div>
<div class="unit-block" id="bm"><h3>区直部门信息公开</h3><ul>
${unitLinks(depts)}
</ul></div>
</div>`,
  });
}

/** A unit's 微信公众号 page as a portal mirrors it: the account's name and how to follow it. */
export function renderChannel(unit: DemoUnit, name: string, env: PageEnv): string {
  return frame({
    title: `${name}_珠山区人民政府`,
    charset: unit.encoding,
    host: env.host,
    crumbs: [[unit.name, unitPath(unit.id)], [name, null]],
    main: `<div class="xmt">
<h2>${esc(name)}</h2>
<p>微信扫一扫，关注“${esc(name)}”，及时获取${esc(unit.name)}政务信息、办事指南和便民服务。</p>
</div>`,
  });
}

/** A unit's 信息公开 page: its columns as plain links named by the column. */
export function renderUnit(unit: DemoUnit, env: PageEnv): string {
  const cols = unit.columns.map((c) => `  <li><a href="${new URL(c.url).pathname}">${esc(c.name)}</a></li>`).join('\n');
  return frame({
    title: `${unit.name}信息公开_珠山区人民政府`,
    charset: unit.encoding,
    host: env.host,
    metas: [['ColumnName', `${unit.name}信息公开`], ['ColumnType', '政府信息公开']],
    crumbs: [['政府信息公开', INDEX_PATH], [unit.name, null]],
    main: `<div class="unit-xxgk">
<h2>${esc(unit.name)}信息公开</h2>
<div class="unit-block"><h3>信息公开目录</h3><ul class="lm-list">
${cols}
</ul></div>
<div class="unit-contact"><p>政府信息公开工作机构：${esc(unit.name)}办公室　受理时间：工作日 8:00—12:00，14:30—17:30</p></div>
</div>`,
  });
}

/** What a column that refuses visitors answers with HTTP 403 (refusals option). */
export function renderForbidden(env: PageEnv): string {
  return frame({
    title: '禁止访问_珠山区人民政府',
    charset: 'utf-8',
    host: env.host,
    crumbs: [['禁止访问', null]],
    main: '<div class="not-found"><h2>403 Forbidden：您无权访问该页面。</h2><p><a href="/">返回首页</a></p></div>',
  });
}

/** The login page a column behind a login wall redirects to (refusals option). */
export function renderLogin(env: PageEnv): string {
  return frame({
    title: '用户登录_珠山区人民政府',
    charset: 'utf-8',
    host: env.host,
    crumbs: [['用户登录', null]],
    main: `<div class="login"><h2>用户登录</h2>
<form method="post" action="${LOGIN_PATH}"><p>用户名：<input type="text" name="username"></p>
<p>密　码：<input type="password" name="password"></p><p><button type="submit">登录</button></p></form></div>`,
  });
}
