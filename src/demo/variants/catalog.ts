import type { ColumnSpec, UnitSpec } from '../catalog.ts';

/**
 * The variant matrix: four units, one per CMS family, whose columns each imitate one real site's list
 * template (README.md in this folder names the site). Items and dates come from the seed like the base
 * portal's; page sizes are the real sites' own.
 */
const col = (c: ColumnSpec): ColumnSpec => c;

export const VARIANT_UNITS: UnitSpec[] = [
  {
    id: 'zjj', name: '区住房和城乡建设局', short: '区住建局', kind: '区直部门', docPrefix: '珠建字',
    columns: [
      col({ slug: 'tzgg', name: '通知公告', class: '通知公告', template: 'trs', detailStyle: 'label', variant: 'trs-countpage', pageSize: 15 }),
      col({ slug: 'gzdt', name: '工作动态', class: '动态要闻', template: 'trs', detailStyle: 'meta', variant: 'trs-pagediv', pageSize: 20 }),
      col({ slug: 'zwyw', name: '政务要闻', class: '动态要闻', template: 'trs', detailStyle: 'meta', variant: 'trs-table', pageSize: 20 }),
      col({ slug: 'jggk', name: '机构概况', class: '机构信息', template: 'trs', detailStyle: 'meta', variant: 'single-trs', blank: true }),
    ],
  },
  {
    id: 'scjgj', name: '区市场监督管理局', short: '区市场监管局', kind: '区直部门', docPrefix: '珠市监字',
    columns: [
      col({ slug: 'gzdt', name: '工作动态', class: '动态要闻', template: 'hanweb', detailStyle: 'meta', variant: 'hanweb-newjpage', pageSize: 15 }),
      col({ slug: 'mtgz', name: '媒体关注', class: '动态要闻', template: 'hanweb', detailStyle: 'label', variant: 'hanweb-jquery', pageSize: 20 }),
      col({ slug: 'zwxx', name: '政务信息', class: '动态要闻', template: 'hanweb', detailStyle: 'meta', variant: 'hanweb-double', pageSize: 10 }),
      col({ slug: 'jgzn', name: '机构职能', class: '机构信息', template: 'hanweb', detailStyle: 'meta', variant: 'single-hanweb', blank: true }),
    ],
  },
  {
    id: 'wglj', name: '区文化广电新闻出版旅游局', short: '区文广新旅局', kind: '区直部门', docPrefix: '珠文旅字',
    columns: [
      col({ slug: 'gzdt', name: '工作动态', class: '动态要闻', template: 'jsonjs', detailStyle: 'label', variant: 'js-topbar', pageSize: 15 }),
      col({ slug: 'tzgg', name: '通知公告', class: '通知公告', template: 'jsonjs', detailStyle: 'table', variant: 'js-jpaas', pageSize: 15 }),
      col({ slug: 'wlzx', name: '文旅资讯', class: '动态要闻', template: 'jsonjs', detailStyle: 'meta', variant: 'js-avalon', pageSize: 15 }),
    ],
  },
  {
    id: 'sfj', name: '区司法局', short: '区司法局', kind: '区直部门', docPrefix: '珠司字',
    columns: [
      col({ slug: 'gfxwj', name: '行政规范性文件', class: '政策文件', template: 'xxgk-table', detailStyle: 'table', variant: 'ml-reorder', pageSize: 10 }),
      col({ slug: 'qtwj', name: '其他文件', class: '政策文件', template: 'xxgk-table', detailStyle: 'table', variant: 'ml-files', pageSize: 10 }),
      col({ slug: 'bmwj', name: '部门文件', class: '政策文件', template: 'xxgk-table', detailStyle: 'table', variant: 'ml-ul', pageSize: 10 }),
      col({ slug: 'ysqgk', name: '依申请公开指南', class: '机构信息', template: 'trs', detailStyle: 'table', variant: 'single-jpaas', blank: true }),
    ],
  },
];
