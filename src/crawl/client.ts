import { Agent, request } from 'undici';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { BlockedError, type SsrfGate } from './ssrf.ts';
import type { RequestPurpose } from './types.ts';

export type FailureKind = 'timeout' | 'network-error' | 'too-large' | 'blocked' | 'robots-denied';

/** A hop that produced no usable response. */
export class ExchangeFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

export interface ExchangeInit {
  method?: string;
  headers: Record<string, string>;
  body?: Buffer | null;
  maxBodyBytes: number;
  /** What the request is for, counted in the night's summary. */
  purpose: RequestPurpose;
}

export interface Exchange {
  status: number;
  headers: Record<string, string>;
  requestHeaders: Record<string, string>;
  /** Content-encoding removed. */
  body: Buffer;
}

export interface HttpClient {
  exchange(url: URL, init: ExchangeInit): Promise<Exchange>;
  close(): Promise<void>;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function flatten(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  // Set-Cookie values contain commas (Expires=Wed, ...), so they are kept one per line.
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    const name = k.toLowerCase();
    out[name] = Array.isArray(v) ? v.join(name === 'set-cookie' ? '\n' : ', ') : v;
  }
  return out;
}

function decompress(raw: Buffer, encoding: string | undefined, cap: number): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  const opts = { maxOutputLength: cap };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(raw, opts);
    if (enc === 'br') return brotliDecompressSync(raw, opts);
    if (enc === 'deflate') {
      try {
        return inflateSync(raw, opts);
      } catch {
        return inflateRawSync(raw, opts); // servers that send raw deflate without the zlib wrapper
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new ExchangeFailure('too-large', `解压后的正文超过上限 ${cap} 字节，已放弃。`);
    }
    throw new ExchangeFailure('network-error', `正文按 ${enc} 解压失败：${(err as Error).message}`);
  }
  return raw;
}

function describe(err: unknown, url: URL, timeoutMs: number): ExchangeFailure {
  if (err instanceof ExchangeFailure) return err;
  if (err instanceof BlockedError) return new ExchangeFailure('blocked', err.message);
  const e = err as NodeJS.ErrnoException & { cause?: unknown };
  if (e?.cause instanceof BlockedError) return new ExchangeFailure('blocked', e.cause.message);
  if (TIMEOUT_CODES.has(e?.code ?? '') || e?.name === 'TimeoutError') {
    return new ExchangeFailure('timeout', `访问 ${url.host} 超时（单步上限 ${timeoutMs} 毫秒）。`);
  }
  const code = e?.code ? `（${e.code}）` : '';
  return new ExchangeFailure('network-error', `访问 ${url.host} 时网络出错${code}：${e?.message ?? String(err)}`);
}

export function createHttpClient(opts: { gate: SsrfGate; timeoutMs: number; onRequest?: (url: URL, purpose: RequestPurpose) => void; onBytes?: (n: number) => void }): HttpClient {
  const { gate, timeoutMs } = opts;
  const agent = new Agent({
    connect: gate.connector(timeoutMs),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 10_000,
  });

  return {
    async exchange(url, init) {
      opts.onRequest?.(url, init.purpose);
      // undici's body timeout is per read; a slow drip could still last forever, hence an overall bound.
      const signal = AbortSignal.timeout(timeoutMs * 4);
      try {
        const res = await request(url, {
          dispatcher: agent,
          method: (init.method ?? 'GET') as 'GET',
          headers: init.headers,
          body: init.body ?? undefined,
          signal,
        });
        const headers = flatten(res.headers);
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > init.maxBodyBytes) {
          res.body.on('error', () => {}).destroy(); // the abort error it emits is expected
          throw new ExchangeFailure('too-large', `正文 ${declared} 字节，超过上限 ${init.maxBodyBytes} 字节，未下载。`);
        }
        const chunks: Buffer[] = [];
        let total = 0;
        for await (const chunk of res.body) {
          total += chunk.length;
          if (total > init.maxBodyBytes) {
            res.body.on('error', () => {}).destroy();
            throw new ExchangeFailure('too-large', `正文超过上限 ${init.maxBodyBytes} 字节，已中止下载。`);
          }
          chunks.push(chunk as Buffer);
        }
        opts.onBytes?.(total);
        const raw = Buffer.concat(chunks, total);
        const body = decompress(raw, headers['content-encoding'], init.maxBodyBytes);
        const requestHeaders = { host: url.host, ...init.headers };
        return { status: res.statusCode, headers, requestHeaders, body };
      } catch (err) {
        throw describe(err, url, timeoutMs);
      }
    },
    close: () => agent.close(),
  };
}
