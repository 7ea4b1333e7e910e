import type { Model } from './model.ts';

/** robots.txt: every robots-disallowed column's directory, plus a search path no crawler needs. */
export function robotsTxt(model: Model, crawlDelaySec?: number): string {
  const lines = ['# 珠山区人民政府门户网站', 'User-agent: *'];
  for (const rt of model.columns) {
    if (!rt.col.robotsDisallowed) continue;
    const path = new URL(rt.col.url).pathname;
    lines.push(`Disallow: ${path.slice(0, path.lastIndexOf('/') + 1)}`);
  }
  lines.push('Disallow: /search/');
  if (crawlDelaySec !== undefined) lines.push(`Crawl-delay: ${crawlDelaySec}`);
  return lines.join('\n') + '\n';
}
