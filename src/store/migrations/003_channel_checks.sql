-- 公开形式-2: each night's check of a unit's other carriers (微信公众号, 移动客户端…) named in the plan.
CREATE TABLE channel_checks (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES crawl_runs(id),
  unit_id     TEXT NOT NULL REFERENCES units(id),
  name        TEXT NOT NULL,
  url         TEXT NOT NULL,
  checked_at  TEXT NOT NULL,
  reachable   INTEGER NOT NULL CHECK (reachable IN (0, 1)),
  status      INTEGER,
  error       TEXT,
  fetch_id    INTEGER REFERENCES fetches(id)
);
CREATE INDEX channel_checks_unit ON channel_checks(unit_id, url, checked_at);
