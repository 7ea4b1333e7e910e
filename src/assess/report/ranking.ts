import { GRADES, UNIT_KINDS } from '../../config/index.ts';
import { FALSIFIED, type ScoreSheet } from '../sheet.ts';

/**
 * The one ranking of the results, which 结果, the 通报 and the exports all take from here. 镇街 and 区直部门 are
 * ranked apart (the plan's unit kind). Within a kind: grade first (第八条), then score, highest first. A unit
 * with a 弄虚作假 verdict is 不合格 whatever its score (第十四条) and ranks with the 不合格 units, after those
 * that earned the grade on points: its score is not a result it can be placed by. Units whose sheet still
 * has undecided items have no place yet; they follow, in the order given.
 */

export interface RankFacts {
  kind: string;
  sheet: Pick<ScoreSheet, 'total' | 'grade' | 'verdict'>;
}

export interface Ranked<T> {
  unit: T;
  /** Place among the units of its kind, ties sharing one (1, 2, 2, 4); null while the sheet is incomplete. */
  kindRank: number | null;
  falsified: boolean;
}

export interface KindRanking<T> {
  kind: string;
  rows: Ranked<T>[];
}

/** Sort key of a complete sheet: equal keys share a place. */
function key(f: RankFacts): [number, number, number] {
  return [GRADES.indexOf(f.sheet.grade!), f.sheet.verdict === FALSIFIED ? 1 : 0, -f.sheet.total!];
}

const compare = (a: number[], b: number[]): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The units in ranked order, one table per kind (镇街, 区直部门, then any other kind), kinds without units left out. */
export function rankByKind<T>(units: readonly T[], facts: (unit: T) => RankFacts): KindRanking<T>[] {
  const all = units.map((unit) => ({ unit, f: facts(unit) }));
  const kinds = [...new Set<string>([...UNIT_KINDS, ...all.map((x) => x.f.kind)])];
  return kinds.flatMap((kind) => {
    const mine = all.filter((x) => x.f.kind === kind);
    if (!mine.length) return [];
    const complete = mine.filter((x) => x.f.sheet.total !== null).map((x) => ({ ...x, k: key(x.f) }));
    complete.sort((a, b) => compare(a.k, b.k));
    const rows: Ranked<T>[] = [];
    complete.forEach((x, i) => {
      const tied = i > 0 && compare(complete[i - 1].k, x.k) === 0;
      rows.push({ unit: x.unit, kindRank: tied ? rows[i - 1].kindRank : i + 1, falsified: x.f.sheet.verdict === FALSIFIED });
    });
    for (const x of mine) if (x.f.sheet.total === null) rows.push({ unit: x.unit, kindRank: null, falsified: x.f.sheet.verdict === FALSIFIED });
    return [{ kind, rows }];
  });
}
