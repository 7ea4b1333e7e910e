import { cleanText, loadPage, pageBody, parseHtml } from './dom.ts';
import { extractList } from './list.ts';

// What anti-bot interstitials (瑞数/RS, "_$xx" obfuscation, cookie-and-reload stubs) do in their scripts.
const CHALLENGE_SCRIPT = /document\.cookie\s*=|location\.(reload|replace)\s*\(|location\.href\s*=|\$_ts\s*=|window\[['"]\$_ts['"]\]|_\$[A-Za-z0-9]{2}\s*[(=]/;

/**
 * True for an anti-bot challenge instead of content: HTTP 412 (瑞数's status), or a page with almost no
 * visible text whose scripts set cookies, reload, or carry the obfuscated challenge runtime. A JS-rendered
 * list with real navigation and text is content, not a challenge, even when its host uses such protection.
 */
export function isChallengePage(status: number, html: string): boolean {
  if (status === 412) return true;
  // Both tests below need script text the raw page already shows: most pages are settled without a parse.
  if (!CHALLENGE_SCRIPT.test(html) && !(html.length > 2000 && /<script[^>]+\ssrc\s*=/i.test(html))) return false;
  const $ = parseHtml(html);
  const scripts = $('script')
    .toArray()
    .map((s) => $(s).text())
    .join('\n');
  const hasExternalScript = $('script[src]').length > 0;
  $('script, style, noscript, template').remove();
  const visible = cleanText($(pageBody($)).text());
  const links = $('a[href]').length;
  if (visible.length > 200 || links > 5) return false;
  return CHALLENGE_SCRIPT.test(scripts) || (hasExternalScript && scripts.length > 2000);
}

/** 'detail' for an article (指引 meta, 信息公开 header, or a long text body), 'list' otherwise. */
export function pageKind(html: string): 'list' | 'detail' {
  const page = loadPage(html);
  const { $ } = page;
  if ($('meta[name="ArticleTitle" i], meta[name="PubDate" i]').filter((_, m) => !!$(m).attr('content')?.trim()).length) {
    return 'detail';
  }
  const list = extractList(html, 'http://localhost/', {});
  if (list.items.length >= 3) return 'list';
  let longest = 0;
  $('p').each((_, p) => {
    const parent = p.parent;
    if (parent) longest = Math.max(longest, cleanText($(parent).children('p').text()).length);
  });
  const text = cleanText($(page.body).text()).replace(/\s+/g, '');
  if (longest > 200 || (/索引号/.test(text) && /发布日期|成文日期/.test(text))) return 'detail';
  return 'list';
}
