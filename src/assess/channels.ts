import type { DB } from '../store/index.ts';
import { channelChecks, unitChannels } from '../store/index.ts';
import { shanghaiDay, shanghaiMidnight } from '../shared/time.ts';
import type { ChannelFacts } from './scores.ts';

/** 公开形式-2: what the nightly checks of a unit's other carriers showed over the period, up to the assessed day. */
export function channelFacts(db: DB, unitId: string, periodFrom: string, asOfEndMs: number): ChannelFacts[] {
  const from = shanghaiMidnight(periodFrom).toISOString();
  const before = new Date(asOfEndMs).toISOString();
  return unitChannels(db, unitId).map((ch) => {
    const checks = channelChecks(db, unitId, ch.url, from, before);
    const view = (c: (typeof checks)[number] | undefined) =>
      c ? { day: shanghaiDay(c.checkedAt), reachable: c.reachable, error: c.error, fetchId: c.fetchId } : null;
    return {
      name: ch.name,
      url: ch.url,
      checks: checks.length,
      reachable: checks.filter((c) => c.reachable).length,
      last: view(checks.at(-1)),
      lastFailure: view(checks.findLast((c) => !c.reachable)),
    };
  });
}
