import { afterEach, describe, expect, it } from 'vitest';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WARCParser } from 'warcio';
import { openDb, type DB } from '../../src/store/db.ts';
import { createEvidenceStore, exportWarc } from '../../src/evidence/index.ts';
import { result, tempDir } from './fixtures.ts';

let db: DB | undefined;
afterEach(() => db?.close());

interface Read {
  type: string;
  uri: string | null | undefined;
  payload: Buffer;
  status?: string | number;
  headers?: Record<string, string>;
  concurrentTo?: string[];
  id?: string | null;
}

async function readWarc(file: string): Promise<Read[]> {
  const out: Read[] = [];
  for await (const rec of WARCParser.iterRecords(createReadStream(file))) {
    const payload = Buffer.from(await rec.readFully(false));
    out.push({
      type: rec.warcType,
      uri: rec.warcTargetURI,
      payload,
      status: rec.httpHeaders?.statusCode,
      headers: rec.httpHeaders ? Object.fromEntries(rec.httpHeaders.headers as unknown as Iterable<[string, string]>) : undefined,
      concurrentTo: rec.warcConcurrentTo,
      id: rec.warcHeader('WARC-Record-ID'),
    });
  }
  return out;
}

function seed() {
  const dir = tempDir();
  db = openDb(join(dir, 'zwgk.db'));
  const snaps = join(dir, 'snapshots');
  const store = createEvidenceStore(db, snaps);
  const page = Buffer.from('<html><body><ul><li>关于做好2026年政务公开工作的通知</li></ul></body></html>');
  const list = store.save(result({ body: page, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'set-cookie': 'a=1; Path=/\nb=2; Expires=Wed, 01 Jul 2026 00:00:00 GMT' } }));
  const shot = Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 9, 9]);
  const detail = store.save(
    result({ requestUrl: 'http://portal.example/xxgk/gzdt/a1.html', finalUrl: 'http://portal.example/xxgk/gzdt/a1.html', fetcher: 'browser', body: Buffer.from('<html><body>详情</body></html>'), screenshot: shot, headers: { 'content-type': 'text/html; charset=gbk' }, redirects: [] }),
  );
  const other = store.save(result({ requestUrl: 'http://other.example/', finalUrl: 'http://other.example/', body: Buffer.from('其他单位'), redirects: [] }));
  const failed = store.save(result({ requestUrl: 'http://portal.example/down/', finalUrl: 'http://portal.example/down/', status: null, body: null, headers: {}, outcome: 'timeout', error: '超时', redirects: [] }));
  const now = '2026-11-26T00:00:00Z';
  db.exec(`INSERT INTO units (id, name, kind, updated_at) VALUES ('xinchang', '新厂街道办事处', '镇街', '${now}'), ('other', '其他局', '区直部门', '${now}');
    INSERT INTO columns (id, unit_id, stable_key, name, url, class, class_source, created_at, updated_at)
      VALUES (1, 'xinchang', 'xinchang/gzdt', '工作动态', 'http://portal.example/xxgk/gzdt/', '动态要闻', 'plan', '${now}', '${now}'),
             (2, 'other', 'other/x', '通知公告', 'http://other.example/', '动态要闻', 'plan', '${now}', '${now}');
    INSERT INTO crawl_runs (id, started_at) VALUES (1, '${now}');
    INSERT INTO column_visits (id, run_id, column_id, started_at) VALUES (1, 1, 1, '${now}'), (2, 1, 2, '${now}');
    INSERT INTO visit_fetches (visit_id, fetch_id, page_no) VALUES (1, ${list}, 1), (2, ${other}, 1);
    INSERT INTO items (column_id, url, url_key, title, detail_fetch_id, first_seen_at, first_seen_fetch_id, last_seen_at)
      VALUES (1, 'http://portal.example/xxgk/gzdt/a1.html', 'a1', '详情', ${detail}, '${now}', ${list}, '${now}');`);
  return { dir, snaps, page, shot, ids: { list, detail, other, failed } };
}

describe('WARC export', () => {
  for (const name of ['all.warc', 'all.warc.gz']) {
    it(`writes request, response, metadata and screenshot records that warcio reads back (${name})`, async () => {
      const { dir, snaps, page, shot } = seed();
      const out = join(dir, name);
      const r = await exportWarc(db!, snaps, {}, out);
      expect(r.fetches).toBe(4);
      const head = readFileSync(out).subarray(0, 2);
      expect(head.equals(Buffer.from([0x1f, 0x8b]))).toBe(name.endsWith('.gz'));
      const recs = await readWarc(out);
      expect(recs.map((x) => x.type)).toEqual([
        'warcinfo',
        'request', 'response', 'metadata',
        'request', 'response', 'metadata', 'resource',
        'request', 'response', 'metadata',
        'request', 'metadata', // a timeout: no response was received
      ]);
      expect(recs.length).toBe(r.records);
      const [, req, resp, meta] = recs;
      expect(req.uri).toBe('http://portal.example/xxgk/gzdt/index.html');
      expect(resp.uri).toBe('http://portal.example/xxgk/gzdt/index.html');
      expect(Number(resp.status)).toBe(200);
      expect(resp.payload.equals(page)).toBe(true);
      // The stored body is decoded, so the encoding header is kept only as the original's.
      expect(resp.headers!['content-encoding']).toBeUndefined();
      expect(resp.headers!['x-archive-orig-content-encoding']).toBe('gzip');
      expect(req.concurrentTo).toEqual([resp.id]);
      const fields = meta.payload.toString('latin1');
      expect(fields).toContain('zwgk-fetcher: http');
      expect(fields).toMatch(/zwgk-record-hash: [0-9a-f]{64}/);
      expect(fields).toContain('zwgk-body-transform: content-decoded');
      const screenshot = recs[7];
      expect(screenshot.uri).toBe('urn:screenshot:http://portal.example/xxgk/gzdt/a1.html');
      expect(screenshot.payload.equals(shot)).toBe(true);
      expect(recs[5].headers!['content-type']).toBe('text/html; charset=utf-8');
      expect(recs[5].headers!['x-archive-orig-content-type']).toBe('text/html; charset=gbk');
    });
  }

  it('keeps each Set-Cookie header separate', async () => {
    const { dir, snaps } = seed();
    const out = join(dir, 'c.warc');
    await exportWarc(db!, snaps, {}, out);
    const text = (await import('node:fs')).readFileSync(out, 'latin1');
    expect(text).toContain('set-cookie: a=1; Path=/\r\n');
    expect(text).toContain('set-cookie: b=2; Expires=Wed, 01 Jul 2026 00:00:00 GMT\r\n');
  });

  it('exports only the fetches linked to one unit', async () => {
    const { dir, snaps } = seed();
    const out = join(dir, 'unit.warc.gz');
    const r = await exportWarc(db!, snaps, { unitId: 'xinchang' }, out);
    expect(r.fetches).toBe(2);
    const uris = new Set((await readWarc(out)).filter((x) => x.type === 'response').map((x) => x.uri));
    expect(uris).toEqual(new Set(['http://portal.example/xxgk/gzdt/index.html', 'http://portal.example/xxgk/gzdt/a1.html']));
  });
});
