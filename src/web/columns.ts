// Column state for the unit and column pages, computed with the assess stage's freshness rules.
import type { DB } from '../store/db.ts';
import { columnClass, type Rules } from '../config/rules.ts';
import { Assessor, type Freshness } from '../assess/index.ts';
import type { WebDeps } from './env.ts';
import { itemCount, type ColumnRow } from '../store/web-read.ts';
import { shanghaiDay } from '../shared/time.ts';

export const STATUS_ZH: Record<string, [string, 'ok' | 'warn' | 'bad' | 'muted' | 'info']> = {
  ok: ['正常', 'ok'],
  warning: ['即将超期', 'warn'],
  stale: ['超期未更新', 'bad'],
  blank: ['空白栏目', 'bad'],
  unreachable: ['无法访问', 'bad'],
};

export function asOfDay(period: { to: string }): string {
  const today = shanghaiDay();
  return today < period.to ? today : period.to;
}

export interface ColumnState {
  column: ColumnRow;
  /** Update days for the timeline: the last one before the period, then every one in it. */
  pubs: string[];
  itemCount: number;
  fresh: Freshness;
  windowLabel: string;
  windowDays: number | null;
}

/** The assess stage's view of columns for these pages, so they agree with the report and the alerts. */
export function columnAssessor(deps: Pick<WebDeps, 'db' | 'rules' | 'year' | 'period' | 'countWorkdays'>): Assessor {
  const { db, rules, year, period, countWorkdays } = deps;
  return new Assessor(db, { rules, year, period, asOf: asOfDay(period), countWorkdays });
}

export function columnState(db: DB, rules: Rules, assessor: Assessor, column: ColumnRow): ColumnState {
  const a = assessor.column(column.id)!;
  const from = assessor.opts.period.from;
  const before = a.updates.filter((d) => d < from).at(-1);
  const cls = (() => {
    try {
      return columnClass(rules, column.class);
    } catch {
      return columnClass(rules, rules.columns.default);
    }
  })();
  const w = cls.window;
  return {
    column,
    pubs: [...(before ? [before] : []), ...a.updates.filter((d) => d >= from)],
    itemCount: itemCount(db, column.id),
    fresh: a.freshness,
    windowLabel: !w ? '无更新时限' : 'days' in w ? `${w.days} 天` : `${w.months} 个月`,
    windowDays: !w ? null : 'days' in w ? w.days : Math.round(w.months * 30.4),
  };
}

export function timelineChart(el: string, s: ColumnState, period: { from: string; to: string }) {
  return {
    el,
    type: 'timeline',
    from: period.from,
    to: asOfDay(period),
    window: s.windowDays,
    windowLabel: s.windowLabel,
    pubs: s.pubs,
    episodes: s.fresh.staleEpisodes.map((e) => ({ from: e.from, to: e.to })),
  };
}
