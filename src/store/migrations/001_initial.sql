-- Initial schema. Times are ISO-8601 strings with offset (UTC 'Z' or +08:00); calendar dates are 'YYYY-MM-DD'.

-- The annual plan and what it assesses ------------------------------------------------------------
CREATE TABLE plans (
  id            INTEGER PRIMARY KEY,
  year          INTEGER NOT NULL,
  period_from   TEXT NOT NULL,
  period_to     TEXT NOT NULL,
  source_path   TEXT NOT NULL,
  content_hash  TEXT NOT NULL UNIQUE,       -- loading the same plan twice adds nothing
  crawl_json    TEXT NOT NULL DEFAULT '{}', -- the plan's crawl: section
  loaded_at     TEXT NOT NULL
);

CREATE TABLE units (
  id            TEXT PRIMARY KEY,           -- the plan's stable slug
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('镇街', '区直部门')),
  contacts_json TEXT NOT NULL DEFAULT '[]',
  channels_json TEXT NOT NULL DEFAULT '[]', -- other disclosure channels (公开形式-2 evidence)
  active        INTEGER NOT NULL DEFAULT 1, -- 0 once a plan no longer lists it; history is kept
  updated_at    TEXT NOT NULL
);

CREATE TABLE columns (
  id             INTEGER PRIMARY KEY,
  unit_id        TEXT NOT NULL REFERENCES units(id),
  stable_key     TEXT NOT NULL UNIQUE,      -- unit id + column key; survives renames and moves
  name           TEXT NOT NULL,
  url            TEXT NOT NULL,
  class          TEXT NOT NULL,
  class_source   TEXT NOT NULL CHECK (class_source IN ('plan', 'guessed')),
  render         TEXT NOT NULL DEFAULT 'auto' CHECK (render IN ('auto', 'static', 'browser')),
  render_learned TEXT CHECK (render_learned IN ('static', 'browser')), -- what escalation chose for 'auto'
  selectors_json TEXT,
  active         INTEGER NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX columns_unit ON columns(unit_id);

CREATE TABLE column_changes (                -- renames, moves and class changes, for the record
  id         INTEGER PRIMARY KEY,
  column_id  INTEGER NOT NULL REFERENCES columns(id),
  at         TEXT NOT NULL,
  field      TEXT NOT NULL,
  old_value  TEXT,
  new_value  TEXT
);

-- Crawling and evidence -----------------------------------------------------------------------------
CREATE TABLE crawl_runs (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER REFERENCES plans(id),
  kind         TEXT NOT NULL DEFAULT 'nightly' CHECK (kind IN ('nightly', 'full')),
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
  pid          INTEGER,
  stats_json   TEXT NOT NULL DEFAULT '{}'
);

-- The evidence index: one row per HTTP exchange or browser capture. Rows form a hash chain
-- (record_hash = sha256(prev_hash + canonical row)), so any later edit is detectable.
CREATE TABLE fetches (
  id                INTEGER PRIMARY KEY,
  run_id            INTEGER REFERENCES crawl_runs(id),
  url               TEXT NOT NULL,
  final_url         TEXT NOT NULL,
  method            TEXT NOT NULL DEFAULT 'GET',
  status            INTEGER,                 -- NULL when no response (network error)
  headers_json      TEXT NOT NULL DEFAULT '{}',
  request_headers_json TEXT NOT NULL DEFAULT '{}',
  fetched_at        TEXT NOT NULL,
  fetcher           TEXT NOT NULL CHECK (fetcher IN ('http', 'browser')),
  outcome           TEXT NOT NULL DEFAULT 'ok', -- FetchResult outcome: ok | not-modified | challenge | http-error | ...
  redirects_json    TEXT NOT NULL DEFAULT '[]', -- URLs that answered with a redirect before final_url
  body_sha256       TEXT,                    -- snapshots/<aa>/<sha>.gz
  screenshot_sha256 TEXT,
  content_type      TEXT,
  charset           TEXT,
  body_bytes        INTEGER,
  duration_ms       INTEGER,
  error             TEXT,
  prev_hash         TEXT NOT NULL,
  record_hash       TEXT NOT NULL UNIQUE,
  -- Set when snapshot retention deleted this row's snapshot files. Outside the hashed record on purpose:
  -- the row stays in the chain, and verify reports "pruned" instead of "missing".
  pruned_at         TEXT
);
CREATE INDEX fetches_url ON fetches(url);
CREATE INDEX fetches_run ON fetches(run_id);

CREATE TABLE column_visits (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES crawl_runs(id),
  column_id     INTEGER NOT NULL REFERENCES columns(id),
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  outcome       TEXT CHECK (outcome IN ('ok', 'blank', 'unreachable', 'challenge', 'parse-failed')),
  fetcher       TEXT CHECK (fetcher IN ('http', 'browser')),
  pages         INTEGER NOT NULL DEFAULT 0,
  items_found   INTEGER NOT NULL DEFAULT 0,
  items_new     INTEGER NOT NULL DEFAULT 0,
  requests      INTEGER NOT NULL DEFAULT 0,
  complete      INTEGER NOT NULL DEFAULT 0,  -- 1 when every list page back to the stop point was read
  covered_from  TEXT,                        -- oldest list date on the pages read: back-dating needs to know a visit reached a date
  error         TEXT,
  UNIQUE (run_id, column_id)
);
CREATE INDEX column_visits_column ON column_visits(column_id, started_at);

CREATE TABLE host_cookies (                  -- cookies the browser earned per host (a JS challenge's clearance)
  host        TEXT PRIMARY KEY,
  state_json  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE visit_fetches (                 -- which list pages a visit read
  visit_id  INTEGER NOT NULL REFERENCES column_visits(id),
  fetch_id  INTEGER NOT NULL REFERENCES fetches(id),
  page_no   INTEGER NOT NULL,
  PRIMARY KEY (visit_id, fetch_id)
);
CREATE INDEX visit_fetches_fetch ON visit_fetches(fetch_id);

CREATE TABLE items (
  id                  INTEGER PRIMARY KEY,
  column_id           INTEGER NOT NULL REFERENCES columns(id),
  url                 TEXT NOT NULL,
  url_key             TEXT NOT NULL,           -- normalised URL, the identity within a column
  title               TEXT NOT NULL,
  list_date           TEXT,                    -- date shown on the list page
  published_at        TEXT,                    -- best 发布日期 (detail beats list)
  published_source    TEXT,                    -- meta | table | label | list
  document_date       TEXT,                    -- 成文日期
  index_no            TEXT,
  doc_no              TEXT,
  publisher           TEXT,
  pinned              INTEGER NOT NULL DEFAULT 0,
  detail_status       TEXT NOT NULL DEFAULT 'pending' CHECK (detail_status IN ('pending', 'ok', 'dead', 'failed', 'skipped')),
  detail_fetch_id     INTEGER REFERENCES fetches(id),
  first_seen_at       TEXT NOT NULL,
  first_seen_run      INTEGER REFERENCES crawl_runs(id),
  first_seen_fetch_id INTEGER REFERENCES fetches(id),
  last_seen_at        TEXT NOT NULL,
  last_seen_fetch_id  INTEGER REFERENCES fetches(id),
  flags_json          TEXT NOT NULL DEFAULT '[]',
  UNIQUE (column_id, url_key)
);
CREATE INDEX items_column_published ON items(column_id, published_at);
-- Index-only reads for the dashboard's timelines and latency histograms over a large store.
CREATE INDEX items_column_pub_dates ON items(column_id, published_at, pinned, document_date);
-- The dashboard resolves a snapshot to its unit (access policy) through these three.
CREATE INDEX items_detail_fetch ON items(detail_fetch_id);
CREATE INDEX items_first_seen_fetch ON items(first_seen_fetch_id);

CREATE TABLE item_dates (                    -- every claimed date seen for an item (re-dating evidence)
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES items(id),
  seen_at     TEXT NOT NULL,
  fetch_id    INTEGER REFERENCES fetches(id),
  source      TEXT NOT NULL,                   -- list | detail
  claimed     TEXT                             -- NULL when no date could be read
);
CREATE INDEX item_dates_item ON item_dates(item_id);

-- Assessment ----------------------------------------------------------------------------------------
CREATE TABLE findings (
  id                INTEGER PRIMARY KEY,
  identity          TEXT NOT NULL UNIQUE,        -- stable across nights (kind + subject + episode)
  kind              TEXT NOT NULL,
  unit_id           TEXT NOT NULL REFERENCES units(id),
  column_id         INTEGER REFERENCES columns(id),
  item_id           INTEGER REFERENCES items(id),
  year              INTEGER NOT NULL,
  detail_json       TEXT NOT NULL DEFAULT '{}',
  evidence_json     TEXT NOT NULL DEFAULT '[]',  -- fetch ids
  first_detected_at TEXT NOT NULL,
  last_detected_at  TEXT NOT NULL,
  active            INTEGER NOT NULL DEFAULT 1,  -- 0 when the latest assess no longer finds it
  review            TEXT NOT NULL DEFAULT 'open' CHECK (review IN ('open', 'confirmed', 'dismissed')),
  rules_version     TEXT NOT NULL
);
CREATE INDEX findings_unit ON findings(unit_id, year);

CREATE TABLE rectifications (                   -- 整改: a finding sent to its unit with a deadline
  id           INTEGER PRIMARY KEY,
  finding_id   INTEGER NOT NULL REFERENCES findings(id),
  deadline     TEXT NOT NULL,
  sent_at      TEXT NOT NULL,
  sent_by      INTEGER REFERENCES users(id),
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rectified', 'overdue')),
  verified_at  TEXT,
  note         TEXT
);

CREATE TABLE score_suggestions (
  id            INTEGER PRIMARY KEY,
  unit_id       TEXT NOT NULL REFERENCES units(id),
  year          INTEGER NOT NULL,
  code          TEXT NOT NULL,
  suggested     REAL,                            -- NULL: manual item
  basis         TEXT NOT NULL,
  evidence_json TEXT NOT NULL DEFAULT '[]',
  rules_version TEXT NOT NULL,
  as_of         TEXT NOT NULL,
  computed_at   TEXT NOT NULL,
  UNIQUE (unit_id, year, code)
);

-- Append-only audit log of assessor decisions: confirm, override, manual entry, verdict, finalize, unlock.
CREATE TABLE score_decisions (
  id          INTEGER PRIMARY KEY,
  unit_id     TEXT NOT NULL REFERENCES units(id),
  year        INTEGER NOT NULL,
  code        TEXT,                              -- rubric item; NULL for sheet-level acts
  action      TEXT NOT NULL CHECK (action IN ('confirm', 'override', 'manual', 'verdict', 'finalize', 'unlock')),
  value       REAL,
  verdict     TEXT,                              -- for action 'verdict': '弄虚作假' | '无'
  reason      TEXT,
  user_id     INTEGER REFERENCES users(id),
  at          TEXT NOT NULL
);
CREATE INDEX score_decisions_unit ON score_decisions(unit_id, year);
CREATE TRIGGER score_decisions_no_update BEFORE UPDATE ON score_decisions
BEGIN SELECT RAISE(ABORT, 'score_decisions is append-only'); END;
CREATE TRIGGER score_decisions_no_delete BEFORE DELETE ON score_decisions
BEGIN SELECT RAISE(ABORT, 'score_decisions is append-only'); END;

CREATE TABLE register_entries (                  -- 依申请公开 application register (公开时限-2)
  id           INTEGER PRIMARY KEY,
  unit_id      TEXT NOT NULL REFERENCES units(id),
  app_no       TEXT NOT NULL,
  received_on  TEXT NOT NULL,
  replied_on   TEXT,
  extended     INTEGER NOT NULL DEFAULT 0,
  source_file  TEXT NOT NULL,
  imported_at  TEXT NOT NULL,
  UNIQUE (unit_id, app_no)
);

-- Early warnings ------------------------------------------------------------------------------------
CREATE TABLE alert_state (                       -- the decision table's memory, per column
  column_id        INTEGER PRIMARY KEY REFERENCES columns(id),
  level            TEXT NOT NULL,                 -- ok | warning | overdue | blank
  episode          TEXT,                          -- identifies the stale stretch being warned about
  since_day        TEXT NOT NULL,
  last_notified_day TEXT
);

CREATE TABLE alerts_outbox (
  id              INTEGER PRIMARY KEY,
  idem_key        TEXT NOT NULL UNIQUE,           -- the digest: unit + day (+ '#n' for a later digest that day)
  unit_id         TEXT NOT NULL REFERENCES units(id),
  day             TEXT NOT NULL,
  to_json         TEXT NOT NULL,
  cc_json         TEXT NOT NULL DEFAULT '[]',
  subject         TEXT NOT NULL,
  text_body       TEXT NOT NULL,
  html_body       TEXT NOT NULL,
  lines_json      TEXT NOT NULL DEFAULT '[]',
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  message_id      TEXT,
  claimed_by      TEXT,                           -- host:pid of the sender while 'sending' (crash recovery)
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX alerts_outbox_status ON alerts_outbox(status, next_attempt_at);

CREATE TABLE alerts_outbox_lines (                -- one row per alert line: a line key is enqueued at most once
  idem_key   TEXT PRIMARY KEY,                    -- unit, column, episode, level, day
  outbox_id  INTEGER NOT NULL REFERENCES alerts_outbox(id),
  unit_id    TEXT NOT NULL,
  column_id  INTEGER,
  kind       TEXT NOT NULL,
  day        TEXT NOT NULL
);
CREATE INDEX alerts_outbox_lines_outbox ON alerts_outbox_lines(outbox_id);

-- People --------------------------------------------------------------------------------------------
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'assessor', 'unit')),
  unit_id       TEXT REFERENCES units(id),
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  CHECK ((role = 'unit') = (unit_id IS NOT NULL))
);

CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,                   -- sha256 of the cookie token; the token itself is never stored
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);

CREATE TABLE audit_log (                         -- admin acts outside the score sheet (unlock, users)
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  user_id   INTEGER REFERENCES users(id),
  action    TEXT NOT NULL,
  target    TEXT,
  detail    TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Scheduler ------------------------------------------------------------------------------------------
CREATE TABLE job_runs (
  id          INTEGER PRIMARY KEY,
  job         TEXT NOT NULL,
  trigger     TEXT NOT NULL DEFAULT 'schedule',  -- schedule | cli | manual
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'failed', 'skipped')),
  detail      TEXT,
  steps_json  TEXT NOT NULL DEFAULT '[]',        -- [{ name, label, status, detail, startedAt, finishedAt }]
  pid         INTEGER,
  host        TEXT
);
CREATE INDEX job_runs_job ON job_runs(job, started_at);

-- At most one job at a time across every process on this DB (serve's scheduler, cron-run CLI commands).
-- A holder that died (pid gone on this host) or stopped heartbeating (expires_at passed) is taken over.
CREATE TABLE job_lock (
  name         TEXT PRIMARY KEY,                 -- 'jobs': the single global lock
  token        TEXT NOT NULL,                    -- random per acquisition; release and heartbeat match it
  job          TEXT NOT NULL,
  run_id       INTEGER REFERENCES job_runs(id),
  pid          INTEGER NOT NULL,
  host         TEXT NOT NULL,
  acquired_at  TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
