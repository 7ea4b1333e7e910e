import type { TemplateKind } from './types.ts';

/** URL layout of the demo portal, one place for the router and the generator. */

export const INDEX_PATH = '/xxgk/index.html';
export const HANWEB_PROXY_PATH = '/module/web/jpage/dataproxy.jsp';
export const JSON_API_PATH = '/api/column/list';
/** Where a column behind a login wall sends visitors (refusals option). */
export const LOGIN_PATH = '/sso/login.html';

export function unitPath(unitId: string): string {
  return `/xxgk/${unitId}/index.html`;
}

/** A unit's page on another carrier (公开形式-2): not linked from the portal, only named in the plan. */
export function channelPath(unitId: string, kind: 'weixin' | 'app'): string {
  return `/xmt/${unitId}/${kind}.html`;
}

/** Directory of a column under its unit (all templates except hanweb live here). */
export function columnDir(unitId: string, slug: string): string {
  return `/xxgk/${unitId}/${slug}/`;
}

export function listEntryPath(template: TemplateKind, unitId: string, slug: string, colNum: number): string {
  switch (template) {
    case 'hanweb':
      return `/col/col${colNum}/index.html`;
    case 'xxgk-table':
      return columnDir(unitId, slug);
    default:
      return columnDir(unitId, slug) + 'index.html';
  }
}

export function detailPath(
  template: TemplateKind,
  unitId: string,
  slug: string,
  colNum: number,
  item: { id: number; publishedAt: string },
): string {
  const [y, m, d] = item.publishedAt.split('-');
  switch (template) {
    case 'trs':
      return `${columnDir(unitId, slug)}${y}${m}/t${y}${m}${d}_${item.id}.html`;
    case 'hanweb':
      return `/art/${y}/${Number(m)}/${Number(d)}/art_${colNum}_${item.id}.html`;
    case 'jsonjs':
      return `${columnDir(unitId, slug)}art/${y}/art_${opaqueId(item.id)}.html`;
    case 'xxgk-table':
      return `${columnDir(unitId, slug)}content_${item.id}.html`;
  }
}

/** jpaas-style opaque article ids: stable, not sequential-looking. */
function opaqueId(id: number): string {
  const a = Math.imul(id, 2654435761) >>> 0;
  const b = Math.imul(id ^ 0x5bd1e995, 2246822519) >>> 0;
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
