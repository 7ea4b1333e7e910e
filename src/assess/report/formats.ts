import type { Rules } from '../../config/index.ts';
import type { Period } from '../types.ts';
import { writeJsonReport, type ReportUnit } from './model.ts';
import type { OfficialDoc } from './official-doc.ts';
import { officialHtml } from './official-html.ts';
import { writeCsvView, xlsxReport } from './tables.ts';
import { tongbao, type NoticeOptions } from './tongbao.ts';

/** A 通报 or score sheet as Word. docx loads with the first one: the crawl imports this stage and writes none. */
export const officialDocx = async (doc: OfficialDoc): Promise<Buffer> => (await import('./official-docx.ts')).officialDocx(doc);

/**
 * The report's formats, one entry each, for `zwgk report` and the dashboard's downloads alike. A format
 * writes the whole report through `out`: json and csv stream unit by unit (memory bounded by one unit);
 * xlsx, html and docx are built whole and written once. html and docx are the 通报: they are refused (an
 * UnfinishedSheetsError) while any unit's sheet is not 定稿, unless the notice is a draft.
 */

export interface ReportMeta {
  asOf: string;
  year: number;
  period: Period;
  /** How the 通报 is issued; the data exports ignore it. */
  notice: NoticeOptions;
}

export interface ReportFormat {
  contentType: string;
  ext: string;
  /** What the file is to a user: 通报 (the notice of 第十二条) or a data export of the 结果. */
  document: '通报' | '结果';
  /** The format as the dashboard's buttons name it. */
  label: string;
  write(rules: Rules, units: Iterable<ReportUnit>, meta: ReportMeta, out: (chunk: string | Uint8Array) => void): Promise<void>;
}

export const REPORT_FORMATS = {
  json: {
    contentType: 'application/json; charset=utf-8',
    ext: 'json',
    document: '结果',
    label: 'JSON',
    write: async (_rules, units, meta, out) => writeJsonReport(units, meta, out),
  },
  // A single file holds one view: the summary (汇总). The CLI writes every view into a directory instead.
  csv: {
    contentType: 'text/csv; charset=utf-8',
    ext: 'csv',
    document: '结果',
    label: 'CSV',
    write: async (rules, units, _meta, out) => writeCsvView(rules, units, '汇总', out),
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    document: '结果',
    label: 'Excel（xlsx）',
    write: async (rules, units, meta, out) => out(await xlsxReport(rules, units, meta)),
  },
  html: {
    contentType: 'text/html; charset=utf-8',
    ext: 'html',
    document: '通报',
    label: '通报（网页，可打印）',
    write: async (rules, units, meta, out) => out(officialHtml(tongbao(rules, [...units], meta, meta.notice), { stylesheetHref: meta.notice.stylesheetHref })),
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    document: '通报',
    label: '通报（Word）',
    write: async (rules, units, meta, out) => out(await officialDocx(tongbao(rules, [...units], meta, meta.notice))),
  },
} as const satisfies Record<string, ReportFormat>;

export type ReportFormatId = keyof typeof REPORT_FORMATS;

export const REPORT_FORMAT_IDS = Object.keys(REPORT_FORMATS) as [ReportFormatId, ...ReportFormatId[]];

export function isReportFormat(id: string): id is ReportFormatId {
  return Object.hasOwn(REPORT_FORMATS, id);
}

/** The file's name for a user, e.g. 2026年度政务公开绩效考核通报.docx; a draft says so. */
export function reportFileName(id: ReportFormatId, year: number, draft = false): string {
  const f = REPORT_FORMATS[id];
  return `${year}年度政务公开绩效考核${f.document}${draft && f.document === '通报' ? '（草稿）' : ''}.${f.ext}`;
}
