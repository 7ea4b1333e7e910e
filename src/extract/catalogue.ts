import type { CheerioAPI } from 'cheerio';
import { textContent } from 'domutils';
import { cleanText, shortText, squash, type AnyNode, type Element } from './dom.ts';
import { parseDate, type DateContext } from './date.ts';
import type { ListItem } from './types.ts';

/**
 * 信息公开目录 rows: a table (or a list of rows) under a header of 序号 / 索引号 / 名称 / 文号 / 成文日期 / 发布日期
 * in any order, or rows that label their values ("文号：…"). A document served as a file has no article page,
 * so what its row shows is all there is to assess.
 */

export type CatalogueRow = NonNullable<ListItem['row']>;
type Field = 'seq' | 'title' | keyof CatalogueRow;

const LABELS: Array<[Field, RegExp]> = [
  ['seq', /^(序号|编号)$/],
  ['indexNo', /^索引号$/],
  ['title', /^(名称|标题|文件名称|文件标题|信息名称|文件名)$/],
  ['docNo', /^(文号|发文字号|发文文号|文件编号)$/],
  ['documentDate', /^(成文日期|成文时间|生成日期|发文日期)$/],
  ['publishedAt', /^(发布日期|公开日期|发布时间|公开时间)$/],
];
const DATE_FIELDS = new Set<Field>(['documentDate', 'publishedAt']);
// Labels a row may print before its values ("文号：…"), spaced or not ("索 引 号：").
const VALUE_LABELS = ['索引号', '发文字号', '发文文号', '文件编号', '文号', '成文日期', '成文时间', '生成日期', '发文日期', '发布日期', '公开日期', '发布时间', '公开时间'];
const LABEL = VALUE_LABELS.map((w) => [...w].join('\\s*')).join('|');
// A label, then its value up to the next label or the end of its line (the value may start on the next line:
// "<span>文号：</span><em>…</em>").
const PAIR = new RegExp(`(${LABEL})\\s*[:：]\\s*([^\\n]*?)(?=\\s*(?:${LABEL})\\s*[:：]|\\n|$)`, 'g');
// The longest header label ("文件名称：" with room for spacing); a longer cell is no label.
const LABEL_MAX = 12;
// A header must name at least two columns, so that a data row is never taken for one.
const MIN_HEADER_FIELDS = 2;

function fieldOf(label: string): Field | undefined {
  const t = squash(label).replace(/[:：]$/, '');
  return LABELS.find(([, re]) => re.test(t))?.[0];
}

const tags = (el: Element): Element[] => el.children.filter((c): c is Element => c.type === 'tag');

/** A row's cells: a table row's td/th, any other row's child elements. */
function cellsOf(row: Element): Element[] {
  const kids = tags(row);
  return row.name === 'tr' ? kids.filter((c) => c.name === 'td' || c.name === 'th') : kids;
}

/** Column index of each field a header row names, or null when it names fewer than two. */
function headerColumns(header: Element | undefined): Map<Field, number> | null {
  if (!header) return null;
  const cols = new Map<Field, number>();
  cellsOf(header).forEach((c, i) => {
    const f = fieldOf(shortText(c, LABEL_MAX) ?? '');
    if (f && !cols.has(f)) cols.set(f, i);
  });
  return cols.size >= MIN_HEADER_FIELDS ? cols : null;
}

export class Catalogue {
  /** Header columns per table (rows) or per parent (other blocks), null when it has no header. */
  private readonly headers = new Map<Element, Map<Field, number> | null>();

  constructor(
    private readonly $: CheerioAPI,
    private readonly ctx: DateContext,
  ) {}

  /**
   * The header a row is read under: a table's row of th cells, else its first row; for other blocks the
   * parent's first child or, when the header stands outside the list, the parent's previous sibling.
   */
  private columns(row: Element): Map<Field, number> | null {
    const key = row.name === 'tr' ? (this.$(row).closest('table')[0] as Element | undefined) : (row.parent as Element | null);
    if (!key || key.type !== 'tag') return null;
    if (!this.headers.has(key)) {
      let cols: Map<Field, number> | null;
      if (row.name === 'tr') {
        const $t = this.$(key);
        const th = $t.find('tr').filter((_, tr) => this.$(tr).children('th').length > 0)[0];
        cols = headerColumns((th ?? $t.find('tr')[0]) as Element | undefined);
      } else {
        let prev = key.prev;
        while (prev && prev.type !== 'tag') prev = prev.prev;
        cols = headerColumns(tags(key)[0]) ?? headerColumns(prev as Element | undefined);
      }
      this.headers.set(key, cols);
    }
    return this.headers.get(key)!;
  }

  /** The text of a row's 发布日期 column, or undefined when the row has no such column. */
  publishedText(row: Element): string | undefined {
    const col = this.columns(row)?.get('publishedAt');
    if (col === undefined) return undefined;
    const cell = cellsOf(row)[col];
    return cell ? cleanText(textContent(cell)) : '';
  }

  /**
   * What the row shows besides its title, dates as YYYY-MM-DD. Only a row that shows 索引号, 文号 or 成文日期 is
   * a catalogue row: a 发布日期 alone is any dated list's, already the item's date.
   */
  row(block: Element): CatalogueRow | undefined {
    const out: CatalogueRow = {};
    const put = (f: Field | undefined, raw: string) => {
      if (!f || f === 'seq' || f === 'title' || out[f] !== undefined) return;
      const text = cleanText(raw);
      if (!/[\p{L}\p{N}]/u.test(text)) return; // empty, or a placeholder dash
      if (!DATE_FIELDS.has(f)) out[f] = text;
      else {
        const d = parseDate(text, this.ctx)?.date;
        if (d) out[f] = d;
      }
    };
    const cols = this.columns(block);
    if (cols) {
      const cells = cellsOf(block);
      for (const [f, i] of cols) if (cells[i]) put(f, textContent(cells[i]));
    }
    // Labelled values, each text node on a line of its own so that a value ends where its element does.
    const lines: string[] = [];
    const walk = (n: AnyNode) => {
      if (n.type === 'text') lines.push(cleanText((n as { data: string }).data));
      else if (n.type === 'tag') (n as Element).children.forEach(walk);
    };
    walk(block);
    for (const [, label, value] of lines.filter(Boolean).join('\n').matchAll(PAIR)) put(fieldOf(label), value);
    return out.indexNo !== undefined || out.docNo !== undefined || out.documentDate !== undefined ? out : undefined;
  }
}
