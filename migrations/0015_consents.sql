-- Consent records (PIPL Art. 14–15; issue #17): every consent a person gives — contact by phone on
-- the needs form, notifications, a form's data use, a guardian's consent for a child — with the
-- purpose, the version of the notice text shown, the time and the channel. Withdrawing sets
-- withdrawn_at (and how); a consent is active while withdrawn_at is NULL (domain/privacy/consent.ts).
-- subject_type/subject_id: the row the consent was given on (NULL id for subject_type 'phone').
-- purpose: vocabulary CONSENT_PURPOSES; medium: for 'notify' only ('sms' | 'email' | 'wechat').
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  town_id INTEGER REFERENCES towns(id),
  phone TEXT,
  subject_type TEXT NOT NULL,
  subject_id INTEGER,
  purpose TEXT NOT NULL,
  medium TEXT,
  notice_version TEXT NOT NULL,
  given_via TEXT NOT NULL,
  given_at INTEGER NOT NULL,
  withdrawn_at INTEGER,
  withdrawn_via TEXT
);
CREATE INDEX consents_subject ON consents(subject_type, subject_id);
CREATE INDEX consents_phone ON consents(phone, purpose) WHERE phone IS NOT NULL;
