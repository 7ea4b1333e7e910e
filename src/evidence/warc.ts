import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { DB } from '../store/index.ts';
import { iterateFetches, iterateUnitFetches, type FetchRow } from '../store/index.ts';
import { readSnapshot } from './snapshots.ts';

export interface WarcExportResult {
  fetches: number;
  records: number;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 408: 'Request Timeout', 410: 'Gone', 412: 'Precondition Failed', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

// Header values must be bytes; anything beyond Latin-1 is percent-encoded rather than dropped.
const latin1 = (v: string) => v.replace(/[^\x00-\xff]+/g, (s) => encodeURIComponent(s)).replace(/[\r\n]+/g, ' ');

/** Header pairs as stored; Set-Cookie (kept one per line) becomes one header per cookie. */
function pairs(json: string): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(JSON.parse(json) as Record<string, string>)) {
    for (const part of k === 'set-cookie' ? v.split('\n') : [v]) out.push([k, latin1(part)]);
  }
  return out;
}

/**
 * The stored body is not always the bytes on the wire: content-encoding was removed, chunking undone, and a
 * browser capture is the rendered DOM in UTF-8. The headers that would mislead a replay tool are renamed
 * X-Archive-Orig-*, the way web archives mark rewritten headers; the metadata record says what was done.
 */
function responseHeaders(row: FetchRow, bodyLength: number): { headers: [string, string][]; transform: string } {
  const browser = row.fetcher === 'browser';
  const rename = new Set(['content-encoding', 'transfer-encoding', 'content-length', ...(browser ? ['content-type'] : [])]);
  const headers: [string, string][] = [];
  let encoded = false;
  for (const [k, v] of pairs(row.headers_json)) {
    if (k === 'content-encoding') encoded = true;
    headers.push(rename.has(k) ? [`x-archive-orig-${k}`, v] : [k, v]);
  }
  if (browser) headers.push(['content-type', 'text/html; charset=utf-8']);
  headers.push(['content-length', String(bodyLength)]);
  const transform = browser
    ? 'rendered-dom: 正文为浏览器渲染后的 DOM（page.content()，UTF-8），不是服务器原始字节'
    : encoded
      ? 'content-decoded: 已按 Content-Encoding 解压，正文为解压后的字节'
      : 'none';
  return { headers, transform };
}

const recordId = (r: WARCRecord) => r.warcHeaders.headers.get('WARC-Record-ID') ?? undefined;

function requestRecord(row: FetchRow): WARCRecord {
  const u = new URL(row.final_url);
  return WARCRecord.create({
    url: row.final_url,
    date: row.fetched_at,
    type: 'request',
    warcVersion: 'WARC/1.1',
    statusline: `${row.method} ${u.pathname}${u.search} HTTP/1.1`,
    httpHeaders: pairs(row.request_headers_json),
  });
}

/**
 * Writes the evidence as WARC 1.1: a warcinfo record, then per fetch a request, a response (status line,
 * headers and body as captured), a metadata record (fetcher, hashes, chain) and, for browser captures, the
 * screenshot as a resource record. Gzip per record when outFile ends in .gz.
 */
export async function exportWarc(db: DB, snapshotsDir: string, filter: { unitId?: string }, outFile: string): Promise<WarcExportResult> {
  const gzip = outFile.endsWith('.gz');
  const out = createWriteStream(outFile);
  const write = async (record: WARCRecord) => {
    const bytes = await WARCSerializer.serialize(record, { gzip });
    if (!out.write(bytes)) await once(out, 'drain');
  };
  let fetches = 0;
  let records = 0;
  try {
    await write(
      WARCRecord.createWARCInfo(
        { filename: outFile.split('/').pop(), warcVersion: 'WARC/1.1' },
        { software: 'zwgk-auditor/0.1 (warcio.js)', format: 'WARC File Format 1.1', description: filter.unitId ? `政务公开考核证据：单位 ${filter.unitId}` : '政务公开考核证据：全部抓取记录' },
      ),
    );
    records++;
    const rows = filter.unitId ? iterateUnitFetches(db, filter.unitId) : iterateFetches(db);
    for (const row of rows) {
      fetches++;
      const related: WARCRecord[] = [];
      const request = Object.keys(JSON.parse(row.request_headers_json)).length ? requestRecord(row) : undefined;
      let response: WARCRecord | undefined;
      let transform = 'none';
      if (row.status !== null) {
        const body = row.body_sha256 ? readSnapshot(snapshotsDir, row.body_sha256) : Buffer.alloc(0);
        const h = responseHeaders(row, body.length);
        transform = h.transform;
        response = WARCRecord.create(
          { url: row.final_url, date: row.fetched_at, type: 'response', warcVersion: 'WARC/1.1', statusline: `HTTP/1.1 ${row.status} ${REASONS[row.status] ?? ''}`.trimEnd(), httpHeaders: h.headers },
          [body],
        );
      }
      const anchor = response ?? request;
      if (request && response) request.warcHeaders.headers.set('WARC-Concurrent-To', recordId(response)!);
      const fields: [string, string][] = [
        ['zwgk-fetch-id', String(row.id)],
        ['zwgk-request-url', row.url],
        ['zwgk-fetcher', row.fetcher],
        ['zwgk-outcome', row.outcome],
        ['zwgk-body-sha256', row.body_sha256 ?? ''],
        ['zwgk-body-transform', transform],
        ['zwgk-screenshot-sha256', row.screenshot_sha256 ?? ''],
        ['zwgk-prev-hash', row.prev_hash],
        ['zwgk-record-hash', row.record_hash],
        ['zwgk-redirects', (JSON.parse(row.redirects_json) as string[]).join(' ')],
        ['zwgk-error', row.error ?? ''],
      ];
      const metadata = WARCRecord.create(
        {
          url: row.final_url,
          date: row.fetched_at,
          type: 'metadata',
          warcVersion: 'WARC/1.1',
          warcHeaders: { 'Content-Type': 'application/warc-fields', ...(anchor ? { 'WARC-Concurrent-To': recordId(anchor)! } : {}) },
        },
        [Buffer.from(fields.map(([k, v]) => `${k}: ${latin1(v)}\r\n`).join(''), 'latin1')],
      );
      if (request) related.push(request);
      if (response) related.push(response);
      related.push(metadata);
      if (row.screenshot_sha256) {
        related.push(
          WARCRecord.create(
            {
              url: `urn:screenshot:${row.final_url}`,
              date: row.fetched_at,
              type: 'resource',
              warcVersion: 'WARC/1.1',
              warcHeaders: { 'Content-Type': 'image/png', ...(anchor ? { 'WARC-Concurrent-To': recordId(anchor)! } : {}) },
            },
            [readSnapshot(snapshotsDir, row.screenshot_sha256)],
          ),
        );
      }
      for (const r of related) await write(r);
      records += related.length;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { fetches, records };
}
