import { addDays } from '../shared/time.ts';
import { REFUSING_COLUMNS, UNITS, type ColumnSpec, type UnitSpec } from './catalog.ts';
import { sortItems, type ColumnRuntime, type Model } from './model.ts';
import { Rng } from './rng.ts';
import { installVariants } from './variants/index.ts';
import { VARIANT_UNITS } from './variants/catalog.ts';
import { channelPath, detailPath, listEntryPath, unitPath } from './urls.ts';
import { makeTitle, pinnedTitle, type TitleContext } from './words.ts';
import type { ColumnClass, DemoColumn, DemoItem, DemoUnit } from './types.ts';

/** Mean days between items per class; the spread (0.4–1.6 × mean) never exceeds the class window. */
const MEAN_INTERVAL: Record<ColumnClass, number> = {
  动态要闻: 5, 通知公告: 18, 政策文件: 30, 人事: 45, 规划计划: 70, 机构信息: 150, 年报: 365,
};
const PAGE_SIZE = { trs: 15, hanweb: 15, jsonjs: 12, 'xxgk-table': 15 } as const;
const DOC_DATED: ColumnClass[] = ['政策文件', '通知公告', '规划计划'];

export interface GenerateOptions {
  seed: number;
  refDate: string;
  baseUrl: string;
  scale: number;
  /** Adds the variant matrix (src/demo/variants/). */
  variants?: boolean;
  /** Adds REFUSING_COLUMNS to their units. */
  refusals?: boolean;
}

export function generate(opts: GenerateOptions): Model {
  const root = new Rng(opts.seed);
  const model: Model = {
    seed: opts.seed, refDate: opts.refDate, baseUrl: opts.baseUrl,
    truth: { refDate: opts.refDate, seed: opts.seed, units: [] },
    columns: [], byKey: new Map(), byColNum: new Map(), details: new Map(), creditCodes: new Map(),
    // Generated the evening before refDate: never in the future when refDate is today, and the same every run.
    nextId: 100001, builtAt: Date.parse(`${opts.refDate}T00:00:00+08:00`) - 30 * 60_000,
  };
  const copies = Math.max(1, Math.floor(opts.scale));
  for (let copy = 1; copy <= copies; copy++) {
    UNITS.forEach((base) => {
      const refusing = copy === 1 && opts.refusals ? REFUSING_COLUMNS[base.id] : undefined;
      const spec = copy === 1 ? (refusing ? { ...base, columns: [...base.columns, refusing] } : base) : copyOf(base, copy);
      addUnit(model, spec, root.fork(spec.id));
    });
  }
  if (opts.variants) {
    VARIANT_UNITS.forEach((spec) => addUnit(model, spec, root.fork(spec.id)));
    installVariants(model);
  }
  return model;
}

/** Bench copies keep content variety but none of the one-off hazards (challenge, robots, trap, faults). */
function copyOf(base: UnitSpec, copy: number): UnitSpec {
  return {
    ...base,
    id: `${base.id}${copy}`,
    name: `${base.name}（${copy}）`,
    challenge: false,
    deadChannel: false,
    columns: base.columns.map((c) => ({ ...c, robots: false, trap: false, faults: [] })),
  };
}

function addUnit(model: Model, spec: UnitSpec, rng: Rng): void {
  const unit: DemoUnit = {
    id: spec.id, name: spec.name, kind: spec.kind, encoding: spec.gbk ? 'gbk' : 'utf-8',
    challenge: spec.challenge ?? false, url: model.baseUrl + unitPath(spec.id), columns: [],
    channels: [
      { name: `${spec.short}政务微信公众号`, url: model.baseUrl + channelPath(spec.id, 'weixin'), reachable: true },
      ...(spec.deadChannel ? [{ name: `${spec.short}移动客户端`, url: model.baseUrl + channelPath(spec.id, 'app'), reachable: false }] : []),
    ],
  };
  const creditCode = makeCreditCode(rng.fork('credit'));
  model.creditCodes.set(spec.id, creditCode);
  spec.columns.forEach((cs) => {
    const colNum = 1000 + model.columns.length;
    const col: DemoColumn = {
      slug: cs.slug, name: cs.name, class: cs.class, template: cs.template,
      url: model.baseUrl + listEntryPath(cs.template, spec.id, cs.slug, colNum),
      detailStyle: cs.detailStyle, dateStyle: cs.dateStyle ?? 'iso',
      needsBrowser: cs.template === 'jsonjs' || unit.challenge,
      robotsDisallowed: cs.robots ?? false, trap: cs.trap ?? false, faults: cs.faults ?? [], items: [],
      ...(cs.refuse ? { refusal: cs.refuse } : {}),
      ...(cs.variant ? { variant: cs.variant, layout: cs.variant.startsWith('single-') ? ('single' as const) : ('list' as const) } : {}),
    };
    const rt: ColumnRuntime = {
      unit, unitSpec: spec, spec: cs, col, colNum, pageSize: cs.pageSize ?? PAGE_SIZE[cs.template], modifiedAt: model.builtAt,
    };
    const crng = rng.fork(cs.slug);
    const ctx = (date: string): TitleContext => ({ unitId: baseId(spec.id), unitName: spec.name, short: spec.short, town: spec.kind === '镇街', date });
    const dates = cs.blank ? [] : itemDates(crng, cs, model.refDate);
    // Ids grow with the date, as a CMS's would.
    const chronological = [...dates].reverse();
    for (const date of chronological) {
      col.items.push(newItem(model, rt, crng, { title: makeTitle(crng, cs.class, ctx(date), cs.slug), publishedAt: date, pinned: false }, creditCode));
    }
    const refYear = Number(model.refDate.slice(0, 4));
    for (let i = 0; i < (cs.pinned ?? 0); i++) {
      const date = cs.pinnedAgo !== undefined ? addDays(model.refDate, -cs.pinnedAgo) : addDays(`${refYear - 2}-03-01`, crng.int(0, 200));
      col.items.push(newItem(model, rt, crng, { title: pinnedTitle(cs.class, ctx(date), i), publishedAt: date, pinned: true }, creditCode));
    }
    sortItems(col.items);
    markDead(crng, col.items, cs.dead ?? 0);
    markDocAfterPub(col.items, cs.docAfterPub ?? 0);
    unit.columns.push(col);
    model.columns.push(rt);
    model.byKey.set(`${spec.id}/${cs.slug}`, rt);
    model.byColNum.set(colNum, rt);
    for (const item of col.items) model.details.set(new URL(item.url).pathname, { rt, item });
  });
  model.truth.units.push(unit);
}

/** Strips a bench copy's number so copies share the base unit's word pools. */
function baseId(id: string): string {
  return id.replace(/\d+$/, '');
}

/** Publication dates, newest first, from 1.5–2.5 years back to refDate (minus stopDaysAgo). */
function itemDates(rng: Rng, cs: ColumnSpec, refDate: string): string[] {
  const refYear = Number(refDate.slice(0, 4));
  const start = `${refYear - 2}-07-01`;
  const end = addDays(refDate, -(cs.stopDaysAgo ?? 0));
  const out: string[] = [];
  if (cs.class === '年报') {
    for (let y = refYear - 1; y <= refYear; y++) {
      const d = addDays(`${y}-01-12`, rng.int(0, 60));
      if (d <= end) out.unshift(workday(d));
    }
    return out;
  }
  const mean = MEAN_INTERVAL[cs.class];
  let d = addDays(end, -rng.int(0, Math.floor(mean * 0.5)));
  while (d >= start) {
    const day = rng.chance(0.85) ? workday(d) : d;
    if (day >= start) out.push(day);
    if (cs.class === '动态要闻' && rng.chance(0.2)) out.push(day);
    d = addDays(d, -Math.max(1, Math.round(mean * (0.4 + rng.next() * 1.2))));
  }
  const gap = cs.gap;
  if (!gap) return out;
  const [from, to] = [addDays(refDate, -gap[0]), addDays(refDate, -gap[1])];
  return out.filter((x) => x < from || x > to);
}

/** Moves a weekend day back to Friday: offices publish on working days. */
function workday(d: string): string {
  const dow = new Date(d + 'T00:00:00Z').getUTCDay();
  return dow === 6 ? addDays(d, -1) : dow === 0 ? addDays(d, -2) : d;
}

export interface NewItem {
  title: string;
  publishedAt: string;
  documentDate?: string | null;
  pinned?: boolean;
}

/** Builds an item with the column's metadata conventions and registers nothing (callers do). */
export function newItem(model: Model, rt: ColumnRuntime, rng: Rng, src: NewItem, creditCode: string): DemoItem {
  const id = model.nextId++;
  const { col, spec, unitSpec } = rt;
  const year = src.publishedAt.slice(0, 4);
  const documentDate = src.documentDate !== undefined ? src.documentDate : documentDateFor(rng, col.class, src.publishedAt);
  const item: DemoItem = {
    id, title: src.title,
    url: model.baseUrl + detailPath(col.template, unitSpec.id, spec.slug, rt.colNum, { id, publishedAt: src.publishedAt }),
    publishedAt: src.publishedAt,
    publishedTime: `${String(rng.int(8, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
    documentDate, pinned: src.pinned ?? false, dead: false, publisher: unitSpec.name,
  };
  if (col.detailStyle === 'table' || col.template === 'xxgk-table') item.indexNo = `${creditCode}/${year}-${String(id % 100000).padStart(5, '0')}`;
  if (col.detailStyle !== 'meta' && (col.class === '政策文件' || (col.class === '通知公告' && rng.chance(0.3)))) {
    item.docNo = `${unitSpec.docPrefix}〔${year}〕${rng.int(1, 120)}号`;
  }
  return item;
}

/** Mostly on time (0–14 days), some late (40–60 days, over 20 working days whatever the holidays), some missing. */
function documentDateFor(rng: Rng, cls: ColumnClass, publishedAt: string): string | null {
  if (!DOC_DATED.includes(cls)) return null;
  const r = rng.next();
  if (r < 0.15) return null;
  if (r < 0.3) return addDays(publishedAt, -rng.int(40, 60));
  return addDays(publishedAt, -rng.int(0, 14));
}

/** Dead links sit on the first pages (not the newest item) so every crawl meets them. */
function markDead(rng: Rng, items: DemoItem[], count: number): void {
  const candidates = items.filter((i) => !i.pinned).slice(1, 30);
  for (let k = 0; k < count && candidates.length; k++) {
    const item = candidates.splice(rng.int(0, candidates.length - 1), 1)[0];
    item.dead = true;
    // The detail page is what shows these; a 404 shows none of them.
    item.documentDate = null;
    delete item.indexNo;
    delete item.docNo;
    delete item.publisher;
  }
}

function markDocAfterPub(items: DemoItem[], count: number): void {
  items.filter((i) => !i.pinned && !i.dead).slice(1, 1 + count).forEach((i) => (i.documentDate = addDays(i.publishedAt, 3)));
}

/** An 18-character 统一社会信用代码-shaped id for 索引号 (11 = 机关, 360203 = 珠山区). */
export function makeCreditCode(rng: Rng): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let s = '11360203';
  for (let i = 0; i < 10; i++) s += chars[rng.int(0, chars.length - 1)];
  return s;
}
