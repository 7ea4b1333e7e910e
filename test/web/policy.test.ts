import { beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { buildWebFixture, type WebFixture } from './fixture.ts';
import { dashboardFor, loginAs, request, SECRET, type Login } from './helpers.ts';
import { loginFormToken } from '../../src/web/auth.ts';
import { evidenceToken } from '../../src/web/evidence-origin.ts';
import { tokenId } from '../../src/store/sessions.ts';
import type { Dashboard } from '../../src/web/app.tsx';
import type { Policy } from '../../src/web/policy.ts';

type Role = 'anonymous' | 'unit' | 'assessor' | 'admin';

/**
 * Who may do what, written down independently of src/web/routes.tsx: a route added or loosened there
 * without changing this table fails the test.
 */
const EXPECTED: Record<string, Policy['kind']> = {
  'GET /static/:file': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'any-user',
  'GET /': 'any-user',
  'GET /account': 'any-user',
  'POST /account/password': 'any-user',
  'GET /overview': 'assessor',
  'GET /units/:unitId': 'own-unit',
  'GET /units/:unitId/score': 'own-unit',
  'POST /units/:unitId/score/decision': 'assessor',
  'POST /units/:unitId/score/verdict': 'assessor',
  'POST /units/:unitId/score/verdict/withdraw': 'assessor',
  'GET /units/:unitId/score/finalize': 'assessor',
  'POST /units/:unitId/score/finalize': 'assessor',
  'GET /units/:unitId/score/sheet/:format': 'own-unit',
  'POST /units/:unitId/score/unlock': 'admin',
  'POST /units/:unitId/score/confirm-all': 'assessor',
  'POST /results/confirm-all': 'assessor',
  'GET /findings': 'assessor',
  'POST /findings/review': 'assessor',
  'POST /findings/review-bulk': 'assessor',
  'GET /columns/:columnId': 'own-unit',
  'GET /evidence/:fetchId': 'own-unit',
  'GET /evidence/:fetchId/screenshot': 'own-unit',
  'GET /results': 'assessor',
  'GET /results/download/:format': 'assessor',
  'GET /rectifications': 'assessor',
  'POST /rectifications': 'assessor',
  'GET /units/:unitId/rectifications': 'own-unit',
  'GET /rectifications/:rectId': 'own-unit',
  'POST /rectifications/:rectId/submit': 'own-unit',
  'POST /rectifications/:rectId/decision': 'assessor',
  'GET /rectifications/:rectId/attachments/:attachmentId': 'own-unit',
  'GET /register': 'assessor',
  'POST /register/preview': 'assessor',
  'POST /register/confirm': 'assessor',
  'GET /alerts': 'assessor',
  'GET /runs': 'assessor',
  'GET /users': 'admin',
  'POST /users': 'admin',
  'POST /users/:userId/disable': 'admin',
  'POST /users/:userId/enable': 'admin',
  'POST /users/:userId/password': 'admin',
};

let fx: WebFixture;
let d: Dashboard;
/** A 整改 of each side's unit. */
const rect = { own: 0, other: 0 };

beforeAll(async () => {
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  d = dashboardFor(fx);
  const rectOf = (unitId: string) => {
    const f = fx.db.prepare('SELECT id FROM findings WHERE unit_id = ? ORDER BY id LIMIT 1').get(unitId) as { id: number };
    return Number(fx.db.prepare("INSERT INTO rectifications (finding_id, deadline, sent_at) VALUES (?, '2026-12-31', '2026-11-01T00:00:00Z')").run(f.id).lastInsertRowid);
  };
  rect.own = rectOf(fx.own.unitId);
  rect.other = rectOf(fx.other.unitId);
}, 120_000);

/** Fills a route's parameters with a resource of the unit user's own unit, or of another unit. */
function fill(path: string, side: 'own' | 'other'): string {
  const r = side === 'own' ? fx.own : fx.other;
  return path
    .replace(':unitId', r.unitId)
    .replace(':columnId', String(r.columnId))
    .replace(':fetchId', String(r.fetchId))
    .replace(':rectId', String(rect[side]))
    .replace(':attachmentId', '1')
    .replace(':userId', String(fx.users.spare.id))
    .replace(':format', 'csv')
    .replace(':file', 'app.css');
}

function expected(kind: Policy['kind'], role: Role, side: 'own' | 'other'): boolean {
  switch (kind) {
    case 'public':
      return true;
    case 'any-user':
      return role !== 'anonymous';
    case 'assessor':
      return role === 'assessor' || role === 'admin';
    case 'admin':
      return role === 'admin';
    case 'own-unit':
      return role === 'assessor' || role === 'admin' || (role === 'unit' && side === 'own');
  }
}

function sessionFor(role: Role): Login | undefined {
  if (role === 'anonymous') return undefined;
  // A fresh session per request: some allowed requests (logout, password change) end the session they ran in.
  return loginAs(fx, role === 'unit' ? fx.users.own : role === 'assessor' ? fx.users.assessor : fx.users.admin);
}

const denied = (res: Response, role: Role) =>
  res.status === 403 || (role === 'anonymous' && res.status === 302 && (res.headers.get('location') ?? '').startsWith('/login'));

describe('route policy (default deny)', () => {
  it('every registered endpoint is in the policy table, and every table entry is registered', () => {
    const table = new Set(d.routes.map((r) => `${r.method} ${r.path}`));
    const registered = d.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(new Set(registered)).toEqual(table);
    expect(Object.fromEntries(d.routes.map((r) => [`${r.method} ${r.path}`, r.policy.kind]))).toEqual(EXPECTED);
  });

  it('walks every route × role × own/other unit and refuses every request the policy does not allow', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of d.routes) {
      for (const role of ['anonymous', 'unit', 'assessor', 'admin'] as Role[]) {
        for (const side of ['own', 'other'] as const) {
          const path = fill(r.path, side);
          const login = sessionFor(role);
          const form: Record<string, string> = r.path === '/login' ? { _csrf: loginFormToken(SECRET), name: 'nobody', password: 'x' } : {};
          const res = await request(d, r.method, path, { login, form });
          const allow = expected(EXPECTED[`${r.method} ${r.path}`], role, side);
          checked++;
          if (!allow && !denied(res, role)) failures.push(`${r.method} ${path} as ${role}/${side}: unexpected ${res.status}`);
          if (allow && denied(res, role)) failures.push(`${r.method} ${path} as ${role}/${side}: refused (${res.status}) but policy allows`);
          if (res.status >= 500) failures.push(`${r.method} ${path} as ${role}/${side}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(d.routes.length * 8);
  }, 400_000);

  it('refuses a route that was registered without a policy', async () => {
    const extra = dashboardFor(fx);
    extra.app.get('/rogue', (c) => c.text('should never be served'));
    extra.app.all('/rogue-all', (c) => c.text('should never be served'));
    const admin = loginAs(fx, fx.users.admin);
    for (const p of ['/rogue', '/rogue-all']) {
      const res = await request(extra, 'GET', p, { login: admin });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('should never be served');
    }
  });

  it('a unit user cannot reach another unit by any id, and unknown ids do not reveal existence', async () => {
    const unit = sessionFor('unit')!;
    for (const p of [`/units/${fx.other.unitId}`, `/units/${fx.other.unitId}/score`, `/columns/${fx.other.columnId}`, `/evidence/${fx.other.fetchId}`, '/units/nope', '/columns/999999', '/evidence/999999']) {
      expect((await request(d, 'GET', p, { login: unit })).status).toBe(403);
    }
    const staff = sessionFor('assessor')!;
    expect((await request(d, 'GET', '/units/nope', { login: staff })).status).toBe(404);
  });
});

describe('evidence origin', () => {
  const snap = (path: string) => d.evidenceApp.request(path);

  it('serves a snapshot only with a valid, unexpired token for that snapshot', async () => {
    const id = fx.own.hostileFetchId;
    const sid = tokenId(loginAs(fx, fx.users.assessor).cookie.split('=')[1]);
    expect((await snap(`/snap/${id}`)).status).toBe(403);
    expect((await snap(`/snap/${id}?t=${evidenceToken(SECRET, id + 1, sid)}`)).status).toBe(403);
    expect((await snap(`/snap/${id}?t=${evidenceToken(SECRET, id, sid, Date.now() - 3600_000)}`)).status).toBe(403);
    expect((await snap(`/snap/${id}?t=${evidenceToken(Buffer.alloc(32, 1), id, sid)}`)).status).toBe(403);
    const ok = await snap(`/snap/${id}?t=${evidenceToken(SECRET, id, sid)}`);
    expect(ok.status).toBe(200);
    const csp = ok.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^sandbox;/);
    expect(csp).not.toMatch(/allow-scripts|allow-same-origin/);
    expect(csp).toContain("default-src 'none'");
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-type')).toMatch(/^text\/html/);
    const src = await snap(`/snap/${id}?view=source&t=${evidenceToken(SECRET, id, sid)}`);
    expect(src.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('has no other route', async () => {
    expect((await snap('/')).status).toBe(404);
    expect((await snap('/snap/abc')).status).toBe(404);
    expect(d.evidenceApp instanceof Hono).toBe(true);
  });
});

describe('evidence links and the session they were made for', () => {
  it('a link from the evidence page stops working after logout', async () => {
    const l = loginAs(fx, fx.users.assessor);
    const page = await (await request(d, 'GET', `/evidence/${fx.own.hostileFetchId}`, { login: l })).text();
    const src = /<iframe[^>]*src="([^"]+)"/.exec(page)![1].replace(/&amp;/g, '&');
    const path = new URL(src).pathname + new URL(src).search;
    expect((await d.evidenceApp.request(path)).status).toBe(200);
    expect((await request(d, 'POST', '/logout', { login: l })).status).toBe(303);
    const after = await d.evidenceApp.request(path);
    expect(after.status).toBe(403);
    expect(await after.text()).toContain('链接已过期或无效');
  });
});
