import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../src/crawl/index.ts';
import { html, startServer, type TestServer } from './server.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** The browsers this test process started (Chromium's main process: the one Playwright talks to over its pipe). */
function browserPids(): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...parent.keys()].filter((pid) => {
    if (!ours(pid)) return false;
    const args = (() => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      } catch {
        return [];
      }
    })();
    return args.includes('--remote-debugging-pipe') && !args.some((a) => a.startsWith('--type='));
  });
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

// A JS challenge like the ones in front of some portals: 412 until the script's cookie comes back.
const CHALLENGE = '<html><head><script>document.cookie="zwgk_pass=ok; path=/"; location.reload();</script></head><body></body></html>';

async function portal(other?: TestServer): Promise<TestServer> {
  const s = await startServer((req, res) => {
    const cookie = req.headers.cookie ?? '';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    switch (req.url) {
      case '/robots.txt':
        return void res.writeHead(404).end();
      case '/guarded/':
        if (!cookie.includes('zwgk_pass=ok')) return void res.writeHead(412).end(CHALLENGE);
        return void res.end(html('<ul><li><a href="/a1.html">关于2026年政务公开工作的通知</a><span>2026-05-12</span></li></ul>'));
      case '/slow/':
        return void setTimeout(() => res.end(html('<ul><li><a href="/s1.html">迟到的通知</a><span>2026-05-12</span></li></ul>')), 1500);
      case '/hopeless/':
        return void res.writeHead(412).end(CHALLENGE);
      case '/js-list/':
        return void res.end(
          html('<ul id="list"></ul><script>fetch("/data.json").then(r=>r.json()).then(d=>{document.getElementById("list").innerHTML=d.map(x=>"<li>"+x.title+"</li>").join("")})</script>'),
        );
      case '/swapped/':
        // 动静结合: the static list of page 1 stays in the DOM, hidden, once the script has drawn page 2's list.
        return void res.end(
          html(
            '<ul class="static"><li><a href="/p1a.html">第一页的第一条通知标题</a><span>2026-05-12</span></li><li><a href="/p1b.html">第一页的第二条通知标题</a><span>2026-05-11</span></li></ul>' +
              '<ul class="dynamic"></ul><script>fetch("/data.json").then(r=>r.json()).then(d=>{document.querySelector(".dynamic").innerHTML=d.map((x,i)=>"<li><a href=\'/p2"+i+".html\'>"+x.title+"</a><span>2026-04-0"+(i+1)+"</span></li>").join("");document.querySelector(".static").style.display="none"})</script>',
          ),
        );
      case '/data.json':
        res.setHeader('content-type', 'application/json');
        return void res.end(JSON.stringify([{ title: '脚本渲染的第一条' }, { title: '脚本渲染的第二条' }]));
      case '/pictured/':
        // A list page with what no list needs: an image, a web font, a video.
        return void res.end(
          html('<style>@font-face{font-family:x;src:url(/f.woff2)}body{font-family:x}</style><img src="/p.png"><video src="/v.mp4" autoplay></video><ul><li><a href="/a1.html">关于2026年政务公开工作的通知</a><span>2026-05-12</span></li></ul>'),
        );
      case '/leaky/':
        return void res.end(html(`<p>正文</p><img src="${other!.origin}/pixel.png"><script src="${other!.origin}/x.js"></script>`));
      case '/jump':
        return void res.writeHead(302, { location: `${other!.origin}/admin` }).end();
      case '/moved':
        return void res.writeHead(301, { location: '/js-list/' }).end();
      default:
        return void res.end(html(`<p>页面 ${req.url}</p>`));
    }
  });
  cleanup.push(() => s.close());
  return s;
}

function fetcherFor(s: TestServer, extra: FetcherOptions = {}): Fetcher {
  const f = createFetcher({ perHostDelayMs: 0, retryBaseDelayMs: 10, timeoutMs: 8000, allowPrivateHosts: [s.host], ...extra });
  cleanup.push(() => f.close());
  return f;
}

describe('browser fetcher', () => {
  it('gets past a 412 JS challenge to the real content; the HTTP fetcher reports the challenge', async () => {
    const s = await portal();
    const f = fetcherFor(s);
    const plain = await f.fetch(`${s.origin}/guarded/`);
    expect(plain.outcome).toBe('challenge');
    const r = await f.fetch(`${s.origin}/guarded/`, { render: 'browser', screenshot: true });
    expect(r.outcome).toBe('ok');
    expect(r.fetcher).toBe('browser');
    expect(r.status).toBe(200);
    expect(r.text).toContain('关于2026年政务公开工作的通知');
    expect(r.body!.toString('utf8')).toBe(r.text);
    expect(r.screenshot!.subarray(0, 4)).toEqual(PNG_MAGIC);
    const browserHits = s.hitsTo('/guarded/').slice(1);
    expect(browserHits[0].headers.cookie ?? '').not.toContain('zwgk_pass');
    expect(browserHits.at(-1)!.headers.cookie).toContain('zwgk_pass=ok');
  });

  it('reports challenge when the page is still a challenge after its reload', async () => {
    const s = await portal();
    const r = await fetcherFor(s, { timeoutMs: 3000 }).fetch(`${s.origin}/hopeless/`, { render: 'browser' });
    expect(r.outcome).toBe('challenge');
    expect(r.status).toBe(412);
    // Why nothing was read is evidence: the challenge is kept as the visitor saw it, though no screenshot was asked for.
    expect(r.screenshot!.subarray(0, 4)).toEqual(PNG_MAGIC);
  });

  it('never asks the portal for images, fonts or media, and screenshots only the pages it is asked to', async () => {
    const s = await portal();
    const f = fetcherFor(s);
    const list = await f.fetch(`${s.origin}/pictured/`, { render: 'browser', purpose: 'list', screenshot: true });
    expect(list.outcome).toBe('ok');
    expect(list.text).toContain('关于2026年政务公开工作的通知');
    expect(list.screenshot!.subarray(0, 4)).toEqual(PNG_MAGIC);
    for (const path of ['/p.png', '/f.woff2', '/v.mp4']) expect(s.hitsTo(path), path).toEqual([]);
    const article = await f.fetch(`${s.origin}/a1.html`, { render: 'browser', purpose: 'article' });
    expect(article.outcome).toBe('ok');
    expect(article.screenshot).toBeUndefined();
    const st = f.stats();
    expect(st.skippedResources).toBeGreaterThanOrEqual(2);
    expect(st.requestsFor).toMatchObject({ list: 1, article: 1, robots: 1 });
    expect(st.browserPages).toBe(2);
  });

  it('renders several pages at once in one browser, as many as browserConcurrency allows', async () => {
    // Pages are answered three at a time, once three are waiting (or after 8 s, so a crawl one page at a time ends).
    let waiting: Array<() => void> = [];
    let lateReleases = 0;
    const s = await startServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      const answer = () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(`<p>页面 ${req.url}</p>`));
      waiting.push(answer);
      const release = () => {
        const now = waiting;
        waiting = [];
        now.forEach((a) => a());
      };
      if (waiting.length === 3) release();
      else setTimeout(() => waiting.includes(answer) && (lateReleases++, release()), 8000);
    });
    cleanup.push(() => s.close());
    const f = fetcherFor(s, { browserConcurrency: 3, perHostConcurrency: 4, timeoutMs: 15_000 });
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => f.fetch(`${s.origin}/p${i}.html`, { render: 'browser' })));
    expect(results.map((r) => r.outcome)).toEqual(Array(6).fill('ok'));
    // Three at once, never a fourth: no page waited for the 8 s release.
    expect(s.maxInFlight).toBe(3);
    expect(lateReleases).toBe(0);
    expect(f.stats().browserPages).toBe(6);
  });

  it('keeps a tab open for the next page of the host, and leaves no page running in it between pages', async () => {
    const s = await startServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/poll') return void res.end('{}');
      // The tab's own storage counts the pages it has shown; the page then keeps polling its server, as a
      // "latest news" ticker does, for as long as it stays open.
      res.end(
        html(
          '<p id="n"></p><script>sessionStorage.n = String(Number(sessionStorage.n || 0) + 1); document.getElementById("n").textContent = "第" + sessionStorage.n + "页";' +
            'fetch("/poll"); setInterval(() => fetch("/poll"), 300);</script>',
        ),
      );
    });
    cleanup.push(() => s.close());
    const f = fetcherFor(s, { browserConcurrency: 1 });
    const shown: string[] = [];
    for (const path of ['/a.html', '/b.html', '/c.html']) {
      const r = await f.fetch(`${s.origin}${path}`, { render: 'browser' });
      expect(r.outcome).toBe('ok');
      shown.push(/第(\d+)页/.exec(r.text!)![1]);
    }
    // One tab served all three pages (a new tab per page would show 第1页 each time).
    expect(shown).toEqual(['1', '2', '3']);
    // A poll already on its way when the tab went blank may still arrive; none starts after.
    await new Promise((r) => setTimeout(r, 400));
    const polled = s.hitsTo('/poll').length;
    expect(polled).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1200));
    // Between pages the tab is blank: the last page's timer (every 300 ms) asked nothing more of the site.
    expect(s.hitsTo('/poll').length).toBe(polled);
  });

  it('returns the DOM rendered by scripts, following a redirect', async () => {
    const s = await portal();
    const r = await fetcherFor(s).fetch(`${s.origin}/moved`, { render: 'browser' });
    expect(r.outcome).toBe('ok');
    expect(r.finalUrl).toBe(`${s.origin}/js-list/`);
    expect(r.redirects).toEqual([`${s.origin}/moved`]);
    expect(r.text).toContain('脚本渲染的第二条');
  });

  it('aborts subresources aimed at a loopback port that is not allowed', async () => {
    const other = await startServer((req, res) => void res.end('secret'));
    cleanup.push(() => other.close());
    const s = await portal(other);
    const r = await fetcherFor(s).fetch(`${s.origin}/leaky/`, { render: 'browser' });
    expect(r.outcome).toBe('ok');
    expect(r.text).toContain('正文');
    expect(r.error).toContain('子资源');
    expect(other.hits).toHaveLength(0);
  });

  it('refuses a main-frame redirect to a loopback port that is not allowed', async () => {
    const other = await startServer((req, res) => void res.end('secret'));
    cleanup.push(() => other.close());
    const s = await portal(other);
    const r = await fetcherFor(s).fetch(`${s.origin}/jump`, { render: 'browser' });
    expect(r.outcome).toBe('blocked');
    expect(other.hits).toHaveLength(0);
  });

  it('recycles the browser every N pages and keeps a solved challenge cookie across it', async () => {
    const s = await portal();
    const f = fetcherFor(s, { browserRecycleAfter: 1 });
    expect((await f.fetch(`${s.origin}/guarded/`, { render: 'browser' })).outcome).toBe('ok');
    const before = s.hitsTo('/guarded/').length;
    const again = await f.fetch(`${s.origin}/guarded/`, { render: 'browser' });
    expect(again.outcome).toBe('ok');
    expect(s.hitsTo('/guarded/').length - before).toBe(1); // the cookie came along: no second challenge
    expect(f.stats().browserPages).toBe(2);
  });

  it('starts another browser when its browser died, idle or mid-page, and keeps the solved challenge', async () => {
    const s = await portal();
    const f = fetcherFor(s);
    expect((await f.fetch(`${s.origin}/guarded/`, { render: 'browser' })).outcome).toBe('ok');
    const [first] = browserPids();
    expect(first).toBeGreaterThan(0);
    // Killed between pages (the OOM killer, a crash): the next page gets a new browser, with the clearance.
    process.kill(first, 'SIGKILL');
    const hits = s.hitsTo('/guarded/').length;
    const idle = await f.fetch(`${s.origin}/guarded/`, { render: 'browser' });
    expect(idle.outcome).toBe('ok');
    expect(idle.text).toContain('关于2026年政务公开工作的通知');
    expect(s.hitsTo('/guarded/').length - hits).toBe(1);
    const [second] = browserPids();
    expect(second).toBeGreaterThan(0);
    expect(second).not.toBe(first);
    // Killed while a page waits for its answer: the page is tried again on a new browser.
    const pending = f.fetch(`${s.origin}/slow/`, { render: 'browser', purpose: 'list' });
    while (s.hitsTo('/slow/').length === 0) await new Promise((r) => setTimeout(r, 20));
    process.kill(second, 'SIGKILL');
    const slow = await pending;
    expect(slow.outcome).toBe('ok');
    expect(slow.text).toContain('迟到的通知');
    expect(slow.attempts).toBe(2);
    expect(browserPids()).toHaveLength(1);
    expect(browserPids()).not.toContain(second);
  });

  it('marks what the page hides, so extraction reads the list the visitor sees, and names the data request', async () => {
    const s = await portal();
    const f = fetcherFor(s);
    const r = await f.fetch(`${s.origin}/swapped/`, { render: 'browser' });
    expect(r.outcome).toBe('ok');
    // The hidden list stays in the evidence, marked; extraction leaves it out.
    expect(r.text).toMatch(/<ul class="static"[^>]*data-zwgk-hidden/);
    const { extractList } = await import('../../src/extract/index.ts');
    const items = extractList(r.text!, `${s.origin}/swapped/`, { refDay: '2026-06-01' }).items;
    expect(items.map((i) => i.title)).toEqual(['脚本渲染的第一条', '脚本渲染的第二条']);
    expect(r.dataRequests).toEqual([`${s.origin}/data.json`]);
  });
});
