import { describe, expect, it } from 'vitest';
import { extractDetail, extractList, extractSinglePage, pageKind } from '../../src/extract/index.ts';

const list = '<ul><li><a href="/a1.html">关于开展安全生产检查的通知</a><span>2026-05-01</span></li><li><a href="/a2.html">关于做好防汛工作的通知</a><span>2026-05-02</span></li></ul>';
const nested = (depth: number, inner: string) => `<html><body>${'<div>'.repeat(depth)}${inner}${'</div>'.repeat(depth)}</body></html>`;

describe('very deep pages', () => {
  // A page nested tens of thousands of levels deep once overflowed the stack and was recorded as the unit's
  // 页面无法解析. The parser's walks are bounded now: such a page is read (flattened) without throwing.
  it('never overflow the stack, whatever the nesting', () => {
    const html = nested(30_000, list);
    expect(() => extractList(html, 'http://portal.test/', { refDay: '2026-06-01' })).not.toThrow();
    expect(() => extractDetail(html, 'http://portal.test/')).not.toThrow();
    expect(() => extractSinglePage(html, 'http://portal.test/')).not.toThrow();
    expect(() => pageKind(html)).not.toThrow();
  });

  it('still read a list nested as deep as real templates go', () => {
    const r = extractList(nested(120, list), 'http://portal.test/', { refDay: '2026-06-01' });
    expect(r.items.map((i) => [i.title, i.date])).toEqual([
      ['关于开展安全生产检查的通知', '2026-05-01'],
      ['关于做好防汛工作的通知', '2026-05-02'],
    ]);
  });
});
