import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchResult } from '../../src/shared/capture.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'zwgk-evidence-'));
}

/** A FetchResult as the HTTP fetcher would return it. */
export function result(over: Partial<FetchResult> = {}): FetchResult {
  const body = over.body === undefined ? Buffer.from('<html><body><p>工作动态</p></body></html>') : over.body;
  return {
    requestUrl: 'http://portal.example/xxgk/gzdt/',
    finalUrl: 'http://portal.example/xxgk/gzdt/index.html',
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' },
    requestHeaders: { host: 'portal.example', 'user-agent': 'zwgk-auditor/0.1' },
    body,
    text: body ? body.toString('utf8') : null,
    charset: 'utf-8',
    fetcher: 'http',
    fetchedAt: '2026-11-26T23:00:00.000Z',
    durationMs: 12,
    outcome: 'ok',
    redirects: ['http://portal.example/xxgk/gzdt/'],
    attempts: 1,
    ...over,
  };
}
