import { html } from 'hono/html';
import type { DB, ListedRectification } from '../store/index.ts';
import * as store from '../store/index.ts';
import { findingTitle, RECT_SUBMISSION, RECT_UNIT_TO_ACT, RECTIFICATION } from '../shared/vocabulary.ts';
import { messageIdFor } from './outbox.ts';
import { clean, dashboardUrl, FOOTER, recipientsFor, type RenderOptions } from './render.ts';
import type { Digest, UnitInfo } from './types.ts';

/**
 * 整改 mails (第十一条): a notice when a 整改 is issued, a reminder some working days before its deadline while the
 * unit still has something to submit, and a notice once it is overdue. Each is one mail of its own in the outbox,
 * keyed by rectification and kind, so repeating a run (or running it twice at once) never sends one twice.
 */

export type RectNoticeKind = 'issued' | 'reminder' | 'overdue';

export interface RectNotice {
  key: string;
  kind: RectNoticeKind;
  rect: ListedRectification;
  unit: UnitInfo;
}

/**
 * What the night owes each open rectification of the given units. `reminderFrom(deadline)` is the first day of the
 * reminder window (null when the calendar cannot say: no reminder then). Rows issued before the loop existed (no
 * 整改方案 due day) get no issue notice: their units were told on paper.
 */
export function rectificationNotices(
  rects: readonly ListedRectification[],
  units: ReadonlyMap<string, UnitInfo>,
  day: string,
  reminderFrom: (deadline: string) => string | null,
): RectNotice[] {
  const out: RectNotice[] = [];
  for (const rect of rects) {
    const unit = units.get(rect.unitId);
    if (!unit || rect.status === 'rectified') continue;
    const add = (kind: RectNoticeKind, key: string) => out.push({ key: `rect:${rect.id}:${key}`, kind, rect, unit });
    if (rect.planDue) add('issued', 'issued');
    if (store.isPastDeadline(rect, day)) add('overdue', 'overdue');
    else if (RECT_UNIT_TO_ACT.includes(rect.status) && (reminderFrom(rect.deadline) ?? '9999') <= day) add('reminder', `reminder:${rect.deadline}`);
  }
  return out;
}

const SUBJECT: Record<RectNoticeKind, string> = { issued: '政务公开整改通知', reminder: '政务公开整改提醒', overdue: '政务公开整改逾期' };

function sentences(n: RectNotice): string[] {
  const r = n.rect;
  const what = `${findingTitle(r.kind)}${r.columnName ? `（栏目「${clean(r.columnName)}」）` : ''}`;
  const detail = typeof r.findingDetail.text === 'string' ? clean(r.findingDetail.text) : '';
  const head = [`问题：${what}`, ...(detail ? [`说明：${detail}`] : []), `整改期限：${r.deadline}`];
  switch (n.kind) {
    case 'issued':
      return [
        '区政务公开办根据巡检结果向贵单位下发整改通知（《政务公开绩效考核办法》第十一条）。',
        ...head,
        ...(r.note ? [`备注：${clean(r.note)}`] : []),
        `请于 ${r.planDue} 前登录看板提交${RECT_SUBMISSION.plan}，整改完成后于 ${r.deadline} 前提交${RECT_SUBMISSION.report}。`,
      ];
    case 'reminder':
      return [`贵单位的一项整改将于 ${r.deadline} 到期，当前状态为“${RECTIFICATION[r.status]}”。`, ...head, '请尽快登录看板提交所需材料。'];
    case 'overdue':
      return [`贵单位的一项整改已超过整改期限 ${r.deadline}，当前状态为“${RECTIFICATION[r.status]}”，记为${RECTIFICATION.overdue}。`, ...head, '请尽快完成整改并登录看板提交，逾期情况将在考核中体现。'];
  }
}

export function renderRectNotice(n: RectNotice, day: string, opts: RenderOptions): Digest {
  const subject = `【${SUBJECT[n.kind]}】${clean(n.unit.name)}：${findingTitle(n.rect.kind)}（整改期限 ${n.rect.deadline}）`;
  const link = opts.baseUrl ? dashboardUrl(opts.baseUrl, `rectifications/${n.rect.id}`) : null;
  const body = sentences(n);
  const text = [`${clean(n.unit.name)}：`, '', ...body, ...(link ? ['', `看板：${link}`] : []), '', FOOTER, ''].join('\n');
  const page = html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:sans-serif;line-height:1.6">
<p>${clean(n.unit.name)}：</p>
${body.map((s) => html`<p>${s}</p>`)}
${link ? html`<p>看板：<a href="${link}">${link}</a></p>` : ''}
<p style="color:#666;font-size:12px">${FOOTER}</p>
</body></html>
`;
  const { to, cc } = recipientsFor(n.unit, opts, n.kind === 'overdue');
  return { key: n.key, unitId: n.unit.id, day, to, cc, subject, text, html: String(page), lines: [] };
}

/** The notices not yet in the outbox, rendered: what a run would add (the dry run writes them as .eml). */
export function previewRectNotices(db: DB, notices: readonly RectNotice[], day: string, opts: RenderOptions): Digest[] {
  return notices.filter((n) => !store.digestKeyExists(db, n.key)).map((n) => renderRectNotice(n, day, opts)).filter((d) => d.to.length > 0);
}

/** Adds the notices not yet in the outbox, in one transaction; returns the ones added. */
export function enqueueRectNotices(db: DB, notices: readonly RectNotice[], day: string, opts: RenderOptions & { from: string; now?: string }): Digest[] {
  return db
    .transaction(() => {
      const added = previewRectNotices(db, notices, day, opts);
      for (const d of added) store.insertDigest(db, d, messageIdFor(d.key, opts.from), opts.now ?? new Date().toISOString(), 'rectification');
      return added;
    })
    .immediate();
}
