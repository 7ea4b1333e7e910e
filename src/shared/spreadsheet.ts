/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell beginning with =, +, -, @, tab or CR is
 * read by Excel/LibreOffice as a formula, so a crawled title like =HYPERLINK("http://x","y") would run on the
 * assessor's machine. Such text gets a leading single quote, which spreadsheets show as plain text. Numbers
 * are left alone: a negative score stays a numeric cell.
 */
export function safeCell<T extends string | number | null>(cell: T): T {
  return (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell) as T;
}

export const safeRow = <T extends string | number | null>(row: T[]): T[] => row.map(safeCell);
