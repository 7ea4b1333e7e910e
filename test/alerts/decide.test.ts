import { describe, expect, it } from 'vitest';
import { decideColumn, decideLate, lateKey } from '../../src/alerts/decide.ts';
import type { AlertState, LateDisclosureObservation, ObservedLevel, StateLevel } from '../../src/alerts/types.ts';
import { obs } from './helpers.ts';

const DAY = '2026-11-26';
const OPTS = { day: DAY, reminderEveryDays: 7 };
const EP = 'since:2026-11-10';

function state(level: StateLevel, lastNotifiedDay: string | null = '2026-11-20'): AlertState {
  return { columnId: 1, level, episode: level === 'blank' ? 'blank' : EP, sinceDay: '2026-11-20', lastNotifiedDay };
}

// Written out by hand, independently of the TABLE in decide.ts: what each (previous, current) pair sends.
// 'remind' cells are checked twice below, once with the reminder due and once not.
type Expect = { line: null | 'warning' | 'overdue' | 'blank' | 'recovered'; reminder?: boolean; keep?: boolean };
const CELLS: Array<[StateLevel, ObservedLevel, Expect]> = [
  ['ok', 'ok', { line: null }],
  ['ok', 'warning', { line: 'warning' }],
  ['ok', 'overdue', { line: 'overdue' }],
  ['ok', 'blank', { line: 'blank' }],
  ['ok', 'unknown', { line: null, keep: true }],
  ['warning', 'ok', { line: 'recovered' }],
  ['warning', 'warning', { line: null }],
  ['warning', 'overdue', { line: 'overdue' }],
  ['warning', 'blank', { line: 'blank' }],
  ['warning', 'unknown', { line: null, keep: true }],
  ['overdue', 'ok', { line: 'recovered' }],
  ['overdue', 'warning', { line: null }],
  ['overdue', 'overdue', { line: null }], // last notice 6 days ago: reminder not yet due
  ['overdue', 'blank', { line: 'blank' }],
  ['overdue', 'unknown', { line: null, keep: true }],
  ['blank', 'ok', { line: 'recovered' }],
  ['blank', 'warning', { line: 'warning' }],
  ['blank', 'overdue', { line: 'overdue' }],
  ['blank', 'blank', { line: null }], // reminder not yet due
  ['blank', 'unknown', { line: null, keep: true }],
];

describe('decision table, cell by cell', () => {
  it('covers every (previous, current) pair', () => {
    const pairs = new Set(CELLS.map(([p, c]) => `${p}/${c}`));
    expect(pairs.size).toBe(4 * 5);
  });

  for (const [prev, cur, want] of CELLS) {
    it(`${prev} → ${cur}: ${want.line ?? (want.keep ? 'keep state' : 'nothing')}`, () => {
      const p = state(prev);
      // Same episode as the previous state, so the cell itself applies (episode changes are tested below).
      const o = obs({ columnId: 1, level: cur, episode: cur === 'blank' ? 'blank' : p.episode });
      const d = decideColumn(p, o, OPTS);
      expect(d.line?.kind ?? null).toBe(want.line);
      if (want.keep) {
        expect(d.next).toBeNull();
        return;
      }
      expect(d.next).toMatchObject({ columnId: 1, level: cur, episode: o.episode });
      expect(d.next!.lastNotifiedDay).toBe(want.line ? DAY : p.lastNotifiedDay);
      expect(d.next!.sinceDay).toBe(prev === cur && o.episode === p.episode ? p.sinceDay : DAY);
      if (d.line) {
        expect(d.line.reminder).toBe(false);
        const episode = d.line.kind === 'recovered' ? p.episode : o.episode;
        expect(d.line.key).toBe(`xinchang|1|${episode}|${d.line.kind}|${DAY}`);
      }
    });
  }

  it('overdue → overdue and blank → blank send a reminder once reminderEveryDays have passed', () => {
    for (const level of ['overdue', 'blank'] as const) {
      const d = decideColumn(state(level, '2026-11-19'), obs({ columnId: 1, level }), OPTS);
      expect(d.line).toMatchObject({ kind: level, reminder: true, key: `xinchang|1|${level === 'blank' ? 'blank' : EP}|${level}+reminder|${DAY}` });
      expect(d.next!.lastNotifiedDay).toBe(DAY);
      expect(d.next!.sinceDay).toBe('2026-11-20');
    }
  });

  it('no previous state behaves as ok', () => {
    for (const cur of ['ok', 'warning', 'overdue', 'blank', 'unknown'] as const) {
      const a = decideColumn(undefined, obs({ columnId: 1, level: cur }), OPTS);
      const b = decideColumn(state('ok'), obs({ columnId: 1, level: cur }), OPTS);
      expect(a.line?.kind ?? null).toBe(b.line?.kind ?? null);
      expect(a.action).toBe(b.action);
    }
  });
});

describe('reminder timing', () => {
  it('sends 超期 once, then a reminder every 7 days while it stays overdue, nothing in between', () => {
    let s: AlertState | undefined;
    const sentOn: string[] = [];
    for (let i = 0; i <= 21; i++) {
      const day = `2026-12-${String(i + 1).padStart(2, '0')}`;
      const d = decideColumn(s, obs({ columnId: 1, level: 'overdue', ageDays: 20 + i }), { day, reminderEveryDays: 7 });
      if (d.line) sentOn.push(`${day}:${d.line.kind}${d.line.reminder ? '+r' : ''}`);
      s = d.next ?? s;
    }
    expect(sentOn).toEqual(['2026-12-01:overdue', '2026-12-08:overdue+r', '2026-12-15:overdue+r', '2026-12-22:overdue+r']);
  });

  it('an unreachable night neither reminds nor resets the clock', () => {
    const s = state('overdue', '2026-11-19');
    const d = decideColumn(s, obs({ columnId: 1, level: 'unknown' }), OPTS);
    expect(d).toMatchObject({ line: null, next: null });
    expect(decideColumn(s, obs({ columnId: 1, level: 'overdue' }), { ...OPTS, day: '2026-11-27' }).line?.reminder).toBe(true);
  });
});

describe('episodes', () => {
  it('after recovery, a new stale stretch warns again with a new key', () => {
    const days = ['2026-11-21', '2026-11-22', '2026-11-23', '2026-12-04'];
    const seq = [
      obs({ columnId: 1, level: 'warning', episode: 'since:2026-11-10' }),
      obs({ columnId: 1, level: 'ok', episode: 'since:2026-11-22', latestPublished: '2026-11-22', ageDays: 0 }),
      obs({ columnId: 1, level: 'ok', episode: 'since:2026-11-22', latestPublished: '2026-11-22', ageDays: 1 }),
      obs({ columnId: 1, level: 'warning', episode: 'since:2026-11-22', latestPublished: '2026-11-22', ageDays: 12 }),
    ];
    let s: AlertState | undefined;
    const lines: string[] = [];
    seq.forEach((o, i) => {
      const d = decideColumn(s, o, { day: days[i], reminderEveryDays: 7 });
      if (d.line) lines.push(d.line.key);
      s = d.next ?? s;
    });
    expect(lines).toEqual([
      'xinchang|1|since:2026-11-10|warning|2026-11-21',
      'xinchang|1|since:2026-11-10|recovered|2026-11-22',
      'xinchang|1|since:2026-11-22|warning|2026-12-04',
    ]);
  });

  it('an update between two nights that is itself already stale starts a new episode: 超期 again, not a reminder', () => {
    const prev: AlertState = { columnId: 1, level: 'overdue', episode: 'since:2026-10-01', sinceDay: '2026-10-16', lastNotifiedDay: '2026-11-25' };
    const d = decideColumn(prev, obs({ columnId: 1, level: 'overdue', episode: 'since:2026-11-01' }), OPTS);
    expect(d.line).toMatchObject({ kind: 'overdue', reminder: false, key: `xinchang|1|since:2026-11-01|overdue|${DAY}` });
    expect(d.next).toMatchObject({ episode: 'since:2026-11-01', sinceDay: DAY });
  });

  it('warning → overdue keeps the episode, so the two lines share it', () => {
    const w = decideColumn(undefined, obs({ columnId: 1, level: 'warning' }), { day: '2026-11-22', reminderEveryDays: 7 });
    const o = decideColumn(w.next!, obs({ columnId: 1, level: 'overdue' }), OPTS);
    expect(w.line!.key.split('|')[2]).toBe(EP);
    expect(o.line!.key.split('|')[2]).toBe(EP);
  });
});

describe('late disclosures', () => {
  const item = (n: number): LateDisclosureObservation => ({
    unitId: 'xinchang', columnId: 2, columnName: '通知公告', itemKey: `http://127.0.0.1/a/${n}.html`, title: `通知${n}`,
    url: `http://127.0.0.1/a/${n}.html`, documentDate: '2026-10-01', publishedAt: '2026-11-10', workdays: 27, limitWorkdays: 20,
  });

  it('warns once per item: keys already in the outbox are skipped', () => {
    const sent = new Set([lateKey(item(1))]);
    const lines = decideLate([item(1), item(2)], (k) => sent.has(k));
    expect(lines.map((l) => l.item!.title)).toEqual(['通知2']);
    expect(lines[0]).toMatchObject({ kind: 'late', key: 'xinchang|2|http://127.0.0.1/a/2.html|late|2026-11-10' });
  });
});
