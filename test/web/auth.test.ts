import { beforeAll, describe, expect, it } from 'vitest';
import { buildWebFixture, PASSWORD, type WebFixture } from './fixture.ts';
import { dashboardFor, LIMITS, loginAs, request, SECRET } from './helpers.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/web/password.ts';
import { loginFormToken, loginFormTokenOk } from '../../src/web/auth.ts';
import { LoginGuard } from '../../src/web/login-guard.ts';
import { countUserSessions, createSession, findSession, tokenId } from '../../src/store/sessions.ts';
import { setPasswordHash } from '../../src/store/users.ts';
import type { Dashboard } from '../../src/web/app.tsx';
import { scoreSheet } from '../../src/assess/sheet.ts';

let fx: WebFixture;
let d: Dashboard;

beforeAll(async () => {
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  d = dashboardFor(fx);
}, 120_000);

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];

async function formLogin(name: string, password: string, cookie?: string) {
  return d.app.request('/login', {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ _csrf: loginFormToken(SECRET), name, password }).toString(),
  });
}

describe('passwords', () => {
  it('scrypt hashes carry their parameters, verify only the right password and are salted', async () => {
    const h = await hashPassword('正确的密码123456');
    expect(h).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('正确的密码123456', h)).toBe(true);
    expect(await verifyPassword('正确的密码123457', h)).toBe(false);
    expect(await hashPassword('正确的密码123456')).not.toBe(h);
    expect(passwordProblem('short')).toContain('至少需要 10 个字符');
    expect(passwordProblem('足够长的一个密码啊啊')).toBeUndefined();
  }, 300_000);
});

describe('login, sessions and logout', () => {
  it('logs in with an HttpOnly SameSite=Lax cookie whose token is stored only as its sha256, rotating any old session', async () => {
    const old = loginAs(fx, fx.users.assessor);
    const res = await formLogin(fx.users.assessor.name, PASSWORD, old.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http in tests; https base URLs set it
    const token = cookieOf(res).split('=')[1];
    expect(fx.db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(token)).toBeUndefined();
    expect(fx.db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(tokenId(token))).toBeDefined();
    // the session presented at login is gone
    expect((await request(d, 'GET', '/overview', { login: old })).status).toBe(302);
    expect((await d.app.request('/overview', { headers: { cookie: cookieOf(res) } })).status).toBe(200);
  }, 300_000);

  it('refuses bad passwords and unknown names with one message that does not echo the input', async () => {
    for (const [name, pw] of [[fx.users.assessor.name, '错误的密码错误的密码'], ['<b>不存在的人</b>', PASSWORD]]) {
      const res = await formLogin(name, pw);
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('用户名或密码不正确');
      expect(html).not.toContain('不存在的人');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  }, 300_000);

  it('slows failed logins per account: the 6th attempt right after 5 failures is refused, even with the right password', async () => {
    const name = fx.users.spare.name;
    for (let i = 0; i < 5; i++) expect((await formLogin(name, `错误的密码第${i}次尝试`)).status).toBe(401);
    const blocked = await formLogin(name, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toMatch(/请 \d+ 秒后再试/);
    expect(blocked.headers.get('set-cookie')).toBeNull();
    // other names are unaffected
    expect((await formLogin(fx.users.admin.name, PASSWORD)).status).toBe(303);
    // The wait doubles from 1 s per further failure, up to a minute: slowed, never locked for long.
    const g = new LoginGuard({ global: 4, perIp: 2, freeFailures: 5, maxBackoffSeconds: 60 });
    for (let i = 0; i < 5; i++) g.fail('x', 1000);
    expect(g.admit('1.2.3.4', 'x', 1999)).toEqual({ ok: false, reason: 'backoff', seconds: 1 });
    expect(g.admit('1.2.3.4', 'x', 2000).ok).toBe(true);
    for (let i = 0; i < 20; i++) g.fail('x', 2000);
    expect(g.admit('5.6.7.8', 'x', 2000)).toEqual({ ok: false, reason: 'backoff', seconds: 60 });
    expect(g.admit('5.6.7.8', 'x', 62_000).ok).toBe(true);
  }, 300_000);

  it('login form tokens are signed and expire after an hour', () => {
    const t = loginFormToken(SECRET, 1_000_000);
    expect(loginFormTokenOk(SECRET, t, 1_000_000 + 3599_000)).toBe(true);
    expect(loginFormTokenOk(SECRET, t, 1_000_000 + 3601_000)).toBe(false);
    expect(loginFormTokenOk(Buffer.alloc(32, 9), t, 1_000_000)).toBe(false);
    expect(loginFormTokenOk(SECRET, '1000000.forged', 1_000_000)).toBe(false);
  }, 300_000);

  it('logout (POST only) deletes the session; GET /logout changes nothing', async () => {
    const l = loginAs(fx, fx.users.assessor);
    expect((await request(d, 'GET', '/logout', { login: l })).status).toBe(404);
    expect((await request(d, 'GET', '/overview', { login: l })).status).toBe(200);
    expect((await request(d, 'POST', '/logout', { login: l })).status).toBe(303);
    expect((await request(d, 'GET', '/overview', { login: l })).status).toBe(302);
  }, 300_000);

  it('sessions expire when idle and at their absolute limit, and die with a password change', () => {
    const now = Date.now();
    const a = createSession(fx.db, fx.users.spare.id, LIMITS, now);
    expect(findSession(fx.db, a.token, LIMITS, now + LIMITS.idleMs - 1)).toBeDefined();
    expect(findSession(fx.db, a.token, LIMITS, now + 2 * LIMITS.idleMs)).toBeUndefined();
    const b = createSession(fx.db, fx.users.spare.id, LIMITS, now);
    // keep it active every hour: still ends at the absolute limit
    let t = now;
    while (t + 3600_000 < now + LIMITS.absoluteMs) {
      t += 3600_000;
      expect(findSession(fx.db, b.token, LIMITS, t)).toBeDefined();
    }
    expect(findSession(fx.db, b.token, LIMITS, now + LIMITS.absoluteMs)).toBeUndefined();
    createSession(fx.db, fx.users.spare.id, LIMITS);
    createSession(fx.db, fx.users.spare.id, LIMITS);
    expect(countUserSessions(fx.db, fx.users.spare.id)).toBeGreaterThanOrEqual(2);
    setPasswordHash(fx.db, fx.users.spare.id, 'scrypt$1$1$1$a$b');
    expect(countUserSessions(fx.db, fx.users.spare.id)).toBe(0);
  }, 300_000);

  it("an admin disabling a user ends that user's sessions", async () => {
    const victim = loginAs(fx, fx.users.other);
    const admin = loginAs(fx, fx.users.admin);
    expect((await request(d, 'POST', `/users/${fx.users.other.id}/disable`, { login: admin })).status).toBe(303);
    expect((await request(d, 'GET', `/units/${fx.other.unitId}`, { login: victim })).status).toBe(302);
    expect((await request(d, 'POST', `/users/${fx.users.other.id}/enable`, { login: admin })).status).toBe(303);
  }, 300_000);
});

describe('CSRF and methods', () => {
  it('refuses a state change without the session token, with a wrong one, or from another origin', async () => {
    const l = loginAs(fx, fx.users.assessor);
    const path = `/units/${fx.own.unitId}/score/verdict`;
    const before = (fx.db.prepare('SELECT count(*) n FROM score_decisions').get() as { n: number }).n;
    expect((await request(d, 'POST', path, { login: { ...l, csrf: '' }, form: { reason: '自查报告与巡检证据不符' } })).status).toBe(403);
    expect((await request(d, 'POST', path, { login: { ...l, csrf: 'x'.repeat(43) }, form: { reason: '自查报告与巡检证据不符' } })).status).toBe(403);
    expect((await request(d, 'POST', path, { login: l, form: { reason: '自查报告与巡检证据不符' }, origin: 'http://evil.example' })).status).toBe(403);
    // another user's token does not work either
    const other = loginAs(fx, fx.users.admin);
    expect((await request(d, 'POST', path, { login: { cookie: l.cookie, csrf: other.csrf }, form: { reason: '自查报告与巡检证据不符' } })).status).toBe(403);
    expect((fx.db.prepare('SELECT count(*) n FROM score_decisions').get() as { n: number }).n).toBe(before);
    expect((await request(d, 'POST', path, { login: l, form: { reason: '自查报告与巡检证据不符' } })).status).toBe(303);
    expect((fx.db.prepare('SELECT count(*) n FROM score_decisions').get() as { n: number }).n).toBe(before + 1);
  }, 300_000);

  it('no route changes state on GET: every GET route is side-effect free for the store', async () => {
    const count = () =>
      ['score_decisions', 'audit_log', 'rectifications', 'users', 'findings'].map((t) => (fx.db.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n);
    const before = count();
    const admin = loginAs(fx, fx.users.admin);
    for (const r of d.routes.filter((x) => x.method === 'GET')) {
      const p = r.path.replace(':unitId', fx.own.unitId).replace(':columnId', String(fx.own.columnId)).replace(':fetchId', String(fx.own.fetchId)).replace(':format', 'json').replace(':file', 'app.js');
      expect((await request(d, 'GET', p, { login: admin })).status).toBeLessThan(500);
    }
    expect(count()).toEqual(before);
  }, 300_000);
});

describe('score decisions over HTTP', () => {
  it('an override without a reason is refused with a Chinese message and nothing is logged', async () => {
    const l = loginAs(fx, fx.users.assessor);
    const before = (fx.db.prepare('SELECT count(*) n FROM score_decisions').get() as { n: number }).n;
    const res = await request(d, 'POST', `/units/${fx.other.unitId}/score/decision`, { login: l, form: { code: '公开内容-1', action: 'override', value: '20', reason: '' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('须写明理由');
    expect((fx.db.prepare('SELECT count(*) n FROM score_decisions').get() as { n: number }).n).toBe(before);
  }, 300_000);

  it('unlocking is admin-only and lands in the audit log', async () => {
    const admin = loginAs(fx, fx.users.admin);
    const unit = fx.other.unitId;
    // finalize needs every item decided
    for (const row of fx.db.prepare('SELECT code, suggested FROM score_suggestions WHERE unit_id = ?').all(unit) as { code: string; suggested: number }[]) {
      await request(d, 'POST', `/units/${unit}/score/decision`, { login: admin, form: { code: row.code, action: 'confirm' } });
    }
    for (const code of ['组织领导-1', '组织领导-2', '组织领导-3', '公开内容-2', '公开形式-2', '公开效果-1', '公开效果-2', '公开效果-3']) {
      await request(d, 'POST', `/units/${unit}/score/decision`, { login: admin, form: { code, action: 'manual', value: '5' } });
    }
    const { total, grade } = scoreSheet(fx.db, unit, 2026, fx.rules);
    expect((await request(d, 'POST', `/units/${unit}/score/finalize`, { login: admin, form: { confirm: 'yes', total: String(total), grade: grade ?? '' } })).status).toBe(303);
    const assessor = loginAs(fx, fx.users.assessor);
    expect((await request(d, 'POST', `/units/${unit}/score/unlock`, { login: assessor, form: { reason: '想改' } })).status).toBe(403);
    expect((await request(d, 'POST', `/units/${unit}/score/decision`, { login: assessor, form: { code: '公开内容-1', action: 'confirm' } })).status).toBe(400);
    expect((await request(d, 'POST', `/units/${unit}/score/unlock`, { login: admin, form: { reason: '单位提交了补充材料，需复核公开形式-2' } })).status).toBe(303);
    const audit = fx.db.prepare("SELECT action, target, detail FROM audit_log WHERE action = 'score.unlock'").all();
    expect(audit).toEqual([{ action: 'score.unlock', target: `score:${unit}:2026`, detail: '单位提交了补充材料，需复核公开形式-2' }]);
  }, 300_000);
});

describe('headers and error pages', () => {
  it('sends a CSP without inline script, frame and sniffing protections, and a referrer policy', async () => {
    const res = await request(d, 'GET', '/login');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  }, 300_000);

  it('404, 403 and 400 pages are fixed Chinese texts that never echo the request', async () => {
    const probe = '<script>alert(1)</script>';
    const nf = await d.app.request(`/nothing/${encodeURIComponent(probe)}?q=${encodeURIComponent(probe)}`);
    expect(nf.status).toBe(404);
    const body = await nf.text();
    expect(body).toContain('页面不存在');
    expect(body).not.toContain('alert');
    const unit = loginAs(fx, fx.users.own);
    const fb = await request(d, 'GET', `/units/${fx.other.unitId}?x=${encodeURIComponent(probe)}`, { login: unit });
    expect(fb.status).toBe(403);
    expect(await fb.text()).not.toContain('alert');
  }, 300_000);
});
