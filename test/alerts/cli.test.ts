import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser, type AddressObject } from 'mailparser';
import { columnClassifier, loadRules } from '../../src/config/rules.ts';
import { loadPlan } from '../../src/config/plan.ts';
import { openDb, type DB } from '../../src/store/db.ts';
import { syncPlan } from '../../src/store/plans.ts';
import { countOutbox } from '../../src/store/alerts.ts';
import { startSmtp, type TestSmtp } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/zwgk.js', import.meta.url));

const PLAN = `year: 2026
period: { from: 2026-01-01, to: 2026-12-31 }
allowPrivate: true
units:
  - id: xinchang
    name: 新厂街道办事处
    kind: 镇街
    contacts: [{ name: 张三, email: zhangsan@example.org }]
    columns:
      - { key: gzdt, name: 工作动态, url: http://127.0.0.1:9/xc/gzdt/, class: 动态要闻 }
      - { key: tzgg, name: 通知公告, url: http://127.0.0.1:9/xc/tzgg/, class: 通知公告 }
  - id: lishan
    name: 里山镇人民政府
    kind: 镇街
    contacts: [{ name: 王五, email: wangwu@example.org }]
    columns:
      - { key: gzdt, name: 工作动态, url: http://127.0.0.1:9/ls/gzdt/, class: 动态要闻 }
`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function zwgk(dir: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ZWGK_')));
    const p = spawn(process.execPath, [BIN, '--db', join(dir, 'z.db'), ...args], { cwd: dir, env: { ...clean, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A crawled store: xinchang's 工作动态 last updated 2026-11-10 (14-day window: 超期 from 11-25), its 通知公告
 * fresh but with one late item whose title is hostile; lishan's 工作动态 blank.
 */
function seed(dir: string): void {
  writeFileSync(join(dir, 'plan.yaml'), PLAN);
  const rules = loadRules();
  const db: DB = openDb(join(dir, 'z.db'));
  const ids = syncPlan(db, loadPlan(join(dir, 'plan.yaml'), rules), columnClassifier(rules)).columnIds;
  const run = Number(db.prepare("INSERT INTO crawl_runs (started_at, status) VALUES ('2026-11-25T18:00:00Z', 'ok')").run().lastInsertRowid);
  const visit = db.prepare("INSERT INTO column_visits (run_id, column_id, started_at, outcome, complete) VALUES (?, ?, '2026-11-25T18:00:00Z', ?, 1)");
  const item = db.prepare(
    `INSERT INTO items (column_id, url, url_key, title, published_at, document_date, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, '2026-11-25T18:00:00Z', '2026-11-25T18:00:00Z')`,
  );
  visit.run(run, ids.xinchang[0], 'ok');
  item.run(ids.xinchang[0], 'http://127.0.0.1:9/xc/gzdt/1.html', 'xc/gzdt/1', '街道召开安全生产会议', '2026-11-10', null);
  visit.run(run, ids.xinchang[1], 'ok');
  item.run(ids.xinchang[1], 'http://127.0.0.1:9/xc/tzgg/1.html', 'xc/tzgg/1', '关于<script>alert(1)</script>的通知', '2026-11-20', '2026-10-09');
  visit.run(run, ids.lishan[0], 'blank');
  db.close();
}

let servers: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const MAIL_ENV = { ZWGK_MAIL_FROM: 'zwgk@example.gov.cn', ZWGK_OFFICE_EMAIL: 'office@example.gov.cn', ZWGK_BASE_URL: 'https://zwgk.example.gov.cn' };

// Each CLI run starts tsx from scratch (seconds on a busy machine): generous timeouts, no timing asserted.
describe('zwgk alerts', { timeout: 300_000 }, () => {
  it('without ZWGK_SMTP_URL: exit 2 with a Chinese message naming the variable and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-alerts-cli-'));
    seed(dir);
    const r = await zwgk(dir, ['alerts', '--plan', 'plan.yaml', '--as-of', '2026-11-26'], { ZWGK_MAIL_FROM: 'zwgk@example.gov.cn' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/未设置发信服务器：请设置环境变量 ZWGK_SMTP_URL，例如 ZWGK_SMTP_URL=smtp:\/\/.*--dry-run/);
  });

  it('--dry-run writes .eml files and a Chinese summary, and changes no state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-alerts-cli-'));
    seed(dir);
    const r = await zwgk(dir, ['alerts', '--plan', 'plan.yaml', '--as-of', '2026-11-26', '--dry-run', '--out', 'eml'], MAIL_ENV);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('（演练）未发送任何邮件，未改动数据库。');
    expect(r.stdout).toContain('预警日期 2026-11-26：2 个单位，共 3 条（已超期 1、空白栏目 1、逾期公开 1）。');
    expect(r.stdout).toContain('新厂街道办事处：已超期 1、逾期公开 1 → 收件人 zhangsan@example.org；抄送 office@example.gov.cn');
    const files = readdirSync(join(dir, 'eml')).sort();
    expect(files).toEqual(['lishan_2026-11-26.eml', 'xinchang_2026-11-26.eml']);
    const mail = await simpleParser(readFileSync(join(dir, 'eml', 'xinchang_2026-11-26.eml')));
    expect(mail.subject).toBe('【政务公开预警】新厂街道办事处：1 个栏目已超期、1 条信息逾期公开（2026-11-26）');
    expect(String(mail.html)).toContain('关于&lt;script&gt;alert(1)&lt;/script&gt;的通知');
    const db = openDb(join(dir, 'z.db'));
    expect(countOutbox(db)).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0 });
    expect(db.prepare('SELECT count(*) n FROM alert_state').get()).toEqual({ n: 0 });
    db.close();
  });

  it('sends once per night, keeps mail when the server is down, and sends it on the next run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-alerts-cli-'));
    seed(dir);
    const s = await startSmtp();
    servers.push(s);
    const env = { ...MAIL_ENV, ZWGK_SMTP_URL: s.url };

    const r1 = await zwgk(dir, ['alerts', '--plan', 'plan.yaml', '--as-of', '2026-11-26'], env);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toContain('发送：成功 2 封，稍后重试 0 封，永久失败 0 封。');
    const mails = await Promise.all(s.accepted.map((m) => simpleParser(m.raw)));
    const xc = mails.find((m) => m.subject!.includes('新厂'))!;
    const ls = mails.find((m) => m.subject!.includes('里山'))!;
    expect((xc.cc as AddressObject).value.map((v) => v.address)).toEqual(['office@example.gov.cn']);
    expect(xc.text).toContain('「工作动态」（动态要闻，更新时限 14 天）：最近一次更新 2026-11-10，已 16 天未更新，已于 2026-11-25 超期');
    expect(xc.text).toMatch(/《关于<script>alert\(1\)<\/script>的通知》：成文日期 2026-10-09，发布日期 2026-11-20，相隔 \d+ 个工作日，超过 20 个工作日的公开时限/);
    expect(ls.cc).toBeUndefined();
    expect(ls.subject).toBe('【政务公开预警】里山镇人民政府：1 个空白栏目（2026-11-26）');

    // The same night again (a double click): nothing new.
    const r2 = await zwgk(dir, ['alerts', '--plan', 'plan.yaml', '--as-of', '2026-11-26'], env);
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain('没有需要发送的预警');
    expect(s.accepted).toHaveLength(2);

    // A week later the reminders are due, but the server is down: exit 1, nothing lost.
    await s.close();
    servers = [];
    const r3 = await zwgk(dir, ['alerts', '--plan', 'plan.yaml', '--as-of', '2026-12-03'], env);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toContain('邮件服务器暂时不可用');
    expect(r3.stdout).toContain('预警日期 2026-12-03：2 个单位，共 2 条（已超期 1、空白栏目 1）。');
    let db = openDb(join(dir, 'z.db'));
    expect(countOutbox(db)).toMatchObject({ pending: 2, sent: 2 });
    db.prepare('UPDATE alerts_outbox SET next_attempt_at = NULL').run(); // as if the backoff had elapsed
    db.close();

    const back = await startSmtp();
    servers.push(back);
    const r4 = await zwgk(dir, ['alerts', '--plan', 'plan.yaml', '--as-of', '2026-12-03'], { ...env, ZWGK_SMTP_URL: back.url });
    expect(r4.code).toBe(0);
    expect(r4.stdout).toContain('发送：成功 2 封');
    const reminders = await Promise.all(back.accepted.map((m) => simpleParser(m.raw)));
    expect(reminders.map((m) => m.text).join('\n')).toContain('（持续超期提醒）');
    db = openDb(join(dir, 'z.db'));
    expect(countOutbox(db)).toEqual({ pending: 0, sending: 0, sent: 4, failed: 0 });
    db.close();
  });
});
