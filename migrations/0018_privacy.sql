-- Personal information kept only as long as promised (issue #17; docs/privacy.md lists every
-- personal column, its purpose, retention and masking). Times are epoch milliseconds.

-- ── retention ──
-- purged_at: when the scheduled job (worker/scheduled.ts → db/queries/privacy/retention.ts) or a
-- deletion request blanked the row's personal data. The row itself stays, so counts and
-- statistics stay correct.
ALTER TABLE topics ADD COLUMN purged_at INTEGER;
ALTER TABLE registrations ADD COLUMN purged_at INTEGER;
ALTER TABLE form_responses ADD COLUMN purged_at INTEGER;
ALTER TABLE meeting_attendees ADD COLUMN purged_at INTEGER;
ALTER TABLE volunteers ADD COLUMN purged_at INTEGER;
-- A form's responses are kept this many days after the form closes (or after the response, when
-- the form has no closing time); NULL: the deployment's default (RETENTION_FORM_DAYS).
ALTER TABLE forms ADD COLUMN retention_days INTEGER
  CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 3650);

-- ── children (PIPL Art. 28, 31) ──
-- An activity or form for children: a guardian registers (registrations.name / phone are the
-- guardian's), the child's fields are limited, a guardian consent is required (consents, purpose
-- 'guardian'), the child's data is masked for everyone but the activity's staff and purged on
-- the shorter schedule (RETENTION_CHILD_DAYS).
ALTER TABLE activities ADD COLUMN for_children INTEGER NOT NULL DEFAULT 0
  CHECK (for_children IN (0, 1));
ALTER TABLE forms ADD COLUMN for_children INTEGER NOT NULL DEFAULT 0
  CHECK (for_children IN (0, 1));
-- guardian_relation: the registering guardian's relationship to the child (父亲, 母亲, …).
ALTER TABLE registrations ADD COLUMN guardian_relation TEXT;
ALTER TABLE registrations ADD COLUMN child_name TEXT;
-- child_age: an age or a school year, as the guardian wrote it (e.g. 8岁, 三年级).
ALTER TABLE registrations ADD COLUMN child_age TEXT;

-- ── purge log: what the job (or a request) erased, how many rows, when ──
CREATE TABLE purge_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  count INTEGER NOT NULL,
  request_id INTEGER REFERENCES privacy_requests(id)
);
CREATE INDEX purge_log_at ON purge_log(at);

-- ── requests for a copy or for deletion (PIPL Art. 44–47) ──
-- phone: the verified phone the request is about; blanked once a deletion is done (phone_hint,
-- the masked form, stays for the log). verified_via: 'code' (one-time code on /me) or
-- 'committee' (staff checked the person at the committee and entered the request).
-- due_at: 15 working days after received_at (domain/privacy/working-days.ts).
-- result: JSON, per table how many rows the deletion anonymised.
CREATE TABLE privacy_requests (
  id INTEGER PRIMARY KEY,
  town_id INTEGER REFERENCES towns(id),
  phone TEXT,
  phone_hint TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('copy', 'deletion')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'refused')),
  verified_via TEXT NOT NULL CHECK (verified_via IN ('code', 'committee')),
  received_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  handled_by INTEGER REFERENCES users(id),
  done_at INTEGER,
  result TEXT
);
CREATE INDEX privacy_requests_open ON privacy_requests(status, due_at);
CREATE INDEX privacy_requests_phone ON privacy_requests(phone) WHERE phone IS NOT NULL;
