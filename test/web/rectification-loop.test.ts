import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import { launchChromium } from '../../src/shared/chromium.ts';
import type { Dashboard } from '../../src/web/app.tsx';
import { planFromObject } from '../../src/config/plan.ts';
import { loadSettings } from '../../src/config/settings.ts';
import { addWorkdays } from '../../src/assess/workdays.ts';
import { verifyRectifications } from '../../src/assess/rectifications.ts';
import { runAlerts } from '../../src/run/alerts.ts';
import type { RunContext } from '../../src/run/context.ts';
import { addDays, shanghaiDay } from '../../src/shared/time.ts';
import { buildWebFixture, PASSWORD, PERIOD, YEAR, type WebFixture } from './fixture.ts';
import { dashboardFor, loginAs, request } from './helpers.ts';
import { startSmtp, type TestSmtp } from '../alerts/helpers.ts';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const PDF = Buffer.from('%PDF-1.4\n% 新厂街道 整改方案 附件\n%%EOF\n', 'utf8');

let fx: WebFixture;
let d: Dashboard;
let browser: Browser;
let site: { url: string; close(): Promise<void> };
let smtp: TestSmtp;
let staleId: number;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  // An ongoing stale stretch of the own unit that nobody has issued yet.
  staleId = Number(
    fx.db
      .prepare(
        `INSERT INTO findings (identity, kind, unit_id, column_id, year, detail_json, first_detected_at, last_detected_at, rules_version)
         VALUES ('stale:xc-news:2026-11-01', 'stale-episode', ?, ?, ?, ?, '2026-11-16T18:00:00Z', '2026-11-20T18:00:00Z', ?)`,
      )
      .run(fx.own.unitId, fx.own.columnId, YEAR, JSON.stringify({ text: '工作动态 2026-11-01 起超过 14 天未更新。', from: '2026-11-01', to: null }), fx.rules.version.id)
      .lastInsertRowid,
  );
  d = dashboardFor(fx);
  site = await d.start({ port: 0, evidencePort: 0, host: '127.0.0.1' });
  smtp = await startSmtp();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await smtp?.close();
});

async function login(name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${site.url}/login`);
  await page.fill('#name', name);
  await page.fill('#password', PASSWORD);
  // The landing page's charts are not what this test is about: a loaded machine may take long to draw them.
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login'), { waitUntil: 'commit' }), page.click('button[type=submit]')]);
  return page;
}

/** The nightly alerts run over the fixture's two units, mail to the test SMTP server. */
function alertsOn(day: string) {
  const plan = planFromObject(
    {
      year: YEAR,
      period: PERIOD,
      allowPrivate: true,
      units: [
        { id: fx.own.unitId, name: '新厂街道办事处', kind: '镇街', contacts: [{ name: '张三', email: 'zhangsan@xinchang.example' }], columns: [{ name: '工作动态', url: 'http://127.0.0.1/xc/', class: '动态要闻' }] },
        { id: fx.other.unitId, name: '区教育局', kind: '区直部门', contacts: [{ name: '李四', email: 'lisi@jiaoyu.example' }], columns: [{ name: '教育动态', url: 'http://127.0.0.1/jy/', class: '动态要闻' }] },
      ],
    },
    fx.rules,
  );
  const run: RunContext = { db: fx.db, rules: fx.rules, plan, settings: { ...loadSettings({}), baseUrl: site.url, officeEmail: 'office@zhushan.example' }, syncPlan: () => 0 };
  return runAlerts(run, { day, send: { smtpUrl: smtp.url, mailFrom: 'zwgk@zhushan.example' } });
}

const rectMails = () => smtp.accepted.filter((m) => /X-Zwgk-Alert-Key: rect:/i.test(m.raw.toString('utf8')));
const keyOf = (raw: Buffer) => /X-Zwgk-Alert-Key: (\S+)/i.exec(raw.toString('utf8'))![1];
const statusOf = (page: Page) => page.textContent('#rect-status');

describe('整改 as a loop the unit takes part in (Chromium, real SMTP)', () => {
  it('the office issues all of one unit in one action; the unit plans with an attachment and reports; the office accepts; a later crawl closes the stale one; each mail arrives once', async () => {
    const today = shanghaiDay();
    const office = await login('王考核');
    await office.goto(`${site.url}/rectifications`);
    await office.selectOption('#issue-unit select[name=unitId]', fx.own.unitId);
    await Promise.all([office.waitForURL(/issued=/), office.click('#issue-unit button[type=submit]')]);
    // blank column, back-dating and the new stale stretch (the fixture's old stale 整改 was issued before)
    expect(await office.textContent('.notice')).toContain('已下发 3 项整改');
    const rects = fx.db.prepare('SELECT r.id, f.kind, r.deadline, r.plan_due AS planDue FROM rectifications r JOIN findings f ON f.id = r.finding_id WHERE r.plan_due IS NOT NULL ORDER BY r.id').all() as Array<{ id: number; kind: string; deadline: string; planDue: string }>;
    expect(rects.map((r) => r.kind).sort()).toEqual(['back-dated', 'blank-column', 'stale-episode']);
    const deadline = rects[0].deadline;
    expect(deadline).toBe(addDays(today, 15));
    expect(rects[0].planDue).toBe(addWorkdays(fx.rules, today, 5) < deadline ? addWorkdays(fx.rules, today, 5) : deadline);
    const stale = rects.find((r) => r.kind === 'stale-episode')!;

    // Notices go out with the next alerts run, once however often it runs.
    await alertsOn(today);
    await alertsOn(today);
    expect(rectMails().map((m) => keyOf(m.raw)).sort()).toEqual(rects.map((r) => `rect:${r.id}:issued`).sort());
    expect(rectMails().every((m) => m.rcpt.includes('zhangsan@xinchang.example'))).toBe(true);
    const issued = await simpleParser(rectMails().find((m) => keyOf(m.raw) === `rect:${stale.id}:issued`)!.raw);
    expect(issued.subject).toBe(`【政务公开整改通知】新厂街道办事处：超期未更新（整改期限 ${deadline}）`);
    expect(issued.text).toContain(`请于 ${stale.planDue} 前登录看板提交整改方案`);
    expect(issued.text).toContain(`${site.url}/rectifications/${stale.id}`);

    // The unit's side: its list, the stale item, a 整改方案 with a PDF.
    const unit = await login('新厂街道');
    await unit.click('nav a:has-text("整改")');
    await unit.click(`a[href="/rectifications/${stale.id}"]`);
    expect(await statusOf(unit)).toContain('待提交方案');
    await unit.fill('textarea[name=body]', '一、11 月底前补发工作动态；二、指定专人每周更新；三、纳入月度自查。');
    await unit.setInputFiles('input[name=files]', { name: '整改方案.pdf', mimeType: 'application/pdf', buffer: PDF });
    await Promise.all([unit.waitForURL(/saved=submitted/), unit.click('#submit-form button[type=submit]')]);
    expect(await statusOf(unit)).toContain('方案待审');
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(await unit.textContent('ol.history')).toContain(`SHA-256 ${sha}`);

    // The office returns without a reason (refused), then accepts; it downloads the very bytes the unit sent.
    await office.goto(`${site.url}/rectifications/${stale.id}`);
    await Promise.all([office.waitForLoadState('load'), office.click('#decision-form button[value=returned]')]);
    expect(await office.textContent('.error')).toContain('退回时须填写理由');
    const href = await office.getAttribute('ol.history a[href*="/attachments/"]', 'href');
    const download = await office.request.get(`${site.url}${href}`);
    expect(download.status()).toBe(200);
    expect(createHash('sha256').update(await download.body()).digest('hex')).toBe(sha);
    expect(download.headers()['content-disposition']).toContain('attachment');
    // Another unit's account cannot read it, nor the 整改 itself.
    const otherUnit = loginAs(fx, fx.users.other);
    expect((await request(d, 'GET', href!, { login: otherUnit })).status).toBe(403);
    expect((await request(d, 'GET', `/rectifications/${stale.id}`, { login: otherUnit })).status).toBe(403);
    expect((await request(d, 'POST', `/rectifications/${stale.id}/submit`, { login: otherUnit, form: { kind: 'report', body: '别的单位代交的整改情况说明' } })).status).toBe(403);
    await Promise.all([office.waitForURL(/saved=decided/), office.click('#decision-form button[value=accepted]')]);
    expect(await statusOf(office)).toContain('整改中');

    // The 整改情况, accepted: the crawl still finds the stale stretch, so it waits for one.
    await unit.reload();
    await unit.fill('textarea[name=body]', '已于 12 月初补发 6 条工作动态，栏目恢复正常更新。');
    await Promise.all([unit.waitForURL(/saved=submitted/), unit.click('#submit-form button[type=submit]')]);
    expect(await statusOf(unit)).toContain('情况待审');
    await office.reload();
    await Promise.all([office.waitForURL(/saved=decided/), office.click('#decision-form button[value=accepted]')]);
    expect(await statusOf(office)).toContain('待巡检核实');

    // A later assess: the stale stretch has ended, and verification closes the 整改.
    fx.db.prepare('UPDATE findings SET detail_json = ? WHERE id = ?').run(JSON.stringify({ text: '工作动态 2026-11-01 至 2026-12-03 超期', from: '2026-11-01', to: '2026-12-03' }), staleId);
    expect(verifyRectifications(fx.db, today)).toEqual({ rectified: 1, overdue: 0 });
    await unit.reload();
    expect(await statusOf(unit)).toContain('已整改');
    // The history is the same on both sides, every step logged with who did it.
    const log = await unit.textContent('main table');
    for (const step of ['下发整改', '提交整改方案', '采纳整改方案', '提交整改情况', '采纳整改情况', '巡检核实：已整改']) expect(log).toContain(step);
    expect(log).toContain('王考核');
    await unit.screenshot({ path: join(ARTIFACTS, 'rectification-unit.png'), fullPage: true });

    // Reminder in the window before the deadline, for the two the unit still has to act on; overdue after it.
    const reminderDay = addWorkdays(fx.rules, deadline, -fx.rules.timeliness.rectification.reminderWorkdays);
    await alertsOn(reminderDay);
    await alertsOn(reminderDay);
    const overdueDay = addDays(deadline, 1);
    await alertsOn(overdueDay);
    await alertsOn(overdueDay);
    const keys = rectMails().map((m) => keyOf(m.raw));
    expect(new Set(keys).size).toBe(keys.length);
    const open = rects.filter((r) => r.kind !== 'stale-episode').map((r) => r.id);
    expect(keys.filter((k) => k.includes(':reminder:')).sort()).toEqual(open.map((id) => `rect:${id}:reminder:${deadline}`).sort());
    expect(keys.filter((k) => k.endsWith(':overdue')).sort()).toEqual(open.map((id) => `rect:${id}:overdue`).sort());
    const overdueMail = rectMails().find((m) => keyOf(m.raw).endsWith(':overdue'))!;
    expect(overdueMail.rcpt).toContain('office@zhushan.example');
    expect((await simpleParser(overdueMail.raw)).subject).toMatch(/^【政务公开整改逾期】新厂街道办事处：/);
  }, 300_000);
});
