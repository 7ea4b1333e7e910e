import { textContent } from 'domutils';
import { cleanText, squash, type AnyNode, type Element } from './dom.ts';

/**
 * Labels of the 信息公开 header table and of article info lines, compared with every space removed. The
 * generic 时间/日期 and 更新时间 are weaker: accepted only when no explicit 发布日期 label exists (更新时间 is
 * what some templates show as their only date, but a later edit moves it).
 */
const LABELS = {
  published: /^(发布|公开|发表|发稿|刊发|上网)(日期|时间)$/,
  publishedWeak: /^(更新)?(时间|日期)$/,
  document: /^(成文|生成|印发|制发|制文|发文)(日期|时间)$/,
  indexNo: /^索引号?$/,
  publisher: /^(发布|发文|制发|公开)(机构|机关|单位|主体)$/,
  docNo: /^(文号|发文字号|发文文号|文件编号|发文编号|文件字号)$/,
  source: /^(信息|文章|稿件)?来源$/,
} as const;
export type Field = keyof typeof LABELS;
const ANY_LABEL = /^[\u4e00-\u9fa5]{2,6}$/;
const LABEL_CELL = new Set(['td', 'th', 'dt', 'label', 'strong', 'b', 'span', 'em']);

export interface Token {
  text: string;
  el: Element;
}

export interface Found {
  value: string;
  source: 'table' | 'label';
}

export function textTokens(body: AnyNode): Token[] {
  const out: Token[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') {
      const text = cleanText((n as { data: string }).data);
      if (text) out.push({ text, el: n.parent as Element });
      return;
    }
    if (n.type === 'tag' && ((n as Element).name === 'select' || (n as Element).name === 'option')) return;
    if ('children' in n) for (const c of n.children as AnyNode[]) walk(c);
  };
  walk(body);
  return out;
}

/** The main text block: the element whose own <p> children hold the most text. Labels inside it are prose. */
export function contentRoot(elements: Element[]): Element | null {
  const ownP = new Map<Element, number>();
  for (const p of elements) {
    const parent = p.parent as Element | null;
    if (p.name !== 'p' || !parent || parent.type !== 'tag') continue;
    ownP.set(parent, (ownP.get(parent) ?? 0) + textContent(p).length);
  }
  let best: Element | null = null;
  let bestLen = 0;
  for (const [parent, len] of ownP) {
    if (len > bestLen) {
      bestLen = len;
      best = parent;
    }
  }
  return bestLen > 200 ? best : null;
}

export function inProse(el: Element, root: Element | null): boolean {
  if (!root) return false;
  let sawP = false;
  for (let p: Element | null = el; p && p.type === 'tag'; p = p.parent as Element | null) {
    if (p.name === 'p') sawP = true;
    if (p === root) return sawP;
  }
  return false;
}

/** 'table' when the label sits in a block that carries 索引号 (the 信息公开 header), else 'label'. */
function sourceOf(el: Element): 'table' | 'label' {
  let p: Element | null = el;
  for (let i = 0; i < 5 && p && p.type === 'tag'; i++, p = p.parent as Element | null) {
    if (['table', 'ul', 'dl', 'div', 'tbody'].includes(p.name)) {
      const t = squash(textContent(p));
      if (t.length < 3000 && t.includes('索引号')) return 'table';
    }
  }
  return 'label';
}

function isLabelText(s: string): boolean {
  return /[:：]$/.test(s) || Object.values(LABELS).some((re) => re.test(s.replace(/[:：]$/, '')));
}

export function within(el: Element, container: Element | null): boolean {
  for (let p: Element | null = el; p; p = p.parent as Element | null) if (p === container) return true;
  return false;
}

const SPACE = /[\s\u00a0\u3000\u2002-\u200b]/;
const CJK = /[\u4e00-\u9fa5]/;

function fieldOf(label: string): Field | undefined {
  return (Object.keys(LABELS) as Field[]).find((f) => LABELS[f].test(label));
}

interface Segment {
  field?: Field;
  /** Where the label starts in the text (the previous value ends there). */
  start: number;
  valueStart: number;
}

/**
 * "标签：值" segments of one text, several per line as old sites write them ("2005年08月16日　来源：新华网",
 * "发布时间：2026-05-12 来源：区政府办 浏览次数："). A label is the CJK run before a colon (spaces allowed, as
 * in "索 引 号"); a known label may end a longer run only after a space ("…日　来源", not "会议时间").
 */
function segments(text: string): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ':' && text[i] !== '：') continue;
    let j = i;
    let chars = 0;
    while (j > 0 && chars < 12 && (CJK.test(text[j - 1]) || SPACE.test(text[j - 1]))) {
      j--;
      if (!SPACE.test(text[j])) chars++;
    }
    while (j < i && SPACE.test(text[j])) j++;
    const run = text.slice(j, i);
    if (squash(run).length < 2) continue;
    // The label is the longest part of the run after a space that is a known label ("来源：区政府 发 布 日 期："
    // ends in a spaced 发布日期); else the part after the last space, or the whole run when it has none.
    let start = j;
    let field = fieldOf(squash(run));
    for (let k = 0; !field && k < run.length; k++) {
      if (!SPACE.test(run[k]) || SPACE.test(run[k + 1] ?? ' ')) continue;
      field = fieldOf(squash(run.slice(k + 1)));
      start = j + k + 1;
    }
    if (!field) {
      const lastSpace = run.trimEnd().search(/[\s\u00a0\u3000][^\s\u00a0\u3000]*$/);
      if (lastSpace >= 0) start = j + lastSpace + 1;
    }
    out.push({ field, start, valueStart: i + 1 });
  }
  return out;
}

/** First value of each labelled field, in document order; values come from "标签：值" or the next cell. */
export function labelledFields(tokens: Token[], root: Element | null): Partial<Record<Field, Found>> {
  const out: Partial<Record<Field, Found>> = {};
  const take = (field: Field | undefined, value: string, tok: Token, i: number) => {
    if (!field || out[field]) return;
    let v = value.trim();
    if (!v) {
      // The value is the next text in the same row or line, never something farther away.
      const next = tokens[i + 1];
      const row = (tok.el.parent as Element | null)?.parent as Element | null;
      if (next && !isLabelText(squash(next.text)) && (within(next.el, row) || within(next.el, tok.el.parent as Element))) {
        v = next.text;
      }
    }
    if (v) out[field] = { value: v, source: sourceOf(tok.el) };
  };
  tokens.forEach((tok, i) => {
    if (inProse(tok.el, root)) return;
    const segs = segments(tok.text);
    if (segs.length) {
      segs.forEach((seg, k) => {
        const end = k + 1 < segs.length ? segs[k + 1].start : tok.text.length;
        // Only the last segment of a text may take its value from the next cell.
        const value = tok.text.slice(seg.valueStart, end);
        if (value.trim() || k === segs.length - 1) take(seg.field, value, tok, i);
      });
    } else if (LABEL_CELL.has(tok.el.name) && ANY_LABEL.test(squash(tok.text))) {
      take(fieldOf(squash(tok.text)), '', tok, i);
    }
  });
  return out;
}
