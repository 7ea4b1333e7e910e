import type { ListExtraction, ListItem, ListSelectors } from '../extract/index.ts';
import type { PlanColumn } from '../config/plan.ts';
import { decodeBody } from '../extract/index.ts';
import { SnapshotWriteError, type Alongside } from '../evidence/index.ts';
import type { DB } from '../store/db.ts';
import {
  finishVisit,
  hasCompleteVisit,
  lastCapture,
  learnRender,
  linkVisitFetch,
  startVisit,
  type CrawlColumnRow,
  type VisitOutcome,
  type VisitResult,
  validatorsOf,
} from '../store/crawl-runs.ts';
import { ItemStore, type KnownItem } from '../store/items.ts';
import { shanghaiDay } from '../shared/time.ts';
import { urlKey } from '../shared/url.ts';
import type { FetchResult, Fetcher } from './types.ts';
import type { PagePool } from './page-pool.ts';

type PlanSelectors = NonNullable<PlanColumn['selectors']>;

/** Where fetched pages go: stored as evidence, each returning its fetch id. */
export interface EvidenceSink {
  /** `alongside`: rows written in the fetch row's own transaction once both are ready; the page is read meanwhile. */
  save(result: FetchResult, ctx: { runId?: number | null }, alongside?: Promise<Alongside>): Promise<number>;
  /** The body of an earlier capture (a 304 means "the same as this"). */
  readBody(sha256: string): Buffer | null;
}

export interface ColumnCrawlEnv {
  db: DB;
  fetcher: Fetcher;
  evidence: EvidenceSink;
  /** Where pages are read (extraction runs on the pool's threads). */
  pages: Pick<PagePool, 'readList' | 'readDetail'>;
  runId: number;
  /** 'full' pages back through everything (weekly reconcile); 'nightly' stops at known items. */
  runKind: 'nightly' | 'full';
  periodFrom: string;
  maxPages: number;
  log?: (event: string, data: Record<string, unknown>) => void;
}

interface ListPage {
  fetchId: number;
  extraction: ListExtraction;
  fetcher: 'http' | 'browser';
}

type PageFailure = { failed: VisitOutcome; error: string };

/**
 * Crawls one column: its list pages (all pagination, bounded), then the detail page of each new item.
 * Never throws: an unexpected error becomes the visit's outcome, so one broken column never stops the night.
 */
export async function crawlColumn(env: ColumnCrawlEnv, col: CrawlColumnRow): Promise<VisitResult> {
  const visitId = startVisit(env.db, env.runId, col.id);
  const before = env.fetcher.stats().requests;
  try {
    return await visitColumn(env, col, visitId, before);
  } catch (err) {
    const refused = err instanceof SnapshotWriteError;
    const result: VisitResult = {
      // The operator's disk, not the unit's site, stopped this visit: it says nothing about the column.
      outcome: refused ? null : 'parse-failed',
      fetcher: null,
      pages: 0,
      itemsFound: 0,
      itemsNew: 0,
      requests: env.fetcher.stats().requests - before,
      complete: false,
      coveredFrom: null,
      // A disk that refuses snapshots is the operator's to fix, and its message says how; anything else is ours.
      error: refused ? err.message : `程序错误：${(err as Error).message}`,
      ...(refused ? { snapshotRefused: true } : {}),
    };
    finishVisit(env.db, visitId, result);
    env.log?.('column-error', { column: col.id, unit: col.unitId, error: (err as Error).stack });
    return result;
  }
}

async function visitColumn(env: ColumnCrawlEnv, col: CrawlColumnRow, visitId: number, before: number): Promise<VisitResult> {
  const { db } = env;
  const items = new ItemStore(db);
  // The plan's selectors (DESIGN §6): item/title/date pick the items, `next` names the pager link.
  const selectors = col.selectorsJson ? (JSON.parse(col.selectorsJson) as PlanSelectors) : undefined;
  let mode: 'static' | 'browser' = col.render === 'browser' || (col.render === 'auto' && col.renderLearned === 'browser') ? 'browser' : 'static';
  const known = items.known(col.id);
  const pageBack = env.runKind === 'full' || !hasCompleteVisit(db, col.id);

  const queue = [col.url];
  const visited = new Set<string>();
  const seenThisVisit = new Set<string>();
  let pages = 0;
  let itemsFound = 0;
  let itemsNew = 0;
  let coveredFrom: string | null = null;
  let complete = true;
  let failure: PageFailure | null = null;
  let sawBlankText = false;
  let usedBrowser = false;

  while (queue.length) {
    const url = queue.shift()!;
    if (visited.has(urlKey(url))) continue;
    visited.add(urlKey(url));
    if (pages >= env.maxPages) {
      complete = false;
      env.log?.('page-cap', { column: col.id, url, maxPages: env.maxPages });
      break;
    }
    let page = await fetchList(env, url, mode, selectors);
    if ('failed' in page && page.failed === 'challenge' && mode === 'static' && col.render !== 'static') {
      // The browser runs the challenge script; its clearance cookie then serves the static fetches that
      // follow, so the column stays on the cheap path (and on conditional GETs) rather than turning "browser".
      page = await fetchList(env, url, 'browser', selectors);
    }
    if (
      !('failed' in page) &&
      pages === 0 &&
      page.extraction.items.length === 0 &&
      !page.extraction.flags.includes('blank-text') &&
      mode === 'static' &&
      col.render === 'auto'
    ) {
      // DESIGN §4: escalate when the static page has no items but the browser has (a page that says it
      // is empty, "暂无信息", is taken at its word).
      const rendered = await fetchList(env, url, 'browser', selectors);
      if (!('failed' in rendered) && rendered.extraction.items.length > 0) {
        page = rendered;
        mode = 'browser';
      }
    }
    if ('failed' in page) {
      if (pages === 0) failure = page;
      complete = false;
      break;
    }
    pages++;
    if (page.fetcher === 'browser') usedBrowser = true;
    linkVisitFetch(db, visitId, page.fetchId, pages);
    const { extraction } = page;
    if (extraction.items.length === 0) sawBlankText ||= extraction.flags.includes('blank-text');

    let knownOnPage = 0;
    let olderThanPeriod = 0;
    let dated = 0;
    const seenAt = new Date().toISOString();
    // One transaction per list page: a page's items land together, and a crawl commits per page, not per row.
    db.transaction(() => {
      for (const it of extraction.items) {
        const key = urlKey(it.url);
        if (seenThisVisit.has(key)) continue;
        seenThisVisit.add(key);
        itemsFound++;
        if (!it.pinned && it.date) {
          dated++;
          if (coveredFrom === null || it.date < coveredFrom) coveredFrom = it.date;
          if (it.date < env.periodFrom) olderThanPeriod++;
        }
        const k = known.get(key);
        if (k) {
          if (!it.pinned) knownOnPage++;
          items.seen(k, it.date, it.pinned, seenAt, page.fetchId);
        } else {
          const id = items.insert(newItem(col.id, it, key, seenAt, env.runId, page.fetchId));
          known.set(key, { id, urlKey: key, listDate: it.date, publishedAt: it.date, pinned: it.pinned ? 1 : 0, detailStatus: 'pending' } satisfies KnownItem);
          itemsNew++;
        }
      }
    })();
    // Lists run newest first: a known (non-pinned) item means everything further back is known too.
    if (!pageBack && knownOnPage > 0) break;
    // The first crawl reads back past the period start: one older item tells the column's state on day one.
    if (pageBack && dated > 0 && olderThanPeriod === dated) break;
    for (const next of extraction.nextPages) if (!visited.has(urlKey(next))) queue.push(next);
    if (extraction.items.length === 0) break;
  }

  if (mode !== (col.renderLearned ?? 'static') && col.render === 'auto' && pages > 0) learnRender(db, col.id, mode);

  await fetchDetails(env, items, col);

  // A page that says "暂无信息" is blank; one with neither items nor such words is a template we cannot read.
  const outcome: VisitOutcome = failure ? failure.failed : itemsFound > 0 ? 'ok' : sawBlankText ? 'blank' : 'parse-failed';
  const result: VisitResult = {
    outcome,
    fetcher: pages > 0 ? (usedBrowser ? 'browser' : 'http') : null,
    pages,
    itemsFound,
    itemsNew,
    requests: env.fetcher.stats().requests - before,
    complete: complete && !failure,
    coveredFrom,
    error: failure?.error ?? null,
  };
  finishVisit(db, visitId, result);
  env.log?.('column', { column: col.id, unit: col.unitId, name: col.name, ...result });
  return result;
}

function newItem(columnId: number, it: ListItem, key: string, seenAt: string, runId: number, fetchId: number) {
  return {
    columnId,
    url: it.url,
    urlKey: key,
    title: it.title,
    listDate: it.date,
    pinned: it.pinned,
    seenAt,
    runId,
    fetchId,
    flags: it.date ? [] : ['list-date-missing'],
  };
}

/** Fetches one list page (conditionally when we hold a capture) and extracts it. */
async function fetchList(
  env: ColumnCrawlEnv,
  url: string,
  mode: 'static' | 'browser',
  selectors?: ListSelectors,
): Promise<ListPage | PageFailure> {
  const fetcherKind = mode === 'browser' ? 'browser' : 'http';
  const prior = mode === 'static' ? lastCapture(env.db, url, 'http') : null;
  const result = await env.fetcher.fetch(url, { render: mode, conditional: validatorsOf(prior) });
  const fetchId = await env.evidence.save(result, { runId: env.runId });
  let text = result.text;
  if (result.outcome === 'not-modified' && prior) {
    // 304: the page is byte-identical to the capture whose validators we sent; read that one again.
    const body = env.evidence.readBody(prior.bodySha256);
    if (!body) return { failed: 'unreachable', error: `证据快照 ${prior.bodySha256} 缺失，无法复用 304 响应` };
    text = decodeBody(body, null).text;
  } else if (result.outcome === 'challenge') {
    return { failed: 'challenge', error: result.error ?? '网站返回反爬虫验证页面（HTTP 412 或 JS 挑战）' };
  } else if (result.outcome !== 'ok') {
    return { failed: 'unreachable', error: result.error ?? `抓取失败：${result.outcome}` };
  }
  if (text === null) return { failed: 'unreachable', error: '响应不是文本页面' };
  const extraction = await env.pages.readList({ text, url: result.finalUrl || url, selectors, refDay: shanghaiDay(result.fetchedAt) });
  return { fetchId, extraction, fetcher: fetcherKind };
}

/** Reads the detail page of every item not yet read (new ones, and those that failed on an earlier night). */
async function fetchDetails(env: ColumnCrawlEnv, items: ItemStore, col: CrawlColumnRow): Promise<void> {
  const pending = items.pendingDetails(col.id);
  await Promise.all(
    pending.map(async ({ id, url }) => {
      const ctx = { runId: env.runId };
      let result = await env.fetcher.fetch(url, { render: 'static' });
      if (result.outcome === 'challenge') {
        await env.evidence.save(result, ctx);
        result = await env.fetcher.fetch(url, { render: 'browser' });
      }
      if (result.status === 404 || result.status === 410 || result.outcome !== 'ok' || !result.text) {
        const status = result.status === 404 || result.status === 410 ? 'dead' : 'failed';
        await env.evidence.save(result, ctx, Promise.resolve((fetchId) => items.markDetail(id, status, fetchId)));
        return;
      }
      const seenAt = new Date().toISOString();
      // Read on a pool thread while the snapshot is written; what the page said lands with its fetch row.
      const reading = env.pages.readDetail({ text: result.text, url: result.finalUrl || url }).then((d) => (fetchId: number) =>
        items.recordDetail(
          id,
          fetchId,
          {
            title: d.title,
            publishedAt: d.publishedAt,
            publishedSource: d.sources.publishedAt ?? null,
            documentDate: d.documentDate,
            indexNo: d.indexNo,
            docNo: d.docNo,
            publisher: d.publisher,
            flags: d.flags,
          },
          seenAt,
        ),
      );
      await env.evidence.save(result, ctx, reading);
    }),
  );
}
