import { rubricItems, type Rules } from '../../config/index.ts';
import type { ReportUnit } from './model.ts';
import { COLUMN_STATUS, columnStatusLabel, FINDING_KINDS, findingMeta, SHEET_STATE, TIMELINESS } from '../../shared/vocabulary.ts';

/**
 * The tabular views of the report for the district's 目标绩效考核 system: 汇总, 栏目, 超期, 时效, 疑似倒签.
 * Each view is a header row and data rows of plain cells; csv and xlsx render the same tables.
 */

export type Cell = string | number | null;
export const VIEW_NAMES = ['汇总', '栏目', '超期', '时效', '疑似倒签'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];


export function viewHeaders(rules: Rules): Record<ViewName, string[]> {
  return {
    汇总: [
      '单位编号',
      '单位名称',
      '单位类型',
      ...rubricItems(rules).flatMap((i) => [`${i.code} 建议分`, `${i.code} 确认分`]),
      '建议合计',
      '确认总分',
      '等次',
      '弄虚作假认定',
      '同类名次',
      '栏目数',
      '超期栏目数',
      '超期次数',
      `${COLUMN_STATUS.blank}数`,
      `${FINDING_KINDS['late-disclosure'].title}条数`,
      `${FINDING_KINDS['back-dated'].title}条数`,
      `${FINDING_KINDS['re-dated'].title}条数`,
      '评分表状态',
    ],
    栏目: ['单位编号', '单位名称', '栏目', '类别', '网址', '状态', '期内信息数', '最新发布日期', '距今天数', '超期次数'],
    超期: ['单位编号', '单位名称', '栏目', '类别', '开始日期', '结束日期', '超期天数'],
    时效: ['单位编号', '单位名称', '栏目', '标题', '网址', '索引号', '成文日期', '发布日期', '间隔工作日', '结论'],
    疑似倒签: ['单位编号', '单位名称', '栏目', '标题', '网址', '问题', '说明', '证据快照编号'],
  };
}

const count = (u: ReportUnit, kind: string) => u.json.findings.filter((f) => f.kind === kind).length;

/** The rows one unit contributes to each view. */
export function viewRows(u: ReportUnit): Record<ViewName, Cell[][]> {
  const j = u.json;
  const id = [j.id, j.name];
  const summary: Cell[] = [
    ...id,
    j.kind,
    ...j.scores.flatMap((s) => [s.suggested, s.confirmed]),
    u.sheet.suggestedTotal,
    j.total,
    j.grade,
    u.sheet.verdict ?? '',
    j.kindRank,
    j.columns.length,
    j.columns.filter((c) => c.staleEpisodes.length).length,
    count(u, 'stale-episode'),
    count(u, 'blank-column'),
    count(u, 'late-disclosure'),
    count(u, 'back-dated'),
    count(u, 're-dated'),
    j.finalized ? SHEET_STATE.finalized : SHEET_STATE.open,
  ];
  const titles = new Map<string, string>();
  for (const c of u.assessment.columns) for (const it of [...c.items, ...c.otherFlagged]) titles.set(it.url, it.title);
  return {
    汇总: [summary],
    栏目: j.columns.map((c) => [
      ...id,
      c.name,
      c.class,
      c.url,
      columnStatusLabel(c.status),
      c.itemCount,
      c.latestPublished,
      c.daysSinceUpdate,
      c.staleEpisodes.length,
    ]),
    超期: j.columns.flatMap((c) => c.staleEpisodes.map((e) => [...id, c.name, c.class, e.from, e.to ?? '至今', e.overdueDays])),
    时效: u.assessment.columns.flatMap((c) =>
      c.items.map((it) => [...id, c.column.name, it.title, it.url, it.indexNo, it.documentDate, it.publishedAt, it.timeliness.latencyWorkdays, TIMELINESS[it.timeliness.status]]),
    ),
    疑似倒签: j.findings
      .filter((f) => findingMeta(f.kind)?.integrity)
      .map((f) => [...id, f.column, f.item ? (titles.get(f.item) ?? '') : '', f.item, FINDING_KINDS[f.kind].title, String(f.detail.text), f.evidence.join(' ')]),
  };
}
