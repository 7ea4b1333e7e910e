/**
 * Calendar dates in this product are Asia/Shanghai days written 'YYYY-MM-DD'; instants are ISO strings in UTC.
 * China has had no DST since 1991, so a fixed +08:00 offset is exact.
 */
const OFFSET_MS = 8 * 3600_000;

/** The Asia/Shanghai calendar day of an instant. */
export function shanghaiDay(at: Date | string | number = new Date()): string {
  const t = typeof at === 'string' ? Date.parse(at) : at instanceof Date ? at.getTime() : at;
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight Asia/Shanghai of a 'YYYY-MM-DD' day, as a Date. */
export function shanghaiMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}

/** Whole days from a to b ('YYYY-MM-DD'); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

/** The day n days after 'YYYY-MM-DD' (n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (2026-08-31 + 6 months = 2027-02-28). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(s + 'T00:00:00Z');
  // Date.parse rejects month 13 (NaN) but rolls 02-30 over to March: compare the round trip.
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}

export function nowIso(): string {
  return new Date().toISOString();
}
