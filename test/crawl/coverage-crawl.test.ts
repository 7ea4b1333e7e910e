import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type DB } from '../../src/store/db.ts';
import { assessOptions, openRun, runCrawl } from '../../src/run/index.ts';
import { Assessor } from '../../src/assess/index.ts';
import { addDays, shanghaiDay } from '../../src/shared/time.ts';
import { html, startServer, type TestServer } from './server.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/zwgk.js');

const today = shanghaiDay();
const daysAgo = (n: number) => addDays(today, -n);

// A TRS-style list that states 共 40 条 but shows 15 and has no pager a crawler can follow (a script draws it
// from data we are not given): a short read, whatever the browser makes of it.
const shortList = () =>
  html(
    `<div class="list"><ul>${Array.from({ length: 15 }, (_, i) => `<li><a href="/short/a${i}.html">全区第${i + 1}次重点工作推进会召开</a><span>${daysAgo(i * 3)}</span></li>`).join('')}</ul>` +
      `<div class="page">共 40 条记录</div></div>`,
  );
// A 机构概况 column: its URL is one article, not a list.
let profileText = '区发展和改革局是区政府工作部门，负责拟订并组织实施全区国民经济和社会发展战略、中长期规划和年度计划。'.repeat(6);
const profile = () =>
  `<!doctype html><html><head><meta charset="utf-8"><title>机构概况_区发展和改革局</title><meta name="ArticleTitle" content="机构概况"><meta name="PubDate" content="${daysAgo(400)} 10:00"></head>` +
  `<body><div class="top">今天是：${today} 星期六 <a href="/">网站首页</a></div><h1>机构概况</h1><div class="info">发布日期：${daysAgo(400)}</div>` +
  `<div class="content"><p>${profileText}</p><p>地址：珠山区人民路 1 号。联系电话：0798-1234567。</p></div><div class="footer">版权所有 珠山区人民政府</div></body></html>`;

describe('coverage and layout, as a crawl records them', () => {
  let server: TestServer;
  let dir: string;
  let db: DB;
  let planPath: string;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const path = req.url ?? '/';
      const send = (body: string) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      if (path === '/short/') return send(shortList());
      if (path === '/jggk/') return send(profile());
      if (path === '/sel/') return send(shortList());
      const m = /^\/short\/a(\d+)\.html$/.exec(path);
      if (m) return send(`<html><head><meta name="PubDate" content="${daysAgo(Number(m[1]) * 3)}"></head><body><h1>会议</h1></body></html>`);
      res.writeHead(404).end();
    });
    dir = mkdtempSync(join(tmpdir(), 'zwgk-coverage-'));
    planPath = join(dir, 'plan.yaml');
    const year = Number(today.slice(0, 4));
    writeFileSync(
      planPath,
      [
        `year: ${year}`,
        `period: { from: ${year}-01-01, to: ${year}-12-31 }`,
        'crawl: { perHostDelayMs: 0 }',
        'allowPrivate: true',
        'units:',
        '  - id: fgw',
        '    name: 区发展和改革局',
        '    kind: 区直部门',
        '    columns:',
        '      - { key: tzgg, name: 通知公告, url: "' + server.origin + '/short/" }',
        '      - { key: jggk, name: 机构概况, url: "' + server.origin + '/jggk/" }',
        '      - { key: sel, name: 工作动态, url: "' + server.origin + '/sel/", render: static, selectors: { item: "li[[" } }',
      ].join('\n'),
    );
    db = openDb(join(dir, 'zwgk.db'));
  });
  afterAll(async () => {
    db.close();
    await server.close();
  });

  const visit = (key: string) =>
    db
      .prepare(
        `SELECT v.outcome, v.coverage, v.review_reason AS reason, v.claims_json AS claims, v.fault, v.layout, v.error, v.fetcher
         FROM column_visits v JOIN columns c ON c.id = v.column_id WHERE c.stable_key = ? ORDER BY v.id DESC LIMIT 1`,
      )
      .get(`fgw/${key}`) as Record<string, string | null>;

  it('a list that claims more than it shows is read, tried in the browser, and recorded 需核对 with the claim', async () => {
    const r = await runCrawl(openRun(db, planPath), { snapshotsDir: join(dir, 'snapshots'), kind: 'nightly' });
    expect(r.columns).toBe(3);
    const v = visit('tzgg');
    expect(v).toMatchObject({ outcome: 'ok', coverage: 'review', reason: '页面声称共 40 条，但只显示 15 条，且找不到其余各页', fault: null, layout: 'list' });
    expect(JSON.parse(v.claims!)).toMatchObject({ claims: { totalRecords: 40 }, firstPageItems: 15 });
    // The weak static answer was put to the browser (which saw no more): one browser fetch of the list page.
    expect(db.prepare(`SELECT count(*) n FROM fetches WHERE url = ? AND fetcher = 'browser'`).get(`${server.origin}/short/`)).toEqual({ n: 1 });
    const a = new Assessor(db, assessOptions(openRun(db, planPath))).unit('fgw');
    const col = a.columns.find((c) => c.column.name === '通知公告')!;
    expect(col.freshness).toMatchObject({ status: 'review', staleEpisodes: [] });
  });

  it('a column whose URL is one article is learnt as a single page: no items, its own date and text', () => {
    expect(visit('jggk')).toMatchObject({ outcome: 'ok', coverage: 'complete', layout: 'single' });
    expect(db.prepare(`SELECT layout_learned FROM columns WHERE stable_key = 'fgw/jggk'`).get()).toEqual({ layout_learned: 'single' });
    expect(db.prepare(`SELECT count(*) n FROM items i JOIN columns c ON c.id = i.column_id WHERE c.stable_key = 'fgw/jggk'`).get()).toEqual({ n: 0 });
    const states = db.prepare(`SELECT title, published_at, text_chars FROM page_states`).all() as Array<{ title: string; published_at: string; text_chars: number }>;
    expect(states).toHaveLength(1);
    expect(states[0]).toMatchObject({ title: '机构概况', published_at: daysAgo(400) });
    expect(states[0].text_chars).toBeGreaterThan(200);
    const a = new Assessor(db, assessOptions(openRun(db, planPath))).unit('fgw');
    const col = a.columns.find((c) => c.column.name === '机构概况')!;
    expect(col.column.layout).toBe('single');
    expect(col.items).toEqual([]);
    expect(col.freshness.status).toBe('ok');
  });

  it('an invalid selector in the plan is the auditor\'s fault: no outcome, the fix named, nothing held against the unit', () => {
    expect(visit('sel')).toMatchObject({ outcome: null, fault: 'auditor', coverage: null });
    expect(visit('sel').error).toContain('选择器无效');
    const a = new Assessor(db, assessOptions(openRun(db, planPath))).unit('fgw');
    expect(a.columns.find((c) => c.column.name === '工作动态')!.freshness.status).toBeNull();
    expect(a.findings.filter((f) => f.columnId !== null && f.kind !== 'missing-document-date')).toEqual([]);
  });

  it('the next night reads the single page again; a change of its text is an update on the day it was seen', async () => {
    profileText = profileText.replace('年度计划', '年度计划，统筹推进全区重大项目建设');
    await runCrawl(openRun(db, planPath), { snapshotsDir: join(dir, 'snapshots'), kind: 'nightly' });
    const states = db.prepare(`SELECT text_sha256 FROM page_states ORDER BY id`).all() as Array<{ text_sha256: string }>;
    expect(states).toHaveLength(2);
    expect(states[0].text_sha256).not.toBe(states[1].text_sha256);
    const a = new Assessor(db, assessOptions(openRun(db, planPath))).unit('fgw');
    expect(a.columns.find((c) => c.column.name === '机构概况')!.freshness.lastUpdate).toBe(today);
  });

  it('zwgk plan probe prints a verdict per column and exits 1 when any column is 需核对', async () => {
    const out = await run(process.execPath, [BIN, 'plan', 'probe', planPath], { encoding: 'utf8' }).then(
      () => {
        throw new Error('expected exit 1');
      },
      (e: { code: number; stdout: string }) => e,
    );
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`区发展和改革局 / 通知公告  ${server.origin}/short/`);
    expect(out.stdout).toContain('第 1 页条目：15');
    expect(out.stdout).toContain('页面声称：共 40 条');
    expect(out.stdout).toContain('结论：需核对——页面声称共 40 条，但只显示 15 条，且找不到其余各页');
    expect(out.stdout).toMatch(/区发展和改革局 \/ 机构概况 .*\n  抓取方式：静态    单页栏目/);
    expect(out.stdout).toContain('结论：需核对——计划中为该栏目指定的选择器无效');
    expect(out.stdout).toContain('共 3 个栏目：1 个可完整读取，2 个需核对或无法访问。');
  });
});
