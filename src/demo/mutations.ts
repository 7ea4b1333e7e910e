import { isIsoDay } from '../shared/time.ts';
import { newItem } from './generator.ts';
import { sortItems, type ColumnRuntime, type Model } from './model.ts';
import { Rng } from './rng.ts';
import type { DemoMutations } from './types.ts';
import { placeVariantItem } from './variants/index.ts';

function column(model: Model, unitId: string, slug: string): ColumnRuntime {
  const rt = model.byKey.get(`${unitId}/${slug}`);
  if (!rt) throw new Error(`演示门户没有栏目 ${unitId}/${slug}`);
  return rt;
}

function checkDay(day: string, field: string): void {
  if (!isIsoDay(day)) throw new Error(`${field} 应为 YYYY-MM-DD 格式的日期，收到 ${day}`);
}

/** Marks the column changed so Last-Modified and ETag move on (never backwards, never within the same second). */
function touch(rt: ColumnRuntime): void {
  rt.modifiedAt = Math.max(Date.now(), rt.modifiedAt + 1000);
}

/** Changes to the running portal, for incremental-crawl and back-dating tests. */
export function mutations(model: Model): DemoMutations {
  return {
    addItem(unitId, columnSlug, src) {
      const rt = column(model, unitId, columnSlug);
      checkDay(src.publishedAt, 'publishedAt');
      if (src.documentDate) checkDay(src.documentDate, 'documentDate');
      const rng = new Rng(model.seed).fork(`added-${model.nextId}`);
      const item = newItem(model, rt, rng, src, model.creditCodes.get(rt.unit.id) ?? '');
      rt.col.items.push(item);
      sortItems(rt.col.items);
      model.details.set(new URL(item.url).pathname, { rt, item });
      placeVariantItem(model, rt, item);
      touch(rt);
      return item;
    },
    setPublishedAt(unitId, columnSlug, itemUrl, newDate) {
      const rt = column(model, unitId, columnSlug);
      checkDay(newDate, 'newDate');
      const path = new URL(itemUrl, model.baseUrl).pathname;
      const item = rt.col.items.find((i) => new URL(i.url).pathname === path);
      if (!item) throw new Error(`栏目 ${unitId}/${columnSlug} 中没有条目 ${itemUrl}`);
      item.publishedAt = newDate;
      sortItems(rt.col.items);
      touch(rt);
    },
  };
}
