// Working-day latency (成文日期 → 发布日期) per item and the unit's histogram, via the assess timeliness rule.
import type { DB } from '../store/index.ts';
import type { Rules } from '../config/index.ts';
import { timeliness, type CountWorkdays, type Timeliness } from '../assess/index.ts';
import { datedPairsOfUnit } from '../store/index.ts';

export const TIMELINESS_ZH: Record<Timeliness['status'], string> = {
  'on-time': '按时',
  late: '超时',
  'no-document-date': '无法评估',
  'published-before-document': '发布早于成文',
  'no-publish-date': '无发布日期',
};

/** null when it cannot be computed here: no calendar wired, or a year the calendar does not cover. */
export function itemLatency(rules: Rules, count: CountWorkdays | undefined, documentDate: string | null, publishedAt: string | null): Timeliness | null {
  if (!count) return null;
  try {
    return timeliness(documentDate, publishedAt?.slice(0, 10) ?? null, rules.timeliness.proactive.limitWorkdays, count);
  } catch {
    return null;
  }
}

const BUCKETS = [
  [0, 5, '0–5'],
  [6, 10, '6–10'],
  [11, 15, '11–15'],
  [16, 20, '16–20'],
  [21, 30, '21–30'],
  [31, 60, '31–60'],
  [61, Infinity, '60 以上'],
] as const;

export function latencyChart(el: string, db: DB, rules: Rules, count: CountWorkdays | undefined, unitId: string, period: { from: string; to: string }) {
  const limit = rules.timeliness.proactive.limitWorkdays;
  const counts = BUCKETS.map(() => 0);
  let evaluated = 0;
  let late = 0;
  if (count) {
    for (const p of datedPairsOfUnit(db, unitId, period.from, period.to)) {
      const t = itemLatency(rules, count, p.documentDate, p.publishedAt);
      if (!t || t.latencyWorkdays === null) continue;
      evaluated++;
      if (t.status === 'late') late++;
      counts[BUCKETS.findIndex(([lo, hi]) => t.latencyWorkdays! >= lo && t.latencyWorkdays! <= hi)]++;
    }
  }
  return {
    chart: { el, type: 'latency', buckets: BUCKETS.map((b) => b[2]), counts, late: BUCKETS.map(([lo]) => lo > limit) },
    note: count
      ? `可评估的信息 ${evaluated} 条，其中超过 ${limit} 个工作日的 ${late} 条（红色）。缺少成文日期的信息无法评估，不计入。`
      : '未配置工作日历，无法计算工作日时效。',
  };
}
