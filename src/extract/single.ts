import { textContent } from 'domutils';
import { cleanText, loadPage, type Element } from './dom.ts';
import { extractDetail } from './detail.ts';
import { contentRoot } from './labels.ts';
import type { DetailExtraction } from './types.ts';

/** A column whose URL is itself one article (机构概况, 依申请公开指南): its metadata and its main text. */
export interface SinglePageExtraction {
  detail: DetailExtraction;
  /**
   * The page's main text with whitespace and digits removed: what a change of content is judged on. Digits go
   * because chrome prints today's date and visit counters on every load; they would make every night an "update".
   */
  text: string;
}

const CHROME_TAGS = new Set(['header', 'nav', 'footer', 'aside', 'select']);
const CHROME_NAME = /(^|[-_\s])(head|header|top|nav|navbar|menu|footer|foot|bottom|sidebar|side|crumb|breadcrumb|position|location|dqwz|share|links|yqlj|copyright)([-_\s\d]|$)/i;

function isChrome(el: Element): boolean {
  return CHROME_TAGS.has(el.name) || CHROME_NAME.test(el.attribs.class ?? '') || CHROME_NAME.test(el.attribs.id ?? '');
}

/** Text of the body outside header, navigation, footer and side blocks. */
function textOutsideChrome(el: Element): string {
  let out = '';
  for (const c of el.children) {
    if (c.type === 'text') out += (c as { data: string }).data;
    else if (c.type === 'tag' && !isChrome(c as Element)) out += textOutsideChrome(c as Element);
  }
  return out;
}

export function extractSinglePage(html: string, pageUrl: string): SinglePageExtraction {
  const page = loadPage(html);
  const root = contentRoot(page.elements);
  const main = root ? textContent(root) : textOutsideChrome(page.body as Element);
  return { detail: extractDetail(html, pageUrl), text: cleanText(main).replace(/[\s\d０-９]+/g, '') };
}
