import type { ColumnClass, DetailStyle, FaultKind, ListDateStyle, Refusal, TemplateKind, UnitKind, VariantId } from './types.ts';

/**
 * The 12 units of the demo 珠山区 and the special cases planted in their columns. Everything here is
 * fixed; only item titles and dates come from the seed.
 */
export interface ColumnSpec {
  slug: string;
  name: string;
  class: ColumnClass;
  template: TemplateKind;
  detailStyle: DetailStyle;
  dateStyle?: ListDateStyle;
  /** The newest item is this many days before refDate (a stale column when past its window). */
  stopDaysAgo?: number;
  /** No items in [refDate - gap[0], refDate - gap[1]] days: a stale episode that has ended. */
  gap?: [number, number];
  pinned?: number;
  /** Pinned items dated this many days before refDate (default: about two years before). */
  pinnedAgo?: number;
  dead?: number;
  blank?: boolean;
  trap?: boolean;
  robots?: boolean;
  /** Only with the portal's `refusals` option (REFUSING_COLUMNS). */
  refuse?: Refusal;
  faults?: FaultKind[];
  /** This many recent items carry a 成文日期 after their 发布日期 (a finding of its own). */
  docAfterPub?: number;
  /** Variant portal only: the variant template (its family is `template`). */
  variant?: VariantId;
  /** Items per list page when the variant's real site differs from the family's default. */
  pageSize?: number;
}

export interface UnitSpec {
  id: string;
  name: string;
  short: string;
  kind: UnitKind;
  gbk?: boolean;
  challenge?: boolean;
  /** Also lists a 移动客户端 channel whose page is gone (404). */
  deadChannel?: boolean;
  /** 文号 prefix, e.g. 珠发改字. */
  docPrefix: string;
  columns: ColumnSpec[];
}

type Cms = 'trs' | 'hanweb';

/** The usual 信息公开 column set of a unit; `over` replaces or adds fields per slug. */
function columns(
  cms: Cms,
  town: boolean,
  over: Record<string, Partial<ColumnSpec> | null> = {},
  extra: ColumnSpec[] = [],
): ColumnSpec[] {
  const base: ColumnSpec[] = [
    { slug: 'gzdt', name: town ? '工作动态' : '部门动态', class: '动态要闻', template: cms, detailStyle: 'meta' },
    { slug: 'tzgg', name: '通知公告', class: '通知公告', template: cms, detailStyle: cms === 'hanweb' ? 'meta' : 'label' },
    { slug: 'zcwj', name: '政策文件', class: '政策文件', template: 'xxgk-table', detailStyle: 'table' },
    { slug: 'rsxx', name: '人事信息', class: '人事', template: cms, detailStyle: 'label' },
    { slug: 'ghjh', name: '规划计划', class: '规划计划', template: cms, detailStyle: 'table' },
    { slug: 'jgxx', name: '机构信息', class: '机构信息', template: cms, detailStyle: 'meta' },
    { slug: 'ndbg', name: '政府信息公开年报', class: '年报', template: cms, detailStyle: 'table' },
  ];
  // null drops a column: not every unit runs the full set.
  const kept = base.filter((c) => over[c.slug] !== null).map((c) => ({ ...c, ...over[c.slug] }));
  return [...kept, ...extra];
}

export const UNITS: UnitSpec[] = [
  {
    id: 'xinchang', name: '新厂街道办事处', short: '新厂街道', kind: '镇街', docPrefix: '新办字',
    columns: columns('trs', true, { gzdt: { dateStyle: 'md-bracket', pinned: 1, dead: 2 } }),
  },
  {
    id: 'lishi', name: '里市街道办事处', short: '里市街道', kind: '镇街', gbk: true, docPrefix: '里办字',
    columns: columns('trs', true, { tzgg: { dateStyle: 'cn' } }),
  },
  {
    id: 'shishibu', name: '石狮埠街道办事处', short: '石狮埠街道', kind: '镇街', docPrefix: '石办字',
    columns: columns('trs', true, { tzgg: { dateStyle: 'fullwidth' }, rsxx: { blank: true } }),
  },
  {
    id: 'zhoujia', name: '周家街道办事处', short: '周家街道', kind: '镇街', docPrefix: '周办字',
    columns: columns('trs', true, { gzdt: { stopDaysAgo: 45, pinned: 1, pinnedAgo: 5 }, ghjh: null }),
  },
  {
    id: 'jingcheng', name: '竟成镇人民政府', short: '竟成镇', kind: '镇街', docPrefix: '竟府字',
    columns: columns('trs', true, { gzdt: { dateStyle: 'slash' }, tzgg: { stopDaysAgo: 240 } }),
  },
  {
    id: 'fgw', name: '区发展和改革委员会', short: '区发改委', kind: '区直部门', docPrefix: '珠发改字',
    columns: columns('hanweb', false, {
      gzdt: { faults: ['flaky5xx'] },
      zcwj: { docAfterPub: 1 },
      ghjh: { stopDaysAgo: 420 },
    }, [{ slug: 'xmjs', name: '重大项目', class: '动态要闻', template: 'jsonjs', detailStyle: 'label' }]),
  },
  {
    id: 'jyj', name: '区教育局', short: '区教育局', kind: '区直部门', docPrefix: '珠教字',
    columns: columns('trs', false, { gzdt: { gap: [150, 115] }, zcwj: { faults: ['slow'] } }),
  },
  {
    id: 'czj', name: '区财政局', short: '区财政局', kind: '区直部门', deadChannel: true, docPrefix: '珠财字',
    columns: columns('trs', false, { tzgg: { pinned: 2 } }, [
      { slug: 'yjsgk', name: '财政预决算', class: '规划计划', template: 'trs', detailStyle: 'meta' },
    ]),
  },
  {
    id: 'rsj', name: '区人力资源和社会保障局', short: '区人社局', kind: '区直部门', docPrefix: '珠人社字',
    columns: columns('hanweb', false, { gzdt: { faults: ['rateLimited'] }, tzgg: { dead: 3 } }),
  },
  {
    id: 'zrzyj', name: '区自然资源局', short: '区自然资源局', kind: '区直部门', challenge: true, docPrefix: '珠自然资字',
    columns: columns('trs', false),
  },
  {
    id: 'wjw', name: '区卫生健康委员会', short: '区卫健委', kind: '区直部门', docPrefix: '珠卫健字',
    columns: columns('trs', false, {
      gzdt: { template: 'jsonjs', detailStyle: 'label', dateStyle: 'slash' },
      tzgg: { robots: true },
    }),
  },
  {
    id: 'yjglj', name: '区应急管理局', short: '区应急管理局', kind: '区直部门', docPrefix: '珠应急字',
    columns: columns('trs', false, { gzdt: { trap: true } }),
  },
];

/** The columns the portal's `refusals` option adds to units, each refusing visitors in its own way. */
export const REFUSING_COLUMNS: Record<string, ColumnSpec> = {
  jyj: { slug: 'xzzf', name: '行政执法', class: '通知公告', template: 'trs', detailStyle: 'label', refuse: 'forbidden' },
  czj: { slug: 'zfcg', name: '政府采购', class: '通知公告', template: 'trs', detailStyle: 'meta', refuse: 'login' },
};
