// Anti-bot interstitials on Chinese government portals (e.g. the 瑞数/"412" family) answer with a tiny page
// whose script computes a cookie and reloads. Such a page is not the portal's content, whatever its status.
const SETS_COOKIE = /document\.cookie\s*=/;
const RELOADS = /location\.(reload\s*\(|replace\s*\(|href\s*=|assign\s*\()|window\.location\s*=|document\.location\s*=/;

/** True for an HTTP 412, or a small page whose script sets a cookie and reloads without showing content. */
export function isChallengePage(status: number | null, html: string | null): boolean {
  if (status === 412) return true;
  if (!html || html.length > 16_384) return false;
  if (!SETS_COOKIE.test(html) || !RELOADS.test(html)) return false;
  const visible = html
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;|\s+/g, '');
  return visible.length < 200;
}
