import { SnapshotWriteError } from '../evidence/index.ts';
import { validatorsOf, type CrawlSink } from '../store/index.ts';
import type { EvidenceSink } from './column-crawler.ts';
import type { Fetcher } from './types.ts';

export interface ChannelCheckEnv {
  store: Pick<CrawlSink, 'channelsToCheck' | 'lastCapture' | 'recordChannelCheck'>;
  fetcher: Fetcher;
  evidence: EvidenceSink;
  runId: number;
  log?: (event: string, data: Record<string, unknown>) => void;
}

/**
 * 公开形式-2 evidence: one fetch a night of each unit's other carriers named in the plan (微信公众号 pages,
 * app download pages…), kept as a snapshot with whether it answered. Like a column, a channel that fails is
 * recorded, never thrown.
 */
export async function checkChannels(env: ChannelCheckEnv): Promise<{ checked: number; unreachable: number; snapshotProblem: string | null }> {
  const channels = env.store.channelsToCheck();
  let unreachable = 0;
  let snapshotProblem: string | null = null;
  await Promise.all(
    channels.map(async (ch) => {
      const ctx = { runId: env.runId };
      try {
        // Conditional when the channel answered before: a 304 says it is still there, at a fraction of the cost.
        let r = await env.fetcher.fetch(ch.url, { render: 'static', purpose: 'channel', conditional: validatorsOf(env.store.lastCapture(ch.url, 'http')) });
        if (r.outcome === 'challenge') {
          // The anti-bot page is evidence too; a browser then runs its script, as for a column.
          await env.evidence.save(r, ctx);
          r = await env.fetcher.fetch(ch.url, { render: 'browser', purpose: 'channel', screenshot: true });
        }
        const reachable = r.outcome === 'ok' || r.outcome === 'not-modified';
        if (!reachable) unreachable++;
        const error = reachable ? null : (r.error ?? (r.status ? `站点返回 HTTP ${r.status}。` : '无法访问。'));
        const check = { runId: env.runId, unitId: ch.unitId, name: ch.name, url: ch.url, checkedAt: r.fetchedAt, reachable, status: r.status, error };
        await env.evidence.save(r, ctx, Promise.resolve((fetchId) => env.store.recordChannelCheck({ ...check, fetchId })));
      } catch (err) {
        // A disk that refused the snapshot says nothing about the channel: the night reports the disk instead.
        if (err instanceof SnapshotWriteError) snapshotProblem ??= err.message;
        else unreachable++;
        env.log?.('channel-error', { unit: ch.unitId, url: ch.url, error: (err as Error).stack });
      }
    }),
  );
  env.log?.('channels', { checked: channels.length, unreachable });
  return { checked: channels.length, unreachable, snapshotProblem };
}
