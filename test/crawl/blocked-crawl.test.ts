import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoWorld, type DemoWorld } from '../helpers/demo-crawl.ts';
import { openDb, type DB } from '../../src/store/db.ts';
import { listFindings } from '../../src/store/findings.ts';
import { suggestionsFor } from '../../src/store/scores.ts';
import { readSnapshot } from '../../src/evidence/index.ts';
import { openRun, runAssess, runCrawl } from '../../src/run/index.ts';
import { shanghaiDay } from '../../src/shared/time.ts';
import { startServer, type TestServer } from './server.ts';

interface FetchRow {
  url: string;
  final_url: string;
  status: number | null;
  body_sha256: string | null;
}

const visitOf = (db: DB, url: string) =>
  db
    .prepare(`SELECT v.outcome, v.blocked_by AS blockedBy, v.fault, v.error FROM column_visits v JOIN columns c ON c.id = v.column_id WHERE c.url = ? ORDER BY v.id DESC LIMIT 1`)
    .get(url) as { outcome: string | null; blockedBy: string | null; fault: string | null; error: string | null };

const UNITS = ['wjw', 'jyj', 'czj'];

describe('a column that refuses the assessor while its portal answers the others (禁止巡检)', () => {
  let w: DemoWorld;
  const fetchRow = (id: number) => w.db.prepare('SELECT url, final_url, status, body_sha256 FROM fetches WHERE id = ?').get(id) as FetchRow;

  beforeAll(async () => {
    // 区卫健委 通知公告 is disallowed by robots.txt; with `refusals`, 区教育局 行政执法 answers 403 and 区财政局 政府采购
    // redirects to a login page; every other column of the three units answers 200.
    w = await demoWorld({ refusals: true, faults: false, units: UNITS });
    await w.crawl();
    runAssess(openRun(w.db, w.planPath));
  }, 600_000);
  afterAll(() => w?.close());

  const refusing = () => {
    const cols = w.portal.truth.units.filter((u) => UNITS.includes(u.id)).flatMap((u) => u.columns.map((c) => ({ unit: u, col: c })));
    return {
      robots: cols.find((x) => x.col.robotsDisallowed)!,
      forbidden: cols.find((x) => x.col.refusal === 'forbidden')!,
      login: cols.find((x) => x.col.refusal === 'login')!,
    };
  };

  it('records each refusal as the unit’s, with what refused it, and reads every other column', () => {
    for (const [by, { col }] of Object.entries(refusing())) {
      expect(visitOf(w.db, col.url), col.name).toMatchObject({ outcome: 'blocked', blockedBy: by, fault: 'site' });
    }
    const others = w.portal.truth.units.filter((u) => UNITS.includes(u.id)).flatMap((u) => u.columns).filter((c) => !c.robotsDisallowed && !c.refusal);
    expect(others.length).toBeGreaterThan(15);
    for (const c of others) expect(visitOf(w.db, c.url).outcome, c.name).toMatch(/^(ok|blank)$/);
  });

  it('makes a 禁止巡检 finding per refusing column, its evidence the robots.txt or the page that refused', () => {
    const r = refusing();
    const evidenceOf = (unitId: string, name: string) => {
      const f = listFindings(w.db, { unitId, year: 2026 }).filter((x) => x.kind === 'blocked');
      expect(f, name).toHaveLength(1);
      expect(String(f[0].detail.text)).toContain(`栏目“${name}”在 ${shanghaiDay()} 的巡检中拒绝巡检`);
      return f[0].evidence.map(fetchRow);
    };

    const robotsEvidence = evidenceOf(r.robots.unit.id, r.robots.col.name);
    expect(robotsEvidence).toHaveLength(2);
    const robotsTxt = robotsEvidence.find((f) => f.url === `${w.portal.baseUrl}/robots.txt`)!;
    const denied = robotsEvidence.find((f) => f !== robotsTxt)!;
    const path = new URL(r.robots.col.url).pathname.replace(/[^/]*$/, '');
    expect(readSnapshot(w.snapshots, robotsTxt.body_sha256!).toString('utf8')).toContain(`Disallow: ${path}`);
    expect(denied).toMatchObject({ url: r.robots.col.url, status: null, body_sha256: null });

    const [forbidden] = evidenceOf(r.forbidden.unit.id, r.forbidden.col.name);
    expect(forbidden).toMatchObject({ url: r.forbidden.col.url, status: 403 });
    expect(readSnapshot(w.snapshots, forbidden.body_sha256!).toString('utf8')).toContain('403 Forbidden');

    const [login] = evidenceOf(r.login.unit.id, r.login.col.name);
    expect(login).toMatchObject({ url: r.login.col.url, status: 200 });
    expect(login.final_url).toContain('/sso/login.html');
    expect(readSnapshot(w.snapshots, login.body_sha256!).toString('utf8')).toContain('type="password"');
  });

  it('deducts each refusing column under 公开形式-1, as a blank column, in the basis the assessor confirms', () => {
    for (const { unit, col } of Object.values(refusing())) {
      const s = suggestionsFor(w.db, unit.id, 2026).find((x) => x.code === '公开形式-1')!;
      expect(s.basis, unit.name).toContain(`1 个栏目禁止巡检：${col.name}`);
      expect(s.basis.split('；').at(-1), unit.name).toMatch(/^10 − (.+ − )?1 × 2( − .+)? = /);
      const finding = listFindings(w.db, { unitId: unit.id, year: 2026 }).find((f) => f.kind === 'blocked')!;
      expect(s.evidence).toEqual(expect.arrayContaining(finding.evidence));
    }
  });
});

describe('a portal that refuses the assessor everywhere is not a unit’s 禁止巡检', () => {
  let forbidAll: TestServer;
  let disallowAll: TestServer;
  let db: DB;
  let planPath: string;

  beforeAll(async () => {
    // Our IP banned or a WAF in the way: every page answers 403. And a robots.txt that forbids the whole site.
    forbidAll = await startServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      res.writeHead(403, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><h1>403 Forbidden</h1></body></html>');
    });
    disallowAll = await startServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /\n');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>不应被请求</body></html>');
    });
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-blocked-'));
    planPath = join(dir, 'plan.yaml');
    const year = Number(shanghaiDay().slice(0, 4));
    const unit = (id: string, name: string, origin: string) => [
      `  - id: ${id}`,
      `    name: ${name}`,
      '    kind: 区直部门',
      '    columns:',
      `      - { key: tzgg, name: 通知公告, url: ${origin}/${id}/tzgg/, class: 通知公告, render: static }`,
      `      - { key: gzdt, name: 工作动态, url: ${origin}/${id}/gzdt/, class: 动态要闻, render: static }`,
    ];
    writeFileSync(
      planPath,
      [
        `year: ${year}`,
        `period: { from: ${year}-01-01, to: ${year}-12-31 }`,
        'crawl: { perHostDelayMs: 0, retries: 0 }',
        'allowPrivate: true',
        'units:',
        ...unit('fgw', '区发展和改革委员会', forbidAll.origin),
        ...unit('jyj', '区教育局', disallowAll.origin),
      ].join('\n') + '\n',
    );
    db = openDb(join(dir, 'zwgk.db'));
    const s = await runCrawl(openRun(db, planPath), { snapshotsDir: join(dir, 'snapshots'), kind: 'nightly' });
    expect(s.outcomes.blocked).toBe(0);
    expect(s.unfinished).toBe(4);
    runAssess(openRun(db, planPath));
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await forbidAll?.close();
    await disallowAll?.close();
  });

  it('concludes nothing about the columns and says it is for the auditor to sort out', () => {
    const visits = db.prepare('SELECT outcome, blocked_by AS blockedBy, fault, error FROM column_visits').all() as Array<{ outcome: string | null; blockedBy: string | null; fault: string; error: string }>;
    expect(visits).toHaveLength(4);
    for (const v of visits) {
      expect(v).toMatchObject({ outcome: null, fault: 'auditor' });
      expect(v.error).toContain('是整个网站拒绝了本系统');
    }
    expect(visits.map((v) => v.blockedBy).sort()).toEqual(['forbidden', 'forbidden', 'robots', 'robots']);
    expect(disallowAll.hits.map((h) => h.path)).toEqual(['/robots.txt']);
  });

  it('makes no finding and deducts nothing', () => {
    for (const unitId of ['fgw', 'jyj']) {
      expect(listFindings(db, { unitId, year: Number(shanghaiDay().slice(0, 4)) })).toEqual([]);
      const s = suggestionsFor(db, unitId, Number(shanghaiDay().slice(0, 4))).find((x) => x.code === '公开形式-1')!;
      // No column has evidence either way: nothing to suggest, rather than a full or a reduced score.
      expect(s).toMatchObject({ suggested: null });
    }
  });
});
