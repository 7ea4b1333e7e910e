import { describe, expect, it } from 'vitest';
import { observe, toObservation, type AssessedColumn } from '../../src/alerts/adapter.ts';
import { windowLabel } from '../../src/shared/vocabulary.ts';
import { decideColumn } from '../../src/alerts/decide.ts';
import { loadRules } from '../../src/config/rules.ts';
import { freshness } from '../../src/assess/freshness.ts';
import { windowPolicy } from '../../src/assess/policy.ts';
import type { ColumnAssessment } from '../../src/assess/column.ts';

const rules = loadRules();
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };

// Compile-time check that assess's public per-column output fits the adapter's input as it is.
const fits = (c: ColumnAssessment): AssessedColumn => c;

function column(asOf: string, updates: string[], className = '动态要闻', hasAnyItem = updates.length > 0): AssessedColumn {
  return {
    column: { id: 7, unitId: 'xinchang', name: '工作动态', class: className },
    freshness: freshness({ period: PERIOD, asOf, policy: windowPolicy(rules, className), updates, hasAnyItem, visits: 'ok' }),
    items: [],
  };
}

describe('adapter: assess freshness → observations', () => {
  it('labels windows in days, months and years', () => {
    expect(windowLabel({ days: 14 })).toBe('14 天');
    expect(windowLabel({ months: 6 })).toBe('6 个月');
    expect(windowLabel({ months: 12 })).toBe('1 年');
    expect(windowLabel(undefined)).toBe('无');
    expect(typeof fits).toBe('function');
  });

  it('maps a 动态要闻 column through ok → warning → overdue with one episode and the breach day', () => {
    // Updated 2026-11-12; 14 days: fresh through 11-26, stale from 11-27; warnings from 11-23 (3 days lead).
    const at = (asOf: string) => observe([column(asOf, ['2026-11-12'])], rules, { day: asOf }).observations[0];
    expect(at('2026-11-22')).toMatchObject({ level: 'ok' });
    expect(at('2026-11-23')).toMatchObject({ level: 'warning', ageDays: 11, breachDay: '2026-11-27', windowLabel: '14 天', episode: 'since:2026-11-12', latestPublished: '2026-11-12' });
    expect(at('2026-11-26')).toMatchObject({ level: 'warning' });
    expect(at('2026-11-27')).toMatchObject({ level: 'overdue', ageDays: 15, breachDay: '2026-11-27', episode: 'since:2026-11-12' });
  });

  it('a blank column, an unreachable one and one without evidence', () => {
    expect(observe([column('2026-11-26', [])], rules, { day: '2026-11-26' }).observations[0]).toMatchObject({ level: 'blank', episode: 'blank' });
    const unreachable: AssessedColumn = { ...column('2026-11-26', []), freshness: { status: 'unreachable', lastUpdate: null, daysSinceUpdate: null, deadline: null } };
    expect(toObservation(unreachable, { days: 14 }).level).toBe('unknown');
    const none: AssessedColumn = { ...column('2026-11-26', []), freshness: { status: null, lastUpdate: null, daysSinceUpdate: null, deadline: null } };
    expect(toObservation(none, { days: 14 }).level).toBe('unknown');
  });

  it('end to end with the decision: 预警 on the first warning night, 超期 on the first stale night', () => {
    let s;
    const sent: string[] = [];
    for (const day of ['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-27', '2026-11-28']) {
      const o = observe([column(day, ['2026-11-12'])], rules, { day }).observations[0];
      const d = decideColumn(s, o, { day, reminderEveryDays: 7 });
      if (d.line) sent.push(`${day}:${d.line.kind}`);
      s = d.next ?? s;
    }
    expect(sent).toEqual(['2026-11-23:warning', '2026-11-27:overdue']);
  });

  it('late disclosures: items assess marked late, published within the lookback', () => {
    const c: AssessedColumn = {
      ...column('2026-11-26', ['2026-11-20']),
      items: [
        { url: 'http://127.0.0.1/a.html', title: '迟到的通知', publishedAt: '2026-11-20', documentDate: '2026-10-09', timeliness: { status: 'late', latencyWorkdays: 29 } },
        { url: 'http://127.0.0.1/b.html', title: '按时的通知', publishedAt: '2026-11-19', documentDate: '2026-11-10', timeliness: { status: 'on-time', latencyWorkdays: 7 } },
        { url: 'http://127.0.0.1/c.html', title: '很久以前', publishedAt: '2026-05-20', documentDate: '2026-03-01', timeliness: { status: 'late', latencyWorkdays: 50 } },
        { url: 'http://127.0.0.1/d.html', title: '无成文日期', publishedAt: '2026-11-20', documentDate: null, timeliness: { status: 'no-document-date', latencyWorkdays: null } },
      ],
    };
    const { late } = observe([c], rules, { day: '2026-11-26' });
    expect(late).toEqual([
      { unitId: 'xinchang', columnId: 7, columnName: '工作动态', itemKey: 'http://127.0.0.1/a.html', title: '迟到的通知', url: 'http://127.0.0.1/a.html', documentDate: '2026-10-09', publishedAt: '2026-11-20', workdays: 29, limitWorkdays: 20 },
    ]);
  });
});
