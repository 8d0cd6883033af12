-- Activities (活动): events and volunteer activities, their sessions / shifts, registrations
-- with a hard capacity and a FIFO waitlist, and volunteers. Times are UTC epoch milliseconds.

-- questions: JSON array of extra-question definitions (worker/domain/forms/definition.ts).
-- opens_at / closes_at: the registration window (NULL = no bound).
CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  neighborhood_id INTEGER NOT NULL REFERENCES neighborhoods(id),
  kind TEXT NOT NULL DEFAULT 'event' CHECK (kind IN ('event', 'volunteer')),
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL DEFAULT '',
  opens_at INTEGER,
  closes_at INTEGER,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
  questions TEXT NOT NULL DEFAULT '[]',
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX activities_nbhd_status ON activities(neighborhood_id, status);

-- A session of an event, or a shift of a volunteer activity. capacity counts seats (party sizes);
-- max_party is the largest party one registration may bring (1 for shifts).
CREATE TABLE activity_sessions (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  max_party INTEGER NOT NULL DEFAULT 1 CHECK (max_party >= 1),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX activity_sessions_activity ON activity_sessions(activity_id, starts_at);

-- seq: the arrival order within the session, assigned inside the insert (MAX(seq) + 1), so the
-- waitlist is FIFO by arrival; a waitlist position is the rank among waitlisted ones by seq,
-- computed when read (gap-free after cancellations).
-- status: confirmed and checked_in (and no_show, after the session) hold seats.
-- token: the unguessable manage link /r/<token>; checkin_code: what the check-in QR carries
-- (/c/<code>), distinct so that a glimpse of the QR does not give the power to cancel.
-- credited_minutes: volunteer time credited for a checked-in shift (shift length, staff-adjustable).
-- client_key: the submission's idempotency key, unique per session: a resubmission after a crash
-- mid-request (when the idempotency_keys row may be left pending) still finds its registration.
CREATE TABLE registrations (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES activity_sessions(id) ON DELETE CASCADE,
  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  party_size INTEGER NOT NULL DEFAULT 1 CHECK (party_size >= 1),
  answers TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'checked_in', 'no_show')),
  seq INTEGER NOT NULL,
  token TEXT NOT NULL UNIQUE,
  checkin_code TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'staff')),
  created_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  promoted_at INTEGER,
  cancelled_at INTEGER,
  cancelled_by TEXT CHECK (cancelled_by IN ('resident', 'staff')),
  checked_in_at INTEGER,
  checked_in_by INTEGER REFERENCES users(id),
  credited_minutes INTEGER,
  client_key TEXT,
  UNIQUE (session_id, seq)
);
CREATE INDEX registrations_session_status ON registrations(session_id, status, seq);
CREATE INDEX registrations_activity ON registrations(activity_id, status);
CREATE INDEX registrations_phone ON registrations(phone, status);
-- One live registration per phone and session: a second one is refused by the database itself.
CREATE UNIQUE INDEX registrations_live_phone ON registrations(session_id, phone)
  WHERE status IN ('confirmed', 'waitlisted', 'checked_in');
CREATE UNIQUE INDEX registrations_client_key ON registrations(session_id, client_key)
  WHERE client_key IS NOT NULL;

-- Backstops: the insert and the promotion already decide within one statement; these make an
-- over-booking impossible even for a statement that forgot to, by aborting it (and its batch).
CREATE TRIGGER registrations_capacity_insert AFTER INSERT ON registrations
WHEN NEW.status IN ('confirmed', 'checked_in')
BEGIN
  SELECT RAISE(ABORT, 'over_capacity')
  WHERE (SELECT COALESCE(SUM(party_size), 0) FROM registrations
         WHERE session_id = NEW.session_id AND status IN ('confirmed', 'checked_in', 'no_show'))
      > (SELECT capacity FROM activity_sessions WHERE id = NEW.session_id);
END;

CREATE TRIGGER registrations_capacity_update AFTER UPDATE OF status, party_size ON registrations
WHEN NEW.status IN ('confirmed', 'checked_in')
BEGIN
  SELECT RAISE(ABORT, 'over_capacity')
  WHERE (SELECT COALESCE(SUM(party_size), 0) FROM registrations
         WHERE session_id = NEW.session_id AND status IN ('confirmed', 'checked_in', 'no_show'))
      > (SELECT capacity FROM activity_sessions WHERE id = NEW.session_id);
END;

CREATE TRIGGER activity_sessions_capacity AFTER UPDATE OF capacity ON activity_sessions
BEGIN
  SELECT RAISE(ABORT, 'capacity_below_confirmed')
  WHERE (SELECT COALESCE(SUM(party_size), 0) FROM registrations
         WHERE session_id = NEW.id AND status IN ('confirmed', 'checked_in', 'no_show'))
      > NEW.capacity;
END;

-- Volunteers, keyed by phone. code: printed on their receipts; with the phone it opens the
-- volunteer view (upcoming shifts, total hours). skills / tags (达人): JSON arrays of text.
-- Hours are not stored here: they are the sum of credited_minutes of checked-in registrations.
CREATE TABLE volunteers (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  neighborhood_id INTEGER REFERENCES neighborhoods(id),
  code TEXT NOT NULL,
  skills TEXT NOT NULL DEFAULT '[]',
  tags TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX volunteers_nbhd ON volunteers(neighborhood_id);
