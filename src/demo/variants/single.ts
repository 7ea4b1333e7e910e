import { cnDate, esc } from '../templates/html.ts';
import { variantChrome } from './chrome.ts';
import type { Ctx, VariantTemplate } from './types.ts';

/**
 * Columns whose URL is itself one article (机构概况, 机构职能, 依申请公开指南): no list, one page with its own
 * date. The body names older dates (the 机构改革 that set the office up, a regulation's 施行日期) that are
 * not the page's date.
 */
function body(ctx: Ctx): string {
  const u = ctx.rt.unit.name;
  return `<div class="content">
<p>${esc(u)}是区人民政府工作部门，根据2019年3月《珠山区机构改革方案》设立，为正科级。</p>
<p><strong>一、主要职责</strong></p>
<p>（一）贯彻执行国家、省、市有关方针政策和法律法规，拟订本行业发展规划并组织实施。</p>
<p>（二）负责本行业的监督管理，依法查处违法违规行为。</p>
<p>（三）完成区委、区政府交办的其他任务。</p>
<p><strong>二、内设机构</strong>：办公室、政策法规股、综合业务股。</p>
<p><strong>三、联系方式</strong>：办公地址珠山区昌江大道88号，办公时间工作日8:00—12:00、14:30—17:30，咨询电话0798-8220000。</p>
<p>《中华人民共和国政府信息公开条例》自2019年5月15日起施行。</p>
</div>`;
}

function single(ctx: Ctx, head: (date: string) => { metas: Array<[string, string]>; info: string }): { body: string; entry: boolean } {
  const { model, rt, env } = ctx;
  const { metas, info } = head(rt.col.pageDate!);
  const main = `<div class="article"><h1>${esc(rt.col.name)}</h1>
${info}
${body(ctx)}
</div>`;
  return { body: variantChrome(model, rt, env, { title: `${rt.col.name}_${rt.unit.name}`, metas, main }), entry: true };
}

const entryOnly = (rest: string, entry: string) => rest === '' || rest === entry;

/** TRS article page as 山西/国家发改委 publish one: PubDate meta and 发布日期 label. */
export const singleTrs: VariantTemplate = {
  entry: 'index.html',
  page: (ctx, rest) =>
    entryOnly(rest, 'index.html')
      ? single(ctx, (d) => ({ metas: [['PubDate', `${d} 09:00`], ['ContentSource', ctx.rt.unit.name]], info: `<div class="info">发布日期：${d}　来源：${esc(ctx.rt.unit.name)}</div>` }))
      : null,
};

/** 大汉 jcms column page used as an article (江苏/浙江 机构职能): 更新日期 in 年月日 and no PubDate meta. */
export const singleHanweb: VariantTemplate = {
  entry: 'index.html',
  page: (ctx, rest) =>
    entryOnly(rest, 'index.html')
      ? single(ctx, (d) => ({ metas: [], info: `<div class="info"><span>更新日期：${cnDate(d)}</span> <span>浏览次数：<script>document.write(1024)</script></span></div>` }))
      : null,
};

/** 浙江 jpaas 信息公开 article: an info table with 索引号, 生成日期 (older) and 发布时间 (the page's date). */
export const singleJpaas: VariantTemplate = {
  entry: 'index.html',
  page: (ctx, rest) =>
    entryOnly(rest, 'index.html')
      ? single(ctx, (d) => ({
          metas: [['Maketime', `${ctx.model.refDate} 00:00:00`]],
          info: `<table class="xxgk_table"><tr><td>索引号</td><td>${esc(ctx.model.creditCodes.get(ctx.rt.unitSpec.id) ?? '')}/${d.slice(0, 4)}-00001</td><td>发布机构</td><td>${esc(ctx.rt.unit.name)}</td></tr>
<tr><td>生成日期</td><td>${cnDate(`${d.slice(0, 4)}-01-02`)}</td><td>发布时间</td><td>${d} 10:00</td></tr></table>`,
        }))
      : null,
};
