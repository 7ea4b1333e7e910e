import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addWorkdays, CalendarCoverageError, countWorkdays, coveredYears, isWorkday } from '../../src/assess/workdays.ts';
import { DEFAULT_RULES_DIR, loadRules } from '../../src/config/rules.ts';

const rules = loadRules();

function rulesWithHolidays(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-workdays-'));
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  const file = join(dir, 'holidays.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/extraYears: \[\]\noverrides: \[\]\n/, yaml));
  return loadRules(dir);
}

describe('2025 calendar (国办发明电〔2024〕12号)', () => {
  it.each(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'])('make-up working day %s (a weekend) is a working day', (d) => {
    expect(new Date(d + 'T00:00:00Z').getUTCDay() % 6).toBe(0);
    expect(isWorkday(rules, d)).toBe(true);
  });

  it.each(['2025-01-01', '2025-01-28', '2025-02-04', '2025-04-04', '2025-05-05', '2025-06-02', '2025-10-01', '2025-10-08'])('weekday holiday %s is not a working day', (d) => {
    expect(isWorkday(rules, d)).toBe(false);
  });

  it('has 248 working days (261 weekdays − 18 weekday holidays + 5 make-up days)', () => {
    expect(countWorkdays(rules, '2024-12-31', '2025-12-31')).toBe(248);
  });

  it('puts the 20th working day after 2025-09-26 on 2025-10-30, across 国庆 and two make-up days', () => {
    expect(addWorkdays(rules, '2025-09-26', 20)).toBe('2025-10-30');
    expect(countWorkdays(rules, '2025-09-26', '2025-10-30')).toBe(20);
    expect(countWorkdays(rules, '2025-09-26', '2025-10-31')).toBe(21);
  });
});

describe('2026 calendar (国办发明电〔2025〕7号)', () => {
  it.each(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])('make-up working day %s is a working day', (d) => {
    expect(isWorkday(rules, d)).toBe(true);
  });

  it.each(['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-23', '2026-04-06', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-07'])('weekday holiday %s is not a working day', (d) => {
    expect(isWorkday(rules, d)).toBe(false);
  });

  it('has 248 working days (261 weekdays − 19 weekday holidays + 6 make-up days)', () => {
    expect(countWorkdays(rules, '2025-12-31', '2026-12-31')).toBe(248);
  });

  it('counts across the year boundary and 元旦 with its Sunday make-up day', () => {
    expect(countWorkdays(rules, '2025-12-31', '2026-01-05')).toBe(2);
    expect(addWorkdays(rules, '2025-12-31', 1)).toBe('2026-01-04');
  });
});

describe('the half-open interval (成文日期, 发布日期]', () => {
  it('does not count the 成文 day and counts the 发布 day', () => {
    expect(countWorkdays(rules, '2026-03-02', '2026-03-02')).toBe(0);
    expect(countWorkdays(rules, '2026-03-02', '2026-03-03')).toBe(1);
    expect(countWorkdays(rules, '2026-03-06', '2026-03-07')).toBe(0); // Friday → Saturday
    expect(countWorkdays(rules, '2026-03-06', '2026-03-09')).toBe(1); // Friday → Monday
  });

  it('counts 2026-02-10 → 2026-03-10 across 春节 as 16', () => {
    expect(countWorkdays(rules, '2026-02-10', '2026-03-10')).toBe(16);
  });

  it('gives the negative count when 发布 is before 成文', () => {
    expect(countWorkdays(rules, '2026-03-10', '2026-02-10')).toBe(-16);
    expect(countWorkdays(rules, '2026-03-03', '2026-03-02')).toBe(-1);
  });

  it('agrees with addWorkdays: on time exactly up to the 20th working day', () => {
    for (const start of ['2025-01-20', '2025-04-25', '2026-02-13', '2026-09-18', '2026-12-01']) {
      const deadline = addWorkdays(rules, start, 20);
      expect(isWorkday(rules, deadline)).toBe(true);
      expect(countWorkdays(rules, start, deadline)).toBe(20);
    }
  });

  it('steps backwards for negative n', () => {
    expect(addWorkdays(rules, '2025-10-09', -1)).toBe('2025-09-30');
    expect(addWorkdays(rules, '2025-10-09', -3)).toBe('2025-09-28');
    expect(addWorkdays(rules, '2025-10-09', -4)).toBe('2025-09-26');
    expect(addWorkdays(rules, '2026-03-04', 0)).toBe('2026-03-04');
  });
});

describe('coverage', () => {
  it('throws a clear error for a year the calendar does not cover, never guessing from weekends', () => {
    let err: unknown;
    try {
      countWorkdays(rules, '2026-12-20', '2027-01-10');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CalendarCoverageError);
    expect((err as CalendarCoverageError).year).toBe(2027);
    expect((err as Error).message).toMatch(/无法计算 2027 年的工作日.*rules\/holidays\.yaml/);
    expect(() => isWorkday(rules, '2003-05-01')).toThrow(CalendarCoverageError);
    expect(() => addWorkdays(rules, '2026-12-25', 20)).toThrow(/2027 年/);
  });

  it('lists the covered years', () => {
    const years = coveredYears(rules);
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
  });

  it('applies holidays.yaml overrides on top of the package', () => {
    const r = rulesWithHolidays('extraYears: []\noverrides:\n  - { date: 2026-03-02, type: holiday, note: 测试放假 }\n  - { date: 2026-03-07, type: workday, note: 测试调休 }\n');
    expect(isWorkday(r, '2026-03-02')).toBe(false);
    expect(isWorkday(r, '2026-03-07')).toBe(true);
    expect(isWorkday(rules, '2026-03-02')).toBe(true);
  });

  it('accepts a year entered completely as overrides (extraYears)', () => {
    const r = rulesWithHolidays('extraYears: [2027]\noverrides:\n  - { date: 2027-01-01, type: holiday, note: 元旦 }\n');
    expect(isWorkday(r, '2027-01-01')).toBe(false);
    expect(isWorkday(r, '2027-01-04')).toBe(true);
    expect(countWorkdays(r, '2026-12-31', '2027-01-04')).toBe(1);
  });

  it('refuses a coveredYears range wider than the installed package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-workdays-'));
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    const file = join(dir, 'holidays.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('to: 2026', 'to: 2027'));
    expect(() => isWorkday(loadRules(dir), '2027-03-01')).toThrow(/安装的 chinese-days 软件包没有 2027 年的放假数据/);
  });

  it('rejects a malformed day', () => {
    expect(() => isWorkday(rules, '2026-02-30')).toThrow(/不是有效的日期/);
    expect(() => countWorkdays(rules, '2026/03/01', '2026-03-02')).toThrow(/不是有效的日期/);
  });
});
