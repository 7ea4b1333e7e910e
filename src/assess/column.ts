import { columnLayout, type ColumnLayout, type ColumnRow, type ItemDateRow, type ItemRow, type PageStateRow, type VisitOutcome } from '../store/index.ts';
import type { VisitHistoryRow } from './reader.ts';
import type { BlockedBy } from '../shared/vocabulary.ts';
import { shanghaiDay, shanghaiMidnight } from '../shared/time.ts';
import { backDatingProof, claimedBy, redatings, type Redating, type VisitRecord } from './dating.ts';
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

/** A maximal run of visits the column refused (outcome 'blocked'), reaching into the period. */
export interface BlockedStretch {
  from: string;
  to: string;
  nights: number;
  by: BlockedBy[];
  /** The site's answer on the last night (robots.txt line, HTTP status, login page). */
  reason: string | null;
  /** What the first and the last refusal showed (robots.txt, the 403 or login page). */
  fetchIds: number[];
}

/** A column as assessed: its class as the rules know it, and how it is read (a list, or a single page). */
export type AssessedColumn = Pick<ColumnRow, 'id' | 'unitId' | 'name' | 'url' | 'class'> & { layout: ColumnLayout };

export function assessedColumn(col: ColumnRow, className: string): AssessedColumn {
  return { id: col.id, unitId: col.unitId, name: col.name, url: col.url, class: className, layout: columnLayout(col) };
}

export interface ColumnAssessment {
  column: AssessedColumn;
  visits: VisitRecord[];
  freshness: Freshness;
  /**
   * Days on which the column counts as updated, as freshness took them (any order, duplicates allowed): non-pinned
   * dated items, a back-dated one on the day a crawl proved it absent; a single page's shown dates and text changes.
   */
  updates: string[];
  /** Newest claimed date of a non-pinned item known by as-of, whenever it was (report's latestPublished). */
  latestPublished: string | null;
  /** Items dated within [period.from, asOf] (pinned included), newest first: the report's items. */
  items: AssessedItem[];
  /** Items outside that range that still carry a finding (dead link, back-dated, re-dated). */
  otherFlagged: AssessedItem[];
  /** Maximal runs of consecutive failed visits that reach into the period. */
  failedStretches: FailedStretch[];
  /** Maximal runs of consecutive refused visits that reach into the period. */
  blockedStretches: BlockedStretch[];
}

// The site did not answer, or answered with a wall. A page we could not read ('parse-failed') is our doubt, not a
// failure of the site: it makes the column 需核对, never 无法访问.
const FAILED = new Set(['unreachable', 'challenge']);
const READ = new Set(['ok', 'blank', 'parse-failed']);
const day = (s: string | null): string | null => (s ? s.slice(0, 10) : null);

function toVisitRecords(rows: readonly VisitHistoryRow[], asOfEndMs: number): VisitRecord[] {
  const out: VisitRecord[] = [];
  for (const v of rows) {
    const startedMs = Date.parse(v.startedAt);
    if (startedMs >= asOfEndMs) continue;
    // A refusal its run did not settle as the unit's (the crawl was killed first) concluded nothing.
    const unitsBlock = v.outcome === 'blocked' && v.fault === 'site' && v.blockedBy !== null;
    out.push({
      visitId: v.id,
      runId: v.runId,
      startedMs,
      day: shanghaiDay(startedMs),
      outcome: v.outcome === 'blocked' && !unitsBlock ? null : v.outcome,
      ...(unitsBlock ? { blocked: { by: v.blockedBy!, reason: v.error } } : {}),
      complete: v.complete === 1,
      coveredFrom: v.coveredFrom,
      runKind: v.runKind,
      fetchIds: v.fetchIds,
      coverage: v.coverage,
      reviewReason: v.reviewReason,
      layout: v.layout,
    });
  }
  return out.sort((a, b) => a.startedMs - b.startedMs || a.visitId - b.visitId);
}

/** Maximal runs of concluded visits that `member` accepts, reaching into the period; visits that concluded nothing neither join nor break a run. */
function stretches<T>(visits: readonly VisitRecord[], periodFrom: string, member: (v: VisitRecord) => boolean, make: (run: VisitRecord[]) => T): T[] {
  const out: T[] = [];
  let cur: VisitRecord[] = [];
  const close = () => {
    if (cur.length && cur[cur.length - 1].day >= periodFrom) out.push(make(cur));
    cur = [];
  };
  for (const v of visits) {
    if (v.outcome === null) continue;
    if (member(v)) cur.push(v);
    else close();
  }
  close();
  return out;
}

const nightsOf = (run: readonly VisitRecord[]): number => new Set(run.map((v) => v.day)).size;

function failedStretches(visits: readonly VisitRecord[], periodFrom: string): FailedStretch[] {
  return stretches(visits, periodFrom, (v) => FAILED.has(v.outcome!), (run) => ({
    from: run[0].day,
    to: run[run.length - 1].day,
    nights: nightsOf(run),
    outcomes: [...new Set(run.map((v) => v.outcome!))],
    fetchIds: run.flatMap((v) => v.fetchIds),
  }));
}

function blockedStretches(visits: readonly VisitRecord[], periodFrom: string): BlockedStretch[] {
  return stretches(visits, periodFrom, (v) => v.blocked !== undefined, (run) => {
    const last = run[run.length - 1];
    return {
      from: run[0].day,
      to: last.day,
      nights: nightsOf(run),
      by: [...new Set(run.map((v) => v.blocked!.by))],
      reason: last.blocked!.reason,
      fetchIds: [...new Set([...run[0].fetchIds, ...last.fetchIds])],
    };
  });
}

/**
 * What the visits as of the day allow to conclude. A visit without an outcome (a killed run, the auditor's own
 * disk, database or plan) concluded nothing. The latest visit that read the column decides whether its read can
 * be trusted: one that fell short, or found no list it could read, makes the column 需核对.
 */
export function visitEvidence(visits: readonly VisitRecord[]): { evidence: VisitEvidence; reviewReason?: string } {
  const concluded = visits.filter((v) => v.outcome !== null);
  if (!concluded.length) return { evidence: 'none' };
  const read = concluded.filter((v) => READ.has(v.outcome!));
  const last = read[read.length - 1];
  if (!last) return { evidence: 'failed-only' };
  if (last.outcome === 'parse-failed' || last.coverage === 'review') {
    return { evidence: 'review', reviewReason: last.reviewReason ?? '列表页上没有识别出信息条目，也没有“暂无信息”等字样' };
  }
  return { evidence: 'ok' };
}

export function assessColumn(
  ctx: ColumnContext,
  column: AssessedColumn,
  visitRows: readonly VisitHistoryRow[],
  items: Iterable<ItemRow>,
  dates: Map<number, ItemDateRow[]>,
  pageStates: readonly PageStateRow[] = [],
): ColumnAssessment {
  const { period, asOf, asOfEndMs } = ctx;
  const visits = toVisitRecords(visitRows, asOfEndMs);
  if (column.layout === 'single') return assessSinglePage(ctx, column, visits, pageStates);
  const updates: string[] = [];
  const inRange: AssessedItem[] = [];
  const otherFlagged: AssessedItem[] = [];
  const periodFromMs = shanghaiMidnight(period.from).getTime();
  let hasAnyItem = false;
  let latestPublished: string | null = null;
  const doubtfulFetches = new Set(visits.filter((v) => v.coverage === 'review' || v.outcome === 'parse-failed').flatMap((v) => v.fetchIds));
  for (const it of items) {
    const firstSeenMs = Date.parse(it.firstSeenAt);
    if (firstSeenMs >= asOfEndMs) continue;
    hasAnyItem = true;
    // Only what was known by the end of the as-of day counts: a date changed later, a detail page read later.
    const sightings = dates.get(it.id);
    const seen = sightings?.filter((s) => Date.parse(s.seenAt) < asOfEndMs);
    const publishedAt = day(seen && seen.length < sightings!.length ? claimedBy(seen) : it.publishedAt);
    const detailKnown = it.detailAt === null || Date.parse(it.detailAt) < asOfEndMs;
    const detailStatus = detailKnown ? it.detailStatus : 'pending';
    const documentDate = day(it.documentDate);
    const proof =
      publishedAt && firstSeenMs >= periodFromMs ? backDatingProof({ claimed: publishedAt, firstSeenMs, firstSeenRun: it.firstSeenRun }, visits) : null;
    const redated = seen ? redatings(seen).filter((r) => shanghaiDay(r.seenAt) >= period.from) : [];
    if (publishedAt && !it.pinned) {
      updates.push(proof ? proof.day : publishedAt);
      if (publishedAt <= asOf && (latestPublished === null || publishedAt > latestPublished)) latestPublished = publishedAt;
    }
    const inPeriod = publishedAt !== null && publishedAt >= period.from && publishedAt <= asOf;
    // A link first read from a list in doubt may not be an item at all (a header's 网站首页 link): not a dead link.
    const dead = detailStatus === 'dead' && !(it.firstSeenFetchId !== null && doubtfulFetches.has(it.firstSeenFetchId));
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
      detailStatus,
      detailFetchId: detailKnown ? it.detailFetchId : null,
      firstSeenAt: it.firstSeenAt,
      firstSeenFetchId: it.firstSeenFetchId,
      timeliness: t,
      backDated: proof,
      redated,
      flags: [...flags].sort(),
    };
    (inPeriod ? inRange : otherFlagged).push(a);
  }
  const { evidence, reviewReason } = visitEvidence(visits);
  inRange.sort((a, b) => (a.publishedAt! < b.publishedAt! ? 1 : a.publishedAt! > b.publishedAt! ? -1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return {
    column,
    visits,
    freshness: freshness({ period, asOf, policy: ctx.policy, updates, hasAnyItem, visits: evidence, reviewReason }),
    updates,
    latestPublished,
    items: inRange,
    otherFlagged,
    failedStretches: failedStretches(visits, period.from),
    blockedStretches: blockedStretches(visits, period.from),
  };
}

/**
 * A single-page column (机构概况, 依申请公开指南): no items. It is updated on the dates the page shows and on the
 * days its text was seen to change; it is blank when its latest read has no text of its own. A windowed page
 * that shows no date and never changed cannot be dated: 需核对, not 超期.
 */
function assessSinglePage(ctx: ColumnContext, column: AssessedColumn, visits: VisitRecord[], pageStates: readonly PageStateRow[]): ColumnAssessment {
  const { period, asOf, asOfEndMs } = ctx;
  const states = pageStates.filter((s) => Date.parse(s.seenAt) < asOfEndMs);
  const updates: string[] = [];
  let latestPublished: string | null = null;
  states.forEach((s, i) => {
    const shown = day(s.publishedAt);
    if (shown) {
      updates.push(shown);
      if (shown <= asOf && (latestPublished === null || shown > latestPublished)) latestPublished = shown;
    }
    if (i > 0 && s.textSha256 !== states[i - 1].textSha256) updates.push(shanghaiDay(Date.parse(s.seenAt)));
  });
  const last = states[states.length - 1];
  const hasAnyItem = last !== undefined && last.textChars > 0;
  let { evidence, reviewReason } = visitEvidence(visits);
  if (evidence === 'ok' && hasAnyItem && ctx.policy && !updates.length) {
    evidence = 'review';
    reviewReason = '单页栏目没有显示发布或更新日期，巡检以来内容也未变化，无法判断更新时间';
  }
  return {
    column,
    visits,
    freshness: freshness({ period, asOf, policy: ctx.policy, updates, hasAnyItem, visits: evidence, reviewReason }),
    updates,
    latestPublished,
    items: [],
    otherFlagged: [],
    failedStretches: failedStretches(visits, period.from),
    blockedStretches: blockedStretches(visits, period.from),
  };
}
