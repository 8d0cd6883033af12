-- Notifications (issue #16): the outbox, per-town settings and templates. A message is written to
-- the outbox in the SAME batch as the change that causes it (a topic's move, a waitlist promotion,
-- a form's receipt …), only for a recipient with an active 'notify' consent (migrations/0015), and
-- delivered by the queue consumer (worker/notify/consumer.ts); a scheduled sweep hands the queue
-- whatever a request did not (worker/notify/enqueue.ts). Rules: worker/domain/notify/.

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  town_id INTEGER REFERENCES towns(id),
  medium TEXT NOT NULL,              -- 'sms' | 'email' | 'wechat'
  recipient TEXT NOT NULL,           -- phone, address or openid
  consent_id INTEGER,                -- the consent it is sent under (NULL for staff)
  user_id INTEGER,                   -- a staff recipient (digest)
  template_key TEXT NOT NULL,        -- vocabulary MESSAGE_TEMPLATES
  subject_type TEXT NOT NULL,        -- vocabulary MESSAGE_SUBJECTS
  subject_id INTEGER,
  params TEXT NOT NULL DEFAULT '{}', -- JSON: the template's parameters
  lang TEXT NOT NULL DEFAULT 'zh',
  event_at INTEGER,                  -- the activity's start it concerns (same-day: no quiet hours)
  dedupe_key TEXT NOT NULL,          -- same key within the window: one message
  token TEXT NOT NULL,               -- the unsubscribe link's secret
  status TEXT NOT NULL DEFAULT 'queued',
  reason TEXT,                       -- failed: the provider's reason; skipped: why
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,           -- not sent before (quiet hours, caps, backoff)
  enqueued_at INTEGER,               -- handed to the queue (NULL: the sweep will)
  sent_at INTEGER,
  delivered_at INTEGER,
  provider TEXT,
  provider_message_id TEXT
);
CREATE INDEX outbox_pending ON outbox(status, enqueued_at, due_at);
CREATE INDEX outbox_subject ON outbox(subject_type, subject_id);
CREATE INDEX outbox_recipient ON outbox(recipient, sent_at);
CREATE INDEX outbox_dedupe ON outbox(dedupe_key, created_at);
CREATE UNIQUE INDEX outbox_token ON outbox(token);

-- The language a resident used where they opted in ('en' only is stored; Chinese is the default).
CREATE TABLE notify_langs (
  subject_type TEXT NOT NULL,
  subject_id INTEGER NOT NULL,
  lang TEXT NOT NULL,
  PRIMARY KEY (subject_type, subject_id)
);

-- Per town: which channels send, the sender's name in every message, quiet hours (Shanghai time,
-- 'HH:MM'), the most messages a phone gets a day, and the staff digest.
CREATE TABLE notify_settings (
  town_id INTEGER PRIMARY KEY REFERENCES towns(id),
  sender_name TEXT NOT NULL DEFAULT '',
  sms_on INTEGER NOT NULL DEFAULT 1,
  email_on INTEGER NOT NULL DEFAULT 1,
  wechat_on INTEGER NOT NULL DEFAULT 1,
  quiet_from TEXT NOT NULL DEFAULT '21:00',
  quiet_to TEXT NOT NULL DEFAULT '08:00',
  daily_cap INTEGER NOT NULL DEFAULT 5,
  staff_digest INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1
);

-- Per town and template: the provider's approved template id (SMS, WeChat) and the town's own
-- wording (NULL: the built-in text of domain/notify/templates.ts).
CREATE TABLE notify_templates (
  id INTEGER PRIMARY KEY,
  town_id INTEGER NOT NULL REFERENCES towns(id),
  template_key TEXT NOT NULL,
  medium TEXT NOT NULL,
  provider_template_id TEXT,
  text_zh TEXT,
  text_en TEXT,
  updated_at INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (town_id, template_key, medium)
);

-- Staff who receive the daily digest, and where.
CREATE TABLE notify_staff (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  medium TEXT NOT NULL,
  address TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER
);
