import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPlan, type LoadedPlan } from '../../src/config/plan.ts';
import { columnClassifier, loadRules } from '../../src/config/rules.ts';
import { openDb, type DB } from '../../src/store/db.ts';
import { currentPlan, syncPlan } from '../../src/store/plans.ts';

const rules = loadRules();
const dir = mkdtempSync(join(tmpdir(), 'zwgk-plans-'));
let n = 0;

function plan(units: string): LoadedPlan {
  const file = join(dir, `p${n++}.yaml`);
  writeFileSync(file, `year: 2026\nperiod: { from: 2026-01-01, to: 2026-12-31 }\nunits:\n${units}`);
  return loadPlan(file, rules);
}

const unitA = (columns: string, name = '新厂街道办事处') => `  - id: xinchang
    name: ${name}
    kind: 镇街
    contacts: [{ name: 张三, email: zhangsan@example.org }]
    columns:
${columns}`;
const unitB = `  - id: fgw
    name: 区发改委
    kind: 区直部门
    columns:
      - { name: 通知公告, url: http://p.example/fgw/tzgg/ }
`;
const gzdt = '      - { name: 工作动态, url: http://p.example/xc/gzdt/ }\n';
const tzgg = '      - { name: 通知公告, url: http://p.example/xc/tzgg/, class: 政策文件 }\n';

type Col = { id: number; unit_id: string; stable_key: string; name: string; url: string; class: string; class_source: string; active: number };
const columns = (db: DB) => db.prepare('SELECT * FROM columns ORDER BY id').all() as Col[];
const changes = (db: DB) => db.prepare('SELECT column_id, field, old_value, new_value FROM column_changes ORDER BY id').all();
const count = (db: DB, table: string) => (db.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

let db: DB;
beforeEach(() => {
  db = openDb(':memory:');
});

describe('syncPlan', () => {
  it('loads units and columns, taking the plan class or guessing one', () => {
    const s = syncPlan(db, plan(unitA(gzdt + tzgg) + unitB), columnClassifier(rules), '2026-01-01T00:00:00Z');
    expect(s.units.added).toEqual(['xinchang', 'fgw']);
    expect(s.columns.added).toBe(3);
    const cols = columns(db);
    expect(cols.map((c) => [c.unit_id, c.name, c.class, c.class_source, c.active])).toEqual([
      ['xinchang', '工作动态', '动态要闻', 'guessed', 1],
      ['xinchang', '通知公告', '政策文件', 'plan', 1],
      ['fgw', '通知公告', '通知公告', 'guessed', 1],
    ]);
    expect(s.columnIds).toEqual({ xinchang: [cols[0].id, cols[1].id], fgw: [cols[2].id] });
    expect(currentPlan(db)?.id).toBe(s.planId);
    expect(JSON.parse(currentPlan(db)!.crawlJson).perHostDelayMs).toBe(1000);
  });

  it('changes nothing when the same plan is loaded twice', () => {
    const p = plan(unitA(gzdt + tzgg) + unitB);
    const first = syncPlan(db, p, columnClassifier(rules), '2026-01-01T00:00:00Z');
    const before = db.prepare('SELECT total_changes() n').get() as { n: number };
    const again = syncPlan(db, p, columnClassifier(rules), '2026-02-01T00:00:00Z');
    const after = db.prepare('SELECT total_changes() n').get() as { n: number };
    expect(after.n).toBe(before.n);
    expect(again.planId).toBe(first.planId);
    expect(again.planChanged).toBe(false);
    expect(again.columns).toEqual({ added: 0, updated: 0, reactivated: 0, deactivated: 0, unchanged: 3 });
    expect(count(db, 'plans')).toBe(1);
  });

  it('keeps a column id across a rename (URL match) and records the change', () => {
    syncPlan(db, plan(unitA(gzdt)), columnClassifier(rules));
    const [before] = columns(db);
    const s = syncPlan(db, plan(unitA('      - { name: 街道动态, url: http://p.example/xc/gzdt/ }\n')), columnClassifier(rules));
    const [after] = columns(db);
    expect(after.id).toBe(before.id);
    expect(after.name).toBe('街道动态');
    expect(after.stable_key).toBe(before.stable_key);
    expect(s.columns.updated).toBe(1);
    expect(changes(db)).toEqual([{ column_id: before.id, field: 'name', old_value: '工作动态', new_value: '街道动态' }]);
    expect(count(db, 'plans')).toBe(2);
  });

  it('keeps a column id across a move to a new URL (name match)', () => {
    syncPlan(db, plan(unitA(gzdt)), columnClassifier(rules));
    const [before] = columns(db);
    syncPlan(db, plan(unitA('      - { name: 工作动态, url: http://p.example/new/gzdt/ }\n')), columnClassifier(rules));
    expect(columns(db)).toHaveLength(1);
    expect(columns(db)[0]).toMatchObject({ id: before.id, url: 'http://p.example/new/gzdt/' });
    expect(changes(db)).toEqual([{ column_id: before.id, field: 'url', old_value: 'http://p.example/xc/gzdt/', new_value: 'http://p.example/new/gzdt/' }]);
  });

  it('keeps a column id across a rename and a move at once when it has an explicit key', () => {
    syncPlan(db, plan(unitA('      - { key: gzdt, name: 工作动态, url: http://p.example/xc/gzdt/ }\n')), columnClassifier(rules));
    const [before] = columns(db);
    expect(before.stable_key).toBe('xinchang/gzdt');
    syncPlan(db, plan(unitA('      - { key: gzdt, name: 要闻, url: http://p.example/v2/yw/ }\n')), columnClassifier(rules));
    const [after] = columns(db);
    expect(after).toMatchObject({ id: before.id, name: '要闻', url: 'http://p.example/v2/yw/', stable_key: 'xinchang/gzdt' });
    expect(changes(db).map((c) => (c as { field: string }).field).sort()).toEqual(['name', 'url']);
  });

  it('without a key, a rename plus a move is a new column and the old one is retired, history kept', () => {
    syncPlan(db, plan(unitA(gzdt)), columnClassifier(rules));
    const [old] = columns(db);
    const s = syncPlan(db, plan(unitA('      - { name: 要闻, url: http://p.example/v2/yw/ }\n')), columnClassifier(rules));
    expect(s.columns).toMatchObject({ added: 1, deactivated: 1 });
    const cols = columns(db);
    expect(cols).toHaveLength(2);
    expect(cols[0]).toMatchObject({ id: old.id, active: 0, name: '工作动态' });
    expect(cols[1]).toMatchObject({ active: 1, name: '要闻' });
  });

  it('adopts an explicit key added later without changing the id', () => {
    syncPlan(db, plan(unitA(gzdt)), columnClassifier(rules));
    const [before] = columns(db);
    expect(before.stable_key).toMatch(/^xinchang\/@[0-9a-f]{10}$/);
    syncPlan(db, plan(unitA('      - { key: gzdt, name: 工作动态, url: http://p.example/xc/gzdt/ }\n')), columnClassifier(rules));
    expect(columns(db)[0]).toMatchObject({ id: before.id, stable_key: 'xinchang/gzdt' });
    expect(changes(db)).toEqual([{ column_id: before.id, field: 'stable_key', old_value: before.stable_key, new_value: 'xinchang/gzdt' }]);
  });

  it('retires units and columns no longer listed, and brings them back with their ids', () => {
    syncPlan(db, plan(unitA(gzdt + tzgg) + unitB), columnClassifier(rules));
    const ids = columns(db).map((c) => c.id);
    const s = syncPlan(db, plan(unitA(gzdt)), columnClassifier(rules));
    expect(s.units.deactivated).toEqual(['fgw']);
    expect(s.columns.deactivated).toBe(2);
    expect(columns(db).map((c) => c.active)).toEqual([1, 0, 0]);
    expect(db.prepare('SELECT active FROM units WHERE id = ?').get('fgw')).toEqual({ active: 0 });

    const back = syncPlan(db, plan(unitA(gzdt + tzgg) + unitB), columnClassifier(rules));
    expect(back.units.reactivated).toEqual(['fgw']);
    expect(back.columns.reactivated).toBe(2);
    expect(columns(db).map((c) => [c.id, c.active])).toEqual(ids.map((id) => [id, 1]));
  });

  it('re-guesses the class when the plan drops its class, and records class changes', () => {
    syncPlan(db, plan(unitA(tzgg)), columnClassifier(rules));
    const [before] = columns(db);
    syncPlan(db, plan(unitA('      - { name: 通知公告, url: http://p.example/xc/tzgg/ }\n')), columnClassifier(rules));
    expect(columns(db)[0]).toMatchObject({ id: before.id, class: '通知公告', class_source: 'guessed' });
    expect(changes(db)).toEqual([
      { column_id: before.id, field: 'class', old_value: '政策文件', new_value: '通知公告' },
      { column_id: before.id, field: 'class_source', old_value: 'plan', new_value: 'guessed' },
    ]);
  });

  it('updates a unit in place', () => {
    syncPlan(db, plan(unitA(gzdt)), columnClassifier(rules));
    const s = syncPlan(db, plan(unitA(gzdt, '新厂街道')), columnClassifier(rules));
    expect(s.units.updated).toEqual(['xinchang']);
    expect(s.columns.unchanged).toBe(1);
    expect(db.prepare('SELECT name FROM units WHERE id = ?').get('xinchang')).toEqual({ name: '新厂街道' });
  });

  it('makes an earlier plan current again when it is reloaded', () => {
    const p1 = plan(unitA(gzdt));
    const p2 = plan(unitA(gzdt + tzgg));
    const s1 = syncPlan(db, p1, columnClassifier(rules), '2026-01-01T00:00:00Z');
    syncPlan(db, p2, columnClassifier(rules), '2026-02-01T00:00:00Z');
    const s3 = syncPlan(db, p1, columnClassifier(rules), '2026-03-01T00:00:00Z');
    expect(s3.planId).toBe(s1.planId);
    expect(s3.planChanged).toBe(true);
    expect(currentPlan(db)?.id).toBe(s1.planId);
    expect(columns(db).map((c) => c.active)).toEqual([1, 0]);
  });

  it('rolls back everything when a write fails midway', () => {
    syncPlan(db, plan(unitA(gzdt)), columnClassifier(rules));
    db.exec(`CREATE TRIGGER fail_fgw BEFORE INSERT ON units WHEN NEW.id = 'fgw' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    expect(() => syncPlan(db, plan(unitA(gzdt + tzgg) + unitB), columnClassifier(rules))).toThrow(/boom/);
    expect(count(db, 'plans')).toBe(1);
    expect(columns(db)).toHaveLength(1);
  });

  it('loads the example plan', () => {
    const s = syncPlan(db, loadPlan(resolve(import.meta.dirname, '../../examples/plan.example.yaml'), rules), columnClassifier(rules));
    expect(s.units.added).toHaveLength(8);
    expect(s.columns.added).toBe(25);
    expect(count(db, 'columns')).toBe(25);
  });
});
