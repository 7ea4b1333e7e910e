import { addDays } from '../shared/time.ts';
import type { BlockedBy, VisitOutcome } from '../shared/vocabulary.ts';

/** Back-dated and re-dated items (DESIGN.md §2): the claimed date contradicted by our own crawls. */

export interface VisitRecord {
  visitId: number;
  runId: number;
  /** Instant in ms, for ordering against first-seen times. */
  startedMs: number;
  /** Asia/Shanghai day of the visit. */
  day: string;
  outcome: VisitOutcome | null;
  complete: boolean;
  /** Oldest list date the visit read (null: not recorded); a full run counts as reading back to the start. */
  coveredFrom: string | null;
  runKind: 'nightly' | 'full';
  fetchIds: number[];
  /** 'review': the read fell short or looks wrong (reviewReason says how); null when nothing was read. */
  coverage: 'complete' | 'review' | null;
  reviewReason: string | null;
  layout: 'list' | 'single' | null;
  /** Outcome 'blocked' (the unit's refusal, its site answering other columns): what refused, and the site's answer. */
  blocked?: { by: BlockedBy; reason: string | null };
}

export interface FirstSighting {
  /** The claimed publication day. */
  claimed: string;
  firstSeenMs: number;
  firstSeenRun: number | null;
}

// A read in doubt (需核对) may simply have missed the item: its absence proves nothing.
const proves = (v: VisitRecord, claimed: string): boolean =>
  v.complete &&
  v.coverage !== 'review' &&
  (v.outcome === 'blank' ||
    (v.outcome === 'ok' && (v.coveredFrom !== null ? v.coveredFrom < claimed : v.runKind === 'full')));

/**
 * The latest successful, complete visit C of the item's list pages that read back past its claimed day P,
 * made after P + 1 day and before the item was first seen at T, in which the item was absent:
 * evidence that P is earlier than the item's real appearance. `visits` are sorted by start.
 */
export function backDatingProof(item: FirstSighting, visits: readonly VisitRecord[]): VisitRecord | null {
  let hi = visits.length;
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (visits[mid].startedMs < item.firstSeenMs) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return null;
  const after = addDays(item.claimed, 1);
  for (let i = lo - 1; i >= 0; i--) {
    const v = visits[i];
    if (v.day <= after) return null;
    if (v.runId !== item.firstSeenRun && proves(v, item.claimed)) return v;
  }
  return null;
}

export interface DateSighting {
  seenAt: string;
  fetchId: number | null;
  source: string;
  claimed: string | null;
}

export interface Redating {
  source: string;
  from: string;
  to: string;
  /** When the new date was first seen, and the snapshots showing the old and the new date. */
  seenAt: string;
  fromFetchId: number | null;
  toFetchId: number | null;
}

/**
 * Every change of an item's claimed date between crawls, per source (list and detail dates differ legitimately).
 * The same move read on both (a re-dated list entry makes the crawl read its article again) is one change.
 */
export function redatings(sightings: readonly DateSighting[]): Redating[] {
  const last = new Map<string, DateSighting & { claimed: string }>();
  const out: Redating[] = [];
  for (const s of sightings) {
    if (!s.claimed) continue;
    const day = s.claimed.slice(0, 10);
    const prev = last.get(s.source);
    if (prev && prev.claimed !== day && !out.some((r) => r.from === prev.claimed && r.to === day)) {
      out.push({ source: s.source, from: prev.claimed, to: day, seenAt: s.seenAt, fromFetchId: prev.fetchId, toFetchId: s.fetchId });
    }
    last.set(s.source, { ...s, claimed: day });
  }
  return out;
}

/**
 * The date an item showed by the time of its latest sighting given (oldest first): the detail page's when it gave
 * one (the shown 发布日期 wins over the list's, as the crawl stores it), else the list's latest.
 */
export function claimedBy(sightings: readonly DateSighting[]): string | null {
  let list: string | null = null;
  let detail: string | null = null;
  for (const s of sightings) {
    if (s.source === 'detail') detail = s.claimed ?? detail;
    else list = s.claimed;
  }
  return detail ?? list;
}
