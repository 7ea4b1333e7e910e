import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { decodeBody } from '../../src/extract/encoding.ts';

const TEXT = '<html><head><title>珠山区人民政府 关于镕、䶮等字的通知</title></head><body>发布时间：2026年5月12日</body></html>';

describe('decodeBody', () => {
  it('uses the Content-Type charset', () => {
    const r = decodeBody(iconv.encode(TEXT, 'gbk'), 'text/html; charset=GBK');
    expect(r).toMatchObject({ charset: 'gb18030', source: 'header' });
    expect(r.text).toBe(TEXT);
  });

  it('falls back to <meta charset> when the header has none', () => {
    const html = TEXT.replace('<head>', '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
    const r = decodeBody(iconv.encode(html, 'gb18030'), 'text/html');
    expect(r).toMatchObject({ charset: 'gb18030', source: 'meta' });
    expect(r.text).toBe(html);
  });

  it('sniffs GB18030 when nothing is declared and the bytes are not UTF-8', () => {
    const r = decodeBody(iconv.encode(TEXT, 'gb18030'));
    expect(r).toMatchObject({ charset: 'gb18030', source: 'sniffed' });
    expect(r.text).toBe(TEXT);
  });

  it('does not trust a UTF-8 declaration on GBK bytes', () => {
    const r = decodeBody(iconv.encode(TEXT, 'gbk'), 'text/html; charset=utf-8');
    expect(r.charset).toBe('gb18030');
    expect(r.text).toBe(TEXT);
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'text/html; charset=gbk');
    expect(r).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(r.text).toBe(TEXT);
  });

  it('decodes the real GB2312 page exactly as TextDecoder(gb18030) does', () => {
    const buf = readFileSync(new URL('../fixtures/real-pages/pages/detail-chinaneast-gb2312-1.html', import.meta.url));
    const r = decodeBody(buf);
    expect(r.charset).toBe('gb18030');
    expect(r.text).toBe(new TextDecoder('gb18030').decode(buf));
    expect(r.text).toContain('振兴东北');
  });
});
