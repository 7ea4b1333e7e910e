-- An item's detail page (article, attachment, file) is fetched again only for a reason: its list entry changed, a
-- full run, or an earlier fetch that failed, retried with a backoff over nights rather than every night.
ALTER TABLE items ADD COLUMN list_title TEXT;                                   -- the title as the list last showed it (title may become the detail's); NULL until next seen
ALTER TABLE items ADD COLUMN detail_recheck INTEGER NOT NULL DEFAULT 0;         -- 1: fetch again (conditionally) though the detail is known
ALTER TABLE items ADD COLUMN detail_failures INTEGER NOT NULL DEFAULT 0;        -- failed fetches in a row
ALTER TABLE items ADD COLUMN detail_retry_after TEXT;                           -- ISO instant: no retry before it
