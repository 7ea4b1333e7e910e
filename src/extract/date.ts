/**
 * Date parsing for Chinese government pages. Pure: the caller supplies the context (a year, or the day the
 * page was fetched) that month-day forms like `[05-12]` need; nothing here reads the clock.
 */

export interface ParsedDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM or HH:MM:SS when the text carries a time. */
  time?: string;
}

export interface DateContext {
  /** The year to give month-day dates (a list page that states its year). */
  year?: number;
  /** YYYY-MM-DD: month-day dates take the latest year that does not put them after this day. */
  refDay?: string;
}

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

/** Full-width ASCII (digits, －／．：［］ …) to half-width, ideographic space to space, NBSP-like to space. */
export function toHalfWidth(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0\u2002-\u200a\u202f]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十二 → 12, 二十 → 20, 二十八 → 28, 三十一 → 31. */
function cnNumber(s: string): number {
  if (!s.includes('十')) return Number([...s].map((c) => CN_DIGIT[c]).join(''));
  const [tens, ones] = s.split('十');
  return (tens ? CN_DIGIT[tens] : 1) * 10 + (ones ? CN_DIGIT[ones] : 0);
}

// 公文 style: 二〇二六年五月十二日 (成文日期 is often written so on the document itself).
const CN_DATE = /([〇零O一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

function ymd(y: number, m: number, d: number): string | null {
  return isValidYmd(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}

// A time directly after a date: "10:30", "10:30:15", "10时30分", with an optional T or spaces.
const TIME = String.raw`(?:\s*T?\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?)?`;
// Four-digit year; separators - / . or 年月日. The lookarounds keep us out of longer digit runs.
const FULL = new RegExp(
  String.raw`(?<!\d)(\d{4})\s*(?:([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)(?!\d)` + TIME,
);
const SHORT_YEAR_CJK = new RegExp(String.raw`(?<!\d)(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(?!\d)` + TIME);
const SHORT_YEAR_SEP = new RegExp(String.raw`(?<![\d-/.])(\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d-/.])` + TIME);
// Month-day only when it is (nearly) the whole text, as in list date cells: "[05-12]", "05-12 10:30", "5月12日".
const MONTH_DAY = new RegExp(
  String.raw`^[\[【(（]?\s*(\d{1,2})\s*(?:[-/.]\s*(\d{1,2})|月\s*(\d{1,2})\s*日?)` + TIME + String.raw`\s*[\]】)）]?$`,
);

function time(h?: string, mi?: string, s?: string): string | undefined {
  if (h === undefined || mi === undefined) return undefined;
  const H = Number(h);
  const M = Number(mi);
  if (H > 23 || M > 59) return undefined;
  if (s !== undefined) {
    if (Number(s) > 59) return undefined;
    return `${pad(H)}:${pad(M)}:${pad(Number(s))}`;
  }
  return `${pad(H)}:${pad(M)}`;
}

function withTime(date: string | null, h?: string, mi?: string, s?: string): ParsedDate | null {
  if (!date) return null;
  const t = time(h, mi, s);
  return t ? { date, time: t } : { date };
}

function yearFor(m: number, d: number, ctx: DateContext | undefined): number | null {
  if (ctx?.year) return ctx.year;
  const ref = ctx?.refDay?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!ref) return null;
  const y = Number(ref[1]);
  const md = pad(m) + '-' + pad(d);
  // A [05-12] seen on 2026-01-03 cannot be in the future: it was published in 2025.
  return md > `${ref[2]}-${ref[3]}` ? y - 1 : y;
}

/**
 * The first date in `text`. Four-digit years anywhere in the text; two-digit years only with 年 or when the
 * context year confirms them; month-day forms only when they are the whole text and a context gives the year.
 * Invalid calendar dates (2026-02-30) give null, never a neighbour.
 */
export function parseDate(text: string, ctx?: DateContext): ParsedDate | null {
  let t = toHalfWidth(text).trim();
  if (!t) return null;
  t = t.replace(CN_DATE, (_, y: string, m: string, d: string) => `${cnNumber(y)}年${cnNumber(m)}月${cnNumber(d)}日`);

  const f = FULL.exec(t);
  if (f) {
    const y = Number(f[1]);
    const m = Number(f[3] ?? f[5]);
    const d = Number(f[4] ?? f[6]);
    return withTime(ymd(y, m, d), f[7], f[8], f[9]);
  }

  const ctxYear = ctx?.year ?? (ctx?.refDay ? Number(ctx.refDay.slice(0, 4)) : undefined);
  // The century of a two-digit year: the one nearest the context year, else this century.
  const century = (yy: number) => (ctxYear !== undefined && Math.abs(1900 + yy - ctxYear) < Math.abs(2000 + yy - ctxYear) ? 1900 : 2000);

  const c = SHORT_YEAR_CJK.exec(t);
  if (c) return withTime(ymd(century(Number(c[1])) + Number(c[1]), Number(c[2]), Number(c[3])), c[4], c[5], c[6]);

  const s = SHORT_YEAR_SEP.exec(t);
  if (s) {
    const yy = Number(s[1]);
    const y = century(yy) + yy;
    // "12-05-26" could be dd-mm-yy or mm-dd-yy; yy-mm-dd only when the context year confirms it.
    if (ctxYear !== undefined && Math.abs(y - ctxYear) <= 1) return withTime(ymd(y, Number(s[3]), Number(s[4])), s[5], s[6], s[7]);
    return null;
  }

  const md = MONTH_DAY.exec(t);
  if (md) {
    const m = Number(md[1]);
    const d = Number(md[2] ?? md[3]);
    const y = yearFor(m, d, ctx);
    if (y === null) return null;
    return withTime(ymd(y, m, d), md[4], md[5], md[6]);
  }
  return null;
}

/** True when the text is little more than a date (a list's date cell), not a sentence that contains one. */
export function isDateCell(text: string, ctx?: DateContext): boolean {
  const t = toHalfWidth(text).replace(/\s+/g, ' ').trim();
  if (t.length > 32) return false;
  const p = parseDate(t, ctx);
  if (!p) return false;
  // What is left once digits and separators are removed must be short (brackets, 发布于, 日 …).
  const rest = t.replace(/[\d\s\-/.:年月日时分秒T\[\]【】()（）]/g, '');
  return rest.length <= 6;
}
