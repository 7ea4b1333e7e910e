// The polite-night arithmetic behind `npm run bench -- polite` and the README's figures.
import { describe, expect, it } from 'vitest';
import { aboutZh, hostSeconds, nightSeconds, requestsByHost } from '../../bench/_polite-model.ts';
import { median } from '../../bench/_stats.ts';

const polite = { perHostDelayMs: 1000, perHostConcurrency: 2 };

describe('polite night model', () => {
  it('spaces fast requests by the gap: the last one starts after n - 1 gaps and takes its own time', () => {
    expect(hostSeconds([100, 100, 100, 100], polite)).toBeCloseTo(3.1);
    expect(hostSeconds([], polite)).toBe(0);
  });

  it('lets a request slower than gap × connections take its share of the connections', () => {
    // 5 s answers on 2 connections: a start every 2.5 s, not every second.
    expect(hostSeconds([5000, 5000, 5000], polite)).toBeCloseTo(2.5 + 2.5 + 5);
  });

  it('crawls hosts side by side: the night is its busiest host', () => {
    const byHost = requestsByHost(
      [
        { url: 'http://a.example/1', durationMs: 10 },
        { url: 'http://a.example/2', durationMs: 10 },
        { url: 'http://b.example/1', durationMs: null },
      ],
      2,
      10,
    );
    // The two unrecorded requests join a.example, the busiest.
    expect(byHost.get('a.example')).toHaveLength(4);
    expect(byHost.get('b.example')).toEqual([0]);
    expect(nightSeconds(byHost, polite)).toBeCloseTo(3.01);
  });

  it('says hours from two hours up and minutes below', () => {
    expect(aboutZh(9 * 3600)).toBe('约 9.0 小时');
    expect(aboutZh(17 * 60 + 20)).toBe('约 17 分钟');
    expect(aboutZh(5)).toBe('约 1 分钟');
  });

  it('takes the middle run as the median', () => {
    expect(median([3, 1, 2])).toBe(2);
  });
});
