import type { CrawlColumnRow } from '../store/index.ts';
import type { ColumnCrawlEnv } from './column-env.ts';

/** Reads the detail page of every item not yet read (new ones, and those that failed on an earlier night). */
export async function fetchDetails(env: ColumnCrawlEnv, col: CrawlColumnRow): Promise<void> {
  const pending = env.store.pendingDetails(col.id);
  await Promise.all(
    pending.map(async ({ id, url, isFile }) => {
      const ctx = { runId: env.runId };
      let result = await env.fetcher.fetch(url, { render: 'static' });
      if (result.outcome === 'challenge') {
        await env.evidence.save(result, ctx);
        result = await env.fetcher.fetch(url, { render: 'browser' });
      }
      if (isFile && result.outcome === 'ok') {
        // A document served as a file (PDF, DOC, OFD…): it is there and kept as evidence; its 索引号, 文号 and
        // dates come from the catalogue row that links it, read when the item was first listed.
        await env.evidence.save(result, ctx, Promise.resolve((fetchId) => env.store.markDetail(id, 'ok', fetchId)));
        return;
      }
      if (result.status === 404 || result.status === 410 || result.outcome !== 'ok' || !result.text) {
        const status = result.status === 404 || result.status === 410 ? 'dead' : 'failed';
        await env.evidence.save(result, ctx, Promise.resolve((fetchId) => env.store.markDetail(id, status, fetchId)));
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
    }),
  );
}
