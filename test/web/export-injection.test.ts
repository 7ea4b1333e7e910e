import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWebFixture, PERIOD, YEAR, type WebFixture } from './fixture.ts';
import { dashboardFor, loginAs, request } from './helpers.ts';
import { reportUnits, writeCsvViews } from '../../src/assess/index.ts';
import { countWorkdays } from '../../src/assess/workdays.ts';
import { safeCell } from '../../src/shared/spreadsheet.ts';
import type { Dashboard } from '../../src/web/app.tsx';

const FORMULA = '=HYPERLINK("http://x","y")';
let fx: WebFixture;
let d: Dashboard;

beforeAll(async () => {
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  // A crawled title and a unit name (from the plan) that a spreadsheet would run as formulas.
  fx.db.prepare('UPDATE items SET title = ? WHERE id = (SELECT min(id) FROM items WHERE column_id = ? AND document_date IS NOT NULL)').run(FORMULA, fx.own.columnId);
  fx.db.prepare('UPDATE units SET name = ? WHERE id = ?').run('@SUM(1+1)', fx.other.unitId);
  d = dashboardFor(fx);
}, 120_000);

describe('spreadsheet-safe exports', () => {
  it('the helper quotes text starting with = + - @ tab or CR, and leaves numbers numeric', () => {
    for (const t of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx']) expect(safeCell(t)).toBe(`'${t}`);
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell('新厂街道 =1')).toBe('新厂街道 =1');
    expect(safeCell(null)).toBeNull();
  });

  it('zwgk report --format csv writes the title and the unit name as text', () => {
    const out = mkdtempSync(join(tmpdir(), 'zwgk-csv-'));
    const units = reportUnits(fx.db, { rules: fx.rules, year: YEAR, period: PERIOD, asOf: '2026-11-30', countWorkdays: (a, b) => countWorkdays(fx.rules, a, b) });
    writeCsvViews(fx.rules, units, out);
    const timeliness = readFileSync(join(out, '时效.csv'), 'utf8');
    expect(timeliness).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(timeliness).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(readFileSync(join(out, '汇总.csv'), 'utf8')).toContain("'@SUM(1+1)");
  });

  it('the dashboard CSV and xlsx downloads are neutralised too, with numeric cells still numbers', async () => {
    const admin = loginAs(fx, fx.users.admin);
    const csv = await (await request(d, 'GET', '/results/download/csv', { login: admin })).text();
    expect(csv).toContain("'@SUM(1+1)");
    expect(csv).not.toMatch(/(^|,)@SUM/m);
    const res = await request(d, 'GET', '/results/download/xlsx', { login: admin });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const texts: string[] = [];
    let numbers = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(cell.value);
          if (typeof cell.value === 'number') numbers++;
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        }),
      ),
    );
    expect(texts).toContain(`'${FORMULA}`);
    expect(texts).toContain("'@SUM(1+1)");
    expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t))).toEqual([]);
    expect(numbers).toBeGreaterThan(0);
  });
});
