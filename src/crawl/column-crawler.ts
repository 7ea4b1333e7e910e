import type { ListExtraction, ListItem, ListSelectors } from '../extract/index.ts';
import type { PlanColumn } from '../config/index.ts';
import { decodeBody } from '../extract/index.ts';
import { columnLayout, validatorsOf, type CrawlColumnRow, type KnownItem, type VisitOutcome, type VisitResult } from '../store/index.ts';
import { shanghaiDay } from '../shared/time.ts';
import { urlKey } from '../shared/url.ts';
import { mergeClaims, pageDoubt, visitCoverage, type PageRead, type StopReason } from './coverage.ts';
import type { ColumnCrawlEnv } from './column-env.ts';
import { auditorFailure, emptyResult, PlanSelectorError, STOPPED_VISIT } from './visit-result.ts';
import { visitSinglePage } from './single-page-visit.ts';
import { fetchDetails } from './item-details.ts';
import { refusal, robotsEvidence } from './refusal.ts';
import type { BlockedBy } from '../shared/vocabulary.ts';
import type { FetchResult } from '../shared/capture.ts';

export type { ColumnCrawlEnv, EvidenceSink } from './column-env.ts';
export { STOPPED_VISIT } from './visit-result.ts';

type PlanSelectors = NonNullable<PlanColumn['selectors']>;

interface ListPage {
  fetchId: number;
  extraction: ListExtraction;
  fetcher: 'http' | 'browser';
  /** Browser only: the GET data requests its scripts made, candidates for reading the list over HTTP. */
  dataRequests?: string[];
}

/** A page that failed; a refusal ('blocked') names what refused, with its capture and the robots.txt behind a rule. */
type PageFailure = { failed: VisitOutcome; error: string; refused?: { by: BlockedBy; fetchId: number; robotsTxt?: FetchResult } };

const isFailure = (p: ListPage | PageFailure): p is PageFailure => 'failed' in p;

/**
 * Crawls one column: its list pages (all pagination, bounded), then the detail page of each new item; or, for a
 * single-page column, the page itself. An unexpected error is recorded as the auditor's fault, so one broken
 * column never stops the night and never counts against its unit; it throws only when the database itself refuses
 * to record the visit (crawlAll then ends the night).
 */
export async function crawlColumn(env: ColumnCrawlEnv, col: CrawlColumnRow): Promise<VisitResult> {
  const visitId = env.store.startVisit(env.runId, col.id);
  const before = env.fetcher.stats().requests;
  let result: VisitResult;
  try {
    result = columnLayout(col) === 'single' ? await visitSinglePage(env, col, visitId, before) : await visitColumn(env, col, visitId, before);
  } catch (err) {
    result = { ...emptyResult(env.fetcher.stats().requests - before), fault: 'auditor', ...auditorFailure(err) };
    env.log?.('column-error', { column: col.id, unit: col.unitId, error: (err as Error)?.stack ?? String(err) });
  }
  // A stop cut this visit short (the browser closing, fetches aborted): whatever failed is ours, not the site's.
  if (env.signal?.aborted && (!result.complete || result.fault === 'site')) result = { ...emptyResult(result.requests), fault: 'auditor', error: STOPPED_VISIT };
  // A database that refuses even this row fails the night (crawlAll stops it); nothing is concluded.
  env.store.finishVisit(visitId, result);
  env.log?.('column', { column: col.id, unit: col.unitId, name: col.name, ...result });
  return result;
}


/**
 * Whether another reading of a list page (the browser's, or a data endpoint's) beats the static one: more items,
 * as many with a pager the static page did not show, or as many without the doubt.
 */
function readsBetter(other: ListExtraction, plain: ListExtraction): boolean {
  const o = other.items.length;
  const p = plain.items.length;
  if (o > p) return true;
  if (o === 0 || o < p) return false;
  return other.nextPages.length > plain.nextPages.length || (pageDoubt(other) === null && pageDoubt(plain) !== null);
}

/**
 * The first of a rendered page's data requests whose answer, read over HTTP, holds (nearly) every item the browser
 * showed; null when none does (the list then stays the browser's).
 */
async function replayDataRequest(env: ColumnCrawlEnv, rendered: ListPage, visited: Set<string>): Promise<{ page: ListPage; url: string } | null> {
  const shown = new Set(rendered.extraction.items.map((i) => urlKey(i.url)));
  for (const url of (rendered.dataRequests ?? []).slice(0, 4)) {
    if (visited.has(urlKey(url))) continue;
    const data = await fetchList(env, url, 'static');
    if (isFailure(data) || data.extraction.items.length < shown.size) continue;
    const same = data.extraction.items.filter((i) => shown.has(urlKey(i.url))).length;
    if (same * 10 >= shown.size * 9) {
      visited.add(urlKey(url));
      return { page: data, url };
    }
  }
  return null;
}

async function visitColumn(env: ColumnCrawlEnv, col: CrawlColumnRow, visitId: number, before: number): Promise<VisitResult> {
  const { store } = env;
  // The plan's selectors (DESIGN §6): item/title/date pick the items, `next` names the pager link.
  const selectors = col.selectorsJson ? (JSON.parse(col.selectorsJson) as PlanSelectors) : undefined;
  const browserColumn = col.render === 'browser' || (col.render === 'auto' && col.renderLearned === 'browser');
  // A learnt data endpoint serves the list over HTTP, for a column the plan says needs a browser too; the page
  // itself is read again (rendered, if it needs that) only when the endpoint stops answering.
  let mode: 'static' | 'browser' = browserColumn && !col.listSource ? 'browser' : 'static';
  const known = store.knownItems(col.id);
  const pageBack = env.runKind === 'full' || !store.hasCompleteVisit(col.id);

  const queue = [col.listSource ?? col.url];
  const visited = new Set<string>();
  const seenThisVisit = new Set<string>();
  const reads: PageRead[] = [];
  let stop: StopReason = 'exhausted';
  let itemsFound = 0;
  let itemsNew = 0;
  let coveredFrom: string | null = null;
  let failure: PageFailure | null = null;
  let laterFailure: string | null = null;
  let sawBlankText = false;
  let usedBrowser = false;

  while (queue.length) {
    const url = queue.shift()!;
    if (visited.has(urlKey(url))) continue;
    visited.add(urlKey(url));
    if (env.signal?.aborted) {
      laterFailure = STOPPED_VISIT;
      break;
    }
    if (reads.length >= env.maxPages) {
      stop = 'page-cap';
      env.log?.('page-cap', { column: col.id, url, maxPages: env.maxPages });
      break;
    }
    let page = await fetchList(env, url, mode, selectors);
    let endpointFailed = false;
    let renderedNow = false;
    if (reads.length === 0 && url === col.listSource && (isFailure(page) || page.extraction.items.length === 0)) {
      store.learnListSource(col.id, null);
      endpointFailed = true;
      visited.add(urlKey(col.url));
      if (browserColumn) mode = 'browser';
      page = await fetchList(env, col.url, mode, selectors);
    }
    if (isFailure(page) && page.failed === 'challenge' && mode === 'static' && col.render !== 'static') {
      // The browser runs the challenge script; its clearance cookie then serves the static fetches that
      // follow, so the column stays on the cheap path (and on conditional GETs) rather than turning "browser".
      page = await fetchList(env, url, 'browser', selectors);
    }
    if (!isFailure(page) && reads.length === 0 && mode === 'static' && col.render !== 'browser' && pageDoubt(page.extraction) !== null) {
      // DESIGN §4: when the static answer is weak (no list, a list a script fills, fewer items than the page
      // claims), first the data endpoints the page itself names, over HTTP; then a browser. Either is kept only
      // when it reads better, and an endpoint that does is read directly on later nights.
      let better = false;
      for (const endpoint of (page.extraction.dataEndpoints ?? []).slice(0, 3)) {
        if (visited.has(urlKey(endpoint))) continue;
        const data = await fetchList(env, endpoint, 'static');
        if (!isFailure(data) && readsBetter(data.extraction, page.extraction)) {
          page = data;
          visited.add(urlKey(endpoint));
          store.learnListSource(col.id, endpoint);
          better = true;
          break;
        }
      }
      if (!better && col.render === 'auto') {
        const rendered = await fetchList(env, url, 'browser', selectors);
        if (!isFailure(rendered) && readsBetter(rendered.extraction, page.extraction)) {
          page = rendered;
          mode = 'browser';
          renderedNow = true;
        }
      }
    }
    // The request that filled a rendered list, replayed over HTTP, serves the same items far more cheaply: learnt,
    // as a solved challenge's cookie is, and used until it stops answering. Looked for when a render was found
    // necessary, and for the plan's browser columns on the nights that read them whole (the first, the weekly full
    // run) or when the learnt one failed: not every night, since a page whose requests serve no list would cost
    // those requests each time.
    const seekReplay = renderedNow || (col.render === 'browser' && (pageBack || endpointFailed));
    if (seekReplay && !isFailure(page) && reads.length === 0 && page.fetcher === 'browser' && page.extraction.items.length > 0) {
      const replayed = await replayDataRequest(env, page, visited);
      if (replayed) {
        page = replayed.page;
        mode = 'static';
        store.learnListSource(col.id, replayed.url);
      }
    }
    if (isFailure(page)) {
      if (reads.length === 0) {
        failure = page;
        // The column's refusal is the visit's evidence: the robots.txt whose rule refused it, then its own answer.
        if (page.refused) [...(await robotsEvidence(env, page.refused.robotsTxt)), page.refused.fetchId].forEach((id, i) => store.linkVisitFetch(visitId, id, i + 1));
      }
      else laterFailure = `第 ${reads.length + 1} 页读取失败（${page.error}），其后的列表页未读`;
      break;
    }
    const { extraction } = page;
    if (extraction.flags.includes('selectors-invalid')) {
      // The plan's selector, not the site: nothing is concluded about the column until the plan is fixed.
      throw new PlanSelectorError(`计划中为栏目“${col.name}”指定的选择器无效（${selectors?.item ?? ''}）：请在计划的 selectors 中改正后重新运行；本栏目本次未得出结论。`);
    }
    if (reads.length) reads[reads.length - 1].followed = true;
    reads.push({ items: extraction.items.length, followed: false, extraction });
    if (page.fetcher === 'browser') usedBrowser = true;
    store.linkVisitFetch(visitId, page.fetchId, reads.length);
    if (extraction.items.length === 0) sawBlankText ||= extraction.flags.includes('blank-text');

    let knownOnPage = 0;
    let olderThanPeriod = 0;
    let dated = 0;
    const seenAt = new Date().toISOString();
    // One transaction per list page: a page's items land together, and a crawl commits per page, not per row.
    store.inOneCommit(() => {
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
          store.itemSeen(k, { title: it.title, date: it.date, pinned: it.pinned }, seenAt, page.fetchId, env.runKind === 'full');
        } else {
          const id = store.insertItem(newItem(col.id, it, key, seenAt, env.runId, page.fetchId));
          known.set(key, { id, urlKey: key, listDate: it.date, publishedAt: it.date, pinned: it.pinned ? 1 : 0, detailStatus: 'pending', listTitle: it.title } satisfies KnownItem);
          itemsNew++;
        }
      }
    });
    // Lists run newest first: a known (non-pinned) item means everything further back is known too.
    if (!pageBack && knownOnPage > 0) {
      stop = 'known-item';
      break;
    }
    // The first crawl reads back past the period start: one older item tells the column's state on day one.
    if (pageBack && dated > 0 && olderThanPeriod === dated) {
      stop = 'period-start';
      break;
    }
    for (const next of extraction.nextPages) if (!visited.has(urlKey(next))) queue.push(next);
    if (extraction.items.length === 0) break;
  }

  if (mode !== (col.renderLearned ?? 'static') && col.render === 'auto' && reads.length > 0) store.learnRender(col.id, mode);
  if (col.layout === 'auto' && col.layoutLearned === null && reads.length === 1 && itemsFound === 0 && reads[0].extraction.flags.includes('article-page')) {
    // No list, but an article at the column's own URL (机构概况, 依申请公开指南): a single-page column from now on.
    store.learnLayout(col.id, 'single');
    return visitSinglePage(env, col, visitId, before);
  }
  if (col.layout === 'auto' && reads.length > 0 && col.layoutLearned !== 'list' && itemsFound > 0) store.learnLayout(col.id, 'list');

  // A stop leaves new items' details pending: the next night reads them.
  if (!env.signal?.aborted) await fetchDetails(env, col);

  // A page that says "暂无信息" is blank; one with neither items nor such words is a template we cannot read.
  const outcome: VisitOutcome = failure ? failure.failed : itemsFound > 0 ? 'ok' : sawBlankText ? 'blank' : 'parse-failed';
  const cov = failure
    ? null
    : laterFailure
      ? { coverage: 'review' as const, reason: laterFailure, claims: mergeClaims(reads) }
      : visitCoverage({ pages: reads, stop, itemsFound, maxPages: env.maxPages, previousFirstPage: store.previousFirstPage(col.id) });
  const result: VisitResult = {
    ...emptyResult(env.fetcher.stats().requests - before),
    outcome,
    fetcher: reads.length > 0 ? (usedBrowser ? 'browser' : 'http') : null,
    pages: reads.length,
    itemsFound,
    itemsNew,
    complete: !failure && !laterFailure && stop !== 'page-cap',
    coveredFrom,
    error: failure?.error ?? laterFailure,
    coverage: cov?.coverage ?? null,
    reviewReason: cov?.reason ?? null,
    claims: cov?.claims ?? {},
    firstPageItems: reads[0]?.items ?? null,
    // A refusal is the unit's only if the site answered other columns: the run settles that (crawl-run.ts).
    fault: failure && failure.failed !== 'blocked' ? 'site' : null,
    layout: 'list',
    blockedBy: failure?.refused?.by ?? null,
  };
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
    row: it.row ?? {},
    isFile: it.file === true,
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
  const prior = mode === 'static' ? env.store.lastCapture(url, 'http') : null;
  // A capture whose snapshot is gone (pruned, lost) cannot stand in for a 304: ask for the whole page instead.
  const priorBody = prior ? env.evidence.readBody(prior.bodySha256) : null;
  const result = await env.fetcher.fetch(url, { render: mode, purpose: 'list', screenshot: true, conditional: priorBody ? validatorsOf(prior) : undefined });
  const fetchId = await env.evidence.save(result, { runId: env.runId });
  const refused = refusal(result);
  if (refused) return { failed: 'blocked', error: refused.error, refused: { by: refused.by, fetchId, robotsTxt: result.robotsTxt } };
  let text = result.text;
  if (result.outcome === 'not-modified' && priorBody) {
    // 304: the page is byte-identical to the capture whose validators we sent; read that one again.
    text = decodeBody(priorBody, null).text;
  } else if (result.outcome === 'challenge') {
    return { failed: 'challenge', error: result.error ?? '网站返回反爬虫验证页面（HTTP 412 或 JS 挑战）' };
  } else if (result.outcome !== 'ok') {
    return { failed: 'unreachable', error: result.error ?? `抓取失败：${result.outcome}` };
  }
  if (text === null) return { failed: 'unreachable', error: '响应不是文本页面' };
  const extraction = await env.pages.readList({ text, url: result.finalUrl || url, selectors, refDay: shanghaiDay(result.fetchedAt) });
  // The browser has run the page's scripts: what it shows is what a visitor sees, templates left behind or not.
  if (fetcherKind === 'browser') extraction.flags = extraction.flags.filter((f) => f !== 'script-filled');
  return { fetchId, extraction, fetcher: fetcherKind, ...(result.dataRequests ? { dataRequests: result.dataRequests } : {}) };
}
