import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebFixture, type WebFixture } from './fixture.ts';
import { dashboardFor } from './helpers.ts';

let fx: WebFixture;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  fx = await buildWebFixture({ canary: 'http://127.0.0.1:9' });
  server = await dashboardFor(fx).start({ port: 0, evidencePort: 0 });
}, 120_000);
afterAll(() => server?.close());

/** Streams up to `total` bytes (chunked, with backpressure) and resolves with the answer as soon as one comes. */
function streamBody(path: string, total: number): Promise<{ status: number; body: string; sent: number }> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    // The server closes the socket after refusing: writes after that fail, which is expected.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!answered && !req.destroyed && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (sent >= total) req.end();
    };
    pump();
  });
}

describe('limits at the door', () => {
  it('a 200 MB body to /login is refused with a Chinese 413 page quickly, without the server buffering it', async () => {
    const idle = process.memoryUsage().rss;
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = Date.now();
    const res = await streamBody('/login', 200 * 1024 * 1024);
    const elapsed = Date.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(res.status).toBe(413);
    expect(res.body).toContain('提交的内容过大');
    expect(elapsed).toBeLessThan(5_000);
    expect(res.sent).toBeLessThan(100 * 1024 * 1024);
    expect(peak - idle).toBeLessThan(50 * 1024 * 1024);
  }, 60_000);

  it('a declared Content-Length over the limit is refused before any of the body is read', async () => {
    const res = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=' + 'x'.repeat(20 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('登录 8 KB');
  });

  it('an oversized URL or header block is refused by the server (431)', async () => {
    const res = await fetch(`${server.url}/login?q=${'x'.repeat(20 * 1024)}`);
    expect(res.status).toBe(431);
  });
});
