// A static site for bench/fetch-http.ts, in its own process so its CPU is not counted as the crawler's.
// Prints its port, then serves /p/<n>.html (about 15 KB of list-page-like HTML each) until killed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const rows = (n: number) =>
  Array.from({ length: 40 }, (_, i) => `<li><a href="/d/${n}-${i}.html">关于做好第${n}批第${i}项政务公开工作的通知（示例标题用于基准测试）</a><span class="date">2026-05-${String((i % 28) + 1).padStart(2, '0')}</span></li>`).join('\n');
const server = http.createServer((req, res) => {
  if (req.url === '/robots.txt') return void res.writeHead(404).end();
  const n = Number(req.url?.match(/\d+/)?.[0] ?? 0);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>第${n}页</title></head><body><ul class="list">${rows(n)}</ul><div class="page">第${n}页</div></body></html>`);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
