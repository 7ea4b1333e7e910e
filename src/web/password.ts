import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

// N=2^17, r=8 needs 128·N·r = 128 MiB; the default maxmem (32 MiB) would refuse it.
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 256 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 10;

/** A Chinese message naming what is wrong with a new password, or undefined when it is acceptable. */
export function passwordProblem(pw: string): string | undefined {
  if (pw.length < MIN_PASSWORD_LENGTH) return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符（现在是 ${pw.length} 个）。`;
  if (pw.length > 200) return '密码不能超过 200 个字符。';
  if (/^\s|\s$/.test(pw)) return '密码首尾不能是空格。';
  return undefined;
}

/** Format: scrypt$N$r$p$salt$hash (base64url) so that parameters can be raised later without breaking old hashes. */
export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(pw.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** How long a real check takes here (moving average), for burnPasswordCheck. */
let typicalCheckMs: number | undefined;

export async function verifyPassword(pw: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const want = Buffer.from(parts[5], 'base64url');
  const t0 = performance.now();
  const got = await scryptAsync(pw.normalize('NFC'), salt, want.length, { N: n, r, p, maxmem: MAXMEM });
  const ms = performance.now() - t0;
  typicalCheckMs = typicalCheckMs === undefined ? ms : 0.8 * typicalCheckMs + 0.2 * ms;
  return timingSafeEqual(got, want);
}

let dummy: Promise<string> | undefined;
/**
 * Spends the same time as a real check, so that response time does not reveal whether a name exists. Once a
 * real check has been timed it waits that long instead of computing: a flood of made-up names then costs no
 * CPU (or 128 MiB each) that real users need.
 */
export async function burnPasswordCheck(pw: string): Promise<void> {
  if (typicalCheckMs !== undefined) return new Promise((resolve) => setTimeout(resolve, typicalCheckMs));
  dummy ??= hashPassword('不存在的用户占位密码');
  await verifyPassword(pw, await dummy);
}
