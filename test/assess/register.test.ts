import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadRules } from '../../src/config/rules.ts';
import { importRegister } from '../../src/assess/register-import.ts';
import { registerFacts } from '../../src/assess/run.ts';
import { suggestScores } from '../../src/assess/scores.ts';
import { workdayCounter } from '../../src/assess/index.ts';
import { Fixture } from './fixture.ts';

const rules = loadRules();
const dir = mkdtempSync(join(tmpdir(), 'zwgk-register-'));
const HEAD = '单位,申请编号,收到日期,答复日期,是否延期\n';

function setup() {
  const fx = new Fixture();
  fx.unit('xc', '新厂街道办事处');
  fx.unit('fgw', '区发展和改革委员会', '区直部门');
  return fx;
}
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const count = (fx: Fixture) => (fx.db.prepare('SELECT count(*) n FROM register_entries').get() as { n: number }).n;
const opts = { rules, year: 2026, period: { from: '2026-01-01', to: '2026-12-31' }, asOf: '2026-03-31', countWorkdays: workdayCounter(rules) };

describe('register import and 公开时限-2', () => {
  it('imports CSV (unit by name or id) and scores 5 × on-time share, by hand', async () => {
    const fx = setup();
    const p = file(
      'ok.csv',
      '\uFEFF' +
        HEAD +
        // (03-02, 03-20]: 4 + 5 + 5 = 14 working days → on time
        '新厂街道办事处,YS-1,2026-03-02,2026-03-20,否\n' +
        // (01-05, 03-10]: 42 > 20 + 20 → late even extended
        '新厂街道办事处,YS-2,2026/1/5,2026年3月10日,是\n' +
        // (01-05, 02-13]: 19 + 5 + 5 = 29 → late without, on time with the extension
        'xc,YS-3,2026-01-05,2026-02-13,是\n' +
        // not replied; (03-25, 03-31] = 4 working days: still pending
        'xc,YS-4,2026-03-25,,\n' +
        'fgw,YS-1,2026-02-02,2026-02-03,否\n',
    );
    expect(await importRegister(fx.db, p)).toEqual({ imported: 5, units: ['fgw', 'xc'] });
    const facts = registerFacts(fx.db, opts, 'xc', '2026-03-31')!;
    expect(facts).toMatchObject({ onTime: 2, late: 1, pending: 1 });
    const s = suggestScores(rules, { asOf: '2026-03-31', columns: [], findings: [], dismissed: 0, itemsInPeriod: 0, proactive: { onTime: 0, late: 0, noDocument: 0, beforeDocument: 0, lateEvidence: [] }, proactiveLimit: 20, register: facts, channels: [] }, () => '');
    const t2 = s.find((x) => x.code === '公开时限-2')!;
    expect(t2.suggested).toBe(3.33);
    expect(t2.basis).toBe(
      '依申请公开登记台账中可评估申请 3 件（收到申请至答复不超过 20 个工作日、经延期不超过 40 个工作日为按时），按时 2 件、逾期 1 件；另有 1 件尚未答复、仍在期限内，未计入；5 × 2 / 3 = 3.33',
    );
    // as of 04-30 the unanswered one is overdue: (03-25, 04-30] > 20
    expect(registerFacts(fx.db, { ...opts, asOf: '2026-04-30' }, 'xc', '2026-04-30')).toMatchObject({ onTime: 2, late: 2, pending: 0 });
    expect(registerFacts(fx.db, opts, 'nobody', '2026-03-31')).toBeNull();
  });

  it('a bad row (bad date, unknown unit, duplicate) names row and column and imports nothing', async () => {
    const fx = setup();
    const p = file(
      'bad.csv',
      HEAD +
        'xc,YS-1,2026-03-02,2026-03-20,否\n' +
        'xc,YS-2,2026-02-30,,否\n' +
        '不存在的单位,YS-3,2026-03-02,,否\n' +
        'xc,YS-1,2026-03-05,,也许\n' +
        'xc,YS-6,2026-13-01,2026-0-1,否\n',
    );
    const err = await importRegister(fx.db, p).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('InputError');
    const msg = (err as Error).message;
    expect(msg).toContain('bad.csv 有 6 处错误，未导入任何记录');
    expect(msg).toContain('第 3 行“收到日期”列：“2026-02-30”不是有效日期');
    expect(msg).toContain('第 4 行“单位”列：找不到单位“不存在的单位”');
    expect(msg).toContain('第 5 行“申请编号”列：“YS-1”重复');
    expect(msg).toContain('第 5 行“是否延期”列');
    expect(msg).toContain('第 6 行“收到日期”列');
    expect(msg).toContain('第 6 行“答复日期”列');
    expect(count(fx)).toBe(0);
    // missing header
    await expect(importRegister(fx.db, file('nohead.csv', '单位,申请编号\nxc,1\n'))).rejects.toThrow(/缺少列：收到日期、答复日期、是否延期/);
    // already imported before
    await importRegister(fx.db, file('one.csv', HEAD + 'xc,YS-9,2026-03-02,,否\n'));
    await expect(importRegister(fx.db, file('again.csv', HEAD + 'xc,YS-8,2026-03-02,,否\nxc,YS-9,2026-03-02,,否\n'))).rejects.toThrow(/第 3 行“申请编号”列/);
    expect(count(fx)).toBe(1);
  });

  it('imports XLSX with date cells', async () => {
    const fx = setup();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记');
    ws.addRow(['单位', '申请编号', '收到日期', '答复日期', '是否延期']);
    ws.addRow(['区发展和改革委员会', 'F-1', new Date(Date.UTC(2026, 2, 2)), new Date(Date.UTC(2026, 2, 20)), '否']);
    ws.addRow(['xc', 'X-1', '2026-03-02', null, '是']);
    const p = join(dir, 'reg.xlsx');
    await wb.xlsx.writeFile(p);
    expect(await importRegister(fx.db, p)).toEqual({ imported: 2, units: ['fgw', 'xc'] });
    expect(fx.db.prepare('SELECT unit_id, app_no, received_on, replied_on, extended FROM register_entries ORDER BY id').all()).toEqual([
      { unit_id: 'fgw', app_no: 'F-1', received_on: '2026-03-02', replied_on: '2026-03-20', extended: 0 },
      { unit_id: 'xc', app_no: 'X-1', received_on: '2026-03-02', replied_on: null, extended: 1 },
    ]);
  });
});
