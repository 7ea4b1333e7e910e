import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrontier } from '../../src/crawl/frontier.js';

// Fake timers: the spacing is asserted exactly, free of how busy the machine is (the fetcher test checks it
// against a real server, with slack).
describe('frontier', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  const startsOf = async (run: (record: () => Promise<number>) => Promise<number>[]) => {
    const record = async () => Date.now();
    const all = Promise.all(run(record));
    await vi.advanceTimersByTimeAsync(10_000);
    return all;
  };

  it('spaces the starts of one host by perHostDelayMs, and does not space other hosts', async () => {
    const f = createFrontier({ globalConcurrency: 4, perHostConcurrency: 1, perHostDelayMs: 300 });
    const starts = await startsOf((r) => [f.run('a', r), f.run('a', r), f.run('a', r), f.run('b', r)]);
    expect(starts).toEqual([0, 300, 600, 0]);
  });

  it('raises the gap to a Crawl-delay but never below the configured one', async () => {
    const f = createFrontier({ globalConcurrency: 4, perHostConcurrency: 1, perHostDelayMs: 300 });
    f.setMinDelay('a', 1000);
    f.setMinDelay('b', 100);
    const starts = await startsOf((r) => [f.run('a', r), f.run('a', r), f.run('b', r), f.run('b', r)]);
    expect(starts).toEqual([0, 1000, 0, 300]);
  });

  it('holds a host back after a pushBack (Retry-After)', async () => {
    const f = createFrontier({ globalConcurrency: 4, perHostConcurrency: 1, perHostDelayMs: 300 });
    f.pushBack('a', 5000);
    const starts = await startsOf((r) => [f.run('a', r), f.run('a', r), f.run('b', r)]);
    expect(starts).toEqual([5000, 5300, 0]);
  });
});
