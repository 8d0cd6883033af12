-- Staff-defined forms and surveys (问卷/表单). Times are UTC epoch milliseconds.

-- A form belongs to a town; neighborhood_id NULL means town-wide (visible to admin and town staff).
-- current_version points at the form_versions row that the public page renders.
-- AUTOINCREMENT: ids of deleted forms and responses are never reused, so the audit log stays
-- unambiguous.
CREATE TABLE forms (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  town_id INTEGER NOT NULL REFERENCES towns(id),
  neighborhood_id INTEGER REFERENCES neighborhoods(id),
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  opens_at INTEGER,
  closes_at INTEGER,
  max_responses INTEGER CHECK (max_responses IS NULL OR max_responses > 0),
  one_per_phone INTEGER NOT NULL DEFAULT 0,
  current_version INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX forms_nbhd ON forms(neighborhood_id, status);
CREATE INDEX forms_town ON forms(town_id, status);

-- The field definitions (JSON array) of each version. Editing the fields of a form that already
-- has responses adds a version, so every old response stays readable with the fields it answered.
CREATE TABLE form_versions (
  id INTEGER PRIMARY KEY,
  form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  fields TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (form_id, version)
);

-- answers: JSON object field key → value, as validated against its version's definition.
-- phone: the normalised answer of the form's phone field, kept for the one-response-per-phone
-- rule (checked inside the insert statement, so it holds under concurrency and can be turned on
-- later against earlier responses).
CREATE TABLE form_responses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  answers TEXT NOT NULL,
  phone TEXT,
  receipt TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE INDEX form_responses_form ON form_responses(form_id, created_at);
CREATE INDEX form_responses_phone ON form_responses(form_id, phone) WHERE phone IS NOT NULL;
