import { stmt, type DB } from './db.ts';

/** The reads of single-page columns (机构概况, 依申请公开指南): each one's date and a hash of its main text. */

export interface PageStateRow {
  columnId: number;
  visitId: number;
  fetchId: number;
  seenAt: string;
  title: string | null;
  publishedAt: string | null;
  textSha256: string;
  textChars: number;
}

/** One read of a single-page column. */
export function recordPageState(db: DB, s: PageStateRow): void {
  stmt(
    db,
    `INSERT INTO page_states (column_id, visit_id, fetch_id, seen_at, title, published_at, text_sha256, text_chars)
     VALUES (@columnId, @visitId, @fetchId, @seenAt, @title, @publishedAt, @textSha256, @textChars)`,
  ).run(s);
}

/** A single-page column's reads, oldest first. */
export function pageStatesOf(db: DB, columnId: number): PageStateRow[] {
  return stmt(
    db,
    `SELECT column_id AS columnId, visit_id AS visitId, fetch_id AS fetchId, seen_at AS seenAt, title, published_at AS publishedAt,
       text_sha256 AS textSha256, text_chars AS textChars
     FROM page_states WHERE column_id = ? ORDER BY seen_at, id`,
  ).all(columnId) as PageStateRow[];
}
