import { addDays } from '../../shared/time.ts';
import type { ColumnRuntime, Model } from '../model.ts';
import { Rng } from '../rng.ts';
import type { Routed } from '../router.ts';
import { renderNotFound } from '../templates/detail.ts';
import type { PageEnv } from '../templates/list-common.ts';
import type { DemoItem } from '../types.ts';
import { fileRouted, mlFiles, mlReorder, mlUl } from './ml.ts';
import { HANWEB_ASSETS, hanwebList } from './hanweb.ts';
import { AVALON_JS, jsAvalon, jsJpaas, jsTopbar } from './js.ts';
import { singleHanweb, singleJpaas, singleTrs } from './single.ts';
import { PAGE_DIV_JS, trsCountPage, trsPageDiv, trsTable } from './trs.ts';
import { columnDirOf, type VariantTable, type VariantTemplate } from './types.ts';

const TEMPLATES: VariantTable = {
  'trs-pagediv': trsPageDiv, 'trs-countpage': trsCountPage, 'trs-table': trsTable,
  'hanweb-newjpage': hanwebList, 'hanweb-jquery': hanwebList, 'hanweb-double': hanwebList,
  'js-topbar': jsTopbar, 'js-jpaas': jsJpaas, 'js-avalon': jsAvalon,
  'ml-reorder': mlReorder, 'ml-files': mlFiles, 'ml-ul': mlUl,
  'single-trs': singleTrs, 'single-hanweb': singleHanweb, 'single-jpaas': singleJpaas,
};
const APIS = [...new Set(Object.values(TEMPLATES))].filter((t) => t.api);

/** unitbuild.js of jpaas: posts the script tag's queryData to the unit API and writes `data.html` before the tag. */
const UNITBUILD_JS = `(function () {
  var s = document.currentScript, q = JSON.parse(s.getAttribute('queryData').replace(/'/g, '"'));
  var page = parseInt(new URLSearchParams(location.search).get('pageNo') || '1', 10);
  q.paramJson = JSON.stringify({ pageNo: page, pageSize: 15 });
  fetch(s.getAttribute('url') + '?' + new URLSearchParams(q)).then(function (r) { return r.json(); }).then(function (res) {
    var box = document.createElement('div'); box.innerHTML = res.data.html; s.parentNode.insertBefore(box, s);
  });
})();
`;
const ASSETS: Record<string, [string, string]> = {
  '/images/page_div.js': ['application/javascript', PAGE_DIV_JS],
  '/cms_files/default/script/AuthorizedRead/unitbuild.js': ['application/javascript', UNITBUILD_JS],
  '/images/avalon.min.js': ['application/javascript', AVALON_JS],
  ...HANWEB_ASSETS,
};

/**
 * Puts the variant columns where their real sites put them (entry URL, detail or file URLs), dates the
 * single-page columns, and hooks the variant router in front of the base one.
 */
export function installVariants(model: Model): void {
  const columns = model.columns.filter((rt) => rt.col.variant);
  for (const rt of columns) {
    rt.col.url = model.baseUrl + columnDirOf(rt) + TEMPLATES[rt.col.variant!].entry;
    if (rt.col.layout === 'single') {
      const rng = new Rng(model.seed).fork(`single-${rt.unit.id}-${rt.col.slug}`);
      rt.col.pageDate = addDays(model.refDate, -rng.int(20, 300));
    }
    for (const item of rt.col.items) placeVariantItem(model, rt, item);
  }
  model.variantRoute = (url, params, env) => route(model, columns, url, params, env);
}

/** Moves an item from its family's default detail path to where its variant's real site keeps it (page or file). */
export function placeVariantItem(model: Model, rt: ColumnRuntime, item: DemoItem): void {
  const place = rt.col.variant && TEMPLATES[rt.col.variant].detailPath;
  if (!place) return;
  model.details.delete(new URL(item.url).pathname);
  const path = place(rt, item, columnDirOf(rt));
  item.url = model.baseUrl + path;
  model.details.set(path, { rt, item });
}

function route(model: Model, columns: ColumnRuntime[], url: URL, params: URLSearchParams, env: PageEnv): Routed | null {
  const path = url.pathname;
  const asset = ASSETS[path];
  if (asset) return { status: 200, body: asset[1], contentType: asset[0], lastModified: model.builtAt };
  for (const t of APIS) {
    const answer = t.api!(model, path, params);
    if (answer) return answer;
  }
  const detail = model.details.get(path);
  // The base router renders detail pages; a file-linking 目录's "details" are the files themselves.
  if (detail) return detail.rt.col.variant === 'ml-files' ? { ...fileRouted(detail.item, detail.rt), unit: detail.rt.unit } : null;
  const rt = columns.find((c) => path.startsWith(columnDirOf(c)));
  if (!rt) return null;
  const tpl: VariantTemplate = TEMPLATES[rt.col.variant!];
  const out = tpl.page({ model, rt, env }, path.slice(columnDirOf(rt).length), url.searchParams);
  if (!out) return { status: 404, body: renderNotFound(env), contentType: 'text/html', unit: rt.unit };
  // A JS shell is a static file: it changes with the day in its top bar, never with the column's items.
  const shell = rt.col.needsBrowser && tpl !== jsAvalon;
  return { status: 200, body: out.body, contentType: 'text/html', unit: rt.unit, column: rt, entry: out.entry, lastModified: shell ? model.builtAt : rt.modifiedAt };
}
