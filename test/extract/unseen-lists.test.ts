import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody, extractList, pageKind } from '../../src/extract/index.ts';
import type { ListItem } from '../../src/extract/types.ts';
import { UNSEEN_LISTS, type UnseenItem, type UnseenList } from './unseen-lists.expected.ts';

/**
 * Issue #15: list pages of sites and templates the extractor was not written against. An item is right when
 * an extracted item has its URL, title and date; the share of right items over all expected items must reach
 * 98%. Run `npx vitest run test/extract/unseen-lists.test.ts` to see the figure.
 */
const DIR = join(import.meta.dirname, '../fixtures/real-pages/unseen-lists');
const read = (f: string) => decodeBody(readFileSync(join(DIR, f))).text;
const extract = (t: UnseenList) => extractList(read(t.file), t.url, { refDay: t.refDay });

function rightItems(expected: UnseenItem[], got: ListItem[]): number {
  const byUrl = new Map(got.map((i) => [i.url, i]));
  return expected.filter((e) => {
    const g = byUrl.get(e.url);
    return g !== undefined && g.title === e.title && g.date === e.date;
  }).length;
}

describe('unseen real list pages', () => {
  it('every saved page has an expectation', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'SOURCES.md').sort();
    expect(UNSEEN_LISTS.map((l) => l.file).sort()).toEqual(files);
  });

  it('gets at least 98% of the items right', () => {
    let right = 0;
    let total = 0;
    const lines: string[] = [];
    for (const t of UNSEEN_LISTS) {
      const got = extract(t).items;
      const r = rightItems(t.items, got);
      right += r;
      total += t.items.length;
      lines.push(`${t.file}: ${r}/${t.items.length} right, ${got.length} extracted`);
    }
    console.log([...lines, `total: ${right}/${total} = ${((100 * right) / total).toFixed(1)}%`].join('\n'));
    expect(right / total).toBeGreaterThanOrEqual(0.98);
  });

  for (const t of UNSEEN_LISTS) {
    it(`${t.file}: ${t.items.length} items`, () => {
      const text = read(t.file);
      const r = extract(t);
      // Exactly the column's items, in page order: nothing from menus, marquees or side boxes.
      expect(r.items.map(({ title, url, date }) => ({ title, url, date }))).toEqual(t.items);
      expect(r.items.some((i) => i.pinned)).toBe(false); // none of these pages marks an item 置顶
      expect(r.nextPages).toHaveLength(t.nextPages.count);
      if (t.nextPages.first) expect(r.nextPages[0]).toBe(t.nextPages.first);
      if (t.nextPages.last) expect(r.nextPages.at(-1)).toBe(t.nextPages.last);
      expect(pageKind(text)).toBe('list');
    });
  }
});
