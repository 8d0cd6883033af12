-- jushou foundation schema. Times are UTC epoch milliseconds.

CREATE TABLE towns (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE neighborhoods (
  id INTEGER PRIMARY KEY,
  town_id INTEGER NOT NULL REFERENCES towns(id),
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE INDEX neighborhoods_town ON neighborhoods(town_id);

CREATE TABLE grids (
  id INTEGER PRIMARY KEY,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  name TEXT NOT NULL,
  UNIQUE (neighborhood_id, name)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'town', 'staff', 'viewer')),
  password_hash TEXT NOT NULL,
  password_salt TEXT NOT NULL,
  password_iterations INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- A user's scope: towns (role town) and neighborhoods (roles staff, viewer).
CREATE TABLE user_towns (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  town_id INTEGER NOT NULL REFERENCES towns(id),
  PRIMARY KEY (user_id, town_id)
);
CREATE TABLE user_neighborhoods (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  PRIMARY KEY (user_id, neighborhood_id)
);

-- id is the SHA-256 of the cookie token, so a leaked table cannot be replayed.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Fixed-window counters for login throttling and resident rate limits.
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL
);

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1
);

-- Where a topic came from: QR points (stairwell board, box, 议事角 ...), web, phone, visit, staff.
CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  grid_id INTEGER REFERENCES grids(id),
  kind TEXT NOT NULL CHECK (kind IN ('qr', 'web', 'phone', 'visit', 'box', 'staff')),
  label TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  scans INTEGER NOT NULL DEFAULT 0,
  submissions INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE INDEX channels_neighborhood ON channels(neighborhood_id);

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
-- Staff lists: one neighborhood, a status, newest first.
CREATE INDEX topics_nbhd_status_created ON topics(neighborhood_id, status, created_at);
CREATE INDEX topics_nbhd_created ON topics(neighborhood_id, created_at);
CREATE INDEX topics_status_created ON topics(status, created_at);
CREATE INDEX topics_created ON topics(created_at);
CREATE INDEX topics_category ON topics(category_id);
CREATE INDEX topics_channel ON topics(channel_id);
CREATE INDEX topics_project ON topics(project_id);

-- The public timeline: every state change and reply.
CREATE TABLE topic_events (
  id INTEGER PRIMARY KEY,
  topic_id INTEGER NOT NULL REFERENCES topics(id),
  at INTEGER NOT NULL,
  actor_user_id INTEGER REFERENCES users(id),
  kind TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  public_note TEXT,
  internal_note TEXT
);
CREATE INDEX topic_events_topic ON topic_events(topic_id, at);

-- "Me too" ticks, and followers carried over by a merge. Each holds a tracking code.
CREATE TABLE supports (
  id INTEGER PRIMARY KEY,
  topic_id INTEGER NOT NULL REFERENCES topics(id),
  tracking_code TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT 'support' CHECK (source IN ('support', 'merged')),
  client_key TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (topic_id, tracking_code)
);
CREATE INDEX supports_code ON supports(tracking_code);
CREATE INDEX supports_client ON supports(topic_id, client_key);

CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner_user_id INTEGER REFERENCES users(id),
  owning_body TEXT NOT NULL DEFAULT '',
  deadline_at INTEGER,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
    ('planned', 'in_progress', 'blocked', 'done', 'cancelled')),
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  done_at INTEGER
);
CREATE INDEX projects_nbhd_status ON projects(neighborhood_id, status);
CREATE INDEX projects_owner ON projects(owner_user_id);
CREATE INDEX projects_deadline ON projects(status, deadline_at);

CREATE TABLE project_topics (
  project_id INTEGER NOT NULL REFERENCES projects(id),
  topic_id INTEGER NOT NULL REFERENCES topics(id),
  PRIMARY KEY (project_id, topic_id)
);
CREATE INDEX project_topics_topic ON project_topics(topic_id);

CREATE TABLE checklist_items (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  owner_user_id INTEGER REFERENCES users(id),
  due_at INTEGER,
  done INTEGER NOT NULL DEFAULT 0,
  done_at INTEGER,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX checklist_items_project ON checklist_items(project_id, sort_order);

CREATE TABLE project_updates (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  author_user_id INTEGER REFERENCES users(id),
  body TEXT NOT NULL,
  public INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX project_updates_project ON project_updates(project_id, at);

-- 监督评议: one per tracking code and project.
CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id),
  tracking_code TEXT NOT NULL,
  resolved TEXT NOT NULL CHECK (resolved IN ('solved', 'partly', 'not')),
  satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (project_id, tracking_code)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id),
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  record_id TEXT,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_record ON audit_log(resource, record_id);

-- A replayed public POST returns the stored first result.
CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

-- Admin grid views a user saved (filters, sort, columns).
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  resource TEXT NOT NULL,
  name TEXT NOT NULL,
  params TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (user_id, resource, name)
);
