-- Meetings (议事会): residents deliberate on an agenda of topics; staff record who came and, per
-- agenda item, the show of hands (赞成 / 反对 / 弃权 out of 到会) and the decision taken
-- (立项 / 暂缓 / 转办 / 不予采纳). worker/domain/meetings holds the rules; the CHECKs below repeat
-- the ones a row must never break, whatever writes it.

CREATE TABLE meetings (
  id INTEGER PRIMARY KEY,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  -- A 楼组 meeting names its grid; a neighborhood meeting has none.
  grid_id INTEGER REFERENCES grids(id),
  kind TEXT NOT NULL CHECK (kind IN ('council', 'grid', 'hearing', 'review')),
  title TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER,
  place TEXT NOT NULL DEFAULT '',
  host TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  -- What the door QR opens: /m/<code> (the channel-code alphabet, no look-alikes).
  code TEXT NOT NULL UNIQUE,
  -- Heads counted by staff at the door (or from a paper sheet); NULL when nobody counted.
  headcount INTEGER CHECK (headcount IS NULL OR headcount >= 0),
  -- The public minutes (纪要): a short text; the tallies are the items' own.
  minutes TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX meetings_nbhd_starts ON meetings(neighborhood_id, starts_at);
CREATE INDEX meetings_starts ON meetings(starts_at);

-- One agenda item per topic and meeting (a topic may be on several meetings), with its tally and
-- decision. A decision needs the whole tally; 立项 names its project, 转办 whom it went to.
CREATE TABLE meeting_items (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  topic_id INTEGER NOT NULL REFERENCES topics(id),
  sort_order INTEGER NOT NULL DEFAULT 0,
  present INTEGER CHECK (present IS NULL OR present >= 0),
  in_favour INTEGER CHECK (in_favour IS NULL OR in_favour >= 0),
  against INTEGER CHECK (against IS NULL OR against >= 0),
  abstain INTEGER CHECK (abstain IS NULL OR abstain >= 0),
  decision TEXT CHECK (decision IS NULL OR decision IN ('adopt', 'defer', 'refer', 'decline')),
  project_id INTEGER REFERENCES projects(id),
  referred_to TEXT,
  -- The public words with the decision: the reason of 不予采纳, a note on the others.
  note TEXT,
  -- Staff confirmed a 立项 that fewer than half of those present voted for.
  confirmed_low_support INTEGER NOT NULL DEFAULT 0,
  decided_at INTEGER,
  decided_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL,
  UNIQUE (meeting_id, topic_id),
  CHECK (in_favour + against + abstain <= present),
  CHECK (decision IS NULL OR (present IS NOT NULL AND in_favour IS NOT NULL
    AND against IS NOT NULL AND abstain IS NOT NULL AND decided_at IS NOT NULL)),
  CHECK (decision IS NOT 'adopt' OR project_id IS NOT NULL),
  CHECK (decision IS NOT 'refer' OR referred_to IS NOT NULL)
);
CREATE INDEX meeting_items_topic ON meeting_items(topic_id);

-- Sign-ins at the door: a resident scanning the meeting's QR (name and phone optional, and only
-- with consent; a bare tap still counts) or staff typing a paper sheet in. One per phone and
-- meeting; `client_key` is the form's idempotency key, so a resend finds the first sign-in.
CREATE TABLE meeting_attendees (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id),
  name TEXT,
  phone TEXT,
  consent_at INTEGER,
  source TEXT NOT NULL DEFAULT 'qr' CHECK (source IN ('qr', 'staff')),
  client_key TEXT,
  created_at INTEGER NOT NULL,
  CHECK ((name IS NULL AND phone IS NULL) OR consent_at IS NOT NULL)
);
CREATE INDEX meeting_attendees_meeting ON meeting_attendees(meeting_id, created_at);
CREATE UNIQUE INDEX meeting_attendees_phone ON meeting_attendees(meeting_id, phone)
  WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX meeting_attendees_client_key ON meeting_attendees(meeting_id, client_key)
  WHERE client_key IS NOT NULL;
