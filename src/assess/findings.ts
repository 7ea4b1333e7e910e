import type { FindingInput } from '../store/index.ts';
import { BLOCKED_BY, VISIT_OUTCOME } from '../shared/vocabulary.ts';
import type { AssessedItem, ColumnAssessment } from './column.ts';
import type { FindingKind } from './types.ts';

/** Turns a unit's column assessments into findings, each with the snapshots (fetch ids) that prove it. */

export interface FindingsContext {
  year: number;
  unitId: string;
  asOf: string;
  /** "14 天" / "6 个月" for a column class; null for windowless classes. */
  windowText(className: string): string | null;
  limitWorkdays: number;
  /** Column classes whose items should carry a 成文日期 (rules/timeliness.yaml proactive.documentClasses). */
  documentClasses: ReadonlySet<string>;
  /** Consecutive failed nights that make a column "repeatedly unreachable". */
  unreachableNights: number;
}

export interface UnitFinding extends FindingInput {
  kind: FindingKind;
  detail: { text: string } & Record<string, unknown>;
}

const ids = (xs: Array<number | null | undefined>): number[] => [...new Set(xs.filter((x): x is number => typeof x === 'number'))].sort((a, b) => a - b);

/** The list pages of the latest successful visit on or before a day (or the earliest after it), proving the column's state. */
function stateEvidence(c: ColumnAssessment, upTo: string): number[] {
  const ok = c.visits.filter((v) => v.outcome === 'ok' || v.outcome === 'blank');
  const before = ok.filter((v) => v.day <= upTo);
  const v = before.length ? before[before.length - 1] : ok[0];
  return v ? v.fetchIds : [];
}

export function unitFindings(ctx: FindingsContext, columns: readonly ColumnAssessment[]): UnitFinding[] {
  const out: UnitFinding[] = [];
  const add = (kind: FindingKind, subject: string, columnId: number | null, itemId: number | null, detail: UnitFinding["detail"], evidence: Array<number | null>) =>
    out.push({ identity: `${ctx.year}:${kind}:${subject}`, kind, unitId: ctx.unitId, columnId, itemId, detail, evidence: ids(evidence) });

  for (const c of columns) {
    const col = c.column;
    const name = `栏目“${col.name}”`;
    const f = c.freshness;
    const win = ctx.windowText(col.class);
    for (const e of f.staleEpisodes) {
      const end = e.to ?? ctx.asOf;
      const text = e.to
        ? `${name}自 ${e.from} 至 ${e.to} 超过 ${win}未更新，超期 ${e.overdueDays} 天`
        : `${name}自 ${e.from} 起超过 ${win}未更新，截至 ${ctx.asOf} 超期 ${e.overdueDays} 天`;
      add('stale-episode', `column:${col.id}:${e.from}`, col.id, null, { text, from: e.from, to: e.to, overdueDays: e.overdueDays, lastUpdate: e.since, deadline: e.deadline, window: win }, stateEvidence(c, end));
    }
    if (f.status === 'blank') add('blank-column', `column:${col.id}`, col.id, null, { text: `${name}没有任何信息（空白栏目）` }, stateEvidence(c, ctx.asOf));
    for (const s of c.failedStretches) {
      if (s.nights < ctx.unreachableNights) continue;
      const how = s.outcomes.map((o) => VISIT_OUTCOME[o]).join('、');
      add(
        'unreachable-column',
        `column:${col.id}:${s.from}`,
        col.id,
        null,
        { text: `${name}连续 ${s.nights} 个夜间巡检${how}（${s.from} 至 ${s.to}）`, from: s.from, to: s.to, nights: s.nights, outcomes: s.outcomes },
        s.fetchIds,
      );
    }
    for (const s of c.blockedStretches) {
      const how = s.by.map((b) => BLOCKED_BY[b]).join('、');
      const when = s.from === s.to ? `在 ${s.from} 的巡检中` : `在 ${s.from} 至 ${s.to} 的 ${s.nights} 个夜间巡检中都`;
      add(
        'blocked',
        `column:${col.id}:${s.from}`,
        col.id,
        null,
        { text: `${name}${when}拒绝巡检（${how}），而同一网站的其他栏目可以访问${s.reason ? `：${s.reason.replace(/。$/, '')}` : ''}`, from: s.from, to: s.to, nights: s.nights, by: s.by },
        s.fetchIds,
      );
    }
    const noDocument: AssessedItem[] = [];
    const all = [...c.items.map((it) => [it, true] as const), ...c.otherFlagged.map((it) => [it, false] as const)];
    for (const [it, inPeriod] of all) {
      const title = `“${it.title}”`;
      const t = it.timeliness;
      const page = [it.detailFetchId ?? it.firstSeenFetchId];
      if (inPeriod && t.status === 'late') {
        add(
          'late-disclosure',
          `item:${it.id}`,
          col.id,
          it.id,
          { text: `${title}成文日期 ${it.documentDate}，发布日期 ${it.publishedAt}，间隔 ${t.latencyWorkdays} 个工作日，超过 ${ctx.limitWorkdays} 个工作日`, documentDate: it.documentDate, publishedAt: it.publishedAt, latencyWorkdays: t.latencyWorkdays },
          page,
        );
      }
      if (inPeriod && t.status === 'published-before-document') {
        add('published-before-document', `item:${it.id}`, col.id, it.id, { text: `${title}发布日期 ${it.publishedAt} 早于成文日期 ${it.documentDate}`, documentDate: it.documentDate, publishedAt: it.publishedAt }, page);
      }
      if (inPeriod && t.status === 'no-document-date' && it.detailStatus === 'ok' && ctx.documentClasses.has(col.class)) noDocument.push(it);
      if (it.detailStatus === 'dead') add('dead-link', `item:${it.id}`, col.id, it.id, { text: `${title}的链接已失效（${it.url}）`, url: it.url }, page);
      if (it.backDated) {
        const v = it.backDated;
        add(
          'back-dated',
          `item:${it.id}`,
          col.id,
          it.id,
          { text: `${title}标注发布日期 ${it.publishedAt}，但 ${v.day} 完整巡检该栏目时尚无此条，首次发现于 ${it.firstSeenAt.slice(0, 10)}，疑似倒签`, claimed: it.publishedAt, absentOn: v.day, firstSeenAt: it.firstSeenAt },
          [...v.fetchIds, it.firstSeenFetchId],
        );
      }
      if (it.redated.length) {
        const changes = it.redated.map((r) => `${r.from} → ${r.to}（${r.seenAt.slice(0, 10)} 发现）`).join('；');
        add('re-dated', `item:${it.id}`, col.id, it.id, { text: `${title}的发布日期被改动：${changes}`, changes: it.redated }, it.redated.flatMap((r) => [r.fromFetchId, r.toFetchId]));
      }
    }
    if (noDocument.length) {
      add(
        'missing-document-date',
        `column:${col.id}`,
        col.id,
        null,
        { text: `${name}有 ${noDocument.length} 条信息缺少成文日期，无法评估公开时限`, count: noDocument.length, items: noDocument.map((i) => i.id) },
        noDocument.map((i) => i.detailFetchId),
      );
    }
  }
  return out.sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
}
