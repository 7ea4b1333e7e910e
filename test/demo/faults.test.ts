import vm from 'node:vm';
import iconv from 'iconv-lite';
import robotsParserModule from 'robots-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPortal, type DemoPortal } from '../../src/demo/index.ts';
import { allColumns, column, get, REF_DATE, SEED } from './helpers.ts';

// robots-parser is CommonJS with a hand-written default export; NodeNext types see the module object.
type Parse = typeof import('robots-parser').default;
const robotsParser = ((robotsParserModule as unknown as { default?: Parse }).default ?? robotsParserModule) as Parse;

let portal: DemoPortal;
beforeAll(async () => {
  portal = await startDemoPortal({ seed: SEED, refDate: REF_DATE, slowMs: 1500, flakyFailures: 2, retryAfterSec: 2 });
});
afterAll(() => portal.close());

/** Runs the challenge script as a browser would and returns the cookie it sets. */
function solveChallenge(html: string): string {
  const script = html.match(/<script type="text\/javascript">([\s\S]*?)<\/script>/)![1];
  let cookie = '';
  let reloaded = false;
  const document = {
    set cookie(v: string) {
      cookie = v.split(';')[0];
    },
  };
  vm.runInNewContext(script, { document, location: { reload: () => (reloaded = true) }, setTimeout: (f: () => void) => f(), String });
  expect(reloaded).toBe(true);
  return cookie;
}

describe('demo portal hazards', () => {
  it('serves the GBK unit as real GBK bytes, header and meta', async () => {
    const unit = portal.truth.units.find((u) => u.encoding === 'gbk')!;
    for (const url of [unit.url, unit.columns[0].url, unit.columns[0].items[0].url]) {
      const res = await get(url);
      expect(res.headers.get('content-type')).toMatch(/charset=GBK/i);
      expect(res.bytes.includes(iconv.encode(unit.name, 'gbk'))).toBe(true);
      expect(res.bytes.includes(Buffer.from(unit.name, 'utf8'))).toBe(false);
      expect(res.text).toContain('<meta http-equiv="Content-Type" content="text/html; charset=gbk">');
    }
  });

  it('encodes characters beyond GB2312 (喆, 堃, 玥) as GBK on the GBK unit', async () => {
    const unit = portal.truth.units.find((u) => u.encoding === 'gbk')!;
    const items = unit.columns.flatMap((c) => c.items).filter((i) => !i.dead);
    let found: string | undefined;
    for (const item of items.slice(0, 80)) {
      const res = await get(item.url);
      found = res.text.match(/[喆堃玥]/)?.[0];
      if (found) {
        expect(res.bytes.includes(iconv.encode(found, 'gbk'))).toBe(true);
        break;
      }
    }
    expect(found).toBeDefined();
  });

  it('guards the challenge unit with a 412 script that sets a cookie; with it the page is real', async () => {
    const unit = portal.truth.units.find((u) => u.challenge)!;
    const col = unit.columns[0];
    const first = await get(col.url);
    expect(first.status).toBe(412);
    expect(first.text).not.toContain(col.name);
    const cookie = solveChallenge(first.text);
    expect((await get(col.url, { headers: { cookie: 'zsq_clearance=wrong' } })).status).toBe(412);
    const ok = await get(col.url, { headers: { cookie } });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain(`<meta name="ColumnName" content="${col.name}">`);
    expect((await get(col.items[0].url, { headers: { cookie } })).status).toBe(200);
    expect((await get(col.items[0].url)).status).toBe(412);
  });

  it('answers 503 on the flaky page for its first requests, then 200', async () => {
    const col = allColumns(portal.truth).find((c) => c.faults.includes('flaky5xx'))!;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(col.url)).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it('answers 429 with Retry-After once, then 200', async () => {
    const col = allColumns(portal.truth).find((c) => c.faults.includes('rateLimited'))!;
    const first = await get(col.url);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await get(col.url)).status).toBe(200);
  });

  it('delays the slow page (an impatient client gives up) but serves it', async () => {
    const col = allColumns(portal.truth).find((c) => c.faults.includes('slow'))!;
    await expect(fetch(col.url, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect((await get(col.url)).status).toBe(200);
  });

  it('robots.txt disallows exactly the robots column (list and details), and adds no Crawl-delay by default', async () => {
    const res = await get(portal.robotsUrl);
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/Crawl-delay/i);
    const robots = robotsParser(portal.robotsUrl, res.text);
    for (const c of allColumns(portal.truth)) {
      expect(robots.isAllowed(c.url, 'zwgk-auditor')).toBe(!c.robotsDisallowed);
      if (c.robotsDisallowed) for (const i of c.items) expect(robots.isAllowed(i.url, 'zwgk-auditor')).toBe(false);
    }
    const disallowed = allColumns(portal.truth).find((c) => c.robotsDisallowed)!;
    expect((await get(disallowed.url)).status).toBe(200);
  });

  it('refuses visitors in two columns only with `refusals`: one answers 403, one redirects to a login page', async () => {
    expect(allColumns(portal.truth).filter((c) => c.refusal)).toEqual([]);
    const other = await startDemoPortal({ seed: SEED, refDate: REF_DATE, refusals: true });
    try {
      const refusing = allColumns(other.truth).filter((c) => c.refusal);
      expect(refusing.map((c) => [c.name, c.refusal])).toEqual([['行政执法', 'forbidden'], ['政府采购', 'login']]);
      // The default portal's columns are all there, as they were.
      expect(allColumns(other.truth).length).toBe(allColumns(portal.truth).length + 2);
      const [forbidden, login] = refusing;
      for (const url of [forbidden.url, forbidden.items[0].url]) expect((await get(url)).status).toBe(403);
      const wall = await fetch(login.url, { redirect: 'manual' });
      expect(wall.status).toBe(302);
      const landed = await get(new URL(wall.headers.get('location')!, login.url).href);
      expect(landed.status).toBe(200);
      expect(landed.text).toContain('type="password"');
      // Their neighbours answer.
      expect((await get(other.truth.units.find((u) => u.id === 'jyj')!.columns[0].url)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('adds Crawl-delay only when configured', async () => {
    const other = await startDemoPortal({ seed: SEED, refDate: REF_DATE, crawlDelaySec: 3 });
    try {
      expect((await get(other.robotsUrl)).text).toContain('Crawl-delay: 3');
    } finally {
      await other.close();
    }
  });

  it('traps a pager: every index_N exists, repeats the last real page and promises one more', async () => {
    const col = allColumns(portal.truth).find((c) => c.trap)!;
    const last = Math.ceil(col.items.length / 15) - 1;
    const far = await get(new URL('index_500.html', col.url).href);
    expect(far.status).toBe(200);
    expect(far.text).toContain('createPageHTML(502, 500, "index", "html")');
    expect(far.text).toContain('href="index_501.html">下一页</a>');
    const lastPage = await get(new URL(`index_${last}.html`, col.url).href);
    const hrefs = (t: string) => [...t.matchAll(/href="(\.\/\d{6}\/t[^"]+)"/g)].map((m) => m[1]);
    expect(hrefs(far.text)).toEqual(hrefs(lastPage.text));
    expect(hrefs(far.text).length).toBeGreaterThan(0);
  });

  it('answers conditional GETs with 304 and logs them', async () => {
    const col = column(portal.truth, 'jingcheng', 'zcwj');
    const first = await get(col.url, { headers: { 'user-agent': 'zwgk-test/1' } });
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(Date.parse(lastModified)).toBeLessThanOrEqual(Date.now());
    expect((await get(col.url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await get(col.url, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await get(col.items[0].url, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    const log = portal.requestLog.filter((e) => e.path === new URL(col.url).pathname);
    expect(log.slice(-3).map((e) => e.status)).toEqual([200, 304, 304]);
    expect(log.at(-3)!.userAgent).toBe('zwgk-test/1');
    expect(log.at(-2)!.ifNoneMatch).toBe(etag);
    expect(log.at(-1)!.ifModifiedSince).toBe(lastModified);
    expect(log.at(-1)!.method).toBe('GET');
    expect(Number.isNaN(Date.parse(log.at(-1)!.at))).toBe(false);
  });
});
