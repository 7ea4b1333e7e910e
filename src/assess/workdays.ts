import chineseDays from 'chinese-days';
import type { Rules } from '../config/index.ts';

/**
 * Working days on the official calendar with 调休: chinese-days (the State Council notices) plus the
 * dated overrides of rules/holidays.yaml. A year the calendar does not cover throws CalendarCoverageError;
 * there is deliberately no weekends-only fallback (chinese-days itself silently has one).
 *
 * Hot path (assess calls this for every item): each year becomes a prefix-sum table once per rules object.
 */

export class CalendarCoverageError extends Error {
  override readonly name = 'CalendarCoverageError';
  constructor(
    readonly year: number,
    message: string,
  ) {
    super(message);
  }
}

interface YearTable {
  /** day-of-year index (0-based) of the first day of each month, plus the year's length at [12] */
  monthStart: number[];
  /** prefix[i] = working days among day indexes 0..i-1 */
  prefix: Int32Array;
  work: Uint8Array;
}

interface Calendar {
  rules: Rules;
  years: Map<number, YearTable>;
  overrides: Map<string, boolean>;
}

const calendars = new WeakMap<Rules['holidays'], Calendar>();

function calendarOf(rules: Rules): Calendar {
  let cal = calendars.get(rules.holidays);
  if (!cal) {
    const overrides = new Map(rules.holidays.overrides.map((o) => [o.date, o.type === 'workday']));
    cal = { rules, years: new Map(), overrides };
    calendars.set(rules.holidays, cal);
  }
  return cal;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The years the working-day functions accept under these rules, ascending. */
export function coveredYears(rules: Rules): number[] {
  const { from, to } = rules.holidays.coveredYears;
  const years = new Set(rules.holidays.extraYears);
  for (let y = from; y <= to; y++) years.add(y);
  return [...years].sort((a, b) => a - b);
}

function uncovered(year: number): CalendarCoverageError {
  return new CalendarCoverageError(
    year,
    `无法计算 ${year} 年的工作日：工作日历没有收录 ${year} 年的节假日和调休安排（绝不按“只看周末”估算）。` +
      `请升级 chinese-days 软件包（flock /tmp/zwgk-npm.lock npm install chinese-days@latest）后把 rules/holidays.yaml 的 coveredYears.to 改为 ${year}；` +
      `或在 rules/holidays.yaml 的 overrides 中录入国务院办公厅 ${year} 年放假通知的全部放假日和调休上班日，并把 ${year} 加入 extraYears。`,
  );
}

function buildYear(cal: Calendar, year: number): YearTable {
  const h = cal.rules.holidays;
  const inPackage = year >= h.coveredYears.from && year <= h.coveredYears.to;
  if (!inPackage && !h.extraYears.includes(year)) throw uncovered(year);
  if (inPackage && chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length === 0) {
    throw new CalendarCoverageError(
      year,
      `rules/holidays.yaml 的 coveredYears 声明已收录 ${year} 年，但安装的 chinese-days 软件包没有 ${year} 年的放假数据。` +
        `请升级 chinese-days，或把 coveredYears 改回软件包实际收录的年份范围。`,
    );
  }
  const monthStart: number[] = [0];
  for (let m = 1; m <= 12; m++) monthStart.push(monthStart[m - 1] + new Date(Date.UTC(year, m, 0)).getUTCDate());
  const len = monthStart[12];
  const work = new Uint8Array(len);
  const prefix = new Int32Array(len + 1);
  for (let m = 0; m < 12; m++) {
    for (let d = 1; d <= monthStart[m + 1] - monthStart[m]; d++) {
      const day = `${year}-${pad(m + 1)}-${pad(d)}`;
      const i = monthStart[m] + d - 1;
      // extraYears: the package knows nothing of the year, so its answer is the weekday rule and the
      // overrides (declared complete for that year) supply every holiday and make-up working day.
      work[i] = (cal.overrides.get(day) ?? chineseDays.isWorkday(day)) ? 1 : 0;
      prefix[i + 1] = prefix[i] + work[i];
    }
  }
  return { monthStart, prefix, work };
}

function table(cal: Calendar, year: number): YearTable {
  let t = cal.years.get(year);
  if (!t) {
    t = buildYear(cal, year);
    cal.years.set(year, t);
  }
  return t;
}

/** Digit value of day[i], or NaN; charCodeAt keeps the hot path free of substring allocations. */
function digit(day: string, i: number): number {
  const c = day.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** [year, day-of-year index, table]; throws on anything that is not a real YYYY-MM-DD day. */
function locate(cal: Calendar, day: string): [number, number, YearTable] {
  const y = digit(day, 0) * 1000 + digit(day, 1) * 100 + digit(day, 2) * 10 + digit(day, 3);
  const m = digit(day, 5) * 10 + digit(day, 6);
  const d = digit(day, 8) * 10 + digit(day, 9);
  if (day.length !== 10 || day[4] !== '-' || day[7] !== '-' || !(m >= 1 && m <= 12) || !(d >= 1) || Number.isNaN(y)) {
    throw new Error(`不是有效的日期：“${day}”（应为 YYYY-MM-DD）`);
  }
  const t = table(cal, y);
  if (d > t.monthStart[m] - t.monthStart[m - 1]) throw new Error(`不是有效的日期：“${day}”`);
  return [y, t.monthStart[m - 1] + d - 1, t];
}

export function isWorkday(rules: Rules, day: string): boolean {
  const [, i, t] = locate(calendarOf(rules), day);
  return t.work[i] === 1;
}

/**
 * Working days in the half-open interval (from, to]: `from` itself is not counted (民法典 第201条), `to` is.
 * When to < from the result is the negative of the count over (to, from] — e.g. 发布 before 成文 gives a
 * negative latency, which the caller reports as its own finding. Every year from `from` to `to` must be covered.
 */
export function countWorkdays(rules: Rules, from: string, to: string): number {
  if (to < from) return -countWorkdays(rules, to, from);
  const cal = calendarOf(rules);
  const [y1, i1, t1] = locate(cal, from);
  const [y2, i2, t2] = locate(cal, to);
  if (y1 === y2) return t1.prefix[i2 + 1] - t1.prefix[i1 + 1];
  let n = t1.prefix[t1.monthStart[12]] - t1.prefix[i1 + 1];
  for (let y = y1 + 1; y < y2; y++) {
    const t = table(cal, y);
    n += t.prefix[t.monthStart[12]];
  }
  return n + t2.prefix[i2 + 1];
}

/**
 * For n > 0 the n-th working day after `day`; for n < 0 the |n|-th working day before it; `day` for 0.
 * So addWorkdays(d, 20) is the last on-time day for a 20-working-day limit starting at d:
 * countWorkdays(d, x) <= 20  ⇔  x <= addWorkdays(d, 20).
 */
export function addWorkdays(rules: Rules, day: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`工作日数应为整数，收到 ${n}`);
  const cal = calendarOf(rules);
  let [y, i, t] = locate(cal, day);
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    i += step;
    if (i < 0 || i >= t.monthStart[12]) {
      y += step;
      t = table(cal, y);
      i = step > 0 ? 0 : t.monthStart[12] - 1;
    }
    left -= t.work[i];
  }
  let m = 0;
  while (t.monthStart[m + 1] <= i) m++;
  return `${y}-${pad(m + 1)}-${pad(i - t.monthStart[m] + 1)}`;
}
