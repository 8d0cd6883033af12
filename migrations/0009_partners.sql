-- Partners (共建单位, 社团, 党支部 …) and what they offer (资源清单); their hands raised (认领) for
-- adopted projects and open checklist tasks, which staff accept or decline; what a project or a
-- task still asks of partners (the public 需求清单); partners and 达人 leading activities; and
-- the role `partner`: an organisation's own login. worker/domain/partners holds the rules; the
-- CHECKs below repeat the ones a row must never break, whatever writes it.

-- ── users.role gains 'partner' ──
-- SQLite cannot change a CHECK, so users is rebuilt. D1 keeps foreign keys on inside a migration
-- (PRAGMA foreign_keys cannot be switched off in a transaction); deferred, the rows that point at
-- users may dangle until the copy is back under the old name. But DROP TABLE deletes every row
-- first, and ON DELETE CASCADE fires on that delete, taking the scopes, sessions and saved views
-- with it (the only tables referencing users with CASCADE in 0001..0008): they are kept aside and
-- put back. Everything else referencing users (created_by, owner_user_id …) has no action and
-- finds the same ids again after the rename.
PRAGMA defer_foreign_keys = on;

CREATE TABLE partner_keep_user_towns AS SELECT * FROM user_towns;
CREATE TABLE partner_keep_user_neighborhoods AS SELECT * FROM user_neighborhoods;
CREATE TABLE partner_keep_sessions AS SELECT * FROM sessions;
CREATE TABLE partner_keep_saved_views AS SELECT * FROM saved_views;

CREATE TABLE users_next (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'town', 'staff', 'viewer', 'partner')),
  password_hash TEXT NOT NULL,
  password_salt TEXT NOT NULL,
  password_iterations INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO users_next (id, username, display_name, role, password_hash, password_salt,
    password_iterations, disabled, created_at, updated_at)
  SELECT id, username, display_name, role, password_hash, password_salt, password_iterations,
    disabled, created_at, updated_at
  FROM users;
DROP TABLE users;
ALTER TABLE users_next RENAME TO users;

-- OR IGNORE: where the cascade did not run, the rows are still there and stay as they are.
INSERT OR IGNORE INTO user_towns SELECT * FROM partner_keep_user_towns;
INSERT OR IGNORE INTO user_neighborhoods SELECT * FROM partner_keep_user_neighborhoods;
INSERT OR IGNORE INTO sessions SELECT * FROM partner_keep_sessions;
INSERT OR IGNORE INTO saved_views SELECT * FROM partner_keep_saved_views;
DROP TABLE partner_keep_user_towns;
DROP TABLE partner_keep_user_neighborhoods;
DROP TABLE partner_keep_sessions;
DROP TABLE partner_keep_saved_views;

-- ── partners and their offers ──

-- neighborhood_id: the home neighborhood of a 居民区党支部, its 物业 or 业委会; NULL for those
-- serving the whole town (a hospital, a university club). contact_phone is shown masked to roles
-- without the right to see phones.
CREATE TABLE partners (
  id INTEGER PRIMARY KEY,
  town_id INTEGER NOT NULL REFERENCES towns(id),
  neighborhood_id INTEGER REFERENCES neighborhoods(id),
  kind TEXT NOT NULL CHECK (kind IN ('party_branch', 'unit', 'student_club', 'social_org',
    'talent_team', 'property', 'owners_committee', 'other')),
  name TEXT NOT NULL,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT,
  note TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (town_id, name)
);
CREATE INDEX partners_nbhd ON partners(neighborhood_id);

-- 资源清单: what a partner can give (kind), how much (quantity) and when (availability), and the
-- topic categories it suits (JSON array of category ids), which matching weighs.
CREATE TABLE partner_offers (
  id INTEGER PRIMARY KEY,
  partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('venue', 'service', 'volunteers', 'goods', 'funds')),
  title TEXT NOT NULL,
  quantity TEXT NOT NULL DEFAULT '',
  availability TEXT NOT NULL DEFAULT '',
  category_ids TEXT NOT NULL DEFAULT '[]',
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX partner_offers_partner ON partner_offers(partner_id);

-- A partner login (role 'partner') belongs to one organisation.
CREATE TABLE user_partners (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  partner_id INTEGER NOT NULL REFERENCES partners(id)
);
CREATE INDEX user_partners_partner ON user_partners(partner_id);

-- ── what projects and tasks ask for ──

-- One row per project (checklist_item_id NULL) or task: the offer kinds wanted (JSON array) and
-- public words on what exactly. open = 0 takes it off the 需求清单 although nobody claimed it.
CREATE TABLE project_needs (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  checklist_item_id INTEGER REFERENCES checklist_items(id) ON DELETE CASCADE,
  kinds TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  open INTEGER NOT NULL DEFAULT 1,
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX project_needs_target ON project_needs(project_id, ifnull(checklist_item_id, 0));

-- ── claims (认领) ──

-- A hand raised for a project (checklist_item_id NULL) or one of its tasks, by a partner or by a
-- 达人 from the volunteer register (exactly one of the two). neighborhood_id is the project's,
-- copied for scope and reports. person_name: the partner's named person for this work.
-- Deleting a project, task or volunteer takes its claims along; a partner with claims stays
-- (retire it with active = 0).
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  checklist_item_id INTEGER REFERENCES checklist_items(id) ON DELETE CASCADE,
  partner_id INTEGER REFERENCES partners(id),
  volunteer_id INTEGER REFERENCES volunteers(id) ON DELETE CASCADE,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
    ('pending', 'accepted', 'declined', 'withdrawn')),
  person_name TEXT NOT NULL DEFAULT '',
  offer_id INTEGER REFERENCES partner_offers(id) ON DELETE SET NULL,
  message TEXT NOT NULL DEFAULT '',
  decision_note TEXT,
  source TEXT NOT NULL CHECK (source IN ('partner', 'staff')),
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  decided_by INTEGER REFERENCES users(id),
  decided_at INTEGER,
  updated_at INTEGER NOT NULL,
  CHECK ((partner_id IS NULL) <> (volunteer_id IS NULL)),
  CHECK (status = 'pending' OR decided_at IS NOT NULL)
);
CREATE INDEX claims_nbhd_status ON claims(neighborhood_id, status, created_at);
CREATE INDEX claims_project ON claims(project_id, checklist_item_id, status);
CREATE INDEX claims_partner ON claims(partner_id, status);
CREATE INDEX claims_volunteer ON claims(volunteer_id, status);
CREATE INDEX claims_created ON claims(created_at);
-- One live hand per claimant and target: a second one is refused by the database itself.
CREATE UNIQUE INDEX claims_live ON claims(project_id, ifnull(checklist_item_id, 0),
  ifnull(partner_id, 0), ifnull(volunteer_id, 0)) WHERE status IN ('pending', 'accepted');

-- ── activity leads (主理人, 共建) ──

CREATE TABLE activity_leads (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  partner_id INTEGER REFERENCES partners(id),
  volunteer_id INTEGER REFERENCES volunteers(id) ON DELETE CASCADE,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  CHECK ((partner_id IS NULL) <> (volunteer_id IS NULL))
);
CREATE UNIQUE INDEX activity_leads_unique ON activity_leads(activity_id, ifnull(partner_id, 0),
  ifnull(volunteer_id, 0));
CREATE INDEX activity_leads_partner ON activity_leads(partner_id);
CREATE INDEX activity_leads_volunteer ON activity_leads(volunteer_id);

PRAGMA defer_foreign_keys = off;
