import type { ColumnClass, ListDateStyle } from '../types.ts';

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

export function fullWidth(s: string): string {
  return s.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)]);
}

/** '2026-05-12' → '2026年5月12日' (pad: '2026年05月12日'). */
export function cnDate(day: string, pad = false): string {
  const [y, m, d] = day.split('-');
  return pad ? `${y}年${m}月${d}日` : `${y}年${Number(m)}月${Number(d)}日`;
}

/** An item's date as a list page writes it. */
export function listDate(day: string, style: ListDateStyle): string {
  const [y, m, d] = day.split('-');
  switch (style) {
    case 'iso':
      return day;
    case 'slash':
      return `${y}/${Number(m)}/${Number(d)}`;
    case 'cn':
      return cnDate(day, true);
    case 'md-bracket':
      return `[${m}-${d}]`;
    case 'fullwidth':
      return fullWidth(cnDate(day, true));
  }
}

/** The ColumnType meta real CMSs fill in (often a near-synonym of the class, sometimes nothing). */
export function columnTypeLabel(cls: ColumnClass): string {
  const labels: Record<ColumnClass, string> = {
    动态要闻: '工作动态', 通知公告: '通知公告', 政策文件: '政策文件', 人事: '人事信息',
    规划计划: '规划计划', 机构信息: '机构职能', 年报: '年度报告',
  };
  return labels[cls];
}
