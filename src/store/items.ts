import type { DB } from './db.ts';

/** Items (articles) of a column: first/last seen, every claimed date, and what the detail page said. */

export interface KnownItem {
  id: number;
  urlKey: string;
  listDate: string | null;
  publishedAt: string | null;
  pinned: number;
  detailStatus: 'pending' | 'ok' | 'dead' | 'failed' | 'skipped';
}

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

export class ItemStore {
  private readonly q;

  constructor(private readonly db: DB) {
    this.q = {
      known: db.prepare(
        `SELECT id, url_key AS urlKey, list_date AS listDate, published_at AS publishedAt, pinned, detail_status AS detailStatus
         FROM items WHERE column_id = ?`,
      ),
      insert: db.prepare(
        `INSERT INTO items (column_id, url, url_key, title, list_date, published_at, published_source, pinned,
           first_seen_at, first_seen_run, first_seen_fetch_id, last_seen_at, last_seen_fetch_id, flags_json,
           index_no, doc_no, document_date, sources_json, is_file)
         VALUES (@columnId, @url, @urlKey, @title, @listDate, @listDate, CASE WHEN @listDate IS NULL THEN NULL ELSE 'list' END,
           @pinned, @seenAt, @runId, @fetchId, @seenAt, @fetchId, @flags,
           @indexNo, @docNo, @documentDate, @sources, @isFile)`,
      ),
      touch: db.prepare(`UPDATE items SET last_seen_at = ?, last_seen_fetch_id = ?, pinned = ? WHERE id = ?`),
      relist: db.prepare(
        `UPDATE items SET list_date = ?, published_at = CASE WHEN published_source IN ('meta', 'table', 'label') THEN published_at ELSE ? END,
           published_source = CASE WHEN published_source IN ('meta', 'table', 'label') THEN published_source ELSE 'list' END WHERE id = ?`,
      ),
      date: db.prepare(`INSERT INTO item_dates (item_id, seen_at, fetch_id, source, claimed) VALUES (?, ?, ?, ?, ?)`),
      pending: db.prepare(
        `SELECT id, url, is_file AS isFile FROM items WHERE column_id = ? AND detail_status IN ('pending', 'failed') ORDER BY id`,
      ),
      detail: db.prepare(
        `UPDATE items SET detail_status = 'ok', detail_fetch_id = @fetchId,
           title = CASE WHEN title LIKE '%…' OR title LIKE '%...' OR title = '' THEN coalesce(@title, title) ELSE title END,
           published_at = coalesce(@publishedAt, list_date),
           published_source = CASE WHEN @publishedAt IS NOT NULL THEN @publishedSource WHEN list_date IS NOT NULL THEN 'list' ELSE NULL END,
           document_date = coalesce(@documentDate, document_date), index_no = coalesce(@indexNo, index_no),
           doc_no = coalesce(@docNo, doc_no), publisher = @publisher, flags_json = @flags, sources_json = @sources,
           meta_published_at = @metaPublishedAt
         WHERE id = @id`,
      ),
      status: db.prepare(`UPDATE items SET detail_status = ?, detail_fetch_id = coalesce(?, detail_fetch_id) WHERE id = ?`),
      flags: db.prepare(`SELECT flags_json FROM items WHERE id = ?`),
      sources: db.prepare(`SELECT sources_json FROM items WHERE id = ?`).pluck(),
    };
  }

  known(columnId: number): Map<string, KnownItem> {
    return new Map((this.q.known.all(columnId) as KnownItem[]).map((k) => [k.urlKey, k]));
  }

  /** A first sighting: the item row and its first claimed date, atomically. */
  insert(item: NewItem): number {
    return this.db.transaction(() => {
      const { row } = item;
      const sources: FieldSources = {};
      for (const k of ['indexNo', 'docNo', 'documentDate'] as const) if (row[k]) sources[k] = 'row';
      const id = Number(
        this.q.insert.run({
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
      this.q.date.run(id, item.seenAt, item.fetchId, 'list', item.listDate);
      return id;
    }).immediate();
  }

  /** A later sighting on a list page; a changed list date is recorded (re-dating evidence). */
  seen(known: KnownItem, listDate: string | null, pinned: boolean, seenAt: string, fetchId: number): void {
    this.db.transaction(() => {
      this.q.touch.run(seenAt, fetchId, pinned ? 1 : 0, known.id);
      if (listDate !== known.listDate) {
        this.q.relist.run(listDate, listDate, known.id);
        this.q.date.run(known.id, seenAt, fetchId, 'list', listDate);
        known.listDate = listDate;
      }
    }).immediate();
  }

  /** Items whose detail page is still to be read (new, or failed on an earlier night). */
  pendingDetails(columnId: number): Array<{ id: number; url: string; isFile: boolean }> {
    return (this.q.pending.all(columnId) as Array<{ id: number; url: string; isFile: number }>).map((r) => ({ ...r, isFile: r.isFile === 1 }));
  }

  /** What the article page said; a field it lacks keeps the value its catalogue row gave, and its source. */
  recordDetail(id: number, fetchId: number, d: DetailUpdate, seenAt: string): void {
    this.db.transaction(() => {
      const sources = JSON.parse((this.q.sources.get(id) as string | undefined) ?? '{}') as FieldSources;
      for (const k of ['indexNo', 'docNo', 'documentDate', 'publisher'] as const) if (d[k]) sources[k] = 'detail';
      this.q.detail.run({ id, fetchId, ...d, metaPublishedAt: d.metaPublishedAt ?? null, flags: JSON.stringify(d.flags), sources: JSON.stringify(sources) });
      this.q.date.run(id, seenAt, fetchId, 'detail', d.publishedAt);
    }).immediate();
  }

  markDetail(id: number, status: 'ok' | 'dead' | 'failed', fetchId: number | null): void {
    this.q.status.run(status, fetchId, id);
  }
}
