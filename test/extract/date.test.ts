import { describe, expect, it } from 'vitest';
import { parseDate, toHalfWidth } from '../../src/extract/index.ts';
import { isDateCell } from '../../src/extract/date.ts';

describe('parseDate: full dates', () => {
  it.each([
    ['2026-05-12', '2026-05-12'],
    ['2026/5/12', '2026-05-12'],
    ['2026.05.12', '2026-05-12'],
    ['2026年5月12日', '2026-05-12'],
    ['2026 年 05 月 12 日', '2026-05-12'],
    ['2026年05月12', '2026-05-12'],
    ['发布时间：2026-05-12 来源：区政府办', '2026-05-12'],
    ['[2017-10-13]', '2017-10-13'],
    ['（2026-05-29）', '2026-05-29'],
  ])('%s → %s', (text, date) => {
    expect(parseDate(text)?.date).toBe(date);
  });

  it('keeps the time when there is one', () => {
    expect(parseDate('2026-05-12 09:05')).toEqual({ date: '2026-05-12', time: '09:05' });
    expect(parseDate('2026-08-27 14:28:41')).toEqual({ date: '2026-08-27', time: '14:28:41' });
    expect(parseDate('2026年5月12日 9时30分')).toEqual({ date: '2026-05-12', time: '09:30' });
    expect(parseDate('2026-05-12T08:00')).toEqual({ date: '2026-05-12', time: '08:00' });
    expect(parseDate('2026-05-12')).toEqual({ date: '2026-05-12' });
  });

  it('drops an impossible time but keeps the date', () => {
    expect(parseDate('2026-05-12 25:61')).toEqual({ date: '2026-05-12' });
  });

  it('reads full-width digits and punctuation', () => {
    expect(parseDate('２０２６－０５－１２')?.date).toBe('2026-05-12');
    expect(parseDate('２０２６／５／１２　１０：３０')).toEqual({ date: '2026-05-12', time: '10:30' });
    expect(parseDate('２０２６年５月１２日')?.date).toBe('2026-05-12');
    expect(toHalfWidth('［０５－１２］')).toBe('[05-12]');
  });

  it('reads 公文-style Chinese numerals', () => {
    expect(parseDate('二〇二六年五月十二日')?.date).toBe('2026-05-12');
    expect(parseDate('二〇二五年十二月三十一日')?.date).toBe('2025-12-31');
    expect(parseDate('二〇二六年十月二十日')?.date).toBe('2026-10-20');
    expect(parseDate('二〇二六年二月三十日')).toBeNull();
  });

  it('rejects invalid calendar dates instead of rolling them over', () => {
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('2026-04-31')).toBeNull();
    expect(parseDate('2025-02-29')).toBeNull();
    expect(parseDate('2024-02-29')?.date).toBe('2024-02-29');
    expect(parseDate('2000-02-29')?.date).toBe('2000-02-29');
    expect(parseDate('1900-02-28')).toBeNull(); // outside any plausible publication year
  });

  it('finds no date in text without one, or in longer digit runs', () => {
    expect(parseDate('')).toBeNull();
    expect(parseDate('浏览次数：12')).toBeNull();
    expect(parseDate('1-10月德清县固定资产投资')).toBeNull();
    expect(parseDate('索引号 12026-05-123')).toBeNull();
    expect(parseDate('2024年第一季度')).toBeNull();
  });
});

describe('parseDate: two-digit years', () => {
  it('accepts 26年5月12日', () => {
    expect(parseDate('26年5月12日')?.date).toBe('2026-05-12');
  });

  it('accepts yy-mm-dd only when the context confirms the year', () => {
    expect(parseDate('12-05-26')).toBeNull(); // 2012-05-26? 12 May 2026? refuse
    expect(parseDate('26-05-12', { year: 2026 })?.date).toBe('2026-05-12');
    expect(parseDate('26-05-12', { refDay: '2026-06-01' })?.date).toBe('2026-05-12');
    expect(parseDate('26-05-12', { refDay: '2031-06-01' })).toBeNull();
    expect(parseDate('99-05-12')).toBeNull(); // 1999 or 2099: no context, no guess
    expect(parseDate('99-05-12', { refDay: '1999-06-01' })?.date).toBe('1999-05-12');
    expect(parseDate('99年5月12日', { refDay: '2000-01-10' })?.date).toBe('1999-05-12');
  });
});

describe('parseDate: month-day dates need a year from context', () => {
  it('returns null without context', () => {
    expect(parseDate('[05-12]')).toBeNull();
    expect(parseDate('05-12')).toBeNull();
  });

  it('uses the stated year', () => {
    expect(parseDate('[05-12]', { year: 2024 })?.date).toBe('2024-05-12');
    expect(parseDate('5月12日', { year: 2025 })?.date).toBe('2025-05-12');
  });

  it('picks the year that does not put the date after the reference day', () => {
    expect(parseDate('[05-12]', { refDay: '2026-06-15' })?.date).toBe('2026-05-12');
    expect(parseDate('06-15', { refDay: '2026-06-15' })?.date).toBe('2026-06-15');
    expect(parseDate('06-16', { refDay: '2026-06-15' })?.date).toBe('2025-06-16');
  });

  it('crosses New Year: a December date seen in early January is last year', () => {
    expect(parseDate('[12-30]', { refDay: '2026-01-03' })?.date).toBe('2025-12-30');
    expect(parseDate('[01-02]', { refDay: '2026-01-03' })?.date).toBe('2026-01-02');
    expect(parseDate('【12-31】', { refDay: '2026-01-01' })?.date).toBe('2025-12-31');
  });

  it('handles leap days by the inferred year', () => {
    expect(parseDate('02-29', { refDay: '2025-03-01' })).toBeNull(); // 2025 has no Feb 29
    expect(parseDate('02-29', { refDay: '2024-03-01' })?.date).toBe('2024-02-29');
  });

  it('keeps the time of a month-day date', () => {
    expect(parseDate('05-12 10:30', { year: 2026 })).toEqual({ date: '2026-05-12', time: '10:30' });
  });

  it('only reads month-day when it is the whole text', () => {
    expect(parseDate('第05-12号文件', { year: 2026 })).toBeNull();
  });
});

describe('isDateCell', () => {
  it('tells a date cell from a sentence that contains a date', () => {
    expect(isDateCell('2026-05-12')).toBe(true);
    expect(isDateCell('[2017-10-13]')).toBe(true);
    expect(isDateCell('发布日期：2026-05-12')).toBe(true);
    expect(isDateCell('关于2026年5月12日召开全区大会的通知')).toBe(false);
    expect(isDateCell('新厂街道办事处')).toBe(false);
  });
});
