import { CHAINED_FIELDS, type ChainedFields } from '../store/index.ts';
import { sha256 } from './snapshots.ts';

export const GENESIS = '0'.repeat(64);

/** The row's chained fields as JSON with a fixed key order (values are only strings, numbers and null). */
export function canonicalRecord(row: ChainedFields): string {
  return JSON.stringify(Object.fromEntries(CHAINED_FIELDS.map((k) => [k, row[k] ?? null])));
}

export const recordHash = (prevHash: string, row: ChainedFields) => sha256(prevHash + canonicalRecord(row));

/** Headers as JSON with sorted keys, so equal headers always serialise (and hash) the same. */
export const canonicalHeaders = (h: Record<string, string>) =>
  JSON.stringify(Object.fromEntries(Object.entries(h).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
