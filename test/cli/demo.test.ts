import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/shared/chromium.ts';
import { DEMO_LOGIN } from '../../src/cli/commands/demo.ts';

/** A port p such that p and p + 1 (the evidence origin) are both free now. */
async function freePortPair(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
  for (;;) {
    const p = 20000 + Math.floor(Math.random() * 20000);
    if ((await free(p)) && (await free(p + 1))) return p;
  }
}

/** `zwgk demo` as a user runs it: the whole pipeline, then a dashboard a browser can use; Ctrl-C ends it. */
describe('zwgk demo', () => {
  let child: ChildProcess;
  let out = '';
  let url = '';
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePortPair();
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-demo-'));
    mkdirSync(dir, { recursive: true });
    child = spawn(process.execPath, ['bin/zwgk.js', 'demo', '--port', String(port), '--dir', join(dir, 'demo')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        const m = /看板：(http:\/\/\S+)/.exec(out);
        if (m) {
          clearInterval(check);
          url = m[1];
          resolve();
        }
      }, 200);
      child.once('exit', (code) => {
        clearInterval(check);
        reject(new Error(`zwgk demo exited with ${code}:\n${out}`));
      });
    });
    browser = await launchChromium();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('crawls, assesses and serves a dashboard with every demo unit, its charts and evidence', async () => {
    // The demo's one robots-forbidden column is read as nothing, not as a failed crawl.
    expect(out).toMatch(/抓取完成(，部分栏目未能读取)?（第 \d+ 次抓取）/);
    expect(out).not.toContain('失败');
    expect(out).toMatch(/评估完成：12 个单位/);
    expect(out).toContain(`演示账号：${DEMO_LOGIN.name}`);

    const page = await browser.newPage();
    await page.goto(`${url}/login`);
    await page.fill('#name', DEMO_LOGIN.name);
    await page.fill('#password', DEMO_LOGIN.password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
    await page.goto(`${url}/overview`);
    for (const name of ['新厂街道办事处', '里市街道办事处', '竟成镇人民政府', '区发展和改革委员会', '区自然资源局', '区应急管理局']) {
      await expect(page.getByText(name).first().isVisible()).resolves.toBe(true);
    }
    // ECharts draws into a canvas once the chart code has run.
    await page.waitForSelector('#chart-grades canvas');
    await page.waitForSelector('#chart-scores canvas');

    // The unit behind the 412 challenge: read through the browser, so its evidence has screenshots.
    await page.getByText('区自然资源局').first().click();
    await page.waitForLoadState('load');
    await Promise.all([page.waitForURL(/\/columns\/\d+/), page.locator('a[href^="/columns/"]').first().click()]);
    const links = await page.locator('a[href^="/evidence/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(0);
    let screenshots = 0;
    for (const href of links.reverse().slice(0, 10)) {
      await page.goto(href);
      const frame = page.locator('iframe.evidence-frame');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      screenshots += await page.locator('img.screenshot').count();
      if (screenshots) break;
    }
    expect(screenshots).toBeGreaterThan(0);
    await page.close();
  }, 300_000);

  it('stops cleanly on Ctrl-C', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('演示已停止');
  }, 120_000);
});
