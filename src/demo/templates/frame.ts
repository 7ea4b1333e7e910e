import { esc } from './html.ts';

const SITE_NAME = '珠山区人民政府';
const SITE_ID_CODE = '3602030001';

export interface FrameOptions {
  title: string;
  charset: 'utf-8' | 'gbk';
  /** name → content, written as <meta name> in this order. */
  metas?: Array<[string, string]>;
  /** Breadcrumb: [text, href] pairs, the last one usually without href. */
  crumbs: Array<[string, string | null]>;
  main: string;
  /** Extra markup at the end of <head> (scripts, styles). */
  head?: string;
  /** Extra markup before </body>. */
  tail?: string;
  host: string;
}

/** The page shell every demo page shares: header, navigation, breadcrumb, footer. */
export function frame(o: FrameOptions): string {
  const metas = (o.metas ?? []).map(([n, c]) => `<meta name="${esc(n)}" content="${esc(c)}">`).join('\n');
  const crumbs = o.crumbs
    .map(([t, h]) => (h ? `<a href="${esc(h)}">${esc(t)}</a>` : `<span>${esc(t)}</span>`))
    .join(' &gt; ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${o.charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${esc(o.title)}</title>
<meta name="SiteName" content="${SITE_NAME}">
<meta name="SiteDomain" content="${esc(o.host)}">
<meta name="SiteIDCode" content="${SITE_ID_CODE}">
${metas}
<link rel="stylesheet" href="/images/common.css">
${o.head ?? ''}
</head>
<body>
<div class="header">
  <div class="top-bar"><span>${SITE_NAME}门户网站</span><a href="/">无障碍浏览</a></div>
  <div class="banner"><h1 class="site-title">${SITE_NAME}</h1></div>
  <div class="nav"><ul>
    <li><a href="/">首页</a></li>
    <li><a href="/xxgk/index.html">政务公开</a></li>
    <li><span>政务服务</span></li>
    <li><span>互动交流</span></li>
    <li><span>走进珠山</span></li>
  </ul></div>
</div>
<div class="container">
  <div class="crumbs">当前位置：<a href="/">首页</a> &gt; ${crumbs}</div>
${o.main}
</div>
<div class="footer">
  <p>主办：${SITE_NAME}办公室　承办：珠山区大数据中心</p>
  <p>地址：江西省景德镇市珠山区昌江大道88号　联系电话：0798-8220000</p>
  <p>网站标识码：${SITE_ID_CODE}　赣ICP备05001234号　<span>赣公网安备 36020302000123号</span></p>
</div>
${o.tail ?? ''}
</body>
</html>
`;
}
