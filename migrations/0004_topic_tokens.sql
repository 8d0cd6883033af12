-- Look-alike topics for the needs form ("is it one of these?"), found inside the filing batch.
--
-- A resident's filing is one D1 call: the similar-topic check has to run in SQL, as a guard on
-- the insert, instead of reading candidates out first. So each topic's comparison tokens
-- (domain/similar-topics: CJK bigrams, lone characters, Latin words) are kept, and topic_tokens
-- indexes them by (neighborhood, category, token): the check is one index seek per draft token.
-- They live beside topics, not in it, so that scans of topics (board, search, export) stay lean.

-- One row per tokenized topic, written by the app: JSON [[title tokens], [the rest of the text's
-- tokens]]. A topic without a row (filed before this migration) is tokenized by the cron job
-- (worker/scheduled.ts).
CREATE TABLE topic_token_sets (
  topic_id INTEGER PRIMARY KEY REFERENCES topics(id),
  tokens TEXT NOT NULL
);

-- Derived from topic_token_sets and topics by the triggers below; never written directly.
-- `token` has no declared type on purpose: integer tokens (CJK) and text tokens (words) stay
-- distinct values, as they are in JS. Only topics with a category are compared (the form always
-- has one), so only they have rows here.
CREATE TABLE topic_tokens (
  neighborhood_id INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  token NOT NULL,
  topic_id INTEGER NOT NULL,
  in_title INTEGER NOT NULL,
  PRIMARY KEY (neighborhood_id, category_id, token, topic_id)
) WITHOUT ROWID;
-- Upkeep by topic, and each topic's token counts for the score (covering).
CREATE INDEX topic_tokens_topic ON topic_tokens(topic_id, in_title);

-- Every row topic_tokens should hold, from the token sets and the topics' current neighborhood
-- and category; the triggers copy a topic's rows from here.
CREATE VIEW topic_token_rows AS
  SELECT t.neighborhood_id, t.category_id, j.value AS token, t.id AS topic_id, 1 AS in_title
  FROM topic_token_sets s JOIN topics t ON t.id = s.topic_id, json_each(s.tokens, '$[0]') j
  WHERE t.category_id IS NOT NULL
  UNION ALL
  SELECT t.neighborhood_id, t.category_id, j.value, t.id, 0
  FROM topic_token_sets s JOIN topics t ON t.id = s.topic_id, json_each(s.tokens, '$[1]') j
  WHERE t.category_id IS NOT NULL;

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

-- A topic moved to another category (or neighborhood) is compared there from now on.
CREATE TRIGGER topics_tokens_move AFTER UPDATE OF category_id, neighborhood_id ON topics
BEGIN
  DELETE FROM topic_tokens WHERE topic_id = OLD.id;
  INSERT INTO topic_tokens (neighborhood_id, category_id, token, topic_id, in_title)
    SELECT * FROM topic_token_rows WHERE topic_id = NEW.id;
END;

-- Before the topic goes: its token set (whose own trigger drops its topic_tokens rows).
CREATE TRIGGER topics_tokens_delete BEFORE DELETE ON topics
BEGIN
  DELETE FROM topic_token_sets WHERE topic_id = OLD.id;
END;
