-- Verified phones (#16 point 5, #12 point 2): one-time codes sent by SMS to prove a phone, the
-- phones so proven, the short sessions of 查找我的记录 (/me), the optional phone of a "me too",
-- and the access tokens providers hand out (WeChat), cached until they expire.

-- One-time codes: 6 digits, stored only as a salted SHA-256; a few tries each, 10 minutes.
CREATE TABLE phone_codes (
  id INTEGER PRIMARY KEY,
  phone TEXT NOT NULL,
  salt TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used_at INTEGER
);
CREATE INDEX phone_codes_phone ON phone_codes(phone, created_at);

-- A phone whose holder proved it: by a code ('code') or in person at the committee ('staff').
CREATE TABLE verified_phones (
  phone TEXT PRIMARY KEY,
  verified_at INTEGER NOT NULL,
  verified_via TEXT NOT NULL CHECK (verified_via IN ('code', 'staff')),
  verified_by INTEGER REFERENCES users(id)
);

-- 查找我的记录: a browser that proved a phone holds a random token (cookie) for a short while;
-- only its hash is stored.
CREATE TABLE phone_sessions (
  token_hash TEXT PRIMARY KEY,
  phone TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX phone_sessions_expires ON phone_sessions(expires_at);

-- The optional phone a supporter leaves with a "me too"; verifying it makes the support a voice.
ALTER TABLE supports ADD COLUMN phone TEXT;
CREATE INDEX supports_phone ON supports(phone) WHERE phone IS NOT NULL;

-- Finding a phone's records.
CREATE INDEX topics_submitter_phone ON topics(submitter_phone) WHERE submitter_phone IS NOT NULL;
CREATE INDEX form_responses_phone_only ON form_responses(phone) WHERE phone IS NOT NULL;

-- Access tokens of providers that issue them (WeChat), cached until shortly before they expire.
CREATE TABLE provider_tokens (
  name TEXT PRIMARY KEY,
  token TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
