-- The public board lists a neighborhood's open topics by support, then newest
-- (db/queries/resident.ts, boardData). Walking this index in that order stops after the 25 it
-- shows (status checked from the index), instead of reading and sorting every open topic of the
-- neighborhood, which grows with every filing.
CREATE INDEX topics_board ON topics(neighborhood_id, support_count, created_at, status);
