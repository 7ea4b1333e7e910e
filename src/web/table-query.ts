import { z } from 'zod';
import type { Ctx } from './env.ts';
import { UNIT_KINDS } from '../config/index.ts';

/**
 * The URL query of a long table (search, filters, page): parsed field by field with zod, so that one bad parameter
 * is named in Chinese and dropped while the rest of the filter still applies (never a 500). The filter lives in the
 * URL only: a filtered view can be bookmarked, and its export link asks for the same rows.
 */

export const PAGE_SIZES = [20, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

export type UnitKind = (typeof UNIT_KINDS)[number];

export interface TableQuery {
  q?: string;
  unit?: string;
  unitKind?: UnitKind;
  columnClass?: string;
  kind?: string;
  state?: string;
  page: number;
  size: number;
}

export type FilterField = 'q' | 'unit' | 'unitKind' | 'columnClass' | 'kind' | 'state';

/** Which filters a table offers, and the values each one accepts (id → label shown). */
export interface FilterOptions {
  q?: { placeholder: string };
  unit?: ReadonlyArray<{ id: string; name: string }>;
  unitKind?: true;
  columnClass?: readonly string[];
  kind?: Readonly<Record<string, string>>;
  state?: Readonly<Record<string, string>>;
}

export const FIELD_LABEL: Record<FilterField | 'page' | 'size', string> = {
  q: '搜索',
  unit: '单位',
  unitKind: '单位类型',
  columnClass: '栏目类别',
  kind: '问题类型',
  state: '状态',
  page: '页码',
  size: '每页条数',
};

const oneOf = (field: FilterField, values: readonly string[]) =>
  z.string().refine((v) => values.includes(v), { message: `${FIELD_LABEL[field]}“{v}”不在可选范围内，请从下拉列表中选择。` });

function fieldSchemas(o: FilterOptions): Partial<Record<FilterField | 'page' | 'size', z.ZodType>> {
  return {
    q: o.q ? z.string().trim().max(100, `${FIELD_LABEL.q}内容不能超过 100 字。`).transform((s) => s || undefined) : undefined,
    unit: o.unit ? oneOf('unit', o.unit.map((u) => u.id)) : undefined,
    unitKind: o.unitKind ? oneOf('unitKind', UNIT_KINDS) : undefined,
    columnClass: o.columnClass ? oneOf('columnClass', o.columnClass) : undefined,
    kind: o.kind ? oneOf('kind', Object.keys(o.kind)) : undefined,
    state: o.state ? oneOf('state', Object.keys(o.state)) : undefined,
    page: z
      .string()
      .regex(/^\d{1,6}$/, `${FIELD_LABEL.page}应为 1 到 ${MAX_PAGE} 之间的整数。`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_PAGE, `${FIELD_LABEL.page}应为 1 到 ${MAX_PAGE} 之间的整数。`),
    size: z
      .string()
      .transform(Number)
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `${FIELD_LABEL.size}只能是 ${PAGE_SIZES.join('、')} 之一。`),
  };
}

/** The table's query from the request; `problems` name each parameter that was refused (and so ignored). */
export function readTableQuery(c: Ctx, o: FilterOptions, prefix = ''): { query: TableQuery; problems: string[] } {
  const raw = c.req.query();
  const query: TableQuery = { page: 1, size: DEFAULT_PAGE_SIZE };
  const problems: string[] = [];
  for (const [field, schema] of Object.entries(fieldSchemas(o)) as Array<[keyof TableQuery, z.ZodType | undefined]>) {
    const value = raw[prefix + field];
    if (schema === undefined || value === undefined || value === '') continue;
    const r = schema.safeParse(value);
    if (r.success) {
      if (r.data !== undefined) (query as unknown as Record<string, unknown>)[field] = r.data;
    } else {
      // The refused value is not echoed beyond a short, plain excerpt: the page is ours, the parameter is not.
      problems.push(r.error.issues[0].message.replace('{v}', value.slice(0, 30)));
    }
  }
  return { query, problems };
}

const TABLE_KEYS: ReadonlyArray<keyof TableQuery | 'export'> = ['q', 'unit', 'unitKind', 'columnClass', 'kind', 'state', 'page', 'size', 'export'];
/** One-off notices after an action (?done=…): shown once, never carried into the next link. */
const NOTICE_KEYS = ['saved', 'done', 'issued', 'skipped'];

/**
 * The parameters of the current URL that are neither this table's nor a notice: the year, another table's filter on
 * the same page (each table's parameters carry its own prefix), kept as they are.
 */
export function otherParams(c: Ctx, prefix = ''): Array<[string, string]> {
  const own = new Set(TABLE_KEYS.map((k) => prefix + k));
  return [...new URL(c.req.url).searchParams].filter(([k]) => !own.has(k) && !NOTICE_KEYS.includes(k));
}

/**
 * A link to the same page with the table's query changed: every other parameter of the current URL (the year, a
 * notice) is kept; defaults are left out so that the plain page has the plain URL.
 */
export function tableHref(c: Ctx, query: TableQuery, change: Partial<TableQuery> & { export?: 'csv' | 'xlsx' } = {}, prefix = ''): string {
  const params = new URLSearchParams(otherParams(c, prefix));
  const next: Record<string, unknown> = { ...query, ...change };
  for (const k of TABLE_KEYS) {
    const v = next[k];
    if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'size' && v === DEFAULT_PAGE_SIZE)) continue;
    params.set(prefix + k, String(v));
  }
  const s = params.toString();
  return s ? `${c.req.path}?${s}` : c.req.path;
}
