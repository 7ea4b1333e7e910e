import { shanghaiDay } from '../../shared/time.ts';
import type { ColumnRuntime, Model } from '../model.ts';
import { esc } from '../templates/html.ts';
import type { PageEnv } from '../templates/list-common.ts';
import { unitPath } from '../urls.ts';

const WEEKDAYS = '日一二三四五六';

/** "今天是：2026年11月20日 星期五" as the top bar's script writes it on the day the page is served. */
export function todayLine(day = shanghaiDay()): string {
  const [y, m, d] = day.split('-').map(Number);
  return `今天是：${y}年${m}月${d}日 星期${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

/**
 * 热点推荐: the newest items of the unit's OTHER list columns with their dates. Real portals put this box
 * beside every list; it is a second block of dated links that is not the column's list.
 */
function hotBox(model: Model, rt: ColumnRuntime): string {
  const others = model.columns.filter((o) => o.unit === rt.unit && o !== rt && o.col.items.length);
  const links = others.flatMap((o) => o.col.items.filter((i) => !i.pinned).slice(0, 2));
  const rows = links
    .map((i) => `<li><a href="${esc(new URL(i.url).pathname)}" target="_blank" title="${esc(i.title)}">${esc(i.title)}</a><span>${i.publishedAt}</span></li>`)
    .join('\n');
  return `<div class="hot-box"><div class="hot-hd"><h3>热点推荐</h3><a href="${unitPath(rt.unit.id)}">更多&gt;&gt;</a></div><ul>\n${rows}\n</ul></div>`;
}

export interface ChromeOptions {
  title: string;
  head?: string;
  main: string;
  tail?: string;
  /** Extra `<meta name>` pairs (article pages). */
  metas?: Array<[string, string]>;
}

/**
 * The page every variant list or single page sits in: a top bar with today's date and 网站首页/无障碍/繁體
 * links, breadcrumbs, the unit's column menu, a 热点推荐 box and a footer with 版权所有 and dates: the chrome a
 * list extractor has to see past on real portals.
 */
export function variantChrome(model: Model, rt: ColumnRuntime, env: PageEnv, o: ChromeOptions): string {
  const { unit, col } = rt;
  const side = unit.columns
    .map((c) => `<li${c === col ? ' class="cur"' : ''}><a href="${esc(new URL(c.url).pathname)}">${esc(c.name)}</a></li>`)
    .join('\n');
  const metas = [['SiteName', '珠山区人民政府'], ['SiteDomain', env.host], ['ColumnName', col.name], ...(o.metas ?? [])]
    .map(([n, c]) => `<meta name="${esc(n)}" content="${esc(c)}">`)
    .join('\n');
  const refYear = model.refDate.slice(0, 4);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(o.title)}</title>
${metas}
${o.head ?? ''}
</head>
<body>
<div class="topbar"><div class="w1200">
<span class="today" id="today">${todayLine()}</span>
<span class="links"><a href="/">网站首页</a> | <a href="javascript:void(0)" id="barrierFree">无障碍</a> | <a href="javascript:void(0)" id="jft">繁體</a> | <a href="/xxgk/index.html">政务公开</a></span>
</div></div>
<div class="header"><a href="/" class="logo">珠山区人民政府</a><h1>${esc(unit.name)}</h1></div>
<div class="w1200 main">
<div class="position">您当前的位置：<a href="/">首页</a> &gt; <a href="/xxgk/index.html">政务公开</a> &gt; <a href="${unitPath(unit.id)}">${esc(unit.name)}</a> &gt; <span>${esc(col.name)}</span></div>
<div class="left-nav"><h2>${esc(rt.unitSpec.short)}</h2><ul>
${side}
</ul></div>
<div class="right-con">
${o.main}
</div>
${hotBox(model, rt)}
</div>
<div class="footer"><p>版权所有：珠山区人民政府　主办：珠山区人民政府办公室　© 2003-${refYear}</p>
<p>网站标识码：3602030001　赣ICP备05001234号　最后更新：${shanghaiDay(model.builtAt)}</p></div>
${o.tail ?? ''}
</body>
</html>
`;
}
