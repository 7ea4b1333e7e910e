import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRules } from '../../src/config/rules.ts';
import { recordDecision, scoreSheet } from '../../src/assess/sheet.ts';
import { openRun, runAssess } from '../../src/run/index.ts';
import { demoWorld, type DemoWorld } from '../helpers/demo-crawl.ts';
import { xlsxSummary } from '../web/helpers.ts';
import { readDocx, tables } from './official-docs.ts';

/**
 * The year end on the demo portal, as the office would run it: crawl, assess, decide every item of every sheet
 * (the automatic ones as suggested, the manual ones by hand), find one 镇街 unit to have falsified, finalise all,
 * then publish. The 通报 ranks the falsifying unit with 不合格 and lists 镇街 and 区直部门 apart, and every unit's
 * figures agree across the JSON, CSV, xlsx and the .docx 通报.
 */

const BIN = resolve('bin/zwgk.js');
const UNITS = ['xinchang', 'lishi', 'jingcheng', 'fgw', 'jyj'];
const FALSIFIER = 'lishi';
let w: DemoWorld;

function zwgk(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', w.dbPath, ...args], { cwd: w.dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  w = await demoWorld({ units: UNITS });
  await w.crawl('full');
  runAssess(openRun(w.db, w.planPath));
  const rules = loadRules();
  for (const [n, unitId] of UNITS.entries()) {
    for (const it of scoreSheet(w.db, unitId, 2026, rules).items) {
      const base = { unitId, year: 2026, code: it.code, userId: null };
      // Manual items differ per unit so that the ranking has something to order.
      if (it.suggested === null) recordDecision(w.db, { ...base, action: 'manual', value: Math.max(0, it.max - n) }, rules);
      else recordDecision(w.db, { ...base, action: 'confirm' }, rules);
    }
  }
  recordDecision(w.db, { unitId: FALSIFIER, year: 2026, action: 'verdict', verdict: '弄虚作假', reason: '自查报告与巡检快照不符', userId: null }, rules);
  for (const unitId of UNITS) recordDecision(w.db, { unitId, year: 2026, action: 'finalize', userId: null }, rules);
}, 600_000);

afterAll(async () => {
  await w?.close();
});

describe('the year end on the demo portal', () => {
  it('the .docx 通报 ranks the falsifying unit with 不合格, 镇街 and 区直部门 apart, with the same figures as JSON, CSV and xlsx', async () => {
    const json = zwgk('report', '--plan', w.planPath, '--format', 'json');
    expect(json.code, json.err).toBe(0);
    const units: Array<{ id: string; name: string; kind: string; total: number; grade: string; kindRank: number; falsified: boolean; finalized: boolean }> =
      JSON.parse(json.out).units;
    expect(units.map((u) => u.id).sort()).toEqual([...UNITS].sort());
    expect(units.every((u) => u.finalized)).toBe(true);
    const falsifier = units.find((u) => u.id === FALSIFIER)!;
    expect(falsifier).toMatchObject({ grade: '不合格', falsified: true });

    const csvFile = join(w.dir, '汇总.csv');
    expect(zwgk('report', '--plan', w.planPath, '--format', 'csv', '--out', csvFile).code).toBe(0);
    const [head, ...lines] = readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(','));
    const csv = new Map(lines.map((l) => [l[head.indexOf('单位编号')], l]));
    const xlsxFile = join(w.dir, '结果.xlsx');
    expect(zwgk('report', '--plan', w.planPath, '--format', 'xlsx', '--out', xlsxFile).code).toBe(0);
    const xlsx = new Map((await xlsxSummary(xlsxFile)).map((r) => [String(r['单位编号']), r]));
    const docxFile = join(w.dir, '通报.docx');
    const docx = zwgk('report', '--plan', w.planPath, '--format', 'docx', '--number', '7', '--date', '2026-12-05', '--out', docxFile);
    expect(docx.code, docx.err).toBe(0);
    const grids = tables((await readDocx(readFileSync(docxFile))).document).filter((t) => t[0]?.[0] === '名次');
    expect(grids).toHaveLength(2);
    const [towns, depts] = grids.map((t) => t.slice(1));
    expect(towns.map((r) => r[1]).sort()).toEqual(units.filter((u) => u.kind === '镇街').map((u) => u.name).sort());
    expect(depts.map((r) => r[1]).sort()).toEqual(units.filter((u) => u.kind === '区直部门').map((u) => u.name).sort());

    for (const u of units) {
      const row = [...towns, ...depts].find((r) => r[1] === u.name)!;
      const figures = { json: String(u.total), csv: csv.get(u.id)![head.indexOf('确认总分')], xlsx: String(xlsx.get(u.id)!['确认总分']), docx: row[2] };
      expect(figures, u.name).toEqual({ json: figures.json, csv: figures.json, xlsx: figures.json, docx: figures.json });
      expect(row[0], u.name).toBe(String(u.kindRank));
      expect(row[3], u.name).toBe(u.grade);
      expect(csv.get(u.id)![head.indexOf('同类名次')], u.name).toBe(String(u.kindRank));
    }
    // 第十四条: the falsifying unit is 不合格 and ranks after every 镇街 unit that earned its grade on points.
    const last = towns.at(-1)!;
    expect(last[1]).toBe(falsifier.name);
    expect(last[3]).toBe('不合格');
    expect(last[4]).toContain('弄虚作假');
    expect(falsifier.total).toBeGreaterThan(Math.min(...units.filter((u) => u.kind === '镇街' && !u.falsified).map((u) => u.total)));
  }, 300_000);
});
