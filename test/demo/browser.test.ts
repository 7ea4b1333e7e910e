import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from '../../src/demo/index.ts';
import { launchChromium } from '../../src/shared/chromium.ts';
import { column, REF_DATE, SEED } from './helpers.ts';

let portal: DemoPortal;
let browser: Browser;
beforeAll(async () => {
  portal = await startDemoPortal({ seed: SEED, refDate: REF_DATE, faults: false });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

async function withPage<T>(fn: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

describe('demo portal in Chromium', () => {
  it('renders the JSON-driven list, and its ?page=2 link, only in a browser', async () => {
    const col = column(portal.truth, 'wjw', 'gzdt');
    await withPage(async (page) => {
      await page.goto(col.url);
      await page.waitForSelector('#news-list li');
      const hrefs = await page.$$eval('#news-list li a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs).toEqual(col.items.slice(0, 12).map((i) => i.url));
      await page.click('#pager a:text("下一页")');
      await page.waitForURL(/\?page=2$/);
      await page.waitForSelector('#news-list li');
      const second = await page.$$eval('#news-list li a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(second).toEqual(col.items.slice(12, 24).map((i) => i.url));
    });
  });

  it('decodes the GBK unit', async () => {
    const unit = portal.truth.units.find((u) => u.encoding === 'gbk')!;
    await withPage(async (page) => {
      await page.goto(unit.url);
      expect(await page.title()).toBe(`${unit.name}信息公开_珠山区人民政府`);
      expect(await page.$$eval('.lm-list a', (as) => as.map((a) => a.textContent))).toEqual(unit.columns.map((c) => c.name));
    });
  });

  it('passes the 412 challenge by running its script', async () => {
    const unit = portal.truth.units.find((u) => u.challenge)!;
    const col = unit.columns[0];
    await withPage(async (page) => {
      await page.goto(col.url);
      await page.waitForSelector('.xxgk-list li a');
      expect(await page.title()).toContain(col.name);
      const first = await page.$eval('.xxgk-list li a', (a) => (a as HTMLAnchorElement).href);
      expect(first).toBe(col.items[0].url);
    });
  });

  it('shows Hanweb records from the datastore and fetches the next group from dataproxy', async () => {
    const col = column(portal.truth, 'rsj', 'gzdt');
    await withPage(async (page) => {
      await page.goto(col.url);
      await page.waitForSelector('.bt-list li a');
      const first = await page.$$eval('.bt-list li a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(first).toEqual(col.items.slice(0, 15).map((i) => i.url));
      for (let i = 0; i < 3; i++) await page.click('.jpage-bar a:text("下页")');
      await page.waitForFunction((url) => [...document.querySelectorAll('.bt-list li a')].some((a) => (a as HTMLAnchorElement).href === url), col.items[45].url);
    });
  });
});
