import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { openDb } from '../../src/store/db.ts';
import { loadPlan } from '../../src/config/plan.ts';
import { columnClassifier, loadRules } from '../../src/config/rules.ts';
import { syncPlan } from '../../src/store/plans.ts';
import { Fixture } from './fixture.ts';
import { createRectification } from '../../src/store/rectifications.ts';
import { setFindingReview } from '../../src/store/findings.ts';
import { recordDecision } from '../../src/assess/index.ts';
import { addDays, shanghaiDay } from '../../src/shared/time.ts';
import { decideAll, paragraphs, readDocx, tables } from './official-docs.ts';

const BIN = resolve('bin/zwgk.js');
const dir = mkdtempSync(join(tmpdir(), 'zwgk-assess-'));
const dbPath = join(dir, 'z.db');
const planPath = join(dir, 'plan.yaml');

function zwgk(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', dbPath, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  writeFileSync(
    planPath,
    `year: 2026
period: { from: 2026-01-01, to: 2026-12-31 }
units:
  - id: xc
    name: 新厂街道办事处
    kind: 镇街
    columns:
      - { key: gzdt, name: 工作动态, url: http://portal.test/xc/gzdt/, class: 动态要闻 }
      - { key: jgzn, name: 机构职能, url: http://portal.test/xc/jgzn/, class: 机构信息 }
  - id: fgw
    name: 区发展和改革委员会
    kind: 区直部门
    columns:
      - { key: tzgg, name: 通知公告, url: http://portal.test/fgw/tzgg/, class: 通知公告 }
`,
  );
  const rules = loadRules();
  const db = openDb(dbPath);
  const ids = syncPlan(db, loadPlan(planPath, rules), columnClassifier(rules)).columnIds;
  const [gzdt, jgzn] = ids.xc;
  const [tzgg] = ids.fgw;
  const fx = new Fixture(db);
  const r1 = fx.run('2026-01-05', 'full');
  const r2 = fx.run('2026-03-30');
  for (const c of [gzdt, tzgg]) fx.visit(c, r1, { coveredFrom: '2025-06-01' });
  fx.visit(jgzn, r1, { outcome: 'blank' });
  fx.visit(gzdt, r2, { coveredFrom: '2026-01-01' });
  fx.item(gzdt, { title: '去年的动态', publishedAt: '2025-12-28' });
  fx.item(gzdt, { title: '一月动态 <b>', publishedAt: '2026-01-08', indexNo: 'XC-2026-001' });
  fx.item(gzdt, { title: '置顶公告', publishedAt: '2026-03-29', pinned: true });
  fx.item(tzgg, { title: '关于开展安全检查的通知', documentDate: '2026-02-13', publishedAt: '2026-02-14' });
  fx.item(tzgg, { title: '迟发的通知', documentDate: '2026-01-05', publishedAt: '2026-03-10' });
  db.close();
});

describe('zwgk assess / report', { timeout: 180_000 }, () => {
  it('assess (as of today) stores findings and prints a Chinese summary', () => {
    const a = zwgk('assess', '--plan', planPath);
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(a.out).toContain('2 个单位，3 个栏目');
    expect(a.out).toContain('建议得分已保存');
    const db = openDb(dbPath);
    const n = db.prepare("SELECT count(*) n FROM findings f JOIN columns c ON c.id = f.column_id WHERE f.active = 1 AND f.kind = 'stale-episode' AND c.name = '工作动态'").get() as { n: number };
    db.close();
    // 工作动态: 2025-12-28 + 14 = 01-11, stale 01-12 .. ongoing (the pinned 03-29 item does not count)
    expect(n.n).toBe(1);
  });

  it('a past --as-of prints that day’s view and leaves every table byte-identical (整改, decisions, findings, suggestions)', () => {
    const db = openDb(dbPath);
    const staleOf = (name: string) =>
      db.prepare("SELECT f.id FROM findings f JOIN columns c ON c.id = f.column_id WHERE f.active = 1 AND f.kind = 'stale-episode' AND c.name = ?").get(name) as { id: number } | undefined;
    // 通知公告 (6-month window, newest item 03-10) is stale today but not on 03-31: a past assess that stored its view
    // would deactivate this finding and mark its 整改 已整改; 工作动态's 整改, due 03-01, would turn 逾期.
    const tzgg = staleOf('通知公告');
    const gzdt = staleOf('工作动态');
    expect(tzgg && gzdt).toBeTruthy();
    createRectification(db, tzgg!.id, '2026-12-31', null, '请于年底前更新');
    createRectification(db, gzdt!.id, '2026-03-01', null, null);
    setFindingReview(db, gzdt!.id, 'confirmed');
    recordDecision(db, { unitId: 'fgw', year: 2026, code: '组织领导-1', action: 'manual', value: 4, userId: null }, loadRules());
    const dump = () =>
      Object.fromEntries(
        (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map(({ name }) => [
          name,
          db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all(),
        ]),
      );
    const before = JSON.stringify(dump());
    expect(before).toContain('请于年底前更新');

    const a = zwgk('assess', '--plan', planPath, '--as-of', '2026-03-31');
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(a.out).toContain('截至 2026-03-31）：2 个单位，3 个栏目；问题 3 项（空白栏目 1，逾期公开 1，超期未更新 1）');
    // 30 − 1 stale episode × 2 − 1 blank column × 5
    expect(a.out).toContain('新厂街道办事处：问题 2 项；公开内容-1 23／30');
    expect(a.out).toContain('仅供查看，未保存');
    expect(a.out).not.toContain('已保存，规则版本');
    for (const args of [['json'], ['html', '--draft']]) expect(zwgk('report', '--plan', planPath, '--format', ...args, '--as-of', '2026-03-31').code).toBe(0);
    expect(JSON.stringify(dump())).toBe(before);
    db.close();
  });

  it('a future --as-of is refused with exit 2 and a Chinese message, changing nothing', () => {
    const tomorrow = addDays(shanghaiDay(), 1);
    for (const args of [['assess'], ['report', '--format', 'json']]) {
      const r = zwgk(...args, '--plan', planPath, '--as-of', tomorrow);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`--as-of：${tomorrow} 晚于今天（${shanghaiDay()}，北京时间）：证据只到今天，不能按将来的日期评估`);
    }
  });

  it('report json follows DESIGN.md §6 and is byte-identical across runs', () => {
    const one = zwgk('report', '--plan', planPath, '--format', 'json', '--as-of', '2026-03-31');
    expect(one.code).toBe(0);
    const two = zwgk('report', '--plan', planPath, '--format', 'json', '--as-of', '2026-03-31');
    expect(two.out).toBe(one.out);
    const r = JSON.parse(one.out);
    expect(Object.keys(r)).toEqual(['asOf', 'year', 'units']);
    expect(r).toMatchObject({ asOf: '2026-03-31', year: 2026 });
    expect(r.units.map((u: { id: string }) => u.id)).toEqual(['xc', 'fgw']);
    const xc = r.units[0];
    // DESIGN §6's keys unchanged; the places and the sheet state added after them.
    expect(Object.keys(xc)).toEqual(['id', 'name', 'kind', 'columns', 'findings', 'scores', 'total', 'grade', 'kindRank', 'falsified', 'finalized']);
    expect(xc.finalized).toBe(false);
    const gzdt = xc.columns[0];
    expect(Object.keys(gzdt)).toEqual(['name', 'url', 'class', 'layout', 'status', 'itemCount', 'latestPublished', 'daysSinceUpdate', 'staleEpisodes', 'items']);
    expect(gzdt).toMatchObject({
      name: '工作动态',
      layout: 'list',
      status: 'stale',
      itemCount: 2, // dated within [2026-01-01, as-of], pinned included
      latestPublished: '2026-01-08', // newest non-pinned
      daysSinceUpdate: 82,
      staleEpisodes: [{ from: '2026-01-23', to: null, overdueDays: 68 }],
    });
    expect(gzdt.items.map((i: { title: string }) => i.title)).toEqual(['置顶公告', '一月动态 <b>']);
    expect(Object.keys(gzdt.items[0])).toEqual(['title', 'url', 'publishedAt', 'documentDate', 'indexNo', 'latencyWorkdays', 'firstSeenAt', 'flags']);
    expect(gzdt.items[0].flags).toContain('pinned');
    expect(xc.columns[1]).toMatchObject({ name: '机构职能', status: 'blank', itemCount: 0, latestPublished: null });
    expect(xc.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['blank-column', 'stale-episode']);
    expect(Object.keys(xc.scores[0])).toEqual(['code', 'name', 'max', 'suggested', 'confirmed', 'basis']);
    expect(xc.scores.find((s: { code: string }) => s.code === '公开内容-1')).toMatchObject({ suggested: 23, confirmed: null });
    expect(xc).toMatchObject({ total: null, grade: null });
    const tzgg = r.units[1].columns[0];
    // 调休 Saturday 2026-02-14 is a working day: (02-13, 02-14] = 1; (01-05, 03-10] = 42
    expect(tzgg.items.map((i: { latencyWorkdays: number }) => i.latencyWorkdays)).toEqual([42, 1]);
    expect(r.units[1].scores.find((s: { code: string }) => s.code === '公开时限-1')).toMatchObject({ suggested: 5 });
  });

  it('as of a day before the first crawl: no statuses, no suggestions', () => {
    const r = JSON.parse(zwgk('report', '--plan', planPath, '--format', 'json', '--as-of', '2026-01-04').out);
    expect(r.units[0].columns.map((c: { status: string | null }) => c.status)).toEqual([null, null]);
    expect(r.units[0].scores.find((s: { code: string }) => s.code === '公开内容-1')).toMatchObject({ suggested: null });
  });

  it('csv views into a directory', () => {
    const out = join(dir, 'csv');
    expect(zwgk('report', '--plan', planPath, '--format', 'csv', '--as-of', '2026-03-31', '--out', out).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['汇总.csv', '时效.csv', '栏目.csv', '疑似倒签.csv', '超期.csv'].sort());
    const stale = readFileSync(join(out, '超期.csv'), 'utf8');
    expect(stale.startsWith('\uFEFF单位编号,单位名称,栏目,类别,开始日期,结束日期,超期天数')).toBe(true);
    expect(stale).toContain('xc,新厂街道办事处,工作动态,动态要闻,2026-01-23,至今,68');
    const summary = readFileSync(join(out, '汇总.csv'), 'utf8').split('\n').filter(Boolean).map((l) => l.split(','));
    expect(summary).toHaveLength(3);
    // A past day's suggested total is that day's: 通知公告 was not yet stale on 03-31 (30 + 10 + 5, and the 4 entered
    // for 组织领导-1; today's stored 公开内容-1 is 28).
    expect(summary.find((r) => r[0] === 'fgw')![summary[0].indexOf('建议合计')]).toBe('49');
  });

  it('xlsx with a sheet per view', async () => {
    const xlsx = join(dir, 'r.xlsx');
    expect(zwgk('report', '--plan', planPath, '--format', 'xlsx', '--as-of', '2026-03-31', '--out', xlsx).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '栏目', '超期', '时效', '疑似倒签']);
    expect(wb.getWorksheet('栏目')!.rowCount).toBe(4);
    const summary = wb.getWorksheet('汇总')!;
    const header = (summary.getRow(1).values as unknown[]).slice(1);
    expect(summary.getRow(2).getCell(header.indexOf('评分表状态') + 1).value).toBe('未定稿');
  });

  it('the 通报 (html, docx) is refused with exit 2 until every sheet is 定稿; --draft previews it', async () => {
    const html = join(dir, 'r.html');
    const refused = zwgk('report', '--plan', planPath, '--format', 'html', '--as-of', '2026-03-31', '--number', '3', '--out', html);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('以下 2 个单位的评分表尚未定稿，不能印发通报：新厂街道办事处、区发展和改革委员会。');
    expect(refused.err).toContain('--draft');
    expect(existsSync(html)).toBe(false);
    expect(zwgk('report', '--plan', planPath, '--format', 'docx', '--number', '3', '--out', join(dir, 'r.docx')).code).toBe(2);

    expect(zwgk('report', '--plan', planPath, '--format', 'html', '--as-of', '2026-03-31', '--draft', '--out', html).code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('<title>【草稿】关于2026年度政务公开绩效考核结果的通报</title>');
    expect(text).toContain('<div class="draft-mark">草稿</div>');
    expect(text).toContain('@media print');
    expect(text).toContain('1 个栏目超期未更新 1 次（工作动态 1 次）');
    expect(text).not.toContain('<link');
    const draftDocx = join(dir, 'draft.docx');
    expect(zwgk('report', '--plan', planPath, '--format', 'docx', '--as-of', '2026-03-31', '--draft', '--out', draftDocx).code).toBe(0);
    const draft = await readDocx(readFileSync(draftDocx));
    expect([...draft.parts].filter(([n]) => n.startsWith('word/header')).map(([, x]) => paragraphs(x).join(''))).toEqual(['草稿', '草稿']);

    // Every sheet decided and locked: the 通报 goes out, numbered and dated as asked.
    const rules = loadRules();
    const db = openDb(dbPath);
    decideAll(db, rules, 'xc', 91);
    decideAll(db, rules, 'fgw', 64);
    for (const unitId of ['xc', 'fgw']) recordDecision(db, { unitId, year: 2026, action: 'finalize', userId: null }, rules);
    db.close();
    const docx = join(dir, 'r.docx');
    const ok = zwgk('report', '--plan', planPath, '--format', 'docx', '--as-of', '2026-03-31', '--number', '7', '--date', '2027-01-12', '--out', docx);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const { document, parts } = await readDocx(readFileSync(docx));
    const p = paragraphs(document);
    expect(p.slice(1, 4)).toEqual(['珠政务公开办〔2027〕7号', '关于2026年度政务公开绩效考核结果的通报', '各镇（街道）、区直各部门：']);
    expect(tables(document).map((t) => t.slice(1).map((r) => r.slice(0, 4)))).toEqual([[['1', '新厂街道办事处', '91', '优秀']], [['1', '区发展和改革委员会', '64', '合格']]]);
    expect(p).toContain('2027年1月12日');
    expect([...parts.values()].join('')).not.toContain('草稿');
    expect(zwgk('report', '--plan', planPath, '--format', 'html', '--as-of', '2026-03-31', '--number', '7', '--out', html).code).toBe(0);
    expect(readFileSync(html, 'utf8')).not.toContain('<div class="draft-mark"');
  });

  it('the 通报 flags are checked: a data export refuses them, a docx needs --out, a number is a positive integer', () => {
    const json = zwgk('report', '--plan', planPath, '--format', 'json', '--draft');
    expect(json.code).toBe(2);
    expect(json.err).toContain('--draft：只用于通报（--format html 或 docx）');
    const noOut = zwgk('report', '--plan', planPath, '--format', 'docx');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('请用 --out 指定输出文件');
    const badNumber = zwgk('report', '--plan', planPath, '--format', 'html', '--number', '三');
    expect(badNumber.code).toBe(2);
    expect(badNumber.err).toContain('--number：应为正整数');
  });

  it('bad input exits 2: a bad format; a register with a bad row (nothing imported)', () => {
    const r = zwgk('report', '--plan', planPath, '--format', 'pdf');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format');
    const reg = join(dir, 'reg.csv');
    writeFileSync(reg, '单位,申请编号,收到日期,答复日期,是否延期\nxc,1,2026-03-02,,否\nxc,2,2026-13-01,,否\n');
    const b = zwgk('register', 'import', reg);
    expect(b.code).toBe(2);
    expect(b.err).toContain('第 3 行“收到日期”列');
    const db = openDb(dbPath);
    expect(db.prepare('SELECT count(*) n FROM register_entries').get()).toEqual({ n: 0 });
    db.close();
  });
});
