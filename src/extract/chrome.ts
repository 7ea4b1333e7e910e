import { textContent } from 'domutils';
import { shortText, squash, type Element } from './dom.ts';

/**
 * Portal chrome: what every page of a portal carries around its content (top bar, header links, breadcrumb,
 * footer, side boxes). Its links and dates say nothing about the column, so it never makes a list, however
 * little else the static page holds (a list drawn by JavaScript leaves only the chrome behind).
 */

// A top bar's clock: "今天是：2026年11月20日 星期五", 当前时间, 农历 — the day the page was served, not an item's date.
const CLOCK = /今天是|今日是|今天[:：]|当前时间|现在时间|北京时间|农历/;
const WEEKDAY = /(星期|礼拜)[一二三四五六日天]/;

/**
 * True when a date shown in `context` (the text in and around its element) is a clock. A bare weekday is
 * a clock only on the crawl day itself: a list of daily briefings may print weekdays beside older dates.
 */
export function isClock(context: string, date: string, refDay: string | undefined): boolean {
  return CLOCK.test(context) || (WEEKDAY.test(context) && date === refDay);
}

// Header and top-bar links: their titles are the portal's tools, never a document.
const CHROME_LINK =
  /^(网站首页|首页|返回首页|设为首页|加入收藏|收藏本站|无障碍(浏览|阅读|模式)?|长者模式|关怀版|老年版|适老化(版|模式)?|简体(中文|版)?|繁[體体](中文|版)?|English|登录|注册|个人登录|法人登录|用户登录|网站地图|联系我们|手机版|移动版|RSS)$/i;
// Text that only breadcrumbs, footers and top bars print. Not 主办单位 alone: an events list prints it on every
// item; a footer's 主办单位 line sits beside its 网站标识码, ICP备 and tool links, which tell it.
const CHROME_TEXT = /当前位置|您的位置|你的位置|所在位置|版权所有|网站标识码|ICP备|公网安备|技术支持[:：]|Copyright|©/i;
// Headings of the side boxes beside the column's own list.
const BOX_HEADING = /热点|热门|推荐|排行|专题|友情链接|相关(链接|文章|阅读|新闻|信息|稿件)|猜你喜欢/;
// Containers that hold navigation by their tag or name.
const NAV_TAGS = new Set(['nav', 'header', 'footer', 'aside']);
const NAV_NAME =
  /(^|[-_\s])(nav|navbar|menu|submenu|header|topbar|footer|foot|sidebar|side|related|xgwz|xgxx|xglj|yqlj|friendlink|links|breadcrumb|crumb|dqwz|weizhi|position|location|share|hot|rank)([-_\s\d]|$)/i;

/** A link whose title is one of the portal's tools (网站首页, 设为首页, 无障碍, English …). */
export const isChromeLink = (title: string): boolean => CHROME_LINK.test(squash(title));

/** The block holds breadcrumb, footer or top-bar text of its own. */
export const hasChromeText = (el: Element): boolean => CHROME_TEXT.test(textContent(el));

/**
 * The block sits in a nav/header/footer/aside element or in a container named like one. The block's own classes
 * are left out: an item of the column may be marked "top" (pinned) or "hot".
 */
export function inNavContainer(el: Element): boolean {
  for (let p = el.parent as Element | null; p && p.type === 'tag'; p = p.parent as Element | null) {
    if (NAV_TAGS.has(p.name)) return true;
    if (NAV_NAME.test(p.attribs.class ?? '') || NAV_NAME.test(p.attribs.id ?? '')) return true;
  }
  return false;
}

const HEADING_MAX = 16;

/**
 * The heading of the box a block list sits in: going up from the first block a few levels, the nearest earlier
 * sibling that shows text, when that text is short (a box title such as "热点推荐 更多"). A long text there is
 * other content (a box without a heading follows it), and ends the search.
 */
export function boxHeading(first: Element, levels = 3): string | null {
  let node: Element | null = first;
  for (let level = 0; node && level <= levels; level++, node = node.parent as Element | null) {
    if (node.type !== 'tag' || node.name === 'body') return null;
    for (let s = node.prev; s; s = s.prev) {
      const text = shortText(s, HEADING_MAX);
      if (text === '') continue;
      return text;
    }
  }
  return null;
}

/**
 * A side box by its heading (热点, 推荐, 排行, 专题, 友情链接 …), unless the page is that column itself: a column
 * named 热点关注 shows its name in the page title.
 */
export function isSideBoxHeading(heading: string | null, pageTitle: string): boolean {
  if (!heading || !BOX_HEADING.test(heading)) return false;
  const name = heading.replace(/更多|more|>+|»/gi, '');
  return !(name && squash(pageTitle).includes(name));
}
