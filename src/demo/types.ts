/** The demo portal's model. The same objects are the truth handed to tests (DemoPortal.truth). */

export type ColumnClass = '动态要闻' | '通知公告' | '政策文件' | '人事' | '规划计划' | '机构信息' | '年报';
export type UnitKind = '镇街' | '区直部门';
/** List page template (CMS style) of a column. */
export type TemplateKind = 'trs' | 'hanweb' | 'jsonjs' | 'xxgk-table';
/** How a detail page carries its metadata. */
export type DetailStyle = 'meta' | 'table' | 'label';
/** How a list page writes an item's date. 'md-bracket' is `[05-12]` with the year only in a group heading. */
export type ListDateStyle = 'iso' | 'slash' | 'cn' | 'md-bracket' | 'fullwidth';
/** How a column refuses visitors when `refusals` is on (禁止巡检). */
export type Refusal = 'forbidden' | 'login';
/** Transient faults a column's list entry page shows when `faults` is on. */
export type FaultKind = 'slow' | 'flaky5xx' | 'rateLimited';

export interface DemoItem {
  /** Portal-wide numeric id (stable for a seed). */
  id: number;
  title: string;
  /** Absolute detail URL. */
  url: string;
  /** 'YYYY-MM-DD', the 发布日期 the detail page and the list show. */
  publishedAt: string;
  /** 'HH:MM' shown next to the date on detail pages. */
  publishedTime: string;
  /** 成文日期, or null when the page gives none (dynamic news, dead links, some documents). */
  documentDate: string | null;
  indexNo?: string;
  docNo?: string;
  publisher?: string;
  /** Shown first on list page 1 with a 置顶 mark, whatever its date. */
  pinned: boolean;
  /** Listed, but the detail URL answers 404. */
  dead: boolean;
}

export interface DemoColumn {
  slug: string;
  name: string;
  /** Absolute URL of the list entry page. */
  url: string;
  class: ColumnClass;
  template: TemplateKind;
  detailStyle: DetailStyle;
  dateStyle: ListDateStyle;
  /** Static HTML has no items (JS-rendered list) or the unit sits behind the 412 challenge. */
  needsBrowser: boolean;
  /** robots.txt disallows the whole column path: a polite crawler fetches nothing under it. */
  robotsDisallowed: boolean;
  /** `refusals: true` only: the column answers HTTP 403, or redirects to a login page, while the rest of the portal answers. */
  refusal?: Refusal;
  /** The pager never ends: pages past the last real one repeat the last page's items. */
  trap: boolean;
  /** Transient faults on the list entry page (only while the portal runs with faults on). */
  faults: FaultKind[];
  /** In list order: pinned items first, then newest first. */
  items: DemoItem[];
  /** Variant portal only: the real CMS variant this column imitates (see src/demo/variants/README.md). */
  variant?: VariantId;
  /** Variant portal only: 'single' when the column's URL is itself one article (机构概况 and the like). */
  layout?: 'list' | 'single';
  /** Single-page columns: the page's own 发布日期/更新日期 ('YYYY-MM-DD'). */
  pageDate?: string;
}

/** The variant matrix (`variants: true`): each imitates one real site's list template. */
export type VariantId =
  | 'trs-pagediv' | 'trs-countpage' | 'trs-table'
  | 'hanweb-newjpage' | 'hanweb-jquery' | 'hanweb-double'
  | 'js-topbar' | 'js-jpaas' | 'js-avalon'
  | 'ml-reorder' | 'ml-files' | 'ml-ul'
  | 'single-trs' | 'single-hanweb' | 'single-jpaas';

export interface DemoUnit {
  id: string;
  name: string;
  kind: UnitKind;
  encoding: 'utf-8' | 'gbk';
  challenge: boolean;
  /** Absolute URL of the unit's 信息公开 page. */
  url: string;
  columns: DemoColumn[];
  /** 公开形式-2: the unit's other carriers (a 微信公众号 page; for some units an app page that is gone). */
  channels: DemoChannel[];
}

export interface DemoChannel {
  name: string;
  url: string;
  reachable: boolean;
}

export interface DemoTruth {
  refDate: string;
  seed: number;
  units: DemoUnit[];
}

export interface RequestLogEntry {
  method: string;
  /** Path plus query string. */
  path: string;
  status: number;
  userAgent: string | null;
  /** ISO instant. */
  at: string;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
}

export interface DemoPortalOptions {
  seed?: number;
  /** 'YYYY-MM-DD'; default today in Asia/Shanghai. */
  refDate?: string;
  host?: string;
  port?: number;
  /** Multiplies the number of units (copies of the 12 base units) for the bench. */
  scale?: number;
  /** Slow, 503-then-200 and 429 pages (default true). */
  faults?: boolean;
  /** Delay of the slow page (default 2000 ms). */
  slowMs?: number;
  /** How many 503s the flaky page answers before its first 200 (default 2). */
  flakyFailures?: number;
  /** Retry-After seconds of the 429 (default 1). */
  retryAfterSec?: number;
  /** Adds `Crawl-delay` to robots.txt when set. */
  crawlDelaySec?: number;
  /** Adds the variant matrix's units (CMS variants modelled on real sites) after the 12 base units. */
  variants?: boolean;
  /**
   * Adds two columns that refuse visitors while the rest of the portal answers (禁止巡检): 区教育局 行政执法 answers
   * HTTP 403, 区财政局 政府采购 redirects to a login page. Off by default, so the default portal's figures stay as they are.
   */
  refusals?: boolean;
}

export interface PlanYamlOptions {
  year?: number;
  crawl?: { perHostConcurrency?: number; perHostDelayMs?: number; [key: string]: unknown };
  /**
   * Write `render: browser` for the lists a script draws (default false: leave `auto`). Not for the challenge unit's
   * columns: a browser passes its challenge once, and its clearance serves the static reads that follow.
   */
  forceBrowser?: boolean;
}

export interface DemoMutations {
  addItem(
    unitId: string,
    columnSlug: string,
    item: { title: string; publishedAt: string; documentDate?: string | null; pinned?: boolean },
  ): DemoItem;
  setPublishedAt(unitId: string, columnSlug: string, itemUrl: string, newDate: string): void;
}

export interface DemoPortal {
  baseUrl: string;
  indexUrl: string;
  robotsUrl: string;
  truth: DemoTruth;
  requestLog: RequestLogEntry[];
  planYaml(opts?: PlanYamlOptions): string;
  mutate: DemoMutations;
  close(): Promise<void>;
}
