import type { Rules, TongbaoSettings } from '../../config/index.ts';
import { shanghaiDay } from '../../shared/time.ts';
import { SHEET_STATE } from '../../shared/vocabulary.ts';
import { formatScore } from '../score-format.ts';
import type { ScoreSheet } from '../sheet.ts';
import type { Period } from '../types.ts';
import { cnDate, type OfficialDoc } from './official-doc.ts';
import { DRAFT_MARK } from './tongbao.ts';

/**
 * One unit's 评分表 to print and sign: every rubric item with its points, the suggested and the confirmed score and
 * the basis (with an override's reason), the total, grade and 弄虚作假 verdict, and lines for the 考核人 and 审核人.
 * A sheet that is not 定稿 prints marked 草稿 on every page: only a locked sheet is signed.
 */
export function scoreSheetDoc(
  rules: Rules,
  unit: { name: string; kind: string },
  sheet: ScoreSheet,
  meta: { year: number; period: Period },
  settings: TongbaoSettings,
): OfficialDoc {
  const score = (n: number | null) => formatScore(rules, n);
  const rows = sheet.items.map((it) => {
    const reason = it.lastDecision?.action === 'override' && it.lastDecision.reason ? `\n调整理由：${it.lastDecision.reason}` : '';
    return [
      it.category,
      `${it.code} ${it.name}`,
      String(it.max),
      it.suggested === null ? (it.mode === 'manual' ? '人工评分' : '—') : formatScore(rules, it.suggested),
      it.confirmed === null ? '待确认' : formatScore(rules, it.confirmed),
      it.basis + reason,
    ];
  });
  rows.push(['合计', '', String(sheet.items.reduce((s, i) => s + i.max, 0)), '', score(sheet.total), '']);
  const finalizedAt = [...sheet.decisions].reverse().find((d) => d.action === 'finalize')?.at;
  const verdict = sheet.verdict === '弄虚作假' ? `弄虚作假（${[...sheet.decisions].reverse().find((d) => d.action === 'verdict')?.reason ?? ''}）` : (sheet.verdict ?? '未认定');
  return {
    draft: sheet.finalized ? null : `${DRAFT_MARK}（${SHEET_STATE.open}）`,
    head: null,
    title: `${unit.name}${meta.year}年度政务公开绩效考核评分表`,
    recipients: null,
    blocks: [
      { kind: 'para', text: `单位类型：${unit.kind}；考核期：${cnDate(meta.period.from)}至${cnDate(meta.period.to)}；考核单位：${settings.issuer}。` },
      {
        kind: 'table',
        small: true,
        columns: [
          { title: '类别', align: 'center', width: 10 },
          { title: '条目', align: 'left', width: 32 },
          { title: '分值', align: 'center', width: 7 },
          { title: '建议分', align: 'center', width: 9 },
          { title: '确认分', align: 'center', width: 9 },
          { title: '评分依据', align: 'left', width: 33 },
        ],
        rows,
      },
      {
        kind: 'para',
        text:
          `确认总分：${score(sheet.total)}；等次：${sheet.grade ?? '待定'}；弄虚作假认定：${verdict}；` +
          `评分表状态：${sheet.finalized ? SHEET_STATE.finalized : SHEET_STATE.open}${sheet.finalized && finalizedAt ? `（${cnDate(shanghaiDay(finalizedAt))}定稿）` : ''}。`,
      },
      { kind: 'signatures', roles: ['考核人', '审核人'] },
    ],
    closing: null,
    imprint: null,
  };
}
