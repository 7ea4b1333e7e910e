import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  path: string;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export interface TestServer {
  origin: string;
  host: string;
  port: number;
  /** Every request the server received, robots.txt included. */
  hits: Hit[];
  hitsTo(path: string): Hit[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

/** A small server on 127.0.0.1, port 0, that logs every request it gets. */
export async function startServer(handler: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void | Promise<void>): Promise<TestServer> {
  let inFlight = 0;
  const hits: Hit[] = [];
  const server = http.createServer(async (req, res) => {
    hits.push({ path: req.url ?? '', headers: req.headers, at: Date.now() });
    inFlight++;
    s.maxInFlight = Math.max(s.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    try {
      await handler(req, res, hits.filter((h) => h.path === req.url).length);
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const s: TestServer = {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    hits,
    hitsTo: (path) => hits.filter((h) => h.path === path),
    maxInFlight: 0,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return s;
}

export const html = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>测试</title></head><body>${body}</body></html>`;
