import { describe, expect, it } from 'vitest';
import { pageDoubt, visitCoverage, type PageRead } from '../../src/crawl/coverage.ts';
import type { ListExtraction, ListItem } from '../../src/extract/index.ts';

const item = (n: number, date: string | null = `2026-05-${String((n % 28) + 1).padStart(2, '0')}`, pinned = false): ListItem => ({
  title: `关于第 ${n} 项工作的通知`,
  url: `http://portal.test/a/${n}.html`,
  date,
  pinned,
});
const list = (n: number, o: Partial<ListExtraction> = {}): ListExtraction => ({
  kind: 'list',
  items: Array.from({ length: n }, (_, i) => item(i)),
  nextPages: [],
  claims: {},
  flags: [],
  ...o,
});
const read = (x: ListExtraction, followed = false): PageRead => ({ items: x.items.length, followed, extraction: x });

describe('pageDoubt: what one list page says against itself', () => {
  it('takes a whole list, and a page that says it is empty, at their word', () => {
    expect(pageDoubt(list(15, { claims: { totalRecords: 15 } }))).toBeNull();
    expect(pageDoubt(list(0, { flags: ['no-items', 'blank-text'] }))).toBeNull();
  });

  it('doubts no list at all, a list a script fills, and fewer items than the page claims with no way to the rest', () => {
    expect(pageDoubt(list(0, { flags: ['no-items'] }))).toMatch(/没有识别出信息条目/);
    // A script-filled container often carries 暂无信息 as a placeholder: that is no proof of a blank column.
    expect(pageDoubt(list(0, { flags: ['no-items', 'blank-text', 'script-filled'] }))).toMatch(/脚本填充/);
    expect(pageDoubt(list(12, { flags: ['script-filled'] }))).toMatch(/只识别出 12 条/);
    expect(pageDoubt(list(45, { claims: { totalRecords: 135 } }))).toBe('页面声称共 135 条，但只显示 45 条，且找不到其余各页');
    expect(pageDoubt(list(45, { claims: { totalRecords: 135 }, nextPages: ['http://portal.test/index_1.html'] }))).toBeNull();
  });

  it('doubts a one-item list, undated lists and lists whose dates are all equal', () => {
    expect(pageDoubt(list(1))).toBe('列表只识别出 1 条信息');
    expect(pageDoubt(list(1, { claims: { totalRecords: 1 } }))).toBeNull();
    expect(pageDoubt(list(1, { nextPages: ['http://portal.test/p2'] }))).toBeNull();
    expect(pageDoubt({ ...list(0), items: [item(1, null), item(2, null), item(3, null)] })).toMatch(/都没有日期/);
    expect(pageDoubt({ ...list(0), items: [item(1), item(2, null), item(3)] })).toMatch(/3 条信息有 1 条没有日期/);
    expect(pageDoubt({ ...list(0), items: [item(1, null, true), item(2), item(3), item(4)] })).toBeNull();
    expect(pageDoubt(list(8, { flags: ['dates-all-equal'] }))).toMatch(/日期完全相同/);
  });
});

describe('visitCoverage: what the visit read against what the pages claimed', () => {
  const base = { maxPages: 50, previousFirstPage: null };

  it('is complete when it stopped at a known item, at the period start, or read every page the pager claims', () => {
    expect(visitCoverage({ ...base, pages: [read(list(15, { claims: { totalRecords: 300 }, nextPages: ['x'] }))], stop: 'known-item', itemsFound: 15 })).toMatchObject({ coverage: 'complete', reason: null });
    const p = [read(list(15, { claims: { totalRecords: 40, totalPages: 3 }, nextPages: ['a', 'b'] }), true), read(list(15), true), read(list(10))];
    expect(visitCoverage({ ...base, pages: p, stop: 'exhausted', itemsFound: 40 })).toMatchObject({ coverage: 'complete', claims: { totalRecords: 40, totalPages: 3 } });
  });

  it('is 需核对 when fewer items were read than the pages claim, or fewer pages', () => {
    const p = [read(list(15, { claims: { totalRecords: 135 }, nextPages: ['a'] }), true), read(list(15))];
    expect(visitCoverage({ ...base, pages: p, stop: 'exhausted', itemsFound: 30 })).toEqual({
      coverage: 'review',
      reason: '页面声称共 135 条，读完全部可找到的列表页只读到 30 条',
      claims: { totalRecords: 135 },
    });
    const q = [read(list(20, { claims: { totalPages: 9 }, nextPages: ['a'] }), true), read(list(20))];
    expect(visitCoverage({ ...base, pages: q, stop: 'exhausted', itemsFound: 40 }).reason).toBe('页面声称共 9 页，只找到并读了 2 页');
  });

  it('is 需核对 at the page cap, on a short page in the middle, and when the first page shrank against the last complete read', () => {
    expect(visitCoverage({ ...base, maxPages: 2, pages: [read(list(15, { nextPages: ['a'] }), true), read(list(15))], stop: 'page-cap', itemsFound: 30 }).reason).toBe('已读到每栏目页数上限 2 页，其后的列表页未读');
    const mid = [read(list(15, { nextPages: ['a', 'b'] }), true), read(list(3), true), read(list(15))];
    expect(visitCoverage({ ...base, pages: mid, stop: 'exhausted', itemsFound: 33 }).reason).toBe('第 2 页只读到 3 条，每页应有 15 条');
    expect(visitCoverage({ ...base, previousFirstPage: 20, pages: [read(list(4, { nextPages: ['a'] }))], stop: 'known-item', itemsFound: 4 }).reason).toBe('本次列表第一页只读到 4 条，上次完整读取时为 20 条');
  });
});
