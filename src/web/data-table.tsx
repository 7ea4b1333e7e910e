import type { Child } from 'hono/jsx';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Ctx } from './env.ts';
import type { PageRequest, TablePage } from '../store/index.ts';
import { safeRow } from '../shared/spreadsheet.ts';
import { UNIT_KINDS } from '../config/index.ts';
import { FIELD_LABEL, otherParams, PAGE_SIZES, readTableQuery, tableHref, type FilterOptions, type TableQuery } from './table-query.ts';

/**
 * A long table served from the database a page at a time, with its filter bar, pager and export of the filtered rows.
 * One definition of the columns serves the page and the CSV/xlsx: a column's `text` is what the export writes and
 * what the cell shows unless it has its own markup.
 */

export interface TableColumn<R> {
  header: string;
  text: (r: R) => string | number | null;
  /** Markup for the cell; default: the text. */
  cell?: (r: R) => Child;
  num?: boolean;
  /** A column of controls (a checkbox, a form) the page needs and a file does not. */
  screenOnly?: boolean;
}

export interface TableDef<R> {
  /** DOM id of the table (the filter form and pager get `-filter`, `-pager`). */
  id: string;
  /** The export's file name, without extension (Chinese). */
  fileName: string;
  filters: FilterOptions;
  columns: TableColumn<R>[];
  load: (q: TableQuery, page: PageRequest) => TablePage<R>;
  rowClass?: (r: R) => string;
  /** Prefix of this table's URL parameters, when a page holds two tables (default none). */
  prefix?: string;
  /** An anchor for a row, for links that point at it (总览's last crawl). */
  rowId?: (r: R) => string;
  /** Said when nothing matches. */
  empty: string;
}

/** An export holds every row of the filter, up to this many. */
const EXPORT_MAX = 20_000;

export interface ServedTable {
  /** The filter bar, the table and the pager, ready to place in a page. */
  view: Child;
  query: TableQuery;
  total: number;
  /** Refused parameters, in Chinese (the page answers 400 while there are any). */
  problems: string[];
}

/**
 * The one call a page makes for a long table: either the export the URL asks for (`export=csv|xlsx`), or the table
 * to show. An export is refused while a parameter is refused, so that a file never holds rows other than the page's.
 */
export async function serveTable<R>(c: Ctx, def: TableDef<R>): Promise<Response | ServedTable> {
  const prefix = def.prefix ?? '';
  const { query, problems } = readTableQuery(c, def.filters, prefix);
  const format = c.req.query(`${prefix}export`);
  if ((format === 'csv' || format === 'xlsx') && problems.length === 0) {
    return exportRows(c, def, format, def.load(query, { limit: EXPORT_MAX, offset: 0 }).rows);
  }
  const { rows, total } = def.load(query, { limit: query.size, offset: (query.page - 1) * query.size });
  const pages = Math.max(1, Math.ceil(total / query.size));
  return {
    query,
    total,
    problems,
    view: (
      <>
        {problems.length ? (
          <div class="error" id={`${def.id}-problems`}>
            {`以下查询参数无效，已忽略：${problems.join(' ')}`}
          </div>
        ) : null}
        <FilterBar c={c} def={def} query={query} />
        <div class="table-meta">
          <span id={`${def.id}-count`} data-total={String(total)}>{`共 ${total} 条`}</span>
          {total ? (
            <span class="exports">
              {`导出全部 ${Math.min(total, EXPORT_MAX)} 条筛选结果：`}
              <a href={tableHref(c, query, { export: 'csv', page: 1 }, prefix)} id={`${def.id}-csv`}>CSV</a>
              {' · '}
              <a href={tableHref(c, query, { export: 'xlsx', page: 1 }, prefix)} id={`${def.id}-xlsx`}>Excel</a>
            </span>
          ) : null}
        </div>
        {rows.length ? (
          <div class="table-wrap">
            <table id={def.id}>
              <thead>
                <tr>{def.columns.map((col) => <th class={col.num ? 'num' : ''}>{col.header}</th>)}</tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr class={def.rowClass?.(r) ?? ''} id={def.rowId?.(r)}>
                    {def.columns.map((col) => <td class={col.num ? 'num' : ''}>{col.cell ? col.cell(r) : (col.text(r) ?? '—')}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted" id={`${def.id}-empty`}>{def.empty}</p>
        )}
        {pages > 1 ? (
          <nav class="pager" id={`${def.id}-pager`} aria-label="分页">
            {query.page > 1 ? <a href={tableHref(c, query, { page: query.page - 1 }, prefix)} rel="prev">上一页</a> : null}
            <span class="muted">{`第 ${Math.min(query.page, pages)} / ${pages} 页`}</span>
            {query.page < pages ? <a href={tableHref(c, query, { page: query.page + 1 }, prefix)} rel="next">下一页</a> : null}
          </nav>
        ) : null}
      </>
    ),
  };
}

function FilterBar<R>({ c, def, query }: { c: Ctx; def: TableDef<R>; query: TableQuery }) {
  const f = def.filters;
  const prefix = def.prefix ?? '';
  const select = (name: keyof TableQuery, options: Array<[string, string]>) => (
    <select name={prefix + name} aria-label={FIELD_LABEL[name as keyof typeof FIELD_LABEL]}>
      <option value="">{`全部${FIELD_LABEL[name as keyof typeof FIELD_LABEL]}`}</option>
      {options.map(([v, label]) => <option value={v} selected={query[name] === v}>{label}</option>)}
    </select>
  );
  return (
    <form method="get" action={c.req.path} class="inline table-filter" id={`${def.id}-filter`}>
      {otherParams(c, prefix).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      {f.q ? <input type="search" name={`${prefix}q`} value={query.q ?? ''} placeholder={f.q.placeholder} maxlength={100} aria-label={FIELD_LABEL.q} /> : null}
      {f.unit ? select('unit', f.unit.map((u) => [u.id, u.name])) : null}
      {f.unitKind ? select('unitKind', UNIT_KINDS.map((k) => [k, k])) : null}
      {f.columnClass ? select('columnClass', f.columnClass.map((k) => [k, k])) : null}
      {f.kind ? select('kind', Object.entries(f.kind)) : null}
      {f.state ? select('state', Object.entries(f.state)) : null}
      <select name={`${prefix}size`} aria-label={FIELD_LABEL.size}>
        {PAGE_SIZES.map((n) => <option value={String(n)} selected={query.size === n}>{`每页 ${n} 条`}</option>)}
      </select>
      <button type="submit">筛选</button>
      <a href={tableHref(c, { page: 1, size: query.size }, {}, prefix)}>清除筛选</a>
    </form>
  );
}

async function exportRows<R>(c: Ctx, def: TableDef<R>, format: 'csv' | 'xlsx', rows: R[]): Promise<Response> {
  const columns = def.columns.filter((col) => !col.screenOnly);
  const header = columns.map((col) => col.header);
  const body = rows.map((r) => safeRow(columns.map((col) => col.text(r))));
  const name = `${def.fileName}.${format}`;
  const disposition = `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`;
  if (format === 'csv') {
    return c.body(`\uFEFF${stringify([header, ...body])}`, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': disposition });
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(def.fileName.slice(0, 31));
  ws.addRow(header).font = { bold: true };
  for (const r of body) ws.addRow(r);
  return c.body(new Uint8Array(await wb.xlsx.writeBuffer()), 200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': disposition,
  });
}
