import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { DB } from '../store/index.ts';
import { allUnits, insertRegisterEntries, registerAppNos, type RegisterEntry } from '../store/index.ts';
import { InputError } from '../shared/errors.ts';
import { isIsoDay } from '../shared/time.ts';

/**
 * `zwgk register import FILE`: a unit's 依申请公开 application register (CSV or XLSX) with the columns
 * 单位, 申请编号, 收到日期, 答复日期, 是否延期, imported by the CLI and uploaded on the dashboard through the same
 * check. Every row is validated first; any bad row (bad date, unknown unit, duplicate) aborts the import naming row
 * and column, and nothing is written.
 */

export const REGISTER_COLUMNS = ['单位', '申请编号', '收到日期', '答复日期', '是否延期'] as const;
type Raw = Record<string, unknown>;

const YES = new Set(['是', 'y', 'yes', 'true', '1', '延期', '已延期']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '', '未延期']);

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text).trim();
  if (typeof v === 'object' && 'result' in (v as object)) return text((v as { result: unknown }).result);
  return String(v).trim();
}

/** YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日 (Excel date cells arrive as YYYY-MM-DD). */
export function parseRegisterDate(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return null;
  const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDay(day) ? day : null;
}

/** Excel on a Chinese Windows saves "CSV" as GBK: bytes that are not valid UTF-8 are read as GB18030 (a superset). */
function csvText(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : iconv.decode(bytes, 'gb18030');
}

/** The rows of a register file as uploaded or read from disk; `name` (its file name) decides the format. */
async function readRows(bytes: Buffer, name: string): Promise<Array<{ row: number; cells: Raw }>> {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv') {
    let records: Array<{ record: Raw; info: { lines: number } }>;
    try {
      records = parse(csvText(bytes), { columns: (h: string[]) => h.map((x) => x.trim()), bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
    } catch (e) {
      const line = (e as { lines?: number }).lines;
      throw new InputError(
        `登记表 ${name} 不是有效的 CSV${line ? `（约第 ${line} 行）` : ''}：常见原因是某个单元格的双引号没有闭合。请用 Excel 或 WPS 打开后重新“另存为 CSV”，或直接导入 .xlsx 文件。`,
      );
    }
    return records.map((r) => ({ row: r.info.lines, cells: r.record }));
  }
  if (ext === '.xlsx') {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    try {
      // exceljs declares its Buffer against an older @types/node: the same bytes, another type.
      await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
    } catch {
      throw new InputError(`登记表 ${name} 无法作为 .xlsx 读取（文件已损坏、被加密，或其实是其他格式）：请用 Excel 或 WPS 打开确认后重新“另存为 .xlsx”。`);
    }
    const ws = wb.worksheets[0];
    if (!ws) return [];
    const header = ((ws.getRow(1).values as unknown[]) ?? []).map((v) => text(v));
    const out: Array<{ row: number; cells: Raw }> = [];
    ws.eachRow((r, n) => {
      if (n === 1) return;
      const cells: Raw = {};
      header.forEach((h, i) => h && (cells[h] = r.getCell(i).value));
      if (Object.values(cells).every((v) => text(v) === '')) return;
      out.push({ row: n, cells });
    });
    return out;
  }
  throw new InputError(`不支持的登记表格式“${ext || name}”：请提供 .csv 或 .xlsx 文件。`);
}

/** One bad cell: the row as the spreadsheet numbers it and the column by its header. */
export interface RegisterCellError {
  row: number;
  column: string;
  message: string;
}

export const cellErrorText = (e: RegisterCellError): string => `第 ${e.row} 行“${e.column}”列：${e.message}`;

/** What a register file would import: every row checked against the units and the register as it stands. */
export interface RegisterCheck {
  name: string;
  rows: number;
  entries: RegisterEntry[];
  errors: RegisterCellError[];
}

/**
 * Reads and checks a register file without writing anything. A file that cannot be read as a register at all
 * (format, no rows, missing columns) throws InputError; bad cells are collected, so all of them can be fixed at once.
 */
export async function checkRegister(db: DB, bytes: Buffer, name: string): Promise<RegisterCheck> {
  const rows = await readRows(bytes, name);
  if (!rows.length) throw new InputError(`登记表 ${name} 没有数据行：第 1 行应为表头（${REGISTER_COLUMNS.join('、')}），其后每行一件申请。`);
  const missing = REGISTER_COLUMNS.filter((c) => !(c in rows[0].cells));
  if (missing.length) throw new InputError(`登记表 ${name} 缺少列：${missing.join('、')}。第 1 行表头应包含 ${REGISTER_COLUMNS.join('、')}。`);

  const units = allUnits(db);
  const unitOf = new Map<string, string>();
  for (const u of units) unitOf.set(u.name, u.id);
  for (const u of units) unitOf.set(u.id, u.id);
  const taken = registerAppNos(db);
  const errors: RegisterCellError[] = [];
  const entries: RegisterEntry[] = [];
  for (const { row, cells } of rows) {
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const unitText = text(cells['单位']);
    const unitId = unitOf.get(unitText);
    if (!unitId) err('单位', unitText ? `找不到单位“${unitText}”。请填写计划中的单位编号或名称` : '不能为空。请填写单位编号或名称');
    const appNo = text(cells['申请编号']);
    if (!appNo) err('申请编号', '不能为空');
    const receivedText = text(cells['收到日期']);
    const receivedOn = parseRegisterDate(receivedText);
    if (!receivedOn) err('收到日期', `“${receivedText}”不是有效日期。请写成 2026-03-05`);
    const repliedText = text(cells['答复日期']);
    const repliedOn = repliedText ? parseRegisterDate(repliedText) : null;
    if (repliedText && !repliedOn) err('答复日期', `“${repliedText}”不是有效日期。请写成 2026-03-20；尚未答复请留空`);
    if (receivedOn && repliedOn && repliedOn < receivedOn) err('答复日期', `${repliedOn} 早于收到日期 ${receivedOn}。请核对`);
    const extText = text(cells['是否延期']).toLowerCase();
    if (!YES.has(extText) && !NO.has(extText)) err('是否延期', `“${extText}”无法识别。请填“是”或“否”（留空视为否）`);
    if (unitId && appNo) {
      const key = `${unitId}\0${appNo}`;
      if (taken.has(key)) err('申请编号', `“${appNo}”重复：该单位已有此编号的申请（本表或此前导入）`);
      taken.add(key);
    }
    if (unitId && appNo && receivedOn) entries.push({ unitId, appNo, receivedOn, repliedOn, extended: YES.has(extText) });
  }
  return { name, rows: rows.length, entries, errors };
}

/** Writes a checked register that has no errors, in one transaction, noting where it came from. */
export function commitRegister(db: DB, check: RegisterCheck, source: string): { imported: number; units: string[] } {
  if (check.errors.length) {
    throw new InputError(`登记表 ${check.name} 有 ${check.errors.length} 处错误，未导入任何记录：\n${check.errors.map((e) => `  ${cellErrorText(e)}`).join('\n')}`);
  }
  insertRegisterEntries(db, check.entries, source);
  return { imported: check.entries.length, units: [...new Set(check.entries.map((e) => e.unitId))].sort() };
}

/** `zwgk register import FILE`. */
export async function importRegister(db: DB, file: string): Promise<{ imported: number; units: string[] }> {
  return commitRegister(db, await checkRegister(db, readFileSync(file), basename(file)), file);
}
