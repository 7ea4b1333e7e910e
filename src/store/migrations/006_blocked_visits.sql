-- zwgk: foreign_keys off
-- A column that refuses the assessor (robots.txt, a login wall, HTTP 403 while the same site answers its other
-- columns) is a visit outcome of its own, 'blocked', with what refused it. SQLite cannot change a CHECK in place:
-- the table is rebuilt (foreign keys off meanwhile; migrate() checks them before committing).
CREATE TABLE column_visits_new (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES crawl_runs(id),
  column_id     INTEGER NOT NULL REFERENCES columns(id),
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  outcome       TEXT CHECK (outcome IN ('ok', 'blank', 'unreachable', 'challenge', 'parse-failed', 'blocked')),
  fetcher       TEXT CHECK (fetcher IN ('http', 'browser')),
  pages         INTEGER NOT NULL DEFAULT 0,
  items_found   INTEGER NOT NULL DEFAULT 0,
  items_new     INTEGER NOT NULL DEFAULT 0,
  requests      INTEGER NOT NULL DEFAULT 0,
  complete      INTEGER NOT NULL DEFAULT 0,  -- 1 when every list page back to the stop point was read
  covered_from  TEXT,                        -- oldest list date on the pages read: back-dating needs to know a visit reached a date
  error         TEXT,
  coverage      TEXT CHECK (coverage IN ('complete', 'review')),
  review_reason TEXT,                        -- Chinese, for the assessor: why the read is in doubt
  claims_json   TEXT,                        -- {"totalRecords":135,"totalPages":9,"perPage":15}
  fault         TEXT CHECK (fault IN ('site', 'auditor')),  -- 'blocked' with NULL: not yet known whether the whole site refused us
  layout        TEXT CHECK (layout IN ('list', 'single')),
  blocked_by    TEXT CHECK (blocked_by IN ('robots', 'login', 'forbidden')),
  UNIQUE (run_id, column_id)
);
INSERT INTO column_visits_new (id, run_id, column_id, started_at, finished_at, outcome, fetcher, pages, items_found, items_new, requests,
    complete, covered_from, error, coverage, review_reason, claims_json, fault, layout)
  SELECT id, run_id, column_id, started_at, finished_at, outcome, fetcher, pages, items_found, items_new, requests,
    complete, covered_from, error, coverage, review_reason, claims_json, fault, layout FROM column_visits;
DROP TABLE column_visits;
ALTER TABLE column_visits_new RENAME TO column_visits;
CREATE INDEX column_visits_column ON column_visits(column_id, started_at);
