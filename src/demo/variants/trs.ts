import { esc } from '../templates/html.ts';
import { variantChrome } from './chrome.ts';
import { pages, pageSlice, relHref, ymd, type Ctx, type VariantTemplate } from './types.ts';

/**
 * Three TRS WCM list templates as real sites publish them. All are static pages; only the pager script and
 * the row markup differ, and so do the page-file names the pager implies.
 */

/** The page number in `index_N.ext` (N ≥ 1), 0 for `index.ext`, NaN otherwise. */
function suffixIndex(rest: string, ext: string): number {
  if (rest === '' || rest === `index.${ext}`) return 0;
  const m = rest.match(new RegExp(`^index_(\\d+)\\.${ext}$`));
  return m && m[1] !== '0' ? Number(m[1]) : NaN;
}

/**
 * 中国证监会 (csrc.gov.cn `createPageHTML('page_div', 5, 1, 'fg', 'shtml', 89)`), 邵阳 (`'page_div',10, 1,'xlist','shtml',189`):
 * the container id comes first, the current page counts from 1 and page k > 1 is `index_k.shtml` (so index_2 is
 * the second page, unlike classic TRS). The script draws a window of page numbers with 下一页/尾页 into
 * #page_div; the static HTML holds only the call. Rows are `table > tr > td.info > a.list` with detail
 * pages at `cNNN/content.shtml`.
 */
export const trsPageDiv: VariantTemplate = {
  entry: 'index.shtml',
  detailPath: (_rt, item, dir) => `${dir}c${item.id}/content.shtml`,
  page({ model, rt, env }: Ctx, rest) {
    const k = suffixIndex(rest, 'shtml');
    const p = k === 0 ? 1 : k;
    if (!Number.isInteger(p) || p < 1 || p > pages(rt) || k === 1) return null;
    const rows = pageSlice(rt, p)
      .map((i) => `<tr><td class="info"><a class="list" href="${relHref(rt, i)}" target="_blank" title="${esc(i.title)}">${esc(i.title)}</a></td><td class="time">${i.publishedAt}</td></tr>`)
      .join('\n');
    const main = `<div class="fl_list"><table class="list-tb"><tbody>
${rows}
</tbody></table></div>
<div class="page" id="page_div"></div>
<script type="text/javascript">createPageHTML('page_div',${pages(rt)}, ${p},'index','shtml',${rt.col.items.length});</script>`;
    return {
      body: variantChrome(model, rt, env, { title: `${rt.col.name}_${rt.unit.name}`, head: '<script src="/images/page_div.js"></script>', main }),
      entry: p === 1,
    };
  },
};

/**
 * 山西省人民政府 (shanxi.gov.cn): the page count sits in a variable (`var countPage = 1//共多少页`) passed to
 * `createPageHTML(countPage, currentPage, "index", "htm")`, with a 转到第 N 页 form; pages are `.htm`
 * (平潭 writes `.htm` too), 0-based like classic TRS: index.htm, index_1.htm, …
 */
export const trsCountPage: VariantTemplate = {
  entry: 'index.htm',
  detailPath: (_rt, item, dir) => {
    const { ym, d8 } = ymd(item);
    return `${dir}${ym}/t${d8}_${item.id}.htm`;
  },
  page({ model, rt, env }: Ctx, rest) {
    const n = suffixIndex(rest, 'htm');
    if (!Number.isInteger(n) || n >= pages(rt)) return null;
    const rows = pageSlice(rt, n + 1)
      .map((i) => `<li><a href="${relHref(rt, i)}" target="_blank">${esc(i.title)}</a><span>${i.publishedAt}</span></li>`)
      .join('\n');
    const main = `<div class="list_con"><ul class="list_ul">
${rows}
</ul></div>
<div class="page_num"><script type="text/javascript">
var countPage = ${pages(rt)}//共多少页
var currentPage = ${n}//当前页
createPageHTML(countPage, currentPage, "index", "htm");
function toPage(){
  var _num = document.getElementById("num").value;
  if (_num > countPage) alert("本频道最多" + countPage + "页");
  else location.href = _num <= 1 ? "index.htm" : "index_" + (_num - 1) + ".htm";
}
</script>
<span class="page-form">转到第<input type="text" id="num" value="" />页 <input type="submit" value="GO" onclick="toPage()" /></span></div>`;
    return {
      body: variantChrome(model, rt, env, { title: `${rt.col.name}-${rt.unit.name}`, head: '<script src="/images/trs-page.js"></script>', main }),
      entry: n === 0,
    };
  },
};

/**
 * 宜春市人民政府 / 袁州区 政务要闻 (2017, TRS WCM): every item is a table row — a bullet image and the link in
 * the first cell, the date in a second, grey cell — and WCM's GroupBlankLine row after every five; the
 * pager is classic `createPageHTML(50, 0, "index", "html")`.
 */
export const trsTable: VariantTemplate = {
  entry: 'index.html',
  page({ model, rt, env }: Ctx, rest) {
    const n = suffixIndex(rest, 'html');
    if (!Number.isInteger(n) || n >= pages(rt)) return null;
    const rows: string[] = [];
    pageSlice(rt, n + 1).forEach((i, k) => {
      rows.push(`<TR>
  <TD height=30 align="left">&nbsp;<img src="../../../images/2016hei.jpg" width="3" height="3" />&nbsp;<A style="font-size:14px;" 
href="${relHref(rt, i)}">${esc(i.title)}</A></TD>
  <TD width="80" align="left" style="font-size:14px; color:#999">${i.publishedAt}</TD>
</TR>`);
      if (k % 5 === 4) rows.push('<TR height=1>\n  <TD colspan=2 class="GroupBlankLine"></TD>\n</TR>');
    });
    const main = `<table width="100%" border="0" cellspacing="0" cellpadding="0">
${rows.join('\n')}
</table>
<table width="100%"><tr><td align="center"><SCRIPT LANGUAGE="JavaScript">
createPageHTML(${pages(rt)}, ${n}, "index", "html");
</SCRIPT></td></tr></table>`;
    return {
      body: variantChrome(model, rt, env, { title: `${rt.col.name} - ${rt.unit.name}`, head: '<script src="/images/trs-page.js"></script>', main }),
      entry: n === 0,
    };
  },
};

/** The windowed pager of the `'page_div'` form: 首页 上一页, five page numbers around the current one, 下一页 尾页. */
export const PAGE_DIV_JS = `function createPageHTML(divId, pageCount, curPage, name, ext, recordCount) {
  if (pageCount <= 1) return;
  function href(p) { return p <= 1 ? name + "." + ext : name + "_" + p + "." + ext; }
  var from = Math.max(1, curPage - 2), to = Math.min(pageCount, from + 4);
  from = Math.max(1, to - 4);
  var out = [curPage > 1 ? '<a href="' + href(1) + '">首页</a><a href="' + href(curPage - 1) + '">上一页</a>' : ''];
  for (var p = from; p <= to; p++) out.push(p == curPage ? '<span class="cur">' + p + '</span>' : '<a href="' + href(p) + '">' + p + '</a>');
  if (curPage < pageCount) out.push('<a href="' + href(curPage + 1) + '">下一页</a><a href="' + href(pageCount) + '">尾页</a>');
  out.push('<span>共' + recordCount + '条</span>');
  document.getElementById(divId).innerHTML = out.join('');
}
`;
