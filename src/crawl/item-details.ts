import { validatorsOf, type CrawlColumnRow, type DetailDue, type DetailFetched } from '../store/index.ts';
import type { ColumnCrawlEnv } from './column-env.ts';

/**
 * Reads the detail page of every item due tonight: new ones, those whose list entry changed (or every one a full run
 * saw), asked for conditionally, and those that failed on an earlier night once their backoff is over. A known page
 * is never fetched again for no reason: a 304 is kept as the evidence that it was checked and had not changed.
 */
export async function fetchDetails(env: ColumnCrawlEnv, col: CrawlColumnRow): Promise<void> {
  const due = env.store.dueDetails(col.id, env.runKind === 'full' ? null : new Date().toISOString());
  await Promise.all(due.map((d) => env.detailSlots.add(() => fetchDetail(env, d))));
}

async function fetchDetail(env: ColumnCrawlEnv, { id, url, isFile, recheck }: DetailDue): Promise<void> {
  const ctx = { runId: env.runId };
  const purpose = isFile ? 'file' : 'article';
  const conditional = recheck ? validatorsOf(env.store.lastCapture(url, 'http')) : undefined;
  let result = await env.fetcher.fetch(url, { render: 'static', purpose, conditional });
  if (result.outcome === 'challenge') {
    await env.evidence.save(result, ctx);
    result = await env.fetcher.fetch(url, { render: 'browser', purpose });
  }
  const mark = (fetched: DetailFetched) => Promise.resolve((fetchId: number) => env.store.markDetail(id, fetched, fetchId, new Date().toISOString()));
  if (result.outcome === 'not-modified') {
    await env.evidence.save(result, ctx, mark('unchanged'));
    return;
  }
  if (isFile && result.outcome === 'ok') {
    // A document served as a file (PDF, DOC, OFD…): it is there and kept as evidence; its 索引号, 文号 and
    // dates come from the catalogue row that links it, read when the item was first listed.
    await env.evidence.save(result, ctx, mark('ok'));
    return;
  }
  if (result.status === 404 || result.status === 410 || result.outcome !== 'ok' || !result.text) {
    await env.evidence.save(result, ctx, mark(result.status === 404 || result.status === 410 ? 'dead' : 'failed'));
    return;
  }
  const seenAt = new Date().toISOString();
  // Read on a pool thread while the snapshot is written; what the page said lands with its fetch row.
  const reading = env.pages.readDetail({ text: result.text, url: result.finalUrl || url }).then((d) => (fetchId: number) =>
    env.store.recordDetail(
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
        metaPublishedAt: d.metaPublishedAt ?? null,
        flags: d.flags,
      },
      seenAt,
    ),
  );
  await env.evidence.save(result, ctx, reading);
}
