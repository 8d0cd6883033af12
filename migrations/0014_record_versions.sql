-- No lost updates: every record staff edit carries a version. An update names the version it
-- read (worker/lib/versions.ts): `UPDATE … SET …, version = version + 1 WHERE id = ? AND
-- version = ?` in one guarded batch, so a stale one changes nothing and answers 409 with the
-- current record. (On forms the API calls it `revision`: a form's `version` is that of its fields.)
--
-- Writes that do not name a version (bulk moves, a meeting's tally, a programme's timetable, a
-- project carrying its topics …) move it on too: each table has a trigger that adds one when a
-- column staff edit changed and the statement did not set the version itself. Counters and
-- bookkeeping (support_count, scans, updated_at, password hashes …) do not count as edits.

ALTER TABLE towns ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE neighborhoods ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE grids ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE categories ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE channels ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE topics ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE projects ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE checklist_items ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE forms ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE activities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE activity_sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TRIGGER towns_version AFTER UPDATE OF name ON towns
WHEN NEW.version = OLD.version AND (
    NEW.name IS NOT OLD.name)
BEGIN
  UPDATE towns SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER neighborhoods_version AFTER UPDATE OF town_id, name, slug ON neighborhoods
WHEN NEW.version = OLD.version AND (
    NEW.town_id IS NOT OLD.town_id
    OR NEW.name IS NOT OLD.name
    OR NEW.slug IS NOT OLD.slug)
BEGIN
  UPDATE neighborhoods SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER grids_version AFTER UPDATE OF neighborhood_id, name ON grids
WHEN NEW.version = OLD.version AND (
    NEW.neighborhood_id IS NOT OLD.neighborhood_id
    OR NEW.name IS NOT OLD.name)
BEGIN
  UPDATE grids SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER users_version AFTER UPDATE OF username, display_name, role, disabled ON users
WHEN NEW.version = OLD.version AND (
    NEW.username IS NOT OLD.username
    OR NEW.display_name IS NOT OLD.display_name
    OR NEW.role IS NOT OLD.role
    OR NEW.disabled IS NOT OLD.disabled)
BEGIN
  UPDATE users SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER categories_version AFTER UPDATE OF name, name_en, sort_order, active ON categories
WHEN NEW.version = OLD.version AND (
    NEW.name IS NOT OLD.name
    OR NEW.name_en IS NOT OLD.name_en
    OR NEW.sort_order IS NOT OLD.sort_order
    OR NEW.active IS NOT OLD.active)
BEGIN
  UPDATE categories SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER channels_version AFTER UPDATE OF neighborhood_id, grid_id, kind, label, active ON channels
WHEN NEW.version = OLD.version AND (
    NEW.neighborhood_id IS NOT OLD.neighborhood_id
    OR NEW.grid_id IS NOT OLD.grid_id
    OR NEW.kind IS NOT OLD.kind
    OR NEW.label IS NOT OLD.label
    OR NEW.active IS NOT OLD.active)
BEGIN
  UPDATE channels SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER topics_version AFTER UPDATE OF neighborhood_id, grid_id, category_id, channel_id, title, description, location, status, public_reply, referred_to, merged_into_id, project_id, submitter_name, submitter_phone ON topics
WHEN NEW.version = OLD.version AND (
    NEW.neighborhood_id IS NOT OLD.neighborhood_id
    OR NEW.grid_id IS NOT OLD.grid_id
    OR NEW.category_id IS NOT OLD.category_id
    OR NEW.channel_id IS NOT OLD.channel_id
    OR NEW.title IS NOT OLD.title
    OR NEW.description IS NOT OLD.description
    OR NEW.location IS NOT OLD.location
    OR NEW.status IS NOT OLD.status
    OR NEW.public_reply IS NOT OLD.public_reply
    OR NEW.referred_to IS NOT OLD.referred_to
    OR NEW.merged_into_id IS NOT OLD.merged_into_id
    OR NEW.project_id IS NOT OLD.project_id
    OR NEW.submitter_name IS NOT OLD.submitter_name
    OR NEW.submitter_phone IS NOT OLD.submitter_phone)
BEGIN
  UPDATE topics SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER projects_version AFTER UPDATE OF neighborhood_id, title, description, owner_user_id, owning_body, deadline_at, status, programme_id ON projects
WHEN NEW.version = OLD.version AND (
    NEW.neighborhood_id IS NOT OLD.neighborhood_id
    OR NEW.title IS NOT OLD.title
    OR NEW.description IS NOT OLD.description
    OR NEW.owner_user_id IS NOT OLD.owner_user_id
    OR NEW.owning_body IS NOT OLD.owning_body
    OR NEW.deadline_at IS NOT OLD.deadline_at
    OR NEW.status IS NOT OLD.status
    OR NEW.programme_id IS NOT OLD.programme_id)
BEGIN
  UPDATE projects SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER checklist_items_version AFTER UPDATE OF project_id, title, owner_user_id, due_at, done, sort_order ON checklist_items
WHEN NEW.version = OLD.version AND (
    NEW.project_id IS NOT OLD.project_id
    OR NEW.title IS NOT OLD.title
    OR NEW.owner_user_id IS NOT OLD.owner_user_id
    OR NEW.due_at IS NOT OLD.due_at
    OR NEW.done IS NOT OLD.done
    OR NEW.sort_order IS NOT OLD.sort_order)
BEGIN
  UPDATE checklist_items SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER forms_version AFTER UPDATE OF town_id, neighborhood_id, slug, title, description, status, opens_at, closes_at, max_responses, one_per_phone, current_version ON forms
WHEN NEW.version = OLD.version AND (
    NEW.town_id IS NOT OLD.town_id
    OR NEW.neighborhood_id IS NOT OLD.neighborhood_id
    OR NEW.slug IS NOT OLD.slug
    OR NEW.title IS NOT OLD.title
    OR NEW.description IS NOT OLD.description
    OR NEW.status IS NOT OLD.status
    OR NEW.opens_at IS NOT OLD.opens_at
    OR NEW.closes_at IS NOT OLD.closes_at
    OR NEW.max_responses IS NOT OLD.max_responses
    OR NEW.one_per_phone IS NOT OLD.one_per_phone
    OR NEW.current_version IS NOT OLD.current_version)
BEGIN
  UPDATE forms SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER activities_version AFTER UPDATE OF neighborhood_id, kind, slug, title, description, place, audience, opens_at, closes_at, status, questions ON activities
WHEN NEW.version = OLD.version AND (
    NEW.neighborhood_id IS NOT OLD.neighborhood_id
    OR NEW.kind IS NOT OLD.kind
    OR NEW.slug IS NOT OLD.slug
    OR NEW.title IS NOT OLD.title
    OR NEW.description IS NOT OLD.description
    OR NEW.place IS NOT OLD.place
    OR NEW.audience IS NOT OLD.audience
    OR NEW.opens_at IS NOT OLD.opens_at
    OR NEW.closes_at IS NOT OLD.closes_at
    OR NEW.status IS NOT OLD.status
    OR NEW.questions IS NOT OLD.questions)
BEGIN
  UPDATE activities SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER activity_sessions_version AFTER UPDATE OF activity_id, label, starts_at, ends_at, capacity, max_party ON activity_sessions
WHEN NEW.version = OLD.version AND (
    NEW.activity_id IS NOT OLD.activity_id
    OR NEW.label IS NOT OLD.label
    OR NEW.starts_at IS NOT OLD.starts_at
    OR NEW.ends_at IS NOT OLD.ends_at
    OR NEW.capacity IS NOT OLD.capacity
    OR NEW.max_party IS NOT OLD.max_party)
BEGIN
  UPDATE activity_sessions SET version = OLD.version + 1 WHERE id = NEW.id;
END;
