import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FrameAnchorType,
  Header,
  HeightRule,
  HorizontalPositionAlign,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  VerticalPositionAlign,
  WidthType,
  type IBorderOptions,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { charWidth, PT, SIGNATURE, type Block, type OfficialDoc } from './official-doc.ts';

/**
 * An official document as a Word file laid out after GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm (版心 156 × 225 mm);
 * red 发文机关标志 in 小标宋, 文号 and the red 分隔线; title in 方正小标宋简体 二号; body in 仿宋_GB2312 三号 at 22
 * lines a page, 一级标题 黑体, 二级标题 楷体; page numbers 四号 宋体 “— 1 —”, odd pages right, even pages left;
 * 落款 and 成文日期 (7.3.5.1); the 版记 in a frame at the foot of the last page; 草稿 in the header of every page of a draft.
 * Word files name one font per script; where a 公文 font is missing Word and WPS substitute their own (the HTML
 * names the fallbacks).
 */

const LATIN = 'Times New Roman';
const FONT = {
  fangsong: '仿宋_GB2312',
  xiaobiaosong: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
} as const;
const RED = 'E60012';

const mm = (n: number) => Math.round((n * 1440) / 25.4);
const TYPE_AREA = mm(156);
/** One character of 三号 (16 pt) in twips: indents are counted in characters. */
const CHAR = PT.三号 * 20;
/** 22 lines in the 225 mm 版心. */
const LINE = Math.floor(mm(225) / 22);
const exact = (before = 0) => ({ line: LINE, lineRule: LineRuleType.EXACT, before, after: 0 });

const run = (text: string, font: string, pt: number, more: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: { eastAsia: font, ascii: LATIN, hAnsi: LATIN }, size: Math.round(pt * 2), ...more });
const body = (text: string, more: Partial<IRunOptions> = {}) => run(text, FONT.fangsong, PT.三号, more);

const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(b: Extract<Block, { kind: 'table' }>): Table {
  const pt = b.small ? PT.五号 : PT.四号;
  const cell = (text: string, align: 'center' | 'left', head: boolean) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      borders: { top: thin, bottom: thin, left: thin, right: thin },
      children: text.split('\n').map(
        (l) =>
          new Paragraph({
            alignment: head || align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { line: 240, lineRule: LineRuleType.AUTO },
            children: [run(l, head ? FONT.hei : FONT.fangsong, pt)],
          }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: b.columns.map((c) => Math.round((TYPE_AREA * c.width) / 100)),
    rows: [
      new TableRow({ tableHeader: true, children: b.columns.map((c) => cell(c.title, 'center', true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, b.columns[i].align, false)) })),
    ],
  });
}

function block(b: Block): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ spacing: exact(), indent: { firstLine: 2 * CHAR }, children: [run(b.text, b.level === 1 ? FONT.hei : FONT.kai, PT.三号)] })];
    case 'para':
      return [
        new Paragraph({
          spacing: exact(),
          indent: { firstLine: 2 * CHAR },
          alignment: AlignmentType.BOTH,
          children: [body(b.text), ...(b.link ? [new ExternalHyperlink({ link: b.link, children: [body(b.link, { underline: {} })] })] : [])],
        }),
      ];
    case 'table':
      return [table(b), new Paragraph({ spacing: exact(), children: [] })];
    case 'signatures':
      return b.roles.map(
        (r) =>
          new Paragraph({
            spacing: exact(LINE),
            children: [body(SIGNATURE.label(r)), body('\u3000'.repeat(SIGNATURE.blank), { underline: {} }), body(SIGNATURE.date)],
          }),
      );
  }
}

/** 版记 paragraphs: framed at the foot of the page they fall on, ruled thick above and below, thin between. */
function imprint(im: NonNullable<OfficialDoc['imprint']>): Paragraph[] {
  const frame: IParagraphOptions['frame'] = {
    type: 'alignment',
    alignment: { x: HorizontalPositionAlign.CENTER, y: VerticalPositionAlign.BOTTOM },
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
    width: TYPE_AREA,
    height: 0,
    rule: HeightRule.AUTO,
  };
  const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  const hair: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
  const pt = PT.四号;
  const out: Paragraph[] = [];
  if (im.copyTo) {
    out.push(
      new Paragraph({
        frame,
        border: { top: thick, bottom: hair },
        indent: { left: pt * 20, right: pt * 20 },
        spacing: exact(),
        children: [run(`抄送：${im.copyTo}`, FONT.fangsong, pt)],
      }),
    );
  }
  out.push(
    new Paragraph({
      frame,
      border: { ...(im.copyTo ? {} : { top: thick }), bottom: thick },
      indent: { left: pt * 20 },
      tabStops: [{ type: TabStopType.RIGHT, position: TYPE_AREA - pt * 20 }],
      spacing: exact(),
      children: [run(im.printedBy, FONT.fangsong, pt), new TextRun({ children: [new Tab()] }), run(im.printedOn, FONT.fangsong, pt)],
    }),
  );
  return out;
}

function pageNumber(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: PT.四号 * 20 } : { left: PT.四号 * 20 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { eastAsia: FONT.song, ascii: FONT.song, hAnsi: FONT.song }, size: PT.四号 * 2 })],
      }),
    ],
  });
}

export async function officialDocx(doc: OfficialDoc): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  if (doc.head) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: mm(35), after: 0 },
        children: [run(doc.head.mark, FONT.xiaobiaosong, doc.head.markPt, { color: RED })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(2 * LINE),
        // The red 分隔线 4 mm under the 文号, as wide as the 版心.
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
        children: [body(doc.head.docNo)],
      }),
    );
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(PT.二号 * 20 * 1.5), lineRule: LineRuleType.EXACT, before: 2 * LINE, after: LINE },
      children: [run(doc.title, FONT.xiaobiaosong, PT.二号)],
    }),
  );
  if (doc.recipients) children.push(new Paragraph({ spacing: exact(), children: [body(`${doc.recipients}：`)] }));
  for (const b of doc.blocks) children.push(...block(b));
  if (doc.closing) {
    // 7.3.5.1: the 署名 two characters from the right, the date starting two characters in from the 署名; a date
    // longer than that moves the 署名 right instead, the date keeping two characters from the right.
    const width = Math.max(charWidth(doc.closing.issuer), charWidth(doc.closing.date) + 2);
    const start = TYPE_AREA - Math.round((width + 2) * CHAR);
    children.push(
      new Paragraph({ indent: { left: start }, spacing: exact(2 * LINE), children: [body(doc.closing.issuer)] }),
      new Paragraph({ indent: { left: start + 2 * CHAR }, spacing: exact(), children: [body(doc.closing.date)] }),
    );
  }
  if (doc.imprint) children.push(...imprint(doc.imprint));

  const draftHeader = () =>
    new Header({
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(doc.draft ?? '', FONT.hei, PT.三号, { color: RED, bold: true })] })],
    });
  const document = new Document({
    creator: 'zwgk-auditor',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { eastAsia: FONT.fangsong, ascii: LATIN, hAnsi: LATIN }, size: PT.三号 * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(21) },
          },
        },
        headers: doc.draft ? { default: draftHeader(), even: draftHeader() } : undefined,
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
