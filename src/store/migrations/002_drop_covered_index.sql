-- items_column_pub_dates (column_id, published_at, pinned, document_date) serves every query this index
-- served, and each index is one more page a crawl rewrites for every detail page it records.
DROP INDEX IF EXISTS items_column_published;
