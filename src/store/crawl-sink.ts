import type { ChannelCheck, PlanChannel } from './channels.ts';
import { activeChannels, recordChannelCheck } from './channels.ts';
import { activeColumns, learnLayout, learnListSource, learnRender, type ColumnLayout, type CrawlColumnRow } from './columns.ts';
import { closeInterruptedRuns, finishCrawlRun, startCrawlRun, type RunStatus } from './crawl-runs.ts';
import type { DB } from './db.ts';
import { lastCapture, type CapturedPage } from './fetches.ts';
import { ItemStore, type DetailDue, type DetailFetched, type DetailUpdate, type KnownItem, type ListEntry, type NewItem } from './items.ts';
import { recordPageState, type PageStateRow } from './page-states.ts';
import { finishVisit, hasCompleteVisit, linkVisitFetch, previousFirstPage, settleBlockedVisit, startVisit, type VisitResult } from './visits.ts';

/**
 * Everything a crawl writes, and the little it reads back, as one narrow interface: the crawl stage depends on this,
 * not on the database, so a crawl on another machine (DESIGN §8) is a new implementation, not a rewrite. Evidence
 * goes the same way through the crawl's EvidenceSink.
 */
export interface CrawlSink {
  /** Closes the runs a killed process left running (before a new one starts); returns how many. */
  closeInterruptedRuns(): number;
  startRun(planId: number | null, kind: 'nightly' | 'full'): number;
  finishRun(runId: number, status: RunStatus, stats: Record<string, unknown>): void;
  /** The columns a run visits, unit by unit. */
  columnsToCrawl(): CrawlColumnRow[];

  startVisit(runId: number, columnId: number): number;
  finishVisit(visitId: number, result: VisitResult): void;
  /** A 'blocked' visit once its run knows whether the same site answered other columns (see settleBlockedVisit). */
  settleBlockedVisit(runId: number, columnId: number, settled: Parameters<typeof settleBlockedVisit>[3]): void;
  /** A list page (or a single page) the visit read, in page order. */
  linkVisitFetch(visitId: number, fetchId: number, pageNo: number): void;
  recordPageState(state: PageStateRow): void;
  /** Items on the first list page of the column's last complete read. */
  previousFirstPage(columnId: number): number | null;
  /** Whether the column has ever been read whole (until then every visit pages back past the period). */
  hasCompleteVisit(columnId: number): boolean;

  learnLayout(columnId: number, layout: ColumnLayout): void;
  learnListSource(columnId: number, url: string | null): void;
  learnRender(columnId: number, render: 'static' | 'browser'): void;
  /** The newest full capture of a URL, for a conditional fetch. */
  lastCapture(url: string, fetcher: 'http' | 'browser'): CapturedPage | null;

  /** The column's known items by URL key. */
  knownItems(columnId: number): Map<string, KnownItem>;
  /** Runs `record` as one commit: a list page's sightings land together. */
  inOneCommit(record: () => void): void;
  insertItem(item: NewItem): number;
  /** A known item seen again; `recheck`: its detail is checked again tonight whether or not its entry changed. */
  itemSeen(known: KnownItem, entry: ListEntry, seenAt: string, fetchId: number, recheck: boolean): void;
  /** Details due tonight; `now` null retries every failed one regardless of its backoff. */
  dueDetails(columnId: number, now: string | null): DetailDue[];
  recordDetail(itemId: number, fetchId: number, detail: DetailUpdate, seenAt: string): void;
  markDetail(itemId: number, fetched: DetailFetched, fetchId: number | null, now: string): void;

  /** The other carriers (公开形式-2) of the plan's units, checked once a night. */
  channelsToCheck(): PlanChannel[];
  recordChannelCheck(check: ChannelCheck): void;
}

/** The crawl's sink over this store's database. */
export function dbCrawlSink(db: DB): CrawlSink {
  const items = new ItemStore(db);
  return {
    closeInterruptedRuns: () => closeInterruptedRuns(db),
    startRun: (planId, kind) => startCrawlRun(db, planId, kind),
    finishRun: (runId, status, stats) => finishCrawlRun(db, runId, status, stats),
    columnsToCrawl: () => activeColumns(db),
    startVisit: (runId, columnId) => startVisit(db, runId, columnId),
    finishVisit: (visitId, result) => finishVisit(db, visitId, result),
    settleBlockedVisit: (runId, columnId, settled) => settleBlockedVisit(db, runId, columnId, settled),
    linkVisitFetch: (visitId, fetchId, pageNo) => linkVisitFetch(db, visitId, fetchId, pageNo),
    recordPageState: (state) => recordPageState(db, state),
    previousFirstPage: (columnId) => previousFirstPage(db, columnId),
    hasCompleteVisit: (columnId) => hasCompleteVisit(db, columnId),
    learnLayout: (columnId, layout) => learnLayout(db, columnId, layout),
    learnListSource: (columnId, url) => learnListSource(db, columnId, url),
    learnRender: (columnId, render) => learnRender(db, columnId, render),
    lastCapture: (url, fetcher) => lastCapture(db, url, fetcher),
    knownItems: (columnId) => items.known(columnId),
    inOneCommit: (record) => db.transaction(record).immediate(),
    insertItem: (item) => items.insert(item),
    itemSeen: (known, entry, seenAt, fetchId, recheck) => items.seen(known, entry, seenAt, fetchId, recheck),
    dueDetails: (columnId, now) => items.dueDetails(columnId, now),
    recordDetail: (itemId, fetchId, detail, seenAt) => items.recordDetail(itemId, fetchId, detail, seenAt),
    markDetail: (itemId, fetched, fetchId, now) => items.markDetail(itemId, fetched, fetchId, now),
    channelsToCheck: () => activeChannels(db),
    recordChannelCheck: (check) => recordChannelCheck(db, check),
  };
}
