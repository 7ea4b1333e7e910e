import type { ColumnRuntime } from '../model.ts';
import { unitPath } from '../urls.ts';
import { frame } from './frame.ts';
import { columnTypeLabel } from './html.ts';

export interface PageEnv {
  /** host:port of the portal, for SiteDomain. */
  host: string;
}

/** The shell of a column list page: column metas like real CMS output, breadcrumb, side menu of sibling columns. */
export function listFrame(rt: ColumnRuntime, env: PageEnv, main: string, extra: { head?: string; tail?: string } = {}): string {
  const { unit, col } = rt;
  const side = unit.columns
    .map((c) => `<li${c.slug === col.slug ? ' class="on"' : ''}><a href="${new URL(c.url).pathname}">${c.name}</a></li>`)
    .join('\n');
  return frame({
    title: `${col.name}_${unit.name}_珠山区人民政府`,
    charset: unit.encoding,
    host: env.host,
    metas: [
      ['ColumnName', col.name],
      ['ColumnDescription', col.name],
      ['ColumnKeywords', `${unit.name},${col.name}`],
      // Hanweb sites typically leave ColumnType empty.
      ['ColumnType', col.template === 'hanweb' ? '' : columnTypeLabel(col.class)],
    ],
    crumbs: [['政务公开', '/xxgk/index.html'], [unit.name, unitPath(unit.id)], [col.name, null]],
    main: `<div class="side-menu"><h3>${unit.name}</h3><ul>\n${side}\n</ul></div>\n<div class="list-main">\n<div class="list-title"><h2>${col.name}</h2></div>\n${main}\n</div>`,
    head: extra.head,
    tail: extra.tail,
  });
}

/** Marker real sites put before a pinned title. */
export const PINNED_MARK = '<em class="zhiding">[置顶]</em>';
