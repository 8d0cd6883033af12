-- Programmes (九个一 / 规定动作): a town's template of steps, applied to many neighborhoods at once
-- as one project per neighborhood whose checklist items are the steps; residents' confirmations
-- of done public steps (居民打钩); the weekly check-in per neighborhood (每周一对接).
-- Times are UTC epoch milliseconds; days are Asia/Shanghai days (worker/domain/programmes).

-- starts_at: the first day's start; ends_at: the last day's end (the projects' deadline).
-- AUTOINCREMENT: ids of deleted programmes and steps are never reused (audit log).
CREATE TABLE programmes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  town_id INTEGER NOT NULL REFERENCES towns(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owning_body TEXT NOT NULL DEFAULT '',
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX programmes_town ON programmes(town_id, starts_at);

-- A step: what counts as done (done_when, and the evidence staff record: a note, a photo link or
-- a number), when it is due (due_days after the programme's first day, or a fixed due_at) and the
-- post that owns it in each neighborhood. public: residents may confirm it once it is done.
CREATE TABLE programme_steps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  sort_order INTEGER NOT NULL,
  title TEXT NOT NULL,
  done_when TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL CHECK (evidence IN ('note', 'photo', 'number')),
  due_days INTEGER CHECK (due_days >= 0),
  due_at INTEGER,
  owner_post TEXT NOT NULL
    CHECK (owner_post IN ('secretary', 'director', 'social_worker', 'project_lead', 'liaison')),
  public INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((due_days IS NULL) <> (due_at IS NULL))
);
CREATE INDEX programme_steps_programme ON programme_steps(programme_id, sort_order);

-- Who holds which post in a neighborhood: the owner a step of that post gets when applied.
CREATE TABLE neighborhood_posts (
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  post TEXT NOT NULL
    CHECK (post IN ('secretary', 'director', 'social_worker', 'project_lead', 'liaison')),
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (neighborhood_id, post)
);

-- The links: a programme's project per neighborhood, and a step's item per project. The unique
-- indexes make applying a programme idempotent in the database itself.
ALTER TABLE projects ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
ALTER TABLE checklist_items ADD COLUMN step_id INTEGER REFERENCES programme_steps(id);
CREATE UNIQUE INDEX projects_programme ON projects(programme_id, neighborhood_id)
  WHERE programme_id IS NOT NULL;
CREATE UNIQUE INDEX checklist_items_step ON checklist_items(step_id, project_id)
  WHERE step_id IS NOT NULL;

-- What staff recorded when they marked a step's item done (one row per item, latest wins).
-- note is shown to residents on the confirmation page; so are the photo link and the number.
CREATE TABLE step_evidence (
  item_id INTEGER PRIMARY KEY REFERENCES checklist_items(id) ON DELETE CASCADE,
  note TEXT NOT NULL DEFAULT '',
  photo_url TEXT,
  number REAL,
  recorded_by INTEGER REFERENCES users(id),
  recorded_at INTEGER NOT NULL
);

-- 居民打钩: residents confirming (or disputing) a done public step. One voice per resident and
-- item: voice is 'code:<tracking code>' or 'volunteer:<id>' (a verified phone), unique per item.
-- device: a hash of the client's address and user agent; a second voice from one device within
-- a window is refused (domain/programmes/confirmation.ts, rule 3).
-- Paper tick sheets (source 'paper') carry counts in people and no voice.
CREATE TABLE confirmations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id INTEGER NOT NULL REFERENCES checklist_items(id) ON DELETE CASCADE,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'disputed')),
  source TEXT NOT NULL CHECK (source IN ('code', 'volunteer', 'paper')),
  voice TEXT,
  people INTEGER NOT NULL DEFAULT 1 CHECK (people >= 0),
  device TEXT,
  comment TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  CHECK ((source = 'paper') = (voice IS NULL))
);
CREATE UNIQUE INDEX confirmations_voice ON confirmations(item_id, voice) WHERE voice IS NOT NULL;
CREATE INDEX confirmations_item ON confirmations(item_id, verdict);
CREATE INDEX confirmations_device ON confirmations(item_id, device, created_at);
CREATE INDEX confirmations_nbhd_created ON confirmations(neighborhood_id, created_at);

-- 每周一对接: one summary per neighborhood and week (week_start: Monday 00:00 in Shanghai), made
-- by the cron job; details holds the listed items and topics as JSON. Staff add a note.
CREATE TABLE weekly_checkins (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  week_start INTEGER NOT NULL,
  done_count INTEGER NOT NULL,
  due_count INTEGER NOT NULL,
  overdue_count INTEGER NOT NULL,
  new_topics INTEGER NOT NULL,
  disputed_count INTEGER NOT NULL,
  details TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  note_by INTEGER REFERENCES users(id),
  note_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (neighborhood_id, week_start)
);
CREATE INDEX weekly_checkins_week ON weekly_checkins(week_start, neighborhood_id);

-- 台账: decisions taken in a period are read from the timeline by move and time.
CREATE INDEX topic_events_to_at ON topic_events(to_status, at);
CREATE INDEX evaluations_created ON evaluations(created_at);
