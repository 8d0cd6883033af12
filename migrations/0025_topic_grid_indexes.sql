-- The staff grid sorted by any column and filtered by category or channel, within a user's
-- neighborhoods, without a temporary sort over every topic in scope. Each index ends in the
-- column the order needs next (the rowid, i.e. id, the grid's tie-breaker, is implied), so
-- `WHERE neighborhood_id IN (…) [AND status IN (…)] ORDER BY <column>, id LIMIT 25` reads 25
-- entries in order. The status filter is the grid's usual one: the category and channel filters
-- have an index with it and one without (SQLite picks the one that matches more equalities).
CREATE INDEX topics_nbhd ON topics(neighborhood_id);
CREATE INDEX topics_nbhd_status ON topics(neighborhood_id, status);
CREATE INDEX topics_nbhd_title ON topics(neighborhood_id, title);
CREATE INDEX topics_nbhd_updated ON topics(neighborhood_id, updated_at);
CREATE INDEX topics_nbhd_support ON topics(neighborhood_id, support_count);
CREATE INDEX topics_nbhd_category ON topics(neighborhood_id, category_id, created_at);
CREATE INDEX topics_nbhd_channel ON topics(neighborhood_id, channel_id, created_at);
CREATE INDEX topics_nbhd_status_category ON topics(neighborhood_id, status, category_id, created_at);
CREATE INDEX topics_nbhd_status_channel ON topics(neighborhood_id, status, channel_id, created_at);
