import { describe, expect, it } from 'vitest';
import { decideColumn } from '../../src/alerts/decide.ts';
import { renderDigest, unitPageUrl } from '../../src/alerts/render.ts';
import type { AlertLine } from '../../src/alerts/types.ts';
import { obs, XINCHANG } from './helpers.ts';

const DAY = '2026-11-26';
const line = (o: Parameters<typeof obs>[0]): AlertLine => decideColumn(undefined, obs(o), { day: DAY, reminderEveryDays: 7 }).line!;
const OPTS = { baseUrl: 'https://zwgk.example.gov.cn/', officeEmail: 'office@example.gov.cn' };
const HOSTILE = '通知<a href="http://evil.example/">点我</a><script>alert(1)</script>';

describe('digest rendering', () => {
  const lines = [
    line({ columnId: 1, level: 'warning', columnName: '工作动态', ageDays: 12, latestPublished: '2026-11-14', breachDay: '2026-11-29' }),
    line({ columnId: 2, level: 'warning', columnName: '通知公告', className: '通知公告', windowLabel: '6 个月', ageDays: 160, latestPublished: '2026-06-19', breachDay: '2026-12-20' }),
    line({ columnId: 3, level: 'overdue', columnName: '镇街动态', ageDays: 20, latestPublished: '2026-11-06', breachDay: '2026-11-21' }),
  ];

  it('has the Chinese subject naming the unit, the counts and the day', () => {
    const d = renderDigest(XINCHANG, DAY, 'xinchang|2026-11-26', lines, OPTS);
    expect(d.subject).toBe('【政务公开预警】新厂街道办事处：2 个栏目即将超期、1 个栏目已超期（2026-11-26）');
  });

  it('sends to the contacts and copies the office only when a line is 超期', () => {
    const withOverdue = renderDigest(XINCHANG, DAY, 'k', lines, OPTS);
    expect(withOverdue.to).toEqual(['zhangsan@example.org', 'lisi@example.org']);
    expect(withOverdue.cc).toEqual(['office@example.gov.cn']);
    const warningsOnly = renderDigest(XINCHANG, DAY, 'k', lines.slice(0, 2), OPTS);
    expect(warningsOnly.cc).toEqual([]);
    const noContacts = renderDigest({ ...XINCHANG, contacts: [] }, DAY, 'k', lines, OPTS);
    expect(noContacts).toMatchObject({ to: ['office@example.gov.cn'], cc: [] });
  });

  it('every line gives the column, its age, its window, the breach day and the unit page link, in both parts', () => {
    const d = renderDigest(XINCHANG, DAY, 'k', lines, OPTS);
    const link = 'https://zwgk.example.gov.cn/units/xinchang';
    expect(d.text).toContain('【已超期】「镇街动态」（动态要闻，更新时限 14 天）：最近一次更新 2026-11-06，已 20 天未更新，已于 2026-11-21 超期');
    expect(d.text).toContain('【即将超期】「通知公告」（通知公告，更新时限 6 个月）：最近一次更新 2026-06-19，已 160 天未更新，将于 2026-12-20 超期');
    expect(d.text.split(`详情：${link}`).length - 1).toBe(3);
    expect(d.html.split(`<a href="${link}">查看详情</a>`).length - 1).toBe(3);
    // 超期 comes first.
    expect(d.text.indexOf('镇街动态')).toBeLessThan(d.text.indexOf('工作动态'));
  });

  it('a late disclosure line gives the working days against the limit', () => {
    const late: AlertLine = {
      key: 'k1', unitId: 'xinchang', columnId: 2, columnName: '通知公告', kind: 'late', reminder: false,
      item: { title: '关于开展秋季防火的通知', url: 'http://127.0.0.1/a.html', documentDate: '2026-10-09', publishedAt: '2026-11-13', workdays: 25, limitWorkdays: 20 },
    };
    const d = renderDigest(XINCHANG, DAY, 'k', [late], OPTS);
    expect(d.subject).toBe('【政务公开预警】新厂街道办事处：1 条信息逾期公开（2026-11-26）');
    expect(d.text).toContain('《关于开展秋季防火的通知》：成文日期 2026-10-09，发布日期 2026-11-13，相隔 25 个工作日，超过 20 个工作日的公开时限');
  });

  it('escapes page-derived text (column names, item titles) in the HTML part', () => {
    const late: AlertLine = {
      key: 'k1', unitId: 'xinchang', columnId: 2, columnName: '<b>栏目</b>', kind: 'late', reminder: false,
      item: { title: HOSTILE, url: 'javascript:alert(1)', documentDate: '2026-10-09', publishedAt: '2026-11-13', workdays: 25, limitWorkdays: 20 },
    };
    const d = renderDigest({ ...XINCHANG, name: '新厂<i>街道</i>' }, DAY, 'k', [late, line({ columnId: 1, level: 'overdue', columnName: HOSTILE })], OPTS);
    expect(d.html).not.toMatch(/<script|<a href="http:\/\/evil|<b>栏目|<i>街道|javascript:/);
    expect(d.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(d.html).toContain('&lt;a href=&quot;http://evil.example/&quot;&gt;');
    // The text part keeps the title as written: it is plain text.
    expect(d.text).toContain(HOSTILE);
  });

  it('strips line breaks from page text so a title cannot forge a header or a line', () => {
    const d = renderDigest({ ...XINCHANG, name: '新厂\r\nBcc: x@evil.example' }, DAY, 'k', [line({ columnId: 1, level: 'warning', columnName: '动态\n伪造' })], OPTS);
    expect(d.subject).not.toMatch(/[\r\n]/);
    expect(d.text).toContain('「动态 伪造」');
  });

  it('says 恢复 in a 通知 subject when that is all there is', () => {
    const rec: AlertLine = { ...line({ columnId: 1, level: 'warning' }), kind: 'recovered', latestPublished: '2026-11-25' };
    const d = renderDigest(XINCHANG, DAY, 'k', [rec], OPTS);
    expect(d.subject).toBe('【政务公开通知】新厂街道办事处：1 个栏目已恢复更新（2026-11-26）');
    expect(d.text).toContain('「工作动态」：已于 2026-11-25 更新，恢复正常。');
  });

  it('builds the unit page URL from the base URL with or without a trailing slash or path', () => {
    expect(unitPageUrl('https://a.example', 'x c')).toBe('https://a.example/units/x%20c');
    expect(unitPageUrl('https://a.example/zwgk', 'xinchang')).toBe('https://a.example/zwgk/units/xinchang');
  });
});
