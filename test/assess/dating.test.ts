import { describe, expect, it } from 'vitest';
import { backDatingProof, redatings, type VisitRecord } from '../../src/assess/dating.ts';

const ms = (day: string) => Date.parse(`${day}T02:00:00+08:00`);
let n = 0;
const visit = (day: string, o: Partial<VisitRecord> = {}): VisitRecord => ({
  visitId: ++n,
  runId: n,
  startedMs: ms(day),
  day,
  outcome: 'ok',
  complete: true,
  coveredFrom: '2026-01-01',
  runKind: 'nightly',
  fetchIds: [n * 10],
  coverage: 'complete',
  reviewReason: null,
  layout: 'list',
  ...o,
});
const item = (claimed: string, firstSeen: string, firstSeenRun: number | null = null) => ({ claimed, firstSeenMs: ms(firstSeen) + 3600_000, firstSeenRun });

describe('back-dating proof: P + 1 day < C < T, C successful, complete, read back past P, item absent', () => {
  it('takes the latest proving visit before first sight', () => {
    const vs = [visit('2026-03-10'), visit('2026-03-12'), visit('2026-03-20')];
    expect(backDatingProof(item('2026-03-01', '2026-03-20', vs[2].runId), vs)).toBe(vs[1]);
  });

  it('needs C later than the day after the claimed date', () => {
    expect(backDatingProof(item('2026-03-01', '2026-03-03'), [visit('2026-03-02')])).toBeNull();
    expect(backDatingProof(item('2026-03-01', '2026-03-04'), [visit('2026-03-03')])).not.toBeNull();
  });

  it('a failed, incomplete or too shallow visit proves nothing; a full run without coverage does', () => {
    const T = '2026-03-20';
    for (const v of [visit('2026-03-15', { outcome: 'unreachable' }), visit('2026-03-15', { complete: false }), visit('2026-03-15', { coveredFrom: '2026-03-01' }), visit('2026-03-15', { coveredFrom: null })]) {
      expect(backDatingProof(item('2026-03-01', T), [v])).toBeNull();
    }
    expect(backDatingProof(item('2026-03-01', T), [visit('2026-03-15', { coveredFrom: null, runKind: 'full' })])).not.toBeNull();
    expect(backDatingProof(item('2026-03-01', T), [visit('2026-03-15', { outcome: 'blank', coveredFrom: null })])).not.toBeNull();
  });

  it('the run that first saw the item is not evidence of its absence', () => {
    const v = visit('2026-03-15');
    expect(backDatingProof(item('2026-03-01', '2026-03-15', v.runId), [v])).toBeNull();
  });
});

describe('re-dating', () => {
  it('reports changes per source, ignoring unreadable dates and list-vs-detail differences', () => {
    const r = redatings([
      { seenAt: '2026-01-21T00:00:00Z', fetchId: 1, source: 'list', claimed: '2026-01-20' },
      { seenAt: '2026-01-21T00:00:01Z', fetchId: 2, source: 'detail', claimed: '2026-01-19' },
      { seenAt: '2026-01-25T00:00:00Z', fetchId: 3, source: 'list', claimed: null },
      { seenAt: '2026-02-03T00:00:00Z', fetchId: 4, source: 'list', claimed: '2026-02-02 10:00' },
      { seenAt: '2026-02-04T00:00:00Z', fetchId: 5, source: 'list', claimed: '2026-02-02' },
    ]);
    expect(r).toEqual([{ source: 'list', from: '2026-01-20', to: '2026-02-02', seenAt: '2026-02-03T00:00:00Z', fromFetchId: 1, toFetchId: 4 }]);
  });
  it('counts a move read on the list and again on the re-read article page once', () => {
    const r = redatings([
      { seenAt: '2026-01-21T00:00:00Z', fetchId: 1, source: 'list', claimed: '2026-01-20' },
      { seenAt: '2026-01-21T00:00:01Z', fetchId: 2, source: 'detail', claimed: '2026-01-20' },
      { seenAt: '2026-02-03T00:00:00Z', fetchId: 3, source: 'list', claimed: '2026-01-23' },
      { seenAt: '2026-02-03T00:00:01Z', fetchId: 4, source: 'detail', claimed: '2026-01-23' },
      { seenAt: '2026-02-10T00:00:01Z', fetchId: 5, source: 'detail', claimed: '2026-01-25' },
    ]);
    expect(r.map((x) => [x.source, x.from, x.to])).toEqual([
      ['list', '2026-01-20', '2026-01-23'],
      ['detail', '2026-01-23', '2026-01-25'],
    ]);
  });
});
