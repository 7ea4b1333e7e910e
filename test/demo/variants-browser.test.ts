import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoColumn, type DemoPortal, type VariantId } from '../../src/demo/index.ts';
import { launchChromium } from '../../src/shared/chromium.ts';
import { REF_DATE, SEED } from './helpers.ts';

/** What a browser shows of the script-drawn variants: the truth is reachable by a real browser, not only by API. */
let portal: DemoPortal;
let browser: Browser;
beforeAll(async () => {
  portal = await startDemoPortal({ seed: SEED, refDate: REF_DATE, faults: false, variants: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await portal?.close();
});

const variant = (v: VariantId): DemoColumn => portal.truth.units.flatMap((u) => u.columns).find((c) => c.variant === v)!;
async function withPage(fn: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext();
  try {
    await fn(await context.newPage());
  } finally {
    await context.close();
  }
}
const hrefs = (page: Page, sel: string) => page.$$eval(sel, (as) => as.map((a) => (a as HTMLAnchorElement).href));

describe('variant portal in Chromium', () => {
  it('JS list with a top bar: the script fills <ul id="list"> and its 下一页 leads to page 2', async () => {
    const col = variant('js-topbar');
    await withPage(async (page) => {
      await page.goto(col.url);
      await page.waitForSelector('#list li');
      expect(await hrefs(page, '#list li a')).toEqual(col.items.slice(0, 15).map((i) => i.url));
      await page.click('#pageBar a:text("下一页")');
      await page.waitForURL(/\?pageNo=2$/);
      await page.waitForSelector('#list li');
      expect(await hrefs(page, '#list li a')).toEqual(col.items.slice(15, 30).map((i) => i.url));
    });
  });

  it('jpaas: unitbuild.js writes the unit API’s HTML fragment into the page', async () => {
    const col = variant('js-jpaas');
    await withPage(async (page) => {
      await page.goto(col.url);
      await page.waitForSelector('.page-content li');
      expect(await hrefs(page, '.page-content li a')).toEqual(col.items.slice(0, 15).map((i) => i.url));
    });
  });

  it('trt + avalon: the pager reaches past the static pages and the API fills them', async () => {
    const col = variant('js-avalon');
    await withPage(async (page) => {
      await page.goto(col.url);
      await page.waitForSelector('.pagebar a');
      expect(await page.$eval('.pagebar', (b) => b.innerHTML)).toContain('href="index.htm?page=6"');
      await page.goto(col.url + '?page=6');
      await page.waitForSelector('.list_dynamic li');
      expect(await hrefs(page, '.list_dynamic li a')).toEqual(col.items.slice(75, 90).map((i) => i.url));
    });
  });

  it('TRS page_div: the script draws a window of page numbers with 下一页 and 尾页', async () => {
    const col = variant('trs-pagediv');
    await withPage(async (page) => {
      await page.goto(col.url);
      await page.waitForSelector('#page_div a');
      const links = await page.$$eval('#page_div a', (as) => as.map((a) => `${a.textContent}=${(a as HTMLAnchorElement).getAttribute('href')}`));
      expect(links).toContain('2=index_2.shtml');
      expect(links).toContain('下一页=index_2.shtml');
      expect(links.some((l) => l.startsWith('尾页='))).toBe(true);
    });
  });

  it('Hanweb: each jpage form shows its first records and pages past the inline group through dataproxy', async () => {
    for (const v of ['hanweb-newjpage', 'hanweb-jquery', 'hanweb-double'] as const) {
      const col = variant(v);
      await withPage(async (page) => {
        await page.goto(col.url);
        await page.waitForSelector('.jpage-bar a');
        const bars = await page.$$('.jpage-bar');
        expect(bars.length, v).toBe(v === 'hanweb-double' ? 2 : 1);
        const first = await hrefs(page, '.jpage-bar >> xpath=preceding-sibling::div[1] >> a');
        expect(first.slice(0, 3), v).toEqual(col.items.slice(0, 3).map((i) => i.url));
        const perPage = v === 'hanweb-newjpage' ? 15 : v === 'hanweb-jquery' ? 20 : 10;
        for (let i = 0; i < 3; i++) await page.click('.jpage-bar >> nth=0 >> a:text("下页")');
        const firstOfProxy = col.items[perPage * 3].url;
        await page.waitForFunction((url) => [...document.querySelectorAll('a')].some((a) => (a as HTMLAnchorElement).href === url), firstOfProxy);
      });
    }
  });
});
