-- 0004_topic_tokens.sql was edited after it had landed (3cf5ffb, then fd18239 and 11a0150), and
-- D1 applies a migration once, by name: a database that applied an earlier version never got the
-- later ones. This brings a database that applied any of the three versions (and 0005) to the
-- schema and rows the current 0001..0005 make on a fresh database; on such a fresh database it
-- rebuilds the same things in place and changes nothing.
--
--   3cf5ffb  tokens in a topics.tokens column (and index topics_untokenized), no topic_token_sets;
--            topic_tokens_topic on (topic_id) only; triggers topic_tokens_insert/_update/_delete
--            on topics.
--   fd18239  topic_token_sets beside topics; the current tables and index, triggers without the
--            topic_token_rows view.
--   11a0150  the current 0004.
--
-- 0005 only adds an index on columns topics has had since 0001, so it applied the same on top of
-- every version; it is recreated below because rebuilding topics drops it.
--
-- Applied migrations are history: never edit this file once it has landed (migrations/lock.json
-- and tests/migrations-history.test.ts hold that); add a new migration instead.

-- topics is rebuilt below (its dropped rows still have children until the copy is back).
PRAGMA defer_foreign_keys = on;

-- Everything 0004 made besides the two tables, under each version's names; recreated at the end.
DROP TRIGGER IF EXISTS topic_tokens_insert;
DROP TRIGGER IF EXISTS topic_tokens_update;
DROP TRIGGER IF EXISTS topic_tokens_delete;
DROP TRIGGER IF EXISTS topic_token_sets_insert;
DROP TRIGGER IF EXISTS topic_token_sets_update;
DROP TRIGGER IF EXISTS topic_token_sets_delete;
DROP TRIGGER IF EXISTS topics_tokens_move;
DROP TRIGGER IF EXISTS topics_tokens_delete;
DROP VIEW IF EXISTS topic_token_rows;
DROP INDEX IF EXISTS topics_untokenized;
DROP INDEX IF EXISTS topic_tokens_topic;

CREATE TABLE IF NOT EXISTS topic_token_sets (
  topic_id INTEGER PRIMARY KEY REFERENCES topics(id),
  tokens TEXT NOT NULL
);

-- The same in every version of 0004.
CREATE TABLE IF NOT EXISTS topic_tokens (
  neighborhood_id INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  token NOT NULL,
  topic_id INTEGER NOT NULL,
  in_title INTEGER NOT NULL,
  PRIMARY KEY (neighborhood_id, category_id, token, topic_id)
) WITHOUT ROWID;

-- 3cf5ffb kept a topic's token set in topics.tokens (the same JSON); it moves to topic_token_sets.
-- SQL cannot ask whether a column exists, so scoping does: inside the subquery `tokens` is
-- topics.tokens where that column exists, and otherwise the outer `o.tokens`, which is NULL, so
-- nothing is copied. Topics whose tokens were NULL get no set and are tokenized by the cron job.
INSERT INTO topic_token_sets (topic_id, tokens)
  SELECT topic_id, carried FROM (
    SELECT o.topic_id, (SELECT tokens FROM topics WHERE id = o.topic_id) AS carried
    FROM (SELECT id AS topic_id, NULL AS tokens FROM topics) o
  )
  WHERE carried IS NOT NULL
  ON CONFLICT (topic_id) DO NOTHING;

-- topics as 0001 made it: without 3cf5ffb's tokens column (SQL has no DROP COLUMN IF EXISTS).
-- Copied out and back, so that the table is created under its own name with 0001's definition.
-- No foreign key to topics has an ON DELETE action, so dropping it touches no other table.
CREATE TABLE topics_0006_copy AS
  SELECT id, neighborhood_id, grid_id, category_id, channel_id, title, description, location,
    status, tracking_code, submitter_name, submitter_phone, consent_at, public_reply, referred_to,
    merged_into_id, project_id, support_count, created_by, created_at, updated_at, accepted_at,
    adopted_at, done_at
  FROM topics;
DROP TABLE topics;
CREATE TABLE topics (
  id INTEGER PRIMARY KEY,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  grid_id INTEGER REFERENCES grids(id),
  category_id INTEGER REFERENCES categories(id),
  channel_id INTEGER REFERENCES channels(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  location TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN
    ('submitted', 'accepted', 'adopted', 'in_progress', 'done', 'merged', 'declined', 'referred')),
  tracking_code TEXT NOT NULL UNIQUE,
  submitter_name TEXT,
  submitter_phone TEXT,
  consent_at INTEGER,
  public_reply TEXT,
  referred_to TEXT,
  merged_into_id INTEGER REFERENCES topics(id),
  project_id INTEGER REFERENCES projects(id),
  support_count INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  accepted_at INTEGER,
  adopted_at INTEGER,
  done_at INTEGER
);
INSERT INTO topics (id, neighborhood_id, grid_id, category_id, channel_id, title, description,
    location, status, tracking_code, submitter_name, submitter_phone, consent_at, public_reply,
    referred_to, merged_into_id, project_id, support_count, created_by, created_at, updated_at,
    accepted_at, adopted_at, done_at)
  SELECT id, neighborhood_id, grid_id, category_id, channel_id, title, description, location,
    status, tracking_code, submitter_name, submitter_phone, consent_at, public_reply, referred_to,
    merged_into_id, project_id, support_count, created_by, created_at, updated_at, accepted_at,
    adopted_at, done_at
  FROM topics_0006_copy ORDER BY id;
DROP TABLE topics_0006_copy;

-- topics' indexes, as 0001 and 0005 made them.
CREATE INDEX topics_nbhd_status_created ON topics(neighborhood_id, status, created_at);
CREATE INDEX topics_nbhd_created ON topics(neighborhood_id, created_at);
CREATE INDEX topics_status_created ON topics(status, created_at);
CREATE INDEX topics_created ON topics(created_at);
CREATE INDEX topics_category ON topics(category_id);
CREATE INDEX topics_channel ON topics(channel_id);
CREATE INDEX topics_project ON topics(project_id);
CREATE INDEX topics_board ON topics(neighborhood_id, support_count, created_at, status);

-- From here on as the current 0004 (11a0150) has it.
CREATE VIEW topic_token_rows AS
  SELECT t.neighborhood_id, t.category_id, j.value AS token, t.id AS topic_id, 1 AS in_title
  FROM topic_token_sets s JOIN topics t ON t.id = s.topic_id, json_each(s.tokens, '$[0]') j
  WHERE t.category_id IS NOT NULL
  UNION ALL
  SELECT t.neighborhood_id, t.category_id, j.value, t.id, 0
  FROM topic_token_sets s JOIN topics t ON t.id = s.topic_id, json_each(s.tokens, '$[1]') j
  WHERE t.category_id IS NOT NULL;

-- topic_tokens derived afresh from the token sets (3cf5ffb's rows came from topics.tokens).
DELETE FROM topic_tokens;
INSERT INTO topic_tokens (neighborhood_id, category_id, token, topic_id, in_title)
  SELECT neighborhood_id, category_id, token, topic_id, in_title FROM topic_token_rows;
CREATE INDEX topic_tokens_topic ON topic_tokens(topic_id, in_title);

CREATE TRIGGER topic_token_sets_insert AFTER INSERT ON topic_token_sets
BEGIN
  INSERT INTO topic_tokens (neighborhood_id, category_id, token, topic_id, in_title)
    SELECT * FROM topic_token_rows WHERE topic_id = NEW.topic_id;
END;

CREATE TRIGGER topic_token_sets_update AFTER UPDATE OF tokens ON topic_token_sets
BEGIN
  DELETE FROM topic_tokens WHERE topic_id = OLD.topic_id;
  INSERT INTO topic_tokens (neighborhood_id, category_id, token, topic_id, in_title)
    SELECT * FROM topic_token_rows WHERE topic_id = NEW.topic_id;
END;

CREATE TRIGGER topic_token_sets_delete AFTER DELETE ON topic_token_sets
BEGIN
  DELETE FROM topic_tokens WHERE topic_id = OLD.topic_id;
END;

CREATE TRIGGER topics_tokens_move AFTER UPDATE OF category_id, neighborhood_id ON topics
BEGIN
  DELETE FROM topic_tokens WHERE topic_id = OLD.id;
  INSERT INTO topic_tokens (neighborhood_id, category_id, token, topic_id, in_title)
    SELECT * FROM topic_token_rows WHERE topic_id = NEW.id;
END;

CREATE TRIGGER topics_tokens_delete BEFORE DELETE ON topics
BEGIN
  DELETE FROM topic_token_sets WHERE topic_id = OLD.id;
END;

PRAGMA defer_foreign_keys = off;
