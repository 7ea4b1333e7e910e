import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../src/crawl/index.ts';
import { html, startServer, type TestServer } from './server.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function siteWithRobots(robots: { status: number; body?: string }): Promise<TestServer> {
  const s = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(robots.status, { 'content-type': 'text/plain' }).end(robots.body ?? '');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html(`<p>${req.url}</p>`));
  });
  cleanup.push(() => s.close());
  return s;
}

function fetcherFor(s: TestServer, extra: FetcherOptions = {}): Fetcher {
  const f = createFetcher({ perHostDelayMs: 0, retryBaseDelayMs: 10, allowPrivateHosts: [s.host], ...extra });
  cleanup.push(() => f.close());
  return f;
}

describe('robots.txt', () => {
  it('keeps out of disallowed paths (0 requests, from the server log) and reads our own group', async () => {
    const s = await siteWithRobots({
      status: 200,
      body: ['User-agent: *', 'Disallow: /', '', 'User-agent: zwgk-auditor', 'Disallow: /private/', 'Allow: /'].join('\n'),
    });
    const f = fetcherFor(s);
    const denied = await f.fetch(`${s.origin}/private/list.html`);
    expect(denied.outcome).toBe('robots-denied');
    expect(denied.error).toContain('robots.txt');
    expect(denied.attempts).toBe(0);
    const allowed = await f.fetch(`${s.origin}/xxgk/index.html`);
    expect(allowed.outcome).toBe('ok');
    expect(s.hitsTo('/private/list.html')).toHaveLength(0);
    expect(s.hitsTo('/robots.txt')).toHaveLength(1); // fetched once per origin
  });

  it('refuses a redirect into a disallowed path', async () => {
    const s = await startServer((req, res) => {
      if (req.url === '/robots.txt') return void res.end('User-agent: *\nDisallow: /secret');
      if (req.url === '/go') return void res.writeHead(302, { location: '/secret/page' }).end();
      res.end('x');
    });
    cleanup.push(() => s.close());
    const r = await fetcherFor(s).fetch(`${s.origin}/go`);
    expect(r.outcome).toBe('robots-denied');
    expect(s.hitsTo('/secret/page')).toHaveLength(0);
  });

  it('treats a 5xx robots.txt as disallow-all', async () => {
    const s = await siteWithRobots({ status: 503 });
    const r = await fetcherFor(s, { retries: 1 }).fetch(`${s.origin}/xxgk/`);
    expect(r.outcome).toBe('robots-denied');
    expect(s.hitsTo('/xxgk/')).toHaveLength(0);
  });

  it('treats a 404 robots.txt as allow-all', async () => {
    const s = await siteWithRobots({ status: 404 });
    const r = await fetcherFor(s).fetch(`${s.origin}/xxgk/`);
    expect(r.outcome).toBe('ok');
    expect(s.hitsTo('/xxgk/')).toHaveLength(1);
  });

  it('honours Crawl-delay as the per-host delay when larger', async () => {
    const s = await siteWithRobots({ status: 200, body: 'User-agent: zwgk-auditor\nCrawl-delay: 1\nAllow: /' });
    const f = fetcherFor(s, { perHostConcurrency: 2 });
    await Promise.all([f.fetch(`${s.origin}/a`), f.fetch(`${s.origin}/b`)]);
    const [a, b] = s.hits.filter((h) => h.path !== '/robots.txt').map((h) => h.at);
    // Starts are spaced client-side; the server sees them a connection set-up apart at worst.
    expect(Math.abs(b - a)).toBeGreaterThanOrEqual(900);
  });
});
