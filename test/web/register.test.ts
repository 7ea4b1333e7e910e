import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { buildWebFixture, YEAR, type WebFixture } from './fixture.ts';
import { browserSite, loginAs, loginPage, type Login } from './helpers.ts';

/**
 * 依申请公开登记 on the dashboard: the score sheet leads to the upload page; a bad file is refused with the CLI's
 * row-and-column errors and nothing written; a good one is previewed per unit, imported only on 确认导入, logged,
 * and the 公开时限-2 suggestion follows at once. The pending upload is bound to the session that made it.
 */

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const dir = mkdtempSync(join(tmpdir(), 'zwgk-web-register-'));
const HEAD = '单位,申请编号,收到日期,答复日期,是否延期\n';

let fx: WebFixture;
let site: Awaited<ReturnType<typeof browserSite>>;

const entries = () => (fx.db.prepare('SELECT count(*) n FROM register_entries').get() as { n: number }).n;
const suggestion = (unitId: string) =>
  fx.db.prepare("SELECT suggested, basis FROM score_suggestions WHERE unit_id = ? AND year = ? AND code = '公开时限-2'").get(unitId, YEAR) as
    | { suggested: number | null; basis: string }
    | undefined;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  site = await browserSite(fx);
}, 120_000);

afterAll(() => site?.close());

async function upload(page: Page, file: string): Promise<void> {
  await page.setInputFiles('#register-file', file);
  await Promise.all([page.waitForURL(/\/register\/preview$/), page.click('#register-upload button[type=submit]')]);
}

/** A multipart upload as the browser sends it, for the checks a browser cannot be made to do. */
function post(path: string, login: Login, fields: Record<string, string | File>) {
  const form = new FormData();
  form.set('_csrf', login.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return site.dash.app.request(path, { method: 'POST', headers: { cookie: login.cookie, origin: 'http://localhost' }, body: form, redirect: 'manual' });
}
const tokenIn = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1];

describe('依申请公开登记 upload', () => {
  it('score sheet → upload: errors named by row and column, then an XLSX previewed, confirmed, logged and scored', async () => {
    const ctx = await site.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await loginPage(page, site.url, fx.users.assessor.name);
    await page.goto(`${site.url}/units/${fx.own.unitId}/score`);
    const t2 = page.locator('#item-公开时限-2');
    await expect(page.locator('body').textContent()).resolves.not.toContain('zwgk register');
    await Promise.all([page.waitForURL(/\/register$/), t2.locator('a.register-link').click()]);
    await expect(page.locator('#register-units').textContent()).resolves.toContain('未导入');

    // The same checks and words as `zwgk register import`: all bad cells at once, nothing written.
    const bad = join(dir, '登记表-有误.csv');
    writeFileSync(bad, HEAD + '新厂街道办事处,YS-1,2026-03-02,2026-03-20,否\n不存在的单位,YS-2,2026-02-30,,也许\n新厂街道办事处,YS-1,2026-04-01,2026-03-01,否\n');
    await upload(page, bad);
    await expect(page.locator('#register-error').textContent()).resolves.toContain('有 5 处错误，未导入任何记录');
    const errorRows = await page.locator('#preview-error-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('title')));
    expect(errorRows).toEqual([
      '第 3 行“单位”列：找不到单位“不存在的单位”。请填写计划中的单位编号或名称',
      '第 3 行“收到日期”列：“2026-02-30”不是有效日期。请写成 2026-03-05',
      '第 3 行“是否延期”列：“也许”无法识别。请填“是”或“否”（留空视为否）',
      '第 4 行“答复日期”列：2026-03-01 早于收到日期 2026-04-01。请核对',
      '第 4 行“申请编号”列：“YS-1”重复：该单位已有此编号的申请（本表或此前导入）',
    ]);
    expect(await page.locator('#register-confirm').count()).toBe(0);
    expect(entries()).toBe(0);

    // A file that is no register at all: the CLI's message, on the upload page.
    const notXlsx = join(dir, 'broken.xlsx');
    writeFileSync(notXlsx, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    await upload(page, notXlsx);
    await expect(page.locator('#register-error').textContent()).resolves.toContain('无法作为 .xlsx 读取');

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记');
    ws.addRow(['单位', '申请编号', '收到日期', '答复日期', '是否延期']);
    ws.addRow(['新厂街道办事处', 'YS-1', '2026-03-02', '2026-03-20', '否']);
    ws.addRow(['xinchang', 'YS-2', new Date(Date.UTC(2026, 0, 5)), '2026年3月10日', '是']);
    ws.addRow([fx.other.unitId, 'JY-1', '2026/2/2', '2026/2/3', '']);
    const good = join(dir, '登记表.xlsx');
    await wb.xlsx.writeFile(good);
    await upload(page, good);
    await expect(page.locator('#preview-rows').textContent()).resolves.toBe('3');
    await expect(page.locator('#preview-units').textContent()).resolves.toBe('2');
    await expect(page.locator('#preview-errors').textContent()).resolves.toBe('0');
    const perUnit = await page.locator('#preview-per-unit tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(perUnit).toEqual([
      ['新厂街道办事处', '2', '2026-01-05 至 2026-03-02'],
      [expect.stringContaining('区教育局'), '1', '2026-02-02'],
    ]);
    const rows = await page.locator('#preview-entries tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent).slice(1)));
    expect(rows).toEqual([
      ['YS-1', '2026-03-02', '2026-03-20', '否'],
      ['YS-2', '2026-01-05', '2026-03-10', '是'],
      ['JY-1', '2026-02-02', '2026-02-03', '否'],
    ]);
    // Nothing is written by the preview.
    expect(entries()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'register-preview.png'), fullPage: true });

    await Promise.all([page.waitForURL(/\/register\?imported=3$/), page.click('#register-confirm')]);
    await expect(page.locator('#register-notice').textContent()).resolves.toContain('已导入 3 件');
    expect(entries()).toBe(3);
    const logged = await page.locator('#register-audit tbody tr').first().textContent();
    expect(logged).toContain('导入依申请公开登记表');
    expect(logged).toContain('登记表.xlsx：3 件，2 个单位');
    expect(logged).toMatch(/SHA-256 [0-9a-f]{64}/);
    expect(fx.db.prepare('SELECT DISTINCT source_file s FROM register_entries').all()).toEqual([{ s: '看板上传：登记表.xlsx' }]);

    // 公开时限-2 follows the register without waiting for the night: YS-1 on time, YS-2 late even extended.
    expect(suggestion(fx.own.unitId)).toMatchObject({ suggested: 2.5 });
    await page.goto(`${site.url}/units/${fx.own.unitId}/score`);
    await expect(t2.textContent()).resolves.toContain('按时 1 件、逾期 1 件');

    // The same file again: every row is now a duplicate, and nothing more is written.
    await page.goto(`${site.url}/register`);
    await upload(page, good);
    await expect(page.locator('#register-error').textContent()).resolves.toContain('有 3 处错误');
    expect(entries()).toBe(3);
    await ctx.close();
  }, 120_000);

  it('a pending upload is confirmed once, only by the session that made it; units cannot upload; 5 MB at most', async () => {
    const a = loginAs(fx, fx.users.assessor);
    const b = loginAs(fx, fx.users.spare);
    const file = new File([HEAD + '新厂街道办事处,WEB-1,2026-05-06,2026-05-07,否\n'], 'web.csv', { type: 'text/csv' });
    const preview = await post('/register/preview', a, { file });
    expect(preview.status).toBe(200);
    const token = tokenIn(await preview.text())!;
    expect(token).toBeTruthy();

    const stolen = await post('/register/confirm', b, { token });
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).toContain('这次上传的预览已失效');
    // Another session's attempt leaves it to its owner, whose confirm imports it once; a replay imports nothing.
    const before = entries();
    const own = await post('/register/confirm', a, { token });
    expect(own.status).toBe(303);
    expect(entries()).toBe(before + 1);
    const again = await post('/register/confirm', a, { token });
    expect(again.status).toBe(400);
    expect(entries()).toBe(before + 1);

    const unit = await post('/register/preview', loginAs(fx, fx.users.own), { file });
    expect(unit.status).toBe(403);

    const empty = await post('/register/preview', a, { file: new File([], 'empty.csv') });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('上传的文件是空的');

    const big = await post('/register/preview', a, { file: new File([Buffer.alloc(6 * 1024 * 1024, 'a')], 'big.csv') });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('上传登记表 5 MB');
  }, 60_000);
});

describe('pending uploads', () => {
  it('expire after their time, and the oldest give way when too many are held', async () => {
    const { PendingUploads } = await import('../../src/web/pending-uploads.ts');
    const p = new PendingUploads(1000, 2);
    const a = p.put('s', 'a.csv', Buffer.from('a'), 0);
    expect(p.take(a.token, 's', 1000)).toBeUndefined();
    const b = p.put('s', 'b.csv', Buffer.from('b'), 0);
    p.put('s', 'c.csv', Buffer.from('c'), 0);
    p.put('s', 'd.csv', Buffer.from('d'), 0);
    expect(p.take(b.token, 's', 10)).toBeUndefined();
    const e = p.put('s', 'e.csv', Buffer.from('e'), 0);
    expect(p.take(e.token, 's', 999)).toMatchObject({ name: 'e.csv', sha256: e.sha256 });
  });
});
