/**
 * A document laid out after GB/T 9704-2012 (党政机关公文格式), as plain data: the 通报 and the per-unit 评分表 are
 * built as one of these, and the HTML and docx renderers draw the same thing, so the printed page and the Word
 * file say the same words in the same order.
 */

/** Chinese type sizes (字号) in points. */
export const PT = { 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16, 四号: 14, 小四: 12, 五号: 10.5 } as const;

/** The text block of an A4 page (版心), 156 mm wide, in points. */
const TYPE_AREA_WIDTH_PT = (156 / 25.4) * 72;

/**
 * The 发文机关标志 in the largest usual size that keeps it on one line of the type area: a long office name
 * (珠山区政务公开工作领导小组办公室文件, 18 characters) would overflow at 小初.
 */
export function issuerMarkSize(mark: string): number {
  const sizes = [PT.小初, PT.一号, PT.小一, PT.二号, PT.小二];
  return sizes.find((pt) => [...mark].length * pt <= TYPE_AREA_WIDTH_PT) ?? PT.三号;
}

export interface TableColumn {
  title: string;
  /** Figures are centred; text columns are left-aligned. */
  align: 'center' | 'left';
  /** Share of the table's width, in percent (a table's columns add up to 100). */
  width: number;
}

export type Block =
  /** 一级标题 (一、…, 黑体) or 二级标题 (（一）…, 楷体). */
  | { kind: 'heading'; level: 1 | 2; text: string }
  /** A body paragraph, first line indented two characters; a link follows the text. */
  | { kind: 'para'; text: string; link?: string }
  /** small: set in 五号 rather than 四号 (the score sheet's long bases). */
  | { kind: 'table'; columns: TableColumn[]; rows: string[][]; small?: boolean }
  /** Lines to sign on (考核人、审核人), each with a date to fill in by hand: see SIGNATURE. */
  | { kind: 'signatures'; roles: string[] };

export interface OfficialDoc {
  /** The mark on every page of a document that may not be issued (草稿), or null. */
  draft: string | null;
  /** 版头: 发文机关标志 (red), its size, and the 发文字号 under it; null for a form such as the 评分表. */
  head: { mark: string; markPt: number; docNo: string } | null;
  title: string;
  /** 主送机关, or null. */
  recipients: string | null;
  blocks: Block[];
  /** 落款: 发文机关署名 and 成文日期, or null. */
  closing: { issuer: string; date: string } | null;
  /** 版记: 抄送机关, 印发机关 and 印发日期, or null. */
  imprint: { copyTo: string | null; printedBy: string; printedOn: string } | null;
}

/** A date as a 公文 writes it: 2026年1月5日 (Arabic figures, no leading zeros). */
export function cnDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A signature line: the role, a ruled blank of `blank` characters, and a date to fill in; one line of the 版心. */
export const SIGNATURE = { label: (role: string) => `${role}（签字）：`, blank: 5, date: '\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日' } as const;

/** Width of a text in characters of its size: CJK and full-width forms count 1, the rest (Latin, figures) half. */
export const charWidth = (s: string): number => [...s].reduce((n, c) => n + (/[\u2e80-\uffef]/.test(c) ? 1 : 0.5), 0);
