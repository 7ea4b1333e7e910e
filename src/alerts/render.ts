import { html } from 'hono/html';
import type { AlertLine, Digest, LineKind, UnitInfo } from './types.ts';
import { ALERT_LINE } from '../shared/vocabulary.ts';

/**
 * One digest per unit per day. The HTML part goes through hono's `html` template, which escapes every
 * interpolated value: column names and item titles come from crawled pages and must never become markup.
 */

export interface RenderOptions {
  /** Dashboard root; each line links to `${baseUrl}/units/<unitId>`. Without it lines carry no link. */
  baseUrl?: string;
  /** The district office: CC'd when any line is 超期; the only recipient if the unit has no contacts. */
  officeEmail?: string;
}

const ORDER: LineKind[] = ['overdue', 'blank', 'warning', 'late', 'recovered'];

/** A dashboard page's address under the configured root (which may itself sit under a path). */
export function dashboardUrl(baseUrl: string, path: string): string {
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : baseUrl + '/').toString();
}

export function unitPageUrl(baseUrl: string, unitId: string): string {
  return dashboardUrl(baseUrl, `units/${encodeURIComponent(unitId)}`);
}

/** The unit's contacts, else the office alone; the office copied on bad news when it is not already a recipient. */
export function recipientsFor(unit: UnitInfo, opts: RenderOptions, copyOffice: boolean): { to: string[]; cc: string[] } {
  const contacts = [...new Set(unit.contacts.map((c) => c.email.trim().toLowerCase()))];
  const to = contacts.length ? contacts : opts.officeEmail ? [opts.officeEmail] : [];
  const cc = copyOffice && opts.officeEmail && !to.includes(opts.officeEmail) ? [opts.officeEmail] : [];
  return { to, cc };
}

/** Page text may hold control characters (even CR/LF); a mail line or subject must not. */
export function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function columnHead(l: AlertLine): string {
  const cls = l.className ? `${clean(l.className)}，` : '';
  return `「${clean(l.columnName)}」（${cls}更新时限 ${l.windowLabel ?? '—'}）`;
}

function staleness(l: AlertLine): string {
  if (!l.latestPublished) return '栏目没有可识别发布日期的信息';
  return `最近一次更新 ${l.latestPublished}，已 ${l.ageDays ?? '?'} 天未更新`;
}

export function lineSentence(l: AlertLine): string {
  switch (l.kind) {
    case 'warning':
      return `${columnHead(l)}：${staleness(l)}，将于 ${l.breachDay ?? '—'} 超期，请及时更新。`;
    case 'overdue':
      return `${columnHead(l)}：${staleness(l)}，已于 ${l.breachDay ?? '—'} 超期，请尽快更新。${l.reminder ? '（持续超期提醒）' : ''}`;
    case 'blank':
      return `「${clean(l.columnName)}」：栏目至今没有发布任何信息（空白栏目），请尽快发布内容。${l.reminder ? '（持续空白提醒）' : ''}`;
    case 'recovered':
      return `「${clean(l.columnName)}」：已于 ${l.latestPublished ?? '近日'} 更新，恢复正常。`;
    case 'late': {
      const i = l.item!;
      return (
        `「${clean(l.columnName)}」中的《${clean(i.title)}》：成文日期 ${i.documentDate}，发布日期 ${i.publishedAt}，` +
        `相隔 ${i.workdays} 个工作日，超过 ${i.limitWorkdays} 个工作日的公开时限。`
      );
    }
  }
}

export function digestSubject(unitName: string, day: string, lines: AlertLine[]): string {
  const count = (k: LineKind) => lines.filter((l) => l.kind === k).length;
  const parts: string[] = [];
  if (count('warning')) parts.push(`${count('warning')} 个栏目即将超期`);
  if (count('overdue')) parts.push(`${count('overdue')} 个栏目已超期`);
  if (count('blank')) parts.push(`${count('blank')} 个空白栏目`);
  if (count('late')) parts.push(`${count('late')} 条信息逾期公开`);
  if (count('recovered')) parts.push(`${count('recovered')} 个栏目已恢复更新`);
  const onlyGoodNews = lines.every((l) => l.kind === 'recovered');
  return `【${onlyGoodNews ? '政务公开通知' : '政务公开预警'}】${clean(unitName)}：${parts.join('、')}（${day}）`;
}

function sortLines(lines: AlertLine[]): AlertLine[] {
  return [...lines].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.columnName.localeCompare(b.columnName, 'zh'));
}

export const FOOTER = '本邮件由政务公开绩效考核巡检系统自动发送，请勿直接回复。如对以上情况有疑问，请登录看板查看证据，或联系区政务公开办。';

export function renderDigest(unit: UnitInfo, day: string, key: string, lines: AlertLine[], opts: RenderOptions): Digest {
  const sorted = sortLines(lines);
  const link = opts.baseUrl ? unitPageUrl(opts.baseUrl, unit.id) : null;
  const subject = digestSubject(unit.name, day, sorted);
  const intro = `${clean(unit.name)}：截至 ${day}，巡检发现以下政务公开栏目情况：`;

  const text = [
    `${intro}\n`,
    ...sorted.map((l, i) => `${i + 1}. 【${ALERT_LINE[l.kind]}】${lineSentence(l)}${link ? `\n   详情：${link}` : ''}`),
    '',
    FOOTER,
    '',
  ].join('\n');

  const items = sorted.map(
    (l) => html`<li style="margin:6px 0"><b>【${ALERT_LINE[l.kind]}】</b>${lineSentence(l)}${link ? html` <a href="${link}">查看详情</a>` : ''}</li>`,
  );
  const body = html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:sans-serif;line-height:1.6">
<p>${intro}</p>
<ol>${items}</ol>
${link ? html`<p>单位看板：<a href="${link}">${link}</a></p>` : ''}
<p style="color:#666;font-size:12px">${FOOTER}</p>
</body></html>
`;

  const { to, cc } = recipientsFor(unit, opts, sorted.some((l) => l.kind === 'overdue'));
  return { key, unitId: unit.id, day, to, cc, subject, text, html: String(body), lines: sorted };
}
