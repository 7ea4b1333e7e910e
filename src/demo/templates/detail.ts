import type { ColumnRuntime } from '../model.ts';
import type { DemoItem } from '../types.ts';
import { unitPath } from '../urls.ts';
import { articleBody } from './body.ts';
import { frame } from './frame.ts';
import { cnDate, columnTypeLabel, esc, fullWidth } from './html.ts';
import type { PageEnv } from './list-common.ts';

export interface DetailEnv extends PageEnv {
  seed: number;
  /** Epoch ms the page was (re)generated: the Maketime decoy. */
  generatedAt: number;
}

function stamp(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * An article page in one of three styles: 政府网站发展指引 <meta> tags (plus a Maketime meta that is the
 * page generation time, not the publish date), a 信息公开 header table, or labelled text only.
 * Every style has decoy dates in the body and in the related-links sidebar.
 */
export function renderDetail(rt: ColumnRuntime, item: DemoItem, env: DetailEnv): string {
  const { unit, col } = rt;
  const style = col.detailStyle;
  const pub = `${item.publishedAt} ${item.publishedTime}`;
  const metas: Array<[string, string]> = [['ColumnName', col.name], ['ColumnType', columnTypeLabel(col.class)]];
  if (style === 'meta') {
    metas.push(
      ['ArticleTitle', item.title],
      ['PubDate', pub],
      ['ContentSource', unit.name],
      ['Keywords', `${unit.name},${col.name}`],
      ['Maketime', stamp(env.generatedAt)],
    );
  }
  const info: string[] = [];
  if (style === 'label') {
    info.push(`<span>${labelledDate(item)}</span>`, `<span>来源：${esc(unit.name)}</span>`);
    if (item.docNo) info.push(`<span>文号：${esc(item.docNo)}</span>`);
    if (item.documentDate) info.push(`<span>成文日期：${item.documentDate}</span>`);
  } else if (style === 'meta') {
    info.push(`<span>来源：${esc(unit.name)}</span>`, `<span>发布时间：${pub}</span>`);
    if (item.documentDate) info.push(`<span>成文日期：${cnDate(item.documentDate)}</span>`);
  } else {
    info.push(`<span>字号：[ 大 中 小 ]</span>`);
  }
  info.push('<span>浏览次数：<em id="hits">--</em></span>');
  const related = rt.col.items
    .filter((i) => i !== item && !i.dead)
    .slice(0, 4)
    .map((i) => `<li><a href="${new URL(i.url).pathname}">${esc(i.title)}</a><span>（${i.publishedAt}）</span></li>`)
    .join('\n');
  const main = `<div class="article">
${style === 'table' ? headerTable(rt, item) : ''}
<h1>${esc(item.title)}</h1>
<div class="info">${info.join('　')}</div>
<div class="content" id="zoom">
${articleBody(env.seed, item, col.class, unit.name)}
</div>
<div class="tools"><a href="javascript:window.print()">打印本页</a>　<a href="javascript:window.close()">关闭窗口</a></div>
<div class="related"><h3>相关链接</h3><ul>
${related}
</ul></div>
</div>
<!-- 页面生成时间：${stamp(env.generatedAt)} -->`;
  return frame({
    title: `${item.title}_${unit.name}_珠山区人民政府`,
    charset: unit.encoding,
    host: env.host,
    metas,
    crumbs: [['政务公开', '/xxgk/index.html'], [unit.name, unitPath(unit.id)], [col.name, new URL(col.url).pathname], ['正文', null]],
    main,
  });
}

/**
 * The labelled publication date in the formats editors actually type; a few with full-width digits,
 * as some input methods produce.
 */
export function labelledDate(item: DemoItem): string {
  const pub = `${item.publishedAt} ${item.publishedTime}`;
  if (item.id % 9 === 0) return `发布时间：${fullWidth(pub)}`;
  if (item.id % 4 === 1) return `发布日期：${item.publishedAt.replace(/-/g, '.')}`;
  if (item.id % 4 === 2) return `发布时间：${cnDate(item.publishedAt, true)} ${item.publishedTime}`;
  return `发布时间：${pub}`;
}

function headerTable(rt: ColumnRuntime, item: DemoItem): string {
  const row = (a: string, b: string, c: string, d: string) =>
    `<tr><td class="label">${a}</td><td>${b}</td><td class="label">${c}</td><td>${d}</td></tr>`;
  return `<table class="xxgk-head">
${row('索 引 号：', esc(item.indexNo ?? ''), '主题分类：', esc(columnTypeLabel(rt.col.class)))}
${row('发布机构：', esc(rt.unit.name), '成文日期：', item.documentDate ? cnDate(item.documentDate) : '')}
<tr><td class="label">名　　称：</td><td colspan="3">${esc(item.title)}</td></tr>
${row('文　　号：', esc(item.docNo ?? ''), '发布日期：', cnDate(item.publishedAt, true))}
</table>`;
}

/** The 404 page of a dead link. */
export function renderNotFound(env: PageEnv, charset: 'utf-8' | 'gbk' = 'utf-8'): string {
  return frame({
    title: '页面不存在_珠山区人民政府',
    charset,
    host: env.host,
    crumbs: [['页面不存在', null]],
    main: '<div class="not-found"><h2>抱歉，您访问的页面不存在或已被删除。</h2><p><a href="/">返回首页</a></p></div>',
  });
}
