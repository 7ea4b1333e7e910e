import type { ColumnRow, DateRow, ItemRow, VisitRow } from '../store/assess-read.ts';
import type { VisitOutcome } from '../store/crawl-runs.ts';
import { shanghaiDay, shanghaiMidnight } from '../shared/time.ts';
import { backDatingProof, redatings, type Redating, type VisitRecord } from './dating.ts';
import { freshness } from './freshness.ts';
import { timeliness, type CountWorkdays } from './timeliness.ts';
import type { Freshness, Period, Timeliness, VisitEvidence, WindowPolicy } from './types.ts';

/** Everything assessed about one column: freshness, its items in the period, and what findings need. */

export interface ColumnContext {
  period: Period;
  asOf: string;
  /** The end of the as-of day, in ms: evidence gathered later is not used. */
  asOfEndMs: number;
  policy: WindowPolicy | null;
  limitWorkdays: number;
  countWorkdays: CountWorkdays;
}

export interface AssessedItem {
  id: number;
  title: string;
  url: string;
  /** Claimed 发布日期 and 成文日期, as days. */
  publishedAt: string | null;
  documentDate: string | null;
  indexNo: string | null;
  pinned: boolean;
  detailStatus: string;
  detailFetchId: number | null;
  firstSeenAt: string;
  firstSeenFetchId: number | null;
  timeliness: Timeliness;
  /** The visit that saw the list without this item after its claimed date; null when not back-dated. */
  backDated: VisitRecord | null;
  redated: Redating[];
  flags: string[];
}

export interface FailedStretch {
  from: string;
  to: string;
  nights: number;
  outcomes: VisitOutcome[];
  fetchIds: number[];
}

export interface ColumnAssessment {
  column: ColumnRow;
  visits: VisitRecord[];
  freshness: Freshness;
  /** Newest claimed date of a non-pinned item known by as-of, whenever it was (report's latestPublished). */
  latestPublished: string | null;
  /** Items dated within [period.from, asOf] (pinned included), newest first: the report's items. */
  items: AssessedItem[];
  /** Items outside that range that still carry a finding (dead link, back-dated, re-dated). */
  otherFlagged: AssessedItem[];
  /** Maximal runs of consecutive failed visits that reach into the period. */
  failedStretches: FailedStretch[];
}

const FAILED = new Set(['unreachable', 'challenge', 'parse-failed']);
const day = (s: string | null): string | null => (s ? s.slice(0, 10) : null);

function toVisitRecords(rows: ReadonlyArray<VisitRow & { fetchIds: number[] }>, asOfEndMs: number): VisitRecord[] {
  const out: VisitRecord[] = [];
  for (const v of rows) {
    const startedMs = Date.parse(v.startedAt);
    if (startedMs >= asOfEndMs) continue;
    out.push({
      visitId: v.id,
      runId: v.runId,
      startedMs,
      day: shanghaiDay(startedMs),
      outcome: v.outcome,
      complete: v.complete === 1,
      coveredFrom: v.coveredFrom,
      runKind: v.runKind,
      fetchIds: v.fetchIds,
    });
  }
  return out.sort((a, b) => a.startedMs - b.startedMs || a.visitId - b.visitId);
}

function failedStretches(visits: readonly VisitRecord[], periodFrom: string): FailedStretch[] {
  const out: FailedStretch[] = [];
  let cur: VisitRecord[] = [];
  const close = () => {
    if (cur.length && cur[cur.length - 1].day >= periodFrom) {
      out.push({
        from: cur[0].day,
        to: cur[cur.length - 1].day,
        nights: new Set(cur.map((v) => v.day)).size,
        outcomes: [...new Set(cur.map((v) => v.outcome!))],
        fetchIds: cur.flatMap((v) => v.fetchIds),
      });
    }
    cur = [];
  };
  for (const v of visits) {
    if (v.outcome === null) continue;
    if (FAILED.has(v.outcome)) cur.push(v);
    else close();
  }
  close();
  return out;
}

export function assessColumn(
  ctx: ColumnContext,
  column: ColumnRow,
  visitRows: ReadonlyArray<VisitRow & { fetchIds: number[] }>,
  items: Iterable<ItemRow>,
  dates: Map<number, DateRow[]>,
): ColumnAssessment {
  const { period, asOf, asOfEndMs } = ctx;
  const visits = toVisitRecords(visitRows, asOfEndMs);
  const updates: string[] = [];
  const inRange: AssessedItem[] = [];
  const otherFlagged: AssessedItem[] = [];
  const periodFromMs = shanghaiMidnight(period.from).getTime();
  let hasAnyItem = false;
  let latestPublished: string | null = null;
  for (const it of items) {
    const firstSeenMs = Date.parse(it.firstSeenAt);
    if (firstSeenMs >= asOfEndMs) continue;
    hasAnyItem = true;
    const publishedAt = day(it.publishedAt);
    const documentDate = day(it.documentDate);
    const proof =
      publishedAt && firstSeenMs >= periodFromMs ? backDatingProof({ claimed: publishedAt, firstSeenMs, firstSeenRun: it.firstSeenRun }, visits) : null;
    const sightings = dates.get(it.id);
    const redated = sightings
      ? redatings(sightings.filter((s) => Date.parse(s.seenAt) < asOfEndMs)).filter((r) => shanghaiDay(r.seenAt) >= period.from)
      : [];
    if (publishedAt && !it.pinned) {
      updates.push(proof ? proof.day : publishedAt);
      if (publishedAt <= asOf && (latestPublished === null || publishedAt > latestPublished)) latestPublished = publishedAt;
    }
    const inPeriod = publishedAt !== null && publishedAt >= period.from && publishedAt <= asOf;
    const dead = it.detailStatus === 'dead';
    if (!inPeriod && !proof && !redated.length && !dead) continue;
    const t = timeliness(documentDate, publishedAt, ctx.limitWorkdays, ctx.countWorkdays);
    const flags = new Set<string>(JSON.parse(it.flagsJson) as string[]);
    if (it.pinned) flags.add('pinned');
    if (dead) flags.add('dead-link');
    if (proof) flags.add('back-dated');
    if (redated.length) flags.add('re-dated');
    if (t.status !== 'on-time' && t.status !== 'no-publish-date') flags.add(t.status);
    const a: AssessedItem = {
      id: it.id,
      title: it.title,
      url: it.url,
      publishedAt,
      documentDate,
      indexNo: it.indexNo,
      pinned: it.pinned === 1,
      detailStatus: it.detailStatus,
      detailFetchId: it.detailFetchId,
      firstSeenAt: it.firstSeenAt,
      firstSeenFetchId: it.firstSeenFetchId,
      timeliness: t,
      backDated: proof,
      redated,
      flags: [...flags].sort(),
    };
    (inPeriod ? inRange : otherFlagged).push(a);
  }
  // A visit without an outcome (killed run, or the auditor's disk refused its evidence) concluded nothing.
  const concluded = visits.filter((v) => v.outcome !== null);
  const evidence: VisitEvidence = !concluded.length ? 'none' : concluded.some((v) => v.outcome === 'ok' || v.outcome === 'blank') ? 'ok' : 'failed-only';
  inRange.sort((a, b) => (a.publishedAt! < b.publishedAt! ? 1 : a.publishedAt! > b.publishedAt! ? -1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return {
    column,
    visits,
    freshness: freshness({ period, asOf, policy: ctx.policy, updates, hasAnyItem, visits: evidence }),
    latestPublished,
    items: inRange,
    otherFlagged,
    failedStretches: failedStretches(visits, period.from),
  };
}
