import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import iconv from 'iconv-lite';
import { challengePage, hasClearance, type FaultState } from './faults.ts';
import type { Model } from './model.ts';
import { route, type Routed } from './router.ts';
import type { RequestLogEntry } from './types.ts';

export interface ServerDeps {
  /** Set once the portal is listening and its content generated. */
  model(): Model;
  faults: FaultState;
  robotsTxt(): string;
  log: RequestLogEntry[];
}

const MAX_BODY = 64 * 1024;

export function createPortalServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`服务器内部错误：${err.message}`);
    });
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const model = deps.model();
  // Concatenate rather than resolve: a request for '//x/y' must stay a path on this portal.
  const url = new URL(model.baseUrl + (req.url?.startsWith('/') ? req.url : '/'));
  const entry: RequestLogEntry = {
    method: req.method ?? 'GET',
    path: url.pathname + url.search,
    status: 0,
    userAgent: req.headers['user-agent'] ?? null,
    at: new Date().toISOString(),
    ifNoneMatch: header(req, 'if-none-match'),
    ifModifiedSince: header(req, 'if-modified-since'),
  };
  deps.log.push(entry);
  const send = (status: number, headers: Record<string, string | number>, body?: Buffer | string) => {
    entry.status = status;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
    return send(405, { Allow: 'GET, HEAD, POST', 'Content-Type': 'text/plain; charset=utf-8' }, '不支持的请求方法');
  }
  const params = new URLSearchParams(url.search);
  if (req.method === 'POST') new URLSearchParams(await readBody(req)).forEach((v, k) => params.set(k, v));

  if (url.pathname === '/robots.txt') return send(200, { 'Content-Type': 'text/plain; charset=utf-8' }, deps.robotsTxt());

  const routed = route(model, url, params, { host: url.host });
  if (routed.unit?.challenge && !hasClearance(req.headers.cookie, model.seed)) {
    return send(412, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, challengePage(model.seed));
  }
  if (routed.entry && routed.column && routed.status === 200) {
    for (const action of deps.faults.decide(routed.column.col.faults, entry.path)) {
      if (action.kind === 'delay') await new Promise((r) => setTimeout(r, action.ms));
      if (action.kind === 'status') {
        const text = action.status === 429 ? '请求过于频繁，请稍后再试。' : '服务暂时不可用，请稍后再试。';
        return send(action.status, { 'Content-Type': 'text/plain; charset=utf-8', ...action.headers }, text);
      }
    }
  }
  respond(routed, req, send);
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

/** Encodes the page (GBK for GBK units) and answers conditional GETs with 304. */
function respond(
  routed: Routed,
  req: IncomingMessage,
  send: (status: number, headers: Record<string, string | number>, body?: Buffer | string) => void,
): void {
  const gbk = routed.unit?.encoding === 'gbk' && routed.contentType === 'text/html';
  const bytes = gbk ? iconv.encode(routed.body, 'gbk') : Buffer.from(routed.body, 'utf8');
  const headers: Record<string, string | number> = {
    'Content-Type': `${routed.contentType}; charset=${gbk ? 'GBK' : 'UTF-8'}`,
    ...(routed.location ? { Location: routed.location } : {}),
  };
  if (routed.status !== 200) return send(routed.status, headers, bytes);
  const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 20)}"`;
  headers.ETag = etag;
  const lastModified = routed.lastModified !== undefined ? Math.floor(routed.lastModified / 1000) * 1000 : undefined;
  if (lastModified !== undefined) headers['Last-Modified'] = new Date(lastModified).toUTCString();
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  const notModified =
    inm !== undefined
      ? inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
      : ims !== undefined && lastModified !== undefined && lastModified <= Date.parse(ims);
  if (notModified && (req.method === 'GET' || req.method === 'HEAD')) {
    delete headers['Content-Type'];
    return send(304, headers);
  }
  headers['Content-Length'] = bytes.length;
  send(200, headers, bytes);
}
