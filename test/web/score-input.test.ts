import { beforeAll, describe, expect, it } from 'vitest';
import { buildWebFixture, type WebFixture } from './fixture.ts';
import { dashboardFor, loginAs, request } from './helpers.ts';
import type { Dashboard } from '../../src/web/app.tsx';

let fx: WebFixture;
let d: Dashboard;

beforeAll(async () => {
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  d = dashboardFor(fx);
}, 120_000);

describe('scores typed on the dashboard', () => {
  it('only decimal numbers: 0x10, 1e1 and Infinity are refused with a Chinese message, and nothing is recorded', async () => {
    const l = loginAs(fx, fx.users.assessor);
    const count = () => (fx.db.prepare('SELECT count(*) n FROM score_decisions').get() as { n: number }).n;
    const before = count();
    for (const value of ['0x10', '1e1', 'Infinity', '-1', '4,5']) {
      const res = await request(d, 'POST', `/units/${fx.own.unitId}/score/decision`, { login: l, form: { code: '公开效果-1', action: 'manual', value } });
      expect(res.status, value).toBe(400);
      expect(await res.text(), value).toContain('分值只能写十进制数字');
    }
    expect(count()).toBe(before);
    const ok = await request(d, 'POST', `/units/${fx.own.unitId}/score/decision`, { login: l, form: { code: '公开效果-1', action: 'manual', value: '4.5' } });
    expect(ok.status).toBe(303);
    expect(count()).toBe(before + 1);
  });
});
