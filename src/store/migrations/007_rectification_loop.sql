-- zwgk: foreign_keys off
-- 整改 becomes a loop the unit takes part in: it submits a 整改方案 and then a 整改情况, the office accepts or returns
-- each (rectification_submissions), files come with them as evidence (rectification_attachments). The status
-- CHECK gains the loop's states, so the table is rebuilt. A legacy 'overdue' row becomes 'pending' with
-- overdue_at: being past the deadline is a mark on whatever stage the row is in, not a stage of its own.
CREATE TABLE rectifications_new (
  id           INTEGER PRIMARY KEY,
  finding_id   INTEGER NOT NULL REFERENCES findings(id),
  deadline     TEXT NOT NULL,                    -- 整改期限
  plan_due     TEXT,                             -- 整改方案 due day; NULL for rows issued before the loop existed
  sent_at      TEXT NOT NULL,
  sent_by      INTEGER REFERENCES users(id),
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                 ('pending', 'plan-review', 'plan-returned', 'in-progress', 'report-review', 'report-returned', 'verifying', 'rectified')),
  overdue_at   TEXT,                             -- when a verification first found it past its deadline and not rectified
  verified_at  TEXT,
  note         TEXT
);
INSERT INTO rectifications_new (id, finding_id, deadline, sent_at, sent_by, status, overdue_at, verified_at, note)
  SELECT id, finding_id, deadline, sent_at, sent_by,
         CASE status WHEN 'overdue' THEN 'pending' ELSE status END,
         CASE status WHEN 'overdue' THEN coalesce(verified_at, sent_at) END,
         verified_at, note FROM rectifications;
DROP TABLE rectifications;
ALTER TABLE rectifications_new RENAME TO rectifications;
CREATE INDEX rectifications_finding ON rectifications(finding_id);

CREATE TABLE rectification_submissions (
  id               INTEGER PRIMARY KEY,
  rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
  kind             TEXT NOT NULL CHECK (kind IN ('plan', 'report')),   -- 整改方案 | 整改情况
  body             TEXT NOT NULL,
  submitted_by     INTEGER REFERENCES users(id),
  submitted_at     TEXT NOT NULL,
  outcome          TEXT CHECK (outcome IN ('accepted', 'returned')),   -- NULL while the office has not decided
  decided_by       INTEGER REFERENCES users(id),
  decided_at       TEXT,
  reason           TEXT                                                 -- required for 'returned'
);
CREATE INDEX rectification_submissions_rect ON rectification_submissions(rectification_id);

CREATE TABLE rectification_attachments (
  id            INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES rectification_submissions(id),
  sha256        TEXT NOT NULL,                   -- the file under snapshots/attachments/, content-addressed
  name          TEXT NOT NULL,
  mime          TEXT NOT NULL,
  size          INTEGER NOT NULL
);
CREATE INDEX rectification_attachments_submission ON rectification_attachments(submission_id);

-- 整改 notices share the outbox (exactly once per key) but never join an alert digest.
ALTER TABLE alerts_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'alert' CHECK (kind IN ('alert', 'rectification'));
