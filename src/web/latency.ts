// The unit's histogram of working-day latency (成文日期 → 发布日期), from the assessment of its columns.
import type { Rules } from '../config/index.ts';
import type { ColumnState } from './columns.ts';

const BUCKETS = [
  [0, 5, '0–5'],
  [6, 10, '6–10'],
  [11, 15, '11–15'],
  [16, 20, '16–20'],
  [21, 30, '21–30'],
  [31, 60, '31–60'],
  [61, Infinity, '60 以上'],
] as const;

export function latencyChart(el: string, rules: Rules, states: readonly ColumnState[]) {
  const limit = rules.timeliness.proactive.limitWorkdays;
  const counts = BUCKETS.map(() => 0);
  let evaluated = 0;
  let late = 0;
  for (const s of states) {
    for (const it of s.assessed.items) {
      const days = it.timeliness.latencyWorkdays;
      if (days === null) continue;
      evaluated++;
      if (it.timeliness.status === 'late') late++;
      counts[BUCKETS.findIndex(([lo, hi]) => days >= lo && days <= hi)]++;
    }
  }
  return {
    chart: { el, type: 'latency', buckets: BUCKETS.map((b) => b[2]), counts, late: BUCKETS.map(([lo]) => lo > limit) },
    note: `可评估的信息 ${evaluated} 条，其中超过 ${limit} 个工作日的 ${late} 条（红色）。缺少成文日期的信息无法评估，不计入。`,
  };
}
