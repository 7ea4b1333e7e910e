import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Rules } from '../../config/index.ts';
import { safeRow } from '../../shared/spreadsheet.ts';
import type { ReportUnit } from './model.ts';
import { VIEW_NAMES, viewHeaders, viewRows, type Cell, type ViewName } from './views.ts';

/**
 * CSV: one file per view (UTF-8 with BOM so that Excel reads Chinese), written into a directory as
 * 汇总.csv, 栏目.csv, 超期.csv, 时效.csv, 疑似倒签.csv; or a single view to one file / stdout.
 */
export function writeCsvViews(rules: Rules, units: Iterable<ReportUnit>, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const headers = viewHeaders(rules);
  const fds = new Map<ViewName, number>();
  const files: string[] = [];
  try {
    for (const v of VIEW_NAMES) {
      const file = join(outDir, `${v}.csv`);
      const fd = openSync(file, 'w');
      fds.set(v, fd);
      files.push(file);
      writeSync(fd, '\uFEFF' + stringify([headers[v]]));
    }
    for (const u of units) {
      const rows = viewRows(u);
      for (const v of VIEW_NAMES) if (rows[v].length) writeSync(fds.get(v)!, stringify(rows[v].map(safeRow)));
    }
  } finally {
    for (const fd of fds.values()) closeSync(fd);
  }
  return files;
}

export function writeCsvView(rules: Rules, units: Iterable<ReportUnit>, view: ViewName, write: (chunk: string) => void): void {
  write('\uFEFF' + stringify([viewHeaders(rules)[view]]));
  for (const u of units) {
    const rows = viewRows(u)[view];
    if (rows.length) write(stringify(rows.map(safeRow)));
  }
}

/** XLSX: a worksheet per view, header frozen and bold. */
export async function xlsxReport(rules: Rules, units: Iterable<ReportUnit>, meta: { asOf: string; year: number }): Promise<Buffer> {
  // Loaded when a workbook is written: the nightly crawl imports this stage and would carry exceljs (~27 MB) unused.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zwgk-auditor';
  // Fixed dates keep the file reproducible for the same store and as-of day.
  wb.created = wb.modified = new Date(`${meta.asOf}T00:00:00+08:00`);
  const headers = viewHeaders(rules);
  const sheets = new Map(
    VIEW_NAMES.map((v) => {
      const ws = wb.addWorksheet(v, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.addRow(headers[v]).font = { bold: true };
      headers[v].forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(10, Math.min(40, h.length * 2 + 2))));
      return [v, ws] as const;
    }),
  );
  for (const u of units) {
    const rows = viewRows(u);
    for (const v of VIEW_NAMES) for (const r of rows[v]) sheets.get(v)!.addRow(safeRow(r).map((c: Cell) => c ?? ''));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
