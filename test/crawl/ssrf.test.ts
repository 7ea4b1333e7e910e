import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, isPrivateAddress } from '../../src/crawl/index.ts';
import { createHttpClient } from '../../src/crawl/client.ts';
import { createSsrfGate } from '../../src/crawl/ssrf.ts';
import { html, startServer, type TestServer } from './server.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function two(): Promise<{ allowed: TestServer; other: TestServer }> {
  const other = await startServer((req, res) => void res.end(html('<p>内网机密</p>')));
  const allowed = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    if (req.url === '/jump') return void res.writeHead(302, { location: `${other.origin}/admin` }).end();
    if (req.url === '/jump-name') return void res.writeHead(302, { location: `http://localhost:${other.port}/admin` }).end();
    if (req.url === '/jump-ftp') return void res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end();
    res.end(html('<p>ok</p>'));
  });
  cleanup.push(() => allowed.close(), () => other.close());
  return { allowed, other };
}

describe('SSRF gate', () => {
  it('classifies private, loopback, link-local, unique-local, multicast and unspecified addresses', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '::ffff:7f00:1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ['202.96.128.86', '1.1.1.1', '2400:3200::1', '240e::1']) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('refuses a redirect from an allowed host to a loopback port that is not allowed; no request reaches it', async () => {
    const { allowed, other } = await two();
    const f = createFetcher({ perHostDelayMs: 0, allowPrivateHosts: [allowed.host] });
    cleanup.push(() => f.close());
    for (const path of ['/jump', '/jump-name']) {
      const r = await f.fetch(`${allowed.origin}${path}`);
      expect(r.outcome, path).toBe('blocked');
      expect(r.error).toContain('内网');
      expect(r.redirects).toEqual([`${allowed.origin}${path}`]);
    }
    const direct = await f.fetch(`${other.origin}/admin`);
    expect(direct.outcome).toBe('blocked');
    expect(other.hits).toHaveLength(0);
    expect(f.stats().blocked).toBe(3);
  });

  it('refuses schemes other than http and https, on the first hop and on redirects', async () => {
    const { allowed } = await two();
    const f = createFetcher({ perHostDelayMs: 0, allowPrivateHosts: [allowed.host] });
    cleanup.push(() => f.close());
    expect((await f.fetch('file:///etc/passwd')).outcome).toBe('blocked');
    const r = await f.fetch(`${allowed.origin}/jump-ftp`);
    expect(r.outcome).toBe('blocked');
    expect(r.error).toContain('http');
  });

  it('refuses loopback entirely when nothing is allowed', async () => {
    const { allowed } = await two();
    const f = createFetcher({ perHostDelayMs: 0 });
    cleanup.push(() => f.close());
    const r = await f.fetch(`${allowed.origin}/`);
    expect(r.outcome).toBe('blocked');
    expect(allowed.hits).toHaveLength(0);
  });

  it('checks again at connect time with the address it connects to, so a re-resolved name cannot slip past', async () => {
    const { other } = await two();
    // The client alone, without the fetcher's pre-check: the connector is the last line of defence.
    const client = createHttpClient({ gate: createSsrfGate([]), timeoutMs: 2000 });
    cleanup.push(() => client.close());
    for (const url of [`${other.origin}/x`, `http://localhost:${other.port}/x`]) {
      await expect(client.exchange(new URL(url), { headers: {}, maxBodyBytes: 1000, purpose: 'other' })).rejects.toMatchObject({ kind: 'blocked' });
    }
    expect(other.hits).toHaveLength(0);
  });
});
