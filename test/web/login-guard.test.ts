import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebFixture, PASSWORD, PERIOD, YEAR, type WebFixture } from './fixture.ts';
import { SECRET } from './helpers.ts';
import { createDashboard } from '../../src/web/app.tsx';
import { countWorkdays } from '../../src/assess/workdays.ts';
import { loginFormToken } from '../../src/web/auth.ts';
import { loadSettings } from '../../src/config/settings.ts';
import { setPasswordHash } from '../../src/store/users.ts';
import { randomBytes, scryptSync } from 'node:crypto';

let fx: WebFixture;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  // As behind one nginx: the client is the last X-Forwarded-For entry.
  const d = createDashboard({
    db: fx.db,
    snapshotsDir: fx.snapshotsDir,
    rules: fx.rules,
    year: YEAR,
    period: PERIOD,
    countWorkdays: (from, to) => countWorkdays(fx.rules, from, to),
    settings: { secret: SECRET, trustProxy: 1 },
  });
  server = await d.start({ port: 0, evidencePort: 0 });
}, 120_000);
afterAll(() => server?.close());

async function login(name: string, password: string, forwardedFor: string) {
  const t0 = Date.now();
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
    body: new URLSearchParams({ _csrf: loginFormToken(SECRET), name, password }).toString(),
  });
  return { status: res.status, text: await res.text(), ms: Date.now() - t0 };
}

describe('login under attack, behind a proxy', () => {
  it('100 random-name login attempts at once do not delay a real login by more than 2 s', async () => {
    // The admin's own check is made cheap (the stored hash carries its parameters), so that what is measured is
    // what the flood adds, not how a full-cost scrypt varies on a busy machine. Unguarded, the flood's
    // full-cost checks of made-up names would fill the thread pool and queue this one behind them.
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD.normalize('NFC'), salt, 32, { N: 2 ** 12, r: 8, p: 1 });
    setPasswordHash(fx.db, fx.users.admin.id, ['scrypt', 2 ** 12, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$'));
    // The control: the same login amid 100 page loads, which cost the same HTTP work but no password checks
    // (on a shared machine, that HTTP work alone can take seconds).
    const pageLoads = Array.from({ length: 100 }, () => fetch(`${server.url}/login`).then((r) => r.text()));
    const alone = await login(fx.users.admin.name, PASSWORD, '10.0.0.7');
    await Promise.all(pageLoads);
    expect(alone.status).toBe(303);
    // The client writes its own X-Forwarded-For entries too: only the proxy's (last) one counts.
    const attack = Array.from({ length: 100 }, (_, i) => login(`随机用户${i}-${Math.random()}`, '随便猜的密码123', `10.0.0.7, 203.0.113.66`));
    const real = await login(fx.users.admin.name, PASSWORD, '10.0.0.7');
    const attempts = await Promise.all(attack);
    expect(real.status).toBe(303);
    expect(real.ms - alone.ms).toBeLessThan(2_000);
    const refused = attempts.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(90);
    expect(refused[0].text).toContain('当前登录请求过多');
    expect(attempts.every((a) => a.status === 429 || a.status === 401)).toBe(true);
  }, 120_000);

  it('5 wrong passwords from a shared proxy address slow the admin down for seconds, not lock them out for 15 minutes', async () => {
    const shared = '198.51.100.9';
    for (let i = 0; i < 5; i++) expect((await login(fx.users.assessor.name, `猜错的密码第${i}次`, shared)).status).toBe(401);
    const slowed = await login(fx.users.assessor.name, PASSWORD, shared);
    expect(slowed.status).toBe(429);
    const wait = Number(/请 (\d+) 秒后再试/.exec(slowed.text)?.[1]);
    expect(wait).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, wait * 1000));
    expect((await login(fx.users.assessor.name, PASSWORD, shared)).status).toBe(303);
  }, 120_000);

  it('the trusted proxy count comes from the settings file key trustProxy or ZWGK_TRUST_PROXY', () => {
    expect(loadSettings({ ZWGK_SETTINGS: '/dev/null' }).trustProxy).toBe(0);
    expect(loadSettings({ ZWGK_SETTINGS: '/dev/null', ZWGK_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadSettings({ ZWGK_SETTINGS: '/dev/null', ZWGK_TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(() => loadSettings({ ZWGK_SETTINGS: '/dev/null', ZWGK_TRUST_PROXY: 'nginx' })).toThrow(/trustProxy（环境变量 ZWGK_TRUST_PROXY）/);
  });
});
