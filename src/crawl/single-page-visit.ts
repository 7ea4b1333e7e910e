import type { CrawlColumnRow, VisitResult } from '../store/index.ts';
import type { ColumnCrawlEnv } from './column-env.ts';
import { emptyResult } from './visit-result.ts';
import { refusal, robotsEvidence } from './refusal.ts';

/**
 * A single-page column (机构概况, 依申请公开指南): the page is its own content. What is kept is its date and a hash
 * of its main text; assess reads freshness from those. A page with no text of its own is blank.
 */
export async function visitSinglePage(env: ColumnCrawlEnv, col: CrawlColumnRow, visitId: number, before: number): Promise<VisitResult> {
  const ctx = { runId: env.runId };
  const browserFirst = col.render === 'browser' || (col.render === 'auto' && col.renderLearned === 'browser');
  let result = await env.fetcher.fetch(col.url, { render: browserFirst ? 'browser' : 'static', purpose: 'list', screenshot: true });
  if (result.outcome === 'challenge' && !browserFirst && col.render !== 'static') {
    await env.evidence.save(result, ctx);
    result = await env.fetcher.fetch(col.url, { render: 'browser', purpose: 'list', screenshot: true });
  }
  const text = result.text;
  const refused = refusal(result);
  if (refused || result.outcome !== 'ok' || text === null) {
    const fetchIds = [...(refused ? await robotsEvidence(env, result.robotsTxt) : []), await env.evidence.save(result, ctx)];
    fetchIds.forEach((id, i) => env.store.linkVisitFetch(visitId, id, i + 1));
    const failed: VisitResult = {
      ...emptyResult(env.fetcher.stats().requests - before),
      outcome: refused ? 'blocked' : result.outcome === 'challenge' ? 'challenge' : 'unreachable',
      error: refused?.error ?? result.error ?? (text === null && result.outcome === 'ok' ? '响应不是文本页面' : `抓取失败：${result.outcome}`),
      // A refusal is the unit's only if the site answered other columns: the run settles that (crawl-run.ts).
      fault: refused ? null : 'site',
      layout: 'single',
      blockedBy: refused?.by ?? null,
    };
    return failed;
  }
  const seenAt = new Date().toISOString();
  const reading = env.pages.readSingle({ text, url: result.finalUrl || col.url });
  const fetchId = await env.evidence.save(
    result,
    ctx,
    reading.then((r) => (id: number) =>
      env.store.recordPageState({
        columnId: col.id,
        visitId,
        fetchId: id,
        seenAt,
        title: r.detail.title,
        publishedAt: r.detail.publishedAt,
        textSha256: r.textSha256,
        textChars: r.textChars,
      }),
    ),
  );
  const r = await reading;
  env.store.linkVisitFetch(visitId, fetchId, 1);
  const out: VisitResult = {
    ...emptyResult(env.fetcher.stats().requests - before),
    outcome: r.textChars === 0 ? 'blank' : 'ok',
    fetcher: result.fetcher,
    pages: 1,
    complete: true,
    coveredFrom: r.detail.publishedAt,
    coverage: 'complete',
    layout: 'single',
  };
  return out;
}
