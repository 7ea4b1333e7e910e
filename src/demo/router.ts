import { pageCount, type ColumnRuntime, type Model } from './model.ts';
import { ASSETS } from './templates/assets.ts';
import { renderDetail, renderNotFound } from './templates/detail.ts';
import { renderHanwebList, renderHanwebProxy } from './templates/hanweb.ts';
import { renderJsonPage, renderJsonShell } from './templates/jsonjs.ts';
import type { PageEnv } from './templates/list-common.ts';
import { renderChannel, renderForbidden, renderHome, renderIndex, renderLogin, renderUnit } from './templates/portal.ts';
import { renderTrsList } from './templates/trs.ts';
import { renderXxgkTable } from './templates/xxgk-table.ts';
import type { DemoUnit } from './types.ts';
import { HANWEB_PROXY_PATH, JSON_API_PATH, LOGIN_PATH } from './urls.ts';

/** What a request resolves to, before faults, challenge, conditional GET and encoding are applied. */
export interface Routed {
  status: number;
  body: string;
  contentType: string;
  /** The unit whose page this is: decides the challenge and the page encoding. */
  unit?: DemoUnit;
  column?: ColumnRuntime;
  /** True for the column's list entry page (where transient faults are planted). */
  entry?: boolean;
  lastModified?: number;
  /** A redirect's target. */
  location?: string;
}

const HTML = 'text/html';

/**
 * What a request resolves to; a page of a column that refuses visitors (refusals option) answers 403, or sends the
 * visitor to the login page, whatever it would have shown.
 */
export function route(model: Model, url: URL, params: URLSearchParams, env: PageEnv): Routed {
  const routed = routePage(model, url, params, env);
  const refusal = routed.column?.col.refusal;
  if (refusal === 'forbidden') return { status: 403, body: renderForbidden(env), contentType: HTML, column: routed.column };
  if (refusal === 'login') return { status: 302, body: '', contentType: HTML, column: routed.column, location: `${LOGIN_PATH}?service=${encodeURIComponent(url.href)}` };
  return routed;
}

function routePage(model: Model, url: URL, params: URLSearchParams, env: PageEnv): Routed {
  const path = url.pathname;
  const notFound = (unit?: DemoUnit): Routed => ({ status: 404, body: renderNotFound(env, unit?.encoding), contentType: HTML, unit });
  const page = (body: string, extra: Partial<Routed> = {}): Routed => ({
    status: 200, body, contentType: HTML, lastModified: model.builtAt, ...extra,
  });

  const variant = model.variantRoute?.(url, params, env);
  if (variant) return variant;
  if (path === '/' || path === '/index.html') return page(renderHome(model.truth, env));
  if (path === '/xxgk/' || path === '/xxgk/index.html') return page(renderIndex(model.truth, env));
  if (path === LOGIN_PATH) return page(renderLogin(env));
  const asset = ASSETS[path];
  if (asset) return { status: 200, body: asset[1], contentType: asset[0].split(';')[0], lastModified: model.builtAt };

  if (path === HANWEB_PROXY_PATH) {
    const rt = model.byColNum.get(Number(params.get('columnid')));
    if (!rt || rt.col.template !== 'hanweb') return notFound();
    const start = Math.max(1, Number(params.get('startrecord')) || 1);
    const end = Math.max(start, Number(params.get('endrecord')) || start + rt.pageSize * 3 - 1);
    return { status: 200, body: renderHanwebProxy(rt, start, end), contentType: 'text/xml', unit: rt.unit, column: rt, lastModified: rt.modifiedAt };
  }
  if (path === JSON_API_PATH) {
    const rt = model.byColNum.get(Number(params.get('columnId')));
    if (!rt || rt.col.template !== 'jsonjs') return { status: 404, body: '{"code":404,"message":"栏目不存在"}', contentType: 'application/json' };
    const size = Math.min(100, Math.max(1, Number(params.get('size')) || rt.pageSize));
    const p = Math.max(1, Number(params.get('page')) || 1);
    return { status: 200, body: renderJsonPage(rt, p, size), contentType: 'application/json', unit: rt.unit, column: rt, lastModified: rt.modifiedAt };
  }

  const channel = path.match(/^\/xmt\/([a-z0-9]+)\/weixin\.html$/);
  if (channel) {
    const unit = model.truth.units.find((u) => u.id === channel[1]);
    const ch = unit?.channels.find((c) => c.reachable);
    return unit && ch ? page(renderChannel(unit, ch.name, env), { unit }) : notFound();
  }

  const detail = model.details.get(path);
  if (detail) {
    const { rt, item } = detail;
    if (item.dead) return notFound(rt.unit);
    const body = renderDetail(rt, item, { ...env, seed: model.seed, generatedAt: rt.modifiedAt });
    return page(body, { unit: rt.unit, column: rt, lastModified: rt.modifiedAt });
  }

  const hanweb = path.match(/^\/col\/col(\d+)\/(index\.html)?$/);
  if (hanweb) {
    const rt = model.byColNum.get(Number(hanweb[1]));
    if (!rt || rt.col.template !== 'hanweb') return notFound();
    return page(renderHanwebList(rt, env), { unit: rt.unit, column: rt, entry: true, lastModified: rt.modifiedAt });
  }

  const m = path.match(/^\/xxgk\/([a-z0-9]+)\/(?:([a-z0-9]+)\/)?(.*)$/);
  if (!m) return notFound();
  const [, unitId, slug, rest] = m;
  if (!slug) {
    const unit = model.truth.units.find((u) => u.id === unitId);
    return unit && (rest === '' || rest === 'index.html') ? page(renderUnit(unit, env), { unit }) : notFound();
  }
  const rt = model.byKey.get(`${unitId}/${slug}`);
  if (!rt) return notFound();
  const listed = listPage(rt, rest, url.searchParams, env);
  if (!listed) return notFound(rt.unit);
  // A JS-rendered list's HTML is a static file: it does not change when its items do (the API does).
  const lastModified = rt.col.template === 'jsonjs' ? model.builtAt : rt.modifiedAt;
  return page(listed.body, { unit: rt.unit, column: rt, entry: listed.entry, lastModified });
}

function listPage(rt: ColumnRuntime, rest: string, query: URLSearchParams, env: PageEnv): { body: string; entry: boolean } | null {
  const { template } = rt.col;
  if (template === 'trs') {
    const n = rest === '' || rest === 'index.html' ? 0 : Number(rest.match(/^index_(\d+)\.html$/)?.[1] ?? NaN);
    if (!Number.isInteger(n) || n < 0 || (n >= pageCount(rt) && !rt.col.trap) || rest === 'index_0.html') return null;
    return { body: renderTrsList(rt, n, env), entry: n === 0 };
  }
  if (template === 'xxgk-table') {
    if (rest !== '' && rest !== 'index.html') return null;
    const p = query.has('page') ? Number(query.get('page')) : 1;
    if (!Number.isInteger(p) || p < 1 || p > pageCount(rt)) return null;
    return { body: renderXxgkTable(rt, p - 1, env), entry: !query.has('page') };
  }
  if (template === 'jsonjs' && rest === 'index.html') return { body: renderJsonShell(rt, env), entry: !query.has('page') };
  return null;
}
