import type { Routed } from '../router.ts';
import { cnDate, esc } from '../templates/html.ts';
import type { DemoItem } from '../types.ts';
import { variantChrome } from './chrome.ts';
import { pages, pageSlice, relHref, type Ctx, type VariantTemplate } from './types.ts';

/**
 * Three 政府信息公开目录 layouts. Each row carries two dates; only 发布日期 is the publication date, and the
 * column order (or the label) is the only way to tell it from 成文日期.
 */

/** 首页/上一页/下一页/尾页 links to 1-based page `p` of `total`, written by `href`. */
function pagerLinks(p: number, total: number, count: number, href: (k: number) => string): string {
  const a = (label: string, k: number, on: boolean) => (on ? `<a href="${href(k)}">${label}</a>` : `<span class="disabled">${label}</span>`);
  return `<div class="page-nav">共${count}条 第${p}/${total}页 ${a('首页', 1, p > 1)} ${a('上一页', p - 1, p > 1)} ${a('下一页', p + 1, p < total)} ${a('尾页', total, p < total)}</div>`;
}

/**
 * 吉林省政府信息公开专栏 and 平潭 行政规范性文件 (序号/标题/发文字号/生成日期/发布日期): here the columns run
 * 索引号 / 文号 / 名称 / 成文日期 / 发布日期 — the title is third and both dates are ISO, 成文 first. Static
 * pages index.html, index_1.html … with plain 下一页 links.
 */
export const mlReorder: VariantTemplate = {
  entry: 'index.html',
  page({ model, rt, env }: Ctx, rest) {
    const n = rest === '' || rest === 'index.html' ? 0 : Number(rest.match(/^index_([1-9]\d*)\.html$/)?.[1] ?? NaN);
    if (!Number.isInteger(n) || n >= pages(rt)) return null;
    const rows = pageSlice(rt, n + 1)
      .map((i) => `<tr><td>${esc(i.indexNo ?? '')}</td><td>${esc(i.docNo ?? '')}</td><td class="tl"><a href="${relHref(rt, i)}" target="_blank" title="${esc(i.title)}">${esc(i.title)}</a></td><td>${i.documentDate ?? ''}</td><td>${i.publishedAt}</td></tr>`)
      .join('\n');
    const main = `<table class="zfxxgk_table"><thead><tr><th>索引号</th><th>文号</th><th>名称</th><th>成文日期</th><th>发布日期</th></tr></thead><tbody>
${rows}
</tbody></table>
${pagerLinks(n + 1, pages(rt), rt.col.items.length, (k) => (k === 1 ? 'index.html' : `index_${k - 1}.html`))}`;
    return { body: variantChrome(model, rt, env, { title: `${rt.col.name}_${rt.unit.name}`, main }), entry: n === 0 };
  },
};

const FILE_TYPES = [
  ['pdf', 'application/pdf'],
  ['doc', 'application/msword'],
  ['ofd', 'application/ofd'],
] as const;

/**
 * County 信息公开目录 whose rows link straight to the published file (PDF, Word or OFD, as 预决算 and
 * 规范性文件 catalogues often do): there is no detail page, so 成文日期 and 发布日期 exist only in the row.
 * Pages by `?page=N` with a 下一页 link.
 */
export const mlFiles: VariantTemplate = {
  entry: '',
  detailPath: (_rt, item, dir) => `${dir}P0${item.publishedAt.replace(/-/g, '').slice(0, 6)}/${item.id}.${FILE_TYPES[item.id % 3][0]}`,
  page({ model, rt, env }: Ctx, rest, q) {
    const p = q.has('page') ? Number(q.get('page')) : 1;
    if (rest !== '' || !Number.isInteger(p) || p < 1 || p > pages(rt)) return null;
    const rows = pageSlice(rt, p)
      .map((i, k) => {
        const ext = new URL(i.url).pathname.split('.').pop()!;
        return `<tr><td>${(p - 1) * rt.pageSize + k + 1}</td><td class="tl"><i class="icon-${ext}"></i><a href="${relHref(rt, i)}" target="_blank">${esc(i.title)}.${ext}</a></td><td>${esc(i.docNo ?? '')}</td><td>${i.documentDate ? cnDate(i.documentDate) : '—'}</td><td>${i.publishedAt}</td></tr>`;
      })
      .join('\n');
    const main = `<table class="ml-table"><thead><tr><th>序号</th><th>名称</th><th>文号</th><th>成文日期</th><th>发布日期</th></tr></thead><tbody>
${rows}
</tbody></table>
${pagerLinks(p, pages(rt), rt.col.items.length, (k) => `?page=${k}`)}`;
    return { body: variantChrome(model, rt, env, { title: `${rt.col.name}_${rt.unit.name}`, main }), entry: !q.has('page') };
  },
};

/** The file an ml-files row links to: a stub of the right type, dated by the item (never changes). */
export function fileRouted(item: DemoItem, rt: Routed['column']): Routed {
  const ext = new URL(item.url).pathname.split('.').pop();
  const type = FILE_TYPES.find(([e]) => e === ext)![1];
  const body = ext === 'pdf' ? `%PDF-1.4\n% ${item.title}\n%%EOF\n` : `${item.title}\n`;
  return { status: 200, body, contentType: type, column: rt, lastModified: Date.parse(`${item.publishedAt}T${item.publishedTime}:00+08:00`) };
}

/**
 * 浙江 jpaas 信息公开 lists: a `<ul>` whose entries are a link plus labelled spans — 索引号, 文件编号, 生成日期
 * (the document's own date) and 发布日期, all dates in 年月日 form — with numbered page links `?page=N`.
 */
export const mlUl: VariantTemplate = {
  entry: '',
  page({ model, rt, env }: Ctx, rest, q) {
    const p = q.has('page') ? Number(q.get('page')) : 1;
    if (rest !== '' || !Number.isInteger(p) || p < 1 || p > pages(rt)) return null;
    const lis = pageSlice(rt, p)
      .map((i) => `<li><a class="ml-tit" href="${relHref(rt, i)}" target="_blank" title="${esc(i.title)}">${esc(i.title)}</a>
  <p class="ml-info"><span>索引号：${esc(i.indexNo ?? '')}</span><span>文件编号：${esc(i.docNo ?? '')}</span><span>生成日期：${i.documentDate ? cnDate(i.documentDate) : ''}</span><span>发布日期：${cnDate(i.publishedAt)}</span></p></li>`)
      .join('\n');
    const nums = Array.from({ length: pages(rt) }, (_, k) => (k + 1 === p ? `<b>${k + 1}</b>` : `<a href="?page=${k + 1}">${k + 1}</a>`)).join(' ');
    const main = `<ul class="ml-ul">
${lis}
</ul>
<div class="pages">${nums}${p < pages(rt) ? ` <a href="?page=${p + 1}">下一页</a>` : ''}</div>`;
    return { body: variantChrome(model, rt, env, { title: `${rt.col.name}_${rt.unit.name}`, main }), entry: !q.has('page') };
  },
};
