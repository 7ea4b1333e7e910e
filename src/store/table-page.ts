import { stmt, type DB } from './db.ts';

/**
 * One page of a filtered table, counted and cut in SQL (never by slicing arrays in the page): the dashboard's long
 * tables (findings, items, alerts, runs) all page through this.
 */

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface TablePage<T> {
  rows: T[];
  /** How many rows the whole filter matches. */
  total: number;
}

/** Escapes a user's search text for `LIKE ? ESCAPE '\'`: % and _ are matched as themselves. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export interface PagedSelect {
  /** The SELECT list. */
  select: string;
  /** FROM and JOINs. */
  from: string;
  /** Conditions joined with AND; none: every row. */
  where: string[];
  orderBy: string;
  params: Record<string, unknown>;
}

export function selectPage<R>(db: DB, q: PagedSelect, page: PageRequest): TablePage<R> {
  const where = q.where.length ? `WHERE ${q.where.join(' AND ')}` : '';
  const total = (stmt(db, `SELECT count(*) AS n FROM ${q.from} ${where}`).get(q.params) as { n: number }).n;
  const rows = stmt(db, `SELECT ${q.select} FROM ${q.from} ${where} ORDER BY ${q.orderBy} LIMIT @limit OFFSET @offset`).all({
    ...q.params,
    limit: page.limit,
    offset: page.offset,
  }) as R[];
  return { rows, total };
}
