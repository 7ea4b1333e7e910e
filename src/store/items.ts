import { stmt, type DB } from './db.ts';
import { likePattern, type PageRequest, type TablePage } from './table-page.ts';

/** Items (articles) of a column: first/last seen, every claimed date, and what the detail page said. */

export interface KnownItem {
  id: number;
  urlKey: string;
  listDate: string | null;
  publishedAt: string | null;
  pinned: number;
  detailStatus: 'pending' | 'ok' | 'dead' | 'failed' | 'skipped';
  /** The title the list showed when last seen; null for items stored before it was kept. */
  listTitle: string | null;
}

/** An item as a list page shows it tonight. */
export interface ListEntry {
  title: string;
  date: string | null;
  pinned: boolean;
}

/** An item whose detail page is to be fetched tonight. */
export interface DetailDue {
  id: number;
  url: string;
  isFile: boolean;
  /** Its detail is known and fetched again to check it (a conditional GET), not read for the first time. */
  recheck: boolean;
}

/** How tonight's fetch of a detail page ended: 'unchanged' is a 304 to a conditional GET, 'failed' retries after a backoff. */
export type DetailFetched = 'ok' | 'dead' | 'unchanged' | 'failed';

export interface NewItem {
  columnId: number;
  url: string;
  urlKey: string;
  title: string;
  listDate: string | null;
  pinned: boolean;
  seenAt: string;
  runId: number;
  fetchId: number;
  flags: string[];
  /** What a 信息公开目录 row showed beside the title (索引号, 文号, 成文日期, 发布日期). */
  row: { indexNo?: string; docNo?: string; documentDate?: string; publishedAt?: string };
  /** The link is a document file, read from its row rather than parsed. */
  isFile: boolean;
}

/** Where each of an item's fields was read. */
type FieldSources = Partial<Record<'indexNo' | 'docNo' | 'documentDate' | 'publisher' | 'title', 'row' | 'detail'>>;

export interface DetailUpdate {
  title: string | null;
  publishedAt: string | null;
  publishedSource: string | null;
  documentDate: string | null;
  indexNo: string | null;
  docNo: string | null;
  publisher: string | null;
  /** The meta PubDate, kept when it disagrees with the shown 发布日期 (which is the one used). */
  metaPublishedAt?: string | null;
  flags: string[];
}

// The crawl's statements, one per write it makes, each prepared once per connection.
const KNOWN = `SELECT id, url_key AS urlKey, list_date AS listDate, published_at AS publishedAt, pinned, detail_status AS detailStatus,
  list_title AS listTitle FROM items WHERE column_id = ?`;
const INSERT = `INSERT INTO items (column_id, url, url_key, title, list_date, published_at, published_source, pinned,
    first_seen_at, first_seen_run, first_seen_fetch_id, last_seen_at, last_seen_fetch_id, flags_json,
    index_no, doc_no, document_date, sources_json, is_file, list_title)
  VALUES (@columnId, @url, @urlKey, @title, @listDate, @listDate, CASE WHEN @listDate IS NULL THEN NULL ELSE 'list' END,
    @pinned, @seenAt, @runId, @fetchId, @seenAt, @fetchId, @flags,
    @indexNo, @docNo, @documentDate, @sources, @isFile, @title)`;
const TOUCH = `UPDATE items SET last_seen_at = ?, last_seen_fetch_id = ?, pinned = ?, list_title = ? WHERE id = ?`;
// A known detail (read, or found dead) is fetched again when there is a reason; one never read is pending anyway.
const RECHECK = `UPDATE items SET detail_recheck = 1 WHERE id = ? AND detail_status IN ('ok', 'dead')`;
const RELIST = `UPDATE items SET list_date = ?, published_at = CASE WHEN published_source IN ('meta', 'table', 'label') THEN published_at ELSE ? END,
    published_source = CASE WHEN published_source IN ('meta', 'table', 'label') THEN published_source ELSE 'list' END WHERE id = ?`;
const DATE = `INSERT INTO item_dates (item_id, seen_at, fetch_id, source, claimed) VALUES (?, ?, ?, ?, ?)`;
// A failed fetch waits out its backoff, unless the night says otherwise (a full run passes no time).
const PENDING = `SELECT id, url, is_file AS isFile, detail_recheck AS recheck FROM items WHERE column_id = @columnId AND (
    detail_status = 'pending' OR detail_recheck = 1
    OR (detail_status = 'failed' AND (@now IS NULL OR detail_retry_after IS NULL OR detail_retry_after <= @now))) ORDER BY id`;
// Whatever the detail said is current again: no recheck due, no failures counted.
const SETTLED = `detail_recheck = 0, detail_failures = 0, detail_retry_after = NULL`;
const DETAIL = `UPDATE items SET detail_status = 'ok', detail_fetch_id = @fetchId,
    title = CASE WHEN title LIKE '%…' OR title LIKE '%...' OR title = '' THEN coalesce(@title, title) ELSE title END,
    published_at = coalesce(@publishedAt, list_date),
    published_source = CASE WHEN @publishedAt IS NOT NULL THEN @publishedSource WHEN list_date IS NOT NULL THEN 'list' ELSE NULL END,
    document_date = coalesce(@documentDate, document_date), index_no = coalesce(@indexNo, index_no),
    doc_no = coalesce(@docNo, doc_no), publisher = @publisher, flags_json = @flags, sources_json = @sources,
    meta_published_at = @metaPublishedAt, ${SETTLED}
  WHERE id = @id`;
const STATUS = `UPDATE items SET detail_status = ?, detail_fetch_id = coalesce(?, detail_fetch_id), ${SETTLED} WHERE id = ?`;
const UNCHANGED = `UPDATE items SET ${SETTLED} WHERE id = ?`;
// What was known stays known (a page read, a link found dead) when a recheck fails; the retry waits 1, 2, 4, then 7
// nights, less four hours so that the next nightly run at the same hour is due.
const FAILED = `UPDATE items SET
    detail_status = CASE WHEN detail_status IN ('ok', 'dead') THEN detail_status ELSE 'failed' END,
    detail_fetch_id = CASE WHEN detail_status IN ('ok', 'dead') THEN detail_fetch_id ELSE coalesce(@fetchId, detail_fetch_id) END,
    detail_failures = detail_failures + 1,
    detail_retry_after = strftime('%Y-%m-%dT%H:%M:%fZ', @now, printf('+%d hours', min(1 << detail_failures, 7) * 24 - 4))
  WHERE id = @id`;
const SOURCES = `SELECT sources_json FROM items WHERE id = ?`;

export class ItemStore {
  constructor(private readonly db: DB) {}

  known(columnId: number): Map<string, KnownItem> {
    return new Map((stmt(this.db, KNOWN).all(columnId) as KnownItem[]).map((k) => [k.urlKey, k]));
  }

  /** A first sighting: the item row and its first claimed date, atomically. */
  insert(item: NewItem): number {
    return this.db.transaction(() => {
      const { row } = item;
      const sources: FieldSources = {};
      for (const k of ['indexNo', 'docNo', 'documentDate'] as const) if (row[k]) sources[k] = 'row';
      const id = Number(
        stmt(this.db, INSERT).run({
          ...item,
          pinned: item.pinned ? 1 : 0,
          flags: JSON.stringify(item.flags),
          indexNo: row.indexNo ?? null,
          docNo: row.docNo ?? null,
          documentDate: row.documentDate ?? null,
          sources: JSON.stringify(sources),
          isFile: item.isFile ? 1 : 0,
        }).lastInsertRowid,
      );
      stmt(this.db, DATE).run(id, item.seenAt, item.fetchId, 'list', item.listDate);
      return id;
    }).immediate();
  }

  /**
   * A later sighting on a list page; a changed list date is recorded (re-dating evidence). A changed entry (date or
   * title) has its detail checked again tonight, as has every item a full run sees (`recheck`).
   */
  seen(known: KnownItem, entry: ListEntry, seenAt: string, fetchId: number, recheck: boolean): void {
    this.db.transaction(() => {
      stmt(this.db, TOUCH).run(seenAt, fetchId, entry.pinned ? 1 : 0, entry.title, known.id);
      const redated = entry.date !== known.listDate;
      if (redated) {
        stmt(this.db, RELIST).run(entry.date, entry.date, known.id);
        stmt(this.db, DATE).run(known.id, seenAt, fetchId, 'list', entry.date);
        known.listDate = entry.date;
      }
      // An item stored before list titles were kept has none to compare with: tonight's becomes the first.
      const retitled = known.listTitle !== null && entry.title !== known.listTitle;
      known.listTitle = entry.title;
      if (recheck || redated || retitled) stmt(this.db, RECHECK).run(known.id);
    }).immediate();
  }

  /**
   * Items whose detail page is due tonight: never read, to be checked again, or failed earlier and past their backoff
   * at `now` (null: every failed one, as a full run retries them).
   */
  dueDetails(columnId: number, now: string | null): DetailDue[] {
    return (stmt(this.db, PENDING).all({ columnId, now }) as Array<{ id: number; url: string; isFile: number; recheck: number }>).map((r) => ({
      ...r,
      isFile: r.isFile === 1,
      recheck: r.recheck === 1,
    }));
  }

  /** What the article page said; a field it lacks keeps the value its catalogue row gave, and its source. */
  recordDetail(id: number, fetchId: number, d: DetailUpdate, seenAt: string): void {
    this.db.transaction(() => {
      const stored = stmt(this.db, SOURCES).get(id) as { sources_json: string } | undefined;
      const sources = JSON.parse(stored?.sources_json ?? '{}') as FieldSources;
      for (const k of ['indexNo', 'docNo', 'documentDate', 'publisher'] as const) if (d[k]) sources[k] = 'detail';
      stmt(this.db, DETAIL).run({ id, fetchId, ...d, metaPublishedAt: d.metaPublishedAt ?? null, flags: JSON.stringify(d.flags), sources: JSON.stringify(sources) });
      stmt(this.db, DATE).run(id, seenAt, fetchId, 'detail', d.publishedAt);
    }).immediate();
  }

  /** How tonight's fetch of the detail ended, other than a page read (recordDetail); `now` dates a failure's backoff. */
  markDetail(id: number, fetched: DetailFetched, fetchId: number | null, now: string): void {
    if (fetched === 'unchanged') stmt(this.db, UNCHANGED).run(id);
    else if (fetched === 'failed') stmt(this.db, FAILED).run({ id, fetchId, now });
    else stmt(this.db, STATUS).run(fetched, fetchId, id);
  }
}

export interface ItemRow {
  id: number;
  columnId: number;
  url: string;
  title: string;
  publishedAt: string | null;
  documentDate: string | null;
  indexNo: string | null;
  pinned: number;
  detailStatus: string;
  detailFetchId: number | null;
  /** When the detail page was last fetched (what detailStatus says is known from then on); null before any try. */
  detailAt: string | null;
  firstSeenAt: string;
  firstSeenRun: number | null;
  firstSeenFetchId: number | null;
  flagsJson: string;
}

const ITEM_COLUMNS = `id, column_id, url, title, published_at, document_date, index_no, pinned, detail_status, detail_fetch_id,
  (SELECT fetched_at FROM fetches WHERE fetches.id = items.detail_fetch_id),
  first_seen_at, first_seen_run, first_seen_fetch_id, flags_json FROM items`;

/** An ItemRow from a raw row in ITEM_COLUMNS order: raw rows are about twice as fast as objects on assess's hot path. */
const itemOf = (r: unknown[]): ItemRow => ({
  id: r[0] as number,
  columnId: r[1] as number,
  url: r[2] as string,
  title: r[3] as string,
  publishedAt: r[4] as string | null,
  documentDate: r[5] as string | null,
  indexNo: r[6] as string | null,
  pinned: r[7] as number,
  detailStatus: r[8] as string,
  detailFetchId: r[9] as number | null,
  detailAt: r[10] as string | null,
  firstSeenAt: r[11] as string,
  firstSeenRun: r[12] as number | null,
  firstSeenFetchId: r[13] as number | null,
  flagsJson: r[14] as string,
});

/** The column's items, streamed (in no particular order). */
export function* columnItems(db: DB, columnId: number): Generator<ItemRow> {
  for (const r of stmt(db, `SELECT ${ITEM_COLUMNS} WHERE column_id = ?`).raw(true).all(columnId) as unknown[][]) yield itemOf(r);
}

/** A page of the column's items, newest first; `q` searches titles, 索引号 and 文号. */
export function columnItemsPage(db: DB, columnId: number, q: string | undefined, page: PageRequest): TablePage<ItemRow> {
  const where = `WHERE column_id = @columnId${q ? " AND (title LIKE @q ESCAPE '\\' OR index_no LIKE @q ESCAPE '\\' OR doc_no LIKE @q ESCAPE '\\')" : ''}`;
  const params = { columnId, q: q ? likePattern(q) : undefined, limit: page.limit, offset: page.offset };
  const total = (stmt(db, `SELECT count(*) AS n FROM items ${where}`).get(params) as { n: number }).n;
  const rows = stmt(db, `SELECT ${ITEM_COLUMNS} ${where} ORDER BY published_at DESC, id DESC LIMIT @limit OFFSET @offset`).raw(true).all(params);
  return { rows: (rows as unknown[][]).map(itemOf), total };
}

export function itemCount(db: DB, columnId: number): number {
  return (stmt(db, 'SELECT count(*) AS n FROM items WHERE column_id = ?').get(columnId) as { n: number }).n;
}

/** One claimed date of an item, as a list or detail page showed it when seen. */
export interface ItemDateRow {
  itemId: number;
  seenAt: string;
  fetchId: number | null;
  source: string;
  claimed: string | null;
}

/**
 * Column id → ids of its items whose claimed date took more than one value in a source: only those can be
 * re-dated, so the per-column reads of item_dates touch nothing else. One pass over item_dates.
 */
export function redatedItemsByColumn(db: DB): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const rows = stmt(
    db,
    `SELECT i.column_id AS columnId, c.item_id AS itemId FROM (
       SELECT item_id FROM item_dates WHERE claimed IS NOT NULL
       GROUP BY item_id, source HAVING count(DISTINCT substr(claimed, 1, 10)) > 1) c
     JOIN items i ON i.id = c.item_id`,
  ).iterate() as Iterable<{ columnId: number; itemId: number }>;
  for (const r of rows) {
    const l = out.get(r.columnId);
    if (l) l.push(r.itemId);
    else out.set(r.columnId, [r.itemId]);
  }
  return out;
}

/** Every claimed date of the given items, grouped per item, oldest first. */
export function itemDates(db: DB, itemIds: readonly number[]): Map<number, ItemDateRow[]> {
  const out = new Map<number, ItemDateRow[]>();
  const rows = stmt(
    db,
    `SELECT item_id AS itemId, seen_at AS seenAt, fetch_id AS fetchId, source, claimed
     FROM item_dates WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY item_id, seen_at, id`,
  ).iterate(JSON.stringify(itemIds)) as Iterable<ItemDateRow>;
  for (const r of rows) {
    let l = out.get(r.itemId);
    if (!l) out.set(r.itemId, (l = []));
    l.push(r);
  }
  return out;
}
