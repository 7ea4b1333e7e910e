-- A finding's review (confirm / exclude, or back to open) carries the assessor's reason, who and when, so that an
-- excluded finding can be shown muted with why it no longer counts. The nightly assess never touches these.
ALTER TABLE findings ADD COLUMN review_reason TEXT;
ALTER TABLE findings ADD COLUMN reviewed_at TEXT;
ALTER TABLE findings ADD COLUMN reviewed_by INTEGER REFERENCES users(id);
CREATE INDEX findings_year_kind ON findings(year, kind);
