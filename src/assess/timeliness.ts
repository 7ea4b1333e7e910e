import type { Timeliness } from './types.ts';

/** Working days over (from, to]; throws for a year the calendar does not cover. */
export type CountWorkdays = (from: string, to: string) => number;

/**
 * An item's disclosure latency: working days over (成文日期, 发布日期] against the limit. Without a
 * 成文日期 it cannot be assessed (never "on time"); 发布 before 成文 is its own status.
 */
export function timeliness(documentDate: string | null, publishedAt: string | null, limit: number, count: CountWorkdays): Timeliness {
  if (!publishedAt) return { status: 'no-publish-date', latencyWorkdays: null };
  if (!documentDate) return { status: 'no-document-date', latencyWorkdays: null };
  if (publishedAt < documentDate) return { status: 'published-before-document', latencyWorkdays: null };
  const latencyWorkdays = count(documentDate, publishedAt);
  return { status: latencyWorkdays <= limit ? 'on-time' : 'late', latencyWorkdays };
}
