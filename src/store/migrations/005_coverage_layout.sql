-- Coverage and fault (DESIGN §4): every visit records what the column's pages claimed against what was read,
-- whether the read is complete or needs an assessor's look (需核对), and whose fault a failure was.
ALTER TABLE column_visits ADD COLUMN coverage TEXT CHECK (coverage IN ('complete', 'review'));
ALTER TABLE column_visits ADD COLUMN review_reason TEXT;      -- Chinese, for the assessor: why the read is in doubt
ALTER TABLE column_visits ADD COLUMN claims_json TEXT;        -- {"totalRecords":135,"totalPages":9,"perPage":15}
ALTER TABLE column_visits ADD COLUMN fault TEXT CHECK (fault IN ('site', 'auditor'));
ALTER TABLE column_visits ADD COLUMN layout TEXT CHECK (layout IN ('list', 'single'));

-- A column whose URL is itself one article (机构概况, 依申请公开指南): no items, freshness from the page itself.
ALTER TABLE columns ADD COLUMN layout TEXT NOT NULL DEFAULT 'auto' CHECK (layout IN ('auto', 'list', 'single'));
ALTER TABLE columns ADD COLUMN layout_learned TEXT CHECK (layout_learned IN ('list', 'single'));
-- The data endpoint a script-drawn list is filled from, learnt when it answered with the list: read over HTTP
-- instead of the page on later nights, for as long as it keeps answering.
ALTER TABLE columns ADD COLUMN list_source TEXT;

-- Each read of a single-page column: its own date and a hash of its visible text (a change is an update).
CREATE TABLE page_states (
  id            INTEGER PRIMARY KEY,
  column_id     INTEGER NOT NULL REFERENCES columns(id),
  visit_id      INTEGER NOT NULL REFERENCES column_visits(id),
  fetch_id      INTEGER NOT NULL REFERENCES fetches(id),
  seen_at       TEXT NOT NULL,
  title         TEXT,
  published_at  TEXT,                    -- the page's own 发布/更新日期, when it shows one
  text_sha256   TEXT NOT NULL,           -- of the page's main text, whitespace collapsed
  text_chars    INTEGER NOT NULL         -- 0: the page is blank
);
CREATE INDEX page_states_column ON page_states(column_id, seen_at);

-- Where each of an item's fields was read: {"documentDate":"row","indexNo":"detail",…} (信息公开目录 rows).
ALTER TABLE items ADD COLUMN sources_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE items ADD COLUMN is_file INTEGER NOT NULL DEFAULT 0;
-- The meta PubDate when it disagrees with the 发布日期 the page shows (many CMSes rewrite it on every rebuild).
ALTER TABLE items ADD COLUMN meta_published_at TEXT;
