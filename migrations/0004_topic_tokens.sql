-- Look-alike topics for the needs form ("is it one of these?"), found inside the filing batch.
--
-- A resident's filing is one D1 call: the similar-topic check has to run in SQL, as a guard on
-- the insert, instead of reading candidates out first. So each topic keeps its comparison
-- tokens (domain/similar-topics: CJK bigrams, lone characters, Latin words), and topic_tokens
-- indexes them by (neighborhood, category, token): the check is one indexed join per draft token.

-- JSON [[title tokens], [the rest of the text's tokens]]; NULL until tokenized (topics filed
-- before this migration are tokenized by the scheduled job, db/queries/similar-topics.ts).
-- Written only by the app; never selected into API records.
ALTER TABLE topics ADD COLUMN tokens TEXT;

-- Derived from topics.tokens by the triggers below; never written directly.
-- `token` has no declared type on purpose: integer tokens (CJK) and text tokens (words) stay
-- distinct values, as they are in JS.
CREATE TABLE topic_tokens (
  neighborhood_id INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  token NOT NULL,
  topic_id INTEGER NOT NULL,
  in_title INTEGER NOT NULL,
  PRIMARY KEY (neighborhood_id, category_id, token, topic_id)
) WITHOUT ROWID;
CREATE INDEX topic_tokens_topic ON topic_tokens(topic_id);

-- Only topics with a category are compared (the form always has one).
CREATE TRIGGER topic_tokens_insert AFTER INSERT ON topics
WHEN NEW.tokens IS NOT NULL AND NEW.category_id IS NOT NULL
BEGIN
  INSERT INTO topic_tokens (neighborhood_id, category_id, token, topic_id, in_title)
    SELECT NEW.neighborhood_id, NEW.category_id, value, NEW.id, 1 FROM json_each(NEW.tokens, '$[0]')
    UNION ALL
    SELECT NEW.neighborhood_id, NEW.category_id, value, NEW.id, 0 FROM json_each(NEW.tokens, '$[1]');
END;

CREATE TRIGGER topic_tokens_update AFTER UPDATE OF tokens, category_id, neighborhood_id ON topics
BEGIN
  DELETE FROM topic_tokens WHERE topic_id = OLD.id;
  INSERT INTO topic_tokens (neighborhood_id, category_id, token, topic_id, in_title)
    SELECT NEW.neighborhood_id, NEW.category_id, value, NEW.id, 1 FROM json_each(NEW.tokens, '$[0]')
    WHERE NEW.tokens IS NOT NULL AND NEW.category_id IS NOT NULL
    UNION ALL
    SELECT NEW.neighborhood_id, NEW.category_id, value, NEW.id, 0 FROM json_each(NEW.tokens, '$[1]')
    WHERE NEW.tokens IS NOT NULL AND NEW.category_id IS NOT NULL;
END;

CREATE TRIGGER topic_tokens_delete AFTER DELETE ON topics
BEGIN
  DELETE FROM topic_tokens WHERE topic_id = OLD.id;
END;

-- The scheduled job finds untokenized topics without a scan.
CREATE INDEX topics_untokenized ON topics(id) WHERE tokens IS NULL;
