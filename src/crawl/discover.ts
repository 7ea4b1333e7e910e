import * as cheerio from 'cheerio';
import { guessColumnClass, type Rules } from '../config/index.ts';
import type { PlanInput } from '../config/index.ts';
import type { Fetcher } from './types.ts';
import { readListPage } from './page-reading.ts';
import { shanghaiDay } from '../shared/time.ts';

/**
 * Drafts an annual plan from a portal's 政府信息公开 index: the units it links to, each unit's columns
 * and a guessed class per column. The draft is for an assessor to review, never used unseen.
 */

interface Link {
  text: string;
  url: string;
}

// Unit names end in an organ type; this is how an index page is told apart from its navigation.
const UNIT_NAME = /(街道办事处|街道|镇人民政府|镇|乡人民政府|乡|委员会|委|局|办公室|办|中心|院|所|队|站|会)$/;
const TOWN_NAME = /(街道办事处|街道|镇人民政府|镇|乡人民政府|乡)$/;
// Links every page has; never a unit or a column.
const NAV_TEXT = /^(首页|网站首页|返回首页|上一页|下一页|尾页|末页|更多|more|English|无障碍|登录|注册|网站地图|联系我们|关于我们|隐私|打印|关闭)/i;

function linkOf($: cheerio.CheerioAPI, a: Parameters<cheerio.CheerioAPI>[0], base: string): Link | null {
  const text = $(a).text().replace(/\s+/g, '').trim() || ($(a).attr('title') ?? '').trim();
  const href = ($(a).attr('href') ?? '').trim();
  if (!text || !href || href.startsWith('#') || /^(javascript|mailto|tel):/i.test(href) || NAV_TEXT.test(text)) return null;
  try {
    const url = new URL(href, base).toString();
    return /^https?:/.test(url) ? { text, url } : null;
  } catch {
    return null;
  }
}

function links($: cheerio.CheerioAPI, base: string): Link[] {
  const seen = new Set<string>();
  return $('a[href]')
    .toArray()
    .map((a) => linkOf($, a, base))
    .filter((l): l is Link => l !== null && !seen.has(l.url) && !!seen.add(l.url));
}

const sameSite = (a: string, b: string) => new URL(a).host === new URL(b).host;

export function unitLinks(html: string, base: string): Link[] {
  const $ = cheerio.load(html);
  return links($, base).filter((l) => sameSite(l.url, base) && l.text.length <= 24 && UNIT_NAME.test(l.text) && l.url !== base);
}

interface ColumnLink extends Link {
  /** null: the name says nothing; read the list page's ColumnType / ColumnName meta to tell. */
  class: string | null;
}

/**
 * A unit page's columns: links whose text names a column class, plus their siblings in the same list
 * (a 信息公开目录 block also holds columns with unusual names such as 重大项目).
 */
export function columnLinks(html: string, base: string, rules: Rules): ColumnLink[] {
  const $ = cheerio.load(html);
  const fallback = rules.columns.default;
  const containers = new Set<unknown>();
  const found: Array<ColumnLink & { container: unknown }> = [];
  const seen = new Set<string>();
  $('a[href]').each((_, a) => {
    const l = linkOf($, a, base);
    if (!l || seen.has(l.url) || !sameSite(l.url, base) || l.text.length > 16 || l.url === base || /\.(pdf|docx?|xlsx?|zip|rar)$/i.test(l.url)) return;
    seen.add(l.url);
    const cls = guessColumnClass(rules, l.text);
    const container = $(a).closest('ul, ol, dl, table, nav, div').get(0);
    if (cls !== fallback) containers.add(container);
    found.push({ ...l, class: cls === fallback ? null : cls, container });
  });
  return found.filter((l) => l.class !== null || containers.has(l.container)).map(({ text, url, class: c }) => ({ text, url, class: c }));
}

/** A column whose URL is one article (机构概况, 依申请公开指南): no list on it, an article instead. */
function isSinglePage(html: string, url: string): boolean {
  if (!html) return false;
  const x = readListPage({ text: html, url, refDay: shanghaiDay() });
  return x.items.length === 0 && x.flags.includes('article-page');
}

function metaClass(html: string, rules: Rules): string {
  const $ = cheerio.load(html);
  const meta = (name: string) => $(`meta[name="${name}" i]`).attr('content')?.trim() || undefined;
  return guessColumnClass(rules, '', { columnType: meta('ColumnType'), columnName: meta('ColumnName') });
}

function slugFor(url: string, used: Set<string>): string {
  const parts = new URL(url).pathname.split('/').filter((p) => p && !/^index(_\d+)?\.s?html?$/.test(p));
  let base = (parts[parts.length - 1] ?? 'unit').toLowerCase().replace(/\.[a-z]+$/, '').replace(/[^a-z0-9_-]/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z0-9]/.test(base)) base = `unit-${base}`.replace(/-+$/, '');
  let slug = base || 'unit';
  for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
  used.add(slug);
  return slug;
}

export interface DiscoverResult {
  plan: PlanInput;
  /** Pages that could not be read, in Chinese, for the assessor to check by hand. */
  problems: string[];
}

/** A page as text; a site behind a JS challenge is read through the browser. */
async function readPage(fetcher: Fetcher, url: string) {
  const page = await fetcher.fetch(url);
  return page.outcome === 'challenge' ? fetcher.fetch(url, { render: 'browser' }) : page;
}

export async function discoverPlan(fetcher: Fetcher, indexUrl: string, rules: Rules, year: number): Promise<DiscoverResult> {
  const problems: string[] = [];
  const index = await readPage(fetcher, indexUrl);
  if (index.outcome !== 'ok' || !index.text) {
    throw new Error(`无法读取信息公开首页 ${indexUrl}：${index.error ?? index.outcome}`);
  }
  const units: PlanInput['units'] = [];
  const used = new Set<string>();
  for (const u of unitLinks(index.text, index.finalUrl)) {
    const page = await readPage(fetcher, u.url);
    if (page.outcome !== 'ok' || !page.text) {
      problems.push(`${u.text}（${u.url}）：${page.error ?? page.outcome}`);
      continue;
    }
    const cols = columnLinks(page.text, page.finalUrl, rules);
    if (!cols.length) {
      problems.push(`${u.text}（${u.url}）：页面上没有找到可识别的栏目链接`);
      continue;
    }
    units.push({
      id: slugFor(u.url, used),
      name: u.text,
      kind: TOWN_NAME.test(u.text) ? '镇街' : '区直部门',
      contacts: [],
      columns: await Promise.all(
        cols.map(async (c) => {
          const col = await readPage(fetcher, c.url);
          const text = col.outcome === 'ok' ? (col.text ?? '') : '';
          return { name: c.text, url: c.url, class: c.class ?? metaClass(text, rules), ...(isSinglePage(text, col.finalUrl || c.url) ? { layout: 'single' as const } : {}) };
        }),
      ),
    });
  }
  if (!units.length) throw new Error(`在 ${indexUrl} 上没有找到单位链接。请确认这是门户的政府信息公开首页（列出各镇街、部门的页面）`);
  return { plan: { year, period: { from: `${year}-01-01`, to: `${year}-12-31` }, units }, problems };
}
