-- One voice per resident (worker/domain/voice.ts): a support counts once per device and, within a
-- window, once per client address; a support code rates only once its phone is verified; ratings
-- say where they came from, and staff enter paper ones.

-- ── supports ──
-- phone_verified_at: when the supporter's phone was verified (NULL until a provider exists).
-- address_key: a hash of the client address the tick came from (NULL when the address is unknown).
-- counted: 0 for a tick the board does not count (the same address within the window).
-- repeats: later ticks from the same browser (cookie), answered with this row's code.
ALTER TABLE supports ADD COLUMN phone_verified_at INTEGER;
ALTER TABLE supports ADD COLUMN address_key TEXT;
ALTER TABLE supports ADD COLUMN counted INTEGER NOT NULL DEFAULT 1 CHECK (counted IN (0, 1));
ALTER TABLE supports ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0;
CREATE INDEX supports_address ON supports(topic_id, address_key, created_at)
  WHERE address_key IS NOT NULL;

-- ── evaluations ──
-- source: 'code' (a filer's tracking code), 'verified' (a supporter with a verified phone),
-- 'paper' (a rating sheet entered by staff, no code), 'support' (made by an unverified support
-- code before this rule: kept, but left out of the figures). SQLite cannot drop the NOT NULL of
-- tracking_code, so the table is rebuilt; nothing references evaluations.
CREATE TABLE evaluations_next (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  tracking_code TEXT,
  source TEXT NOT NULL DEFAULT 'code' CHECK (source IN ('code', 'verified', 'paper', 'support')),
  resolved TEXT NOT NULL CHECK (resolved IN ('solved', 'partly', 'not')),
  satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (project_id, tracking_code),
  CHECK ((source = 'paper') = (tracking_code IS NULL))
);
INSERT INTO evaluations_next (id, project_id, tracking_code, source, resolved, satisfaction,
    comment, created_at)
  SELECT e.id, e.project_id, e.tracking_code,
    CASE WHEN EXISTS (SELECT 1 FROM topics t WHERE t.tracking_code = e.tracking_code)
      THEN 'code' ELSE 'support' END,
    e.resolved, e.satisfaction, e.comment, e.created_at
  FROM evaluations e;
DROP TABLE evaluations;
ALTER TABLE evaluations_next RENAME TO evaluations;
CREATE INDEX evaluations_created ON evaluations(created_at);
