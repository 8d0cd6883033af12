// Mirrors migrations/*.sql — the migrations are the source of truth; change both together.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  CHANNEL_KINDS,
  CLAIM_SOURCES,
  CLAIM_STATUSES,
  CONFIRMATION_SOURCES,
  CONSENT_GIVEN_VIA,
  CONSENT_MEDIA,
  CONSENT_PURPOSES,
  CONSENT_SUBJECTS,
  CONSENT_WITHDRAWN_VIA,
  PRIVACY_REQUEST_KINDS,
  PRIVACY_REQUEST_STATUSES,
  PURGE_KINDS,
  EVALUATION_SOURCES,
  EVIDENCE_KINDS,
  FORM_STATUSES,
  MESSAGE_STATUSES,
  MESSAGE_SUBJECTS,
  MESSAGE_TEMPLATES,
  MEETING_DECISIONS,
  MEETING_KINDS,
  MEETING_STATUSES,
  POSTS,
  OFFER_KINDS,
  PARTNER_KINDS,
  PROJECT_STATUSES,
  REGISTRATION_STATUSES,
  ROLES,
  TOPIC_STATUSES,
  VERDICTS,
} from '../domain/vocabulary'

const now = sql`(unixepoch('subsec') * 1000)`
const createdAt = () => integer('created_at').notNull().default(now)

export const towns = sqliteTable('towns', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  /** Moves on with every edit: an update names the one it read (lib/versions.ts). */
  version: integer('version').notNull().default(1),
})

export const neighborhoods = sqliteTable('neighborhoods', {
  id: integer('id').primaryKey(),
  townId: integer('town_id').notNull(),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  createdAt: createdAt(),
  version: integer('version').notNull().default(1),
  /** The committee's phone for the posters (migration 0021); '' when not set. */
  contactPhone: text('contact_phone').notNull().default(''),
})

export const grids = sqliteTable('grids', {
  id: integer('id').primaryKey(),
  neighborhoodId: integer('neighborhood_id').notNull(),
  name: text('name').notNull(),
  version: integer('version').notNull().default(1),
})

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  passwordSalt: text('password_salt').notNull(),
  passwordIterations: integer('password_iterations').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
  version: integer('version').notNull().default(1),
})

export const userTowns = sqliteTable(
  'user_towns',
  { userId: integer('user_id').notNull(), townId: integer('town_id').notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.townId] })],
)

export const userNeighborhoods = sqliteTable(
  'user_neighborhoods',
  { userId: integer('user_id').notNull(), neighborhoodId: integer('neighborhood_id').notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.neighborhoodId] })],
)

export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull(),
  createdAt: integer('created_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  revokedAt: integer('revoked_at'),
  userAgent: text('user_agent'),
})

export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
})

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  version: integer('version').notNull().default(1),
})

export const channels = sqliteTable('channels', {
  id: integer('id').primaryKey(),
  neighborhoodId: integer('neighborhood_id').notNull(),
  gridId: integer('grid_id'),
  kind: text('kind', { enum: CHANNEL_KINDS }).notNull(),
  label: text('label').notNull(),
  code: text('code').notNull(),
  scans: integer('scans').notNull().default(0),
  submissions: integer('submissions').notNull().default(0),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  version: integer('version').notNull().default(1),
})

// Not mapped here: topic_token_sets and topic_tokens (similar-topic tokens, migrations/0004),
// used only by raw SQL in db/queries/topics/similar.ts and create.ts.
export const topics = sqliteTable(
  'topics',
  {
    id: integer('id').primaryKey(),
    neighborhoodId: integer('neighborhood_id').notNull(),
    gridId: integer('grid_id'),
    categoryId: integer('category_id'),
    channelId: integer('channel_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    location: text('location').notNull().default(''),
    status: text('status', { enum: TOPIC_STATUSES }).notNull().default('submitted'),
    trackingCode: text('tracking_code').notNull(),
    submitterName: text('submitter_name'),
    submitterPhone: text('submitter_phone'),
    consentAt: integer('consent_at'),
    publicReply: text('public_reply'),
    referredTo: text('referred_to'),
    mergedIntoId: integer('merged_into_id'),
    projectId: integer('project_id'),
    supportCount: integer('support_count').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull().default(now),
    acceptedAt: integer('accepted_at'),
    adoptedAt: integer('adopted_at'),
    doneAt: integer('done_at'),
    version: integer('version').notNull().default(1),
    /** When retention or a deletion request blanked the contact details (migrations/0018). */
    purgedAt: integer('purged_at'),
  },
  // The staff grid's sorts and filters within a user's neighborhoods (migrations/0025); the
  // older indexes of topics are in migrations 0001–0004 only.
  (t) => [
    index('topics_nbhd').on(t.neighborhoodId),
    index('topics_nbhd_status').on(t.neighborhoodId, t.status),
    index('topics_nbhd_title').on(t.neighborhoodId, t.title),
    index('topics_nbhd_updated').on(t.neighborhoodId, t.updatedAt),
    index('topics_nbhd_support').on(t.neighborhoodId, t.supportCount),
    index('topics_nbhd_category').on(t.neighborhoodId, t.categoryId, t.createdAt),
    index('topics_nbhd_channel').on(t.neighborhoodId, t.channelId, t.createdAt),
    index('topics_nbhd_status_category').on(t.neighborhoodId, t.status, t.categoryId, t.createdAt),
    index('topics_nbhd_status_channel').on(t.neighborhoodId, t.status, t.channelId, t.createdAt),
  ],
)

export const topicEvents = sqliteTable('topic_events', {
  id: integer('id').primaryKey(),
  topicId: integer('topic_id').notNull(),
  at: integer('at').notNull().default(now),
  actorUserId: integer('actor_user_id'),
  kind: text('kind').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  publicNote: text('public_note'),
  internalNote: text('internal_note'),
})

export const supports = sqliteTable('supports', {
  id: integer('id').primaryKey(),
  topicId: integer('topic_id').notNull(),
  trackingCode: text('tracking_code').notNull(),
  source: text('source', { enum: ['support', 'merged'] })
    .notNull()
    .default('support'),
  clientKey: text('client_key'),
  createdAt: createdAt(),
  /** When the supporter's phone was verified: only then is a support code a voice (domain/voice.ts). */
  phoneVerifiedAt: integer('phone_verified_at'),
  /** A hash of the client address of the tick; null when the address is unknown. */
  addressKey: text('address_key'),
  /** 0 for a tick the board does not count (the same address within the window). */
  counted: integer('counted', { mode: 'boolean' }).notNull().default(true),
  /** Later ticks from the same browser, answered with this row's code. */
  repeats: integer('repeats').notNull().default(0),
  /** The optional phone left with the tick (migrations/0017); verifying it sets phoneVerifiedAt. */
  phone: text('phone'),
})

export const projects = sqliteTable('projects', {
  id: integer('id').primaryKey(),
  neighborhoodId: integer('neighborhood_id').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  ownerUserId: integer('owner_user_id'),
  owningBody: text('owning_body').notNull().default(''),
  deadlineAt: integer('deadline_at'),
  status: text('status', { enum: PROJECT_STATUSES }).notNull().default('planned'),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
  doneAt: integer('done_at'),
  version: integer('version').notNull().default(1),
})

export const projectTopics = sqliteTable(
  'project_topics',
  { projectId: integer('project_id').notNull(), topicId: integer('topic_id').notNull() },
  (t) => [primaryKey({ columns: [t.projectId, t.topicId] })],
)

export const checklistItems = sqliteTable('checklist_items', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull(),
  title: text('title').notNull(),
  ownerUserId: integer('owner_user_id'),
  dueAt: integer('due_at'),
  done: integer('done', { mode: 'boolean' }).notNull().default(false),
  doneAt: integer('done_at'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
  version: integer('version').notNull().default(1),
})

export const projectUpdates = sqliteTable('project_updates', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull(),
  at: integer('at').notNull().default(now),
  authorUserId: integer('author_user_id'),
  body: text('body').notNull(),
  public: integer('public', { mode: 'boolean' }).notNull().default(true),
})

export const evaluations = sqliteTable('evaluations', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull(),
  /** Null for a paper rating. */
  trackingCode: text('tracking_code'),
  source: text('source', { enum: EVALUATION_SOURCES }).notNull().default('code'),
  resolved: text('resolved', { enum: ['solved', 'partly', 'not'] }).notNull(),
  satisfaction: integer('satisfaction').notNull(),
  comment: text('comment').notNull().default(''),
  createdAt: createdAt(),
})

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey(),
  at: integer('at').notNull().default(now),
  userId: integer('user_id'),
  action: text('action').notNull(),
  resource: text('resource').notNull(),
  recordId: text('record_id'),
  before: text('before'),
  after: text('after'),
})

export const idempotencyKeys = sqliteTable('idempotency_keys', {
  key: text('key').primaryKey(),
  scope: text('scope').notNull(),
  status: integer('status').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
  /** SHA-256 of the request the key was first used for (lib/idempotency `requestHash`). */
  requestHash: text('request_hash'),
})

export const savedViews = sqliteTable('saved_views', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').notNull(),
  resource: text('resource').notNull(),
  name: text('name').notNull(),
  params: text('params').notNull(),
  createdAt: createdAt(),
})

// ── forms ──

export const forms = sqliteTable('forms', {
  id: integer('id').primaryKey(),
  townId: integer('town_id').notNull(),
  neighborhoodId: integer('neighborhood_id'),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  status: text('status', { enum: FORM_STATUSES }).notNull().default('draft'),
  opensAt: integer('opens_at'),
  closesAt: integer('closes_at'),
  maxResponses: integer('max_responses'),
  onePerPhone: integer('one_per_phone', { mode: 'boolean' }).notNull().default(false),
  currentVersion: integer('current_version').notNull().default(1),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
  version: integer('version').notNull().default(1),
  /** Days the responses are kept after the form closes; null: RETENTION_FORM_DAYS. */
  retentionDays: integer('retention_days'),
  forChildren: integer('for_children', { mode: 'boolean' }).notNull().default(false),
})

export const formVersions = sqliteTable('form_versions', {
  id: integer('id').primaryKey(),
  formId: integer('form_id').notNull(),
  version: integer('version').notNull(),
  /** JSON array of field definitions (worker/domain/forms/definition.ts). */
  fields: text('fields').notNull(),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
})

export const formResponses = sqliteTable('form_responses', {
  id: integer('id').primaryKey(),
  formId: integer('form_id').notNull(),
  version: integer('version').notNull(),
  /** JSON object: field key → validated answer. */
  answers: text('answers').notNull(),
  phone: text('phone'),
  receipt: text('receipt').notNull(),
  createdAt: createdAt(),
  purgedAt: integer('purged_at'),
  /** A form for children (migrations/0023): the guardian's name and relationship, the child's. */
  guardianName: text('guardian_name'),
  guardianRelation: text('guardian_relation'),
  childName: text('child_name'),
  childAge: text('child_age'),
})

// ── activities ──

export const activities = sqliteTable('activities', {
  id: integer('id').primaryKey(),
  neighborhoodId: integer('neighborhood_id').notNull(),
  kind: text('kind', { enum: ACTIVITY_KINDS }).notNull().default('event'),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  place: text('place').notNull().default(''),
  audience: text('audience').notNull().default(''),
  opensAt: integer('opens_at'),
  closesAt: integer('closes_at'),
  status: text('status', { enum: ACTIVITY_STATUSES }).notNull().default('draft'),
  /** JSON array of extra-question definitions (worker/domain/forms/definition.ts). */
  questions: text('questions').notNull().default('[]'),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
  version: integer('version').notNull().default(1),
  /** A guardian registers a child (migrations/0018). */
  forChildren: integer('for_children', { mode: 'boolean' }).notNull().default(false),
})

export const activitySessions = sqliteTable('activity_sessions', {
  id: integer('id').primaryKey(),
  activityId: integer('activity_id').notNull(),
  label: text('label').notNull().default(''),
  startsAt: integer('starts_at').notNull(),
  endsAt: integer('ends_at').notNull(),
  capacity: integer('capacity').notNull(),
  maxParty: integer('max_party').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
  version: integer('version').notNull().default(1),
})

export const registrations = sqliteTable('registrations', {
  id: integer('id').primaryKey(),
  sessionId: integer('session_id').notNull(),
  activityId: integer('activity_id').notNull(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  partySize: integer('party_size').notNull().default(1),
  /** JSON object: question key → validated answer. */
  answers: text('answers').notNull().default('{}'),
  status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
  seq: integer('seq').notNull(),
  token: text('token').notNull(),
  checkinCode: text('checkin_code').notNull(),
  source: text('source', { enum: ['web', 'staff'] })
    .notNull()
    .default('web'),
  createdAt: createdAt(),
  confirmedAt: integer('confirmed_at'),
  promotedAt: integer('promoted_at'),
  cancelledAt: integer('cancelled_at'),
  cancelledBy: text('cancelled_by', { enum: ['resident', 'staff'] }),
  checkedInAt: integer('checked_in_at'),
  checkedInBy: integer('checked_in_by'),
  creditedMinutes: integer('credited_minutes'),
  /** The submission's idempotency key (unique per session). */
  clientKey: text('client_key'),
  /** For an activity for children: name and phone are the guardian's; these are the child's. */
  guardianRelation: text('guardian_relation'),
  childName: text('child_name'),
  childAge: text('child_age'),
  purgedAt: integer('purged_at'),
})

export const volunteers = sqliteTable('volunteers', {
  id: integer('id').primaryKey(),
  phone: text('phone').notNull(),
  name: text('name').notNull(),
  neighborhoodId: integer('neighborhood_id'),
  code: text('code').notNull(),
  /** JSON arrays of text. */
  skills: text('skills').notNull().default('[]'),
  tags: text('tags').notNull().default('[]'),
  note: text('note').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
  purgedAt: integer('purged_at'),
})

// ── meetings (议事会) ──

export const meetings = sqliteTable('meetings', {
  id: integer('id').primaryKey(),
  neighborhoodId: integer('neighborhood_id').notNull(),
  gridId: integer('grid_id'),
  kind: text('kind', { enum: MEETING_KINDS }).notNull(),
  title: text('title').notNull(),
  startsAt: integer('starts_at').notNull(),
  endsAt: integer('ends_at'),
  place: text('place').notNull().default(''),
  host: text('host').notNull().default(''),
  status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
  /** What the door QR opens: /m/<code>. */
  code: text('code').notNull(),
  /** Heads counted by staff; null when nobody counted. */
  headcount: integer('headcount'),
  minutes: text('minutes').notNull().default(''),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
})

export const meetingItems = sqliteTable('meeting_items', {
  id: integer('id').primaryKey(),
  meetingId: integer('meeting_id').notNull(),
  topicId: integer('topic_id').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  present: integer('present'),
  inFavour: integer('in_favour'),
  against: integer('against'),
  abstain: integer('abstain'),
  decision: text('decision', { enum: MEETING_DECISIONS }),
  projectId: integer('project_id'),
  referredTo: text('referred_to'),
  note: text('note'),
  confirmedLowSupport: integer('confirmed_low_support', { mode: 'boolean' })
    .notNull()
    .default(false),
  decidedAt: integer('decided_at'),
  decidedBy: integer('decided_by'),
  updatedAt: integer('updated_at').notNull().default(now),
})

export const meetingAttendees = sqliteTable('meeting_attendees', {
  id: integer('id').primaryKey(),
  meetingId: integer('meeting_id').notNull(),
  name: text('name'),
  phone: text('phone'),
  consentAt: integer('consent_at'),
  source: text('source', { enum: ['qr', 'staff'] })
    .notNull()
    .default('qr'),
  /** The sign-in form's idempotency key (unique per meeting). */
  clientKey: text('client_key'),
  createdAt: createdAt(),
  purgedAt: integer('purged_at'),
})

// ── programmes (九个一), confirmations (居民打钩), weekly check-ins (migrations/0010) ──
// Not mapped on their tables above: projects.programme_id and checklist_items.step_id, the links
// of a programme's projects and items; read and written by raw SQL in db/queries/programmes.

export const programmes = sqliteTable('programmes', {
  id: integer('id').primaryKey(),
  townId: integer('town_id').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  owningBody: text('owning_body').notNull().default(''),
  startsAt: integer('starts_at').notNull(),
  endsAt: integer('ends_at').notNull(),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
})

export const programmeSteps = sqliteTable('programme_steps', {
  id: integer('id').primaryKey(),
  programmeId: integer('programme_id').notNull(),
  sortOrder: integer('sort_order').notNull(),
  title: text('title').notNull(),
  doneWhen: text('done_when').notNull().default(''),
  evidence: text('evidence', { enum: EVIDENCE_KINDS }).notNull(),
  dueDays: integer('due_days'),
  dueAt: integer('due_at'),
  ownerPost: text('owner_post', { enum: POSTS }).notNull(),
  public: integer('public', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
})

export const neighborhoodPosts = sqliteTable(
  'neighborhood_posts',
  {
    neighborhoodId: integer('neighborhood_id').notNull(),
    post: text('post', { enum: POSTS }).notNull(),
    userId: integer('user_id').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.neighborhoodId, t.post] })],
)

export const stepEvidence = sqliteTable('step_evidence', {
  itemId: integer('item_id').primaryKey(),
  note: text('note').notNull().default(''),
  photoUrl: text('photo_url'),
  number: real('number'),
  recordedBy: integer('recorded_by'),
  recordedAt: integer('recorded_at').notNull(),
})

export const confirmations = sqliteTable('confirmations', {
  id: integer('id').primaryKey(),
  itemId: integer('item_id').notNull(),
  neighborhoodId: integer('neighborhood_id').notNull(),
  verdict: text('verdict', { enum: VERDICTS }).notNull(),
  source: text('source', { enum: CONFIRMATION_SOURCES }).notNull(),
  /** 'code:<tracking code>' or 'volunteer:<id>'; null for a paper sheet. */
  voice: text('voice'),
  people: integer('people').notNull().default(1),
  /** A hash of the client's address and user agent. */
  device: text('device'),
  comment: text('comment').notNull().default(''),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
})

export const weeklyCheckins = sqliteTable('weekly_checkins', {
  id: integer('id').primaryKey(),
  neighborhoodId: integer('neighborhood_id').notNull(),
  weekStart: integer('week_start').notNull(),
  doneCount: integer('done_count').notNull(),
  dueCount: integer('due_count').notNull(),
  overdueCount: integer('overdue_count').notNull(),
  newTopics: integer('new_topics').notNull(),
  disputedCount: integer('disputed_count').notNull(),
  /** JSON: the listed items and topics (db/queries/programmes/weekly.ts). */
  details: text('details').notNull(),
  note: text('note').notNull().default(''),
  noteBy: integer('note_by'),
  noteAt: integer('note_at'),
  createdAt: createdAt(),
})

// ── partners (共建单位), claims (认领) and leads (migrations/0009) ──

export const partners = sqliteTable('partners', {
  id: integer('id').primaryKey(),
  townId: integer('town_id').notNull(),
  /** The home neighborhood (a 居民区党支部, 物业, 业委会); null when serving the whole town. */
  neighborhoodId: integer('neighborhood_id'),
  kind: text('kind', { enum: PARTNER_KINDS }).notNull(),
  name: text('name').notNull(),
  contactName: text('contact_name').notNull().default(''),
  contactPhone: text('contact_phone'),
  note: text('note').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
})

export const partnerOffers = sqliteTable('partner_offers', {
  id: integer('id').primaryKey(),
  partnerId: integer('partner_id').notNull(),
  kind: text('kind', { enum: OFFER_KINDS }).notNull(),
  title: text('title').notNull(),
  quantity: text('quantity').notNull().default(''),
  availability: text('availability').notNull().default(''),
  /** JSON array of the category ids the offer suits. */
  categoryIds: text('category_ids').notNull().default('[]'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull().default(now),
})

export const userPartners = sqliteTable('user_partners', {
  userId: integer('user_id').primaryKey(),
  partnerId: integer('partner_id').notNull(),
})

export const projectNeeds = sqliteTable('project_needs', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull(),
  /** Null: the project itself. */
  checklistItemId: integer('checklist_item_id'),
  /** JSON array of offer kinds wanted. */
  kinds: text('kinds').notNull().default('[]'),
  note: text('note').notNull().default(''),
  open: integer('open', { mode: 'boolean' }).notNull().default(true),
  updatedBy: integer('updated_by'),
  updatedAt: integer('updated_at').notNull().default(now),
})

export const claims = sqliteTable('claims', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull(),
  /** Null: the project itself. */
  checklistItemId: integer('checklist_item_id'),
  /** Exactly one of partnerId and volunteerId (a 达人) is set. */
  partnerId: integer('partner_id'),
  volunteerId: integer('volunteer_id'),
  neighborhoodId: integer('neighborhood_id').notNull(),
  status: text('status', { enum: CLAIM_STATUSES }).notNull().default('pending'),
  personName: text('person_name').notNull().default(''),
  offerId: integer('offer_id'),
  message: text('message').notNull().default(''),
  decisionNote: text('decision_note'),
  source: text('source', { enum: CLAIM_SOURCES }).notNull(),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  decidedBy: integer('decided_by'),
  decidedAt: integer('decided_at'),
  updatedAt: integer('updated_at').notNull().default(now),
})

export const activityLeads = sqliteTable('activity_leads', {
  id: integer('id').primaryKey(),
  activityId: integer('activity_id').notNull(),
  /** Exactly one of partnerId and volunteerId (a 达人) is set. */
  partnerId: integer('partner_id'),
  volunteerId: integer('volunteer_id'),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
})

// ── consents (同意记录, migrations/0015; domain/privacy/consent.ts) ──

export const consents = sqliteTable('consents', {
  id: integer('id').primaryKey(),
  townId: integer('town_id'),
  /** Normalised phone the consent belongs to; null when none was given. */
  phone: text('phone'),
  subjectType: text('subject_type', { enum: CONSENT_SUBJECTS }).notNull(),
  /** The row it was given on; null for subject type 'phone'. */
  subjectId: integer('subject_id'),
  purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
  /** For purpose 'notify' only. */
  medium: text('medium', { enum: CONSENT_MEDIA }),
  /** The version of the notice text shown (the privacy page's, e.g. '2026-12-05'). */
  noticeVersion: text('notice_version').notNull(),
  givenVia: text('given_via', { enum: CONSENT_GIVEN_VIA }).notNull(),
  givenAt: integer('given_at').notNull(),
  withdrawnAt: integer('withdrawn_at'),
  withdrawnVia: text('withdrawn_via', { enum: CONSENT_WITHDRAWN_VIA }),
})

// ── verified phones (migrations/0017): one-time codes, proven phones, /me sessions ──

export const phoneCodes = sqliteTable('phone_codes', {
  id: integer('id').primaryKey(),
  phone: text('phone').notNull(),
  salt: text('salt').notNull(),
  /** SHA-256 of salt and code: the code itself is never stored. */
  codeHash: text('code_hash').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  usedAt: integer('used_at'),
})

export const verifiedPhones = sqliteTable('verified_phones', {
  phone: text('phone').primaryKey(),
  verifiedAt: integer('verified_at').notNull(),
  verifiedVia: text('verified_via', { enum: ['code', 'staff'] }).notNull(),
  verifiedBy: integer('verified_by'),
})

export const phoneSessions = sqliteTable('phone_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  phone: text('phone').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
})

export const providerTokens = sqliteTable('provider_tokens', {
  name: text('name').primaryKey(),
  token: text('token').notNull(),
  expiresAt: integer('expires_at').notNull(),
})

// ── retention, requests for a copy or deletion (migrations/0018; docs/privacy.md) ──

export const purgeLog = sqliteTable('purge_log', {
  id: integer('id').primaryKey(),
  at: integer('at').notNull(),
  kind: text('kind', { enum: PURGE_KINDS }).notNull(),
  count: integer('count').notNull(),
  requestId: integer('request_id'),
})

export const privacyRequests = sqliteTable('privacy_requests', {
  id: integer('id').primaryKey(),
  townId: integer('town_id'),
  /** Blanked once a deletion is done; phoneHint (masked) stays. */
  phone: text('phone'),
  phoneHint: text('phone_hint').notNull(),
  kind: text('kind', { enum: PRIVACY_REQUEST_KINDS }).notNull(),
  status: text('status', { enum: PRIVACY_REQUEST_STATUSES }).notNull().default('open'),
  verifiedVia: text('verified_via', { enum: ['code', 'committee'] }).notNull(),
  receivedAt: integer('received_at').notNull(),
  dueAt: integer('due_at').notNull(),
  note: text('note').notNull().default(''),
  createdBy: integer('created_by'),
  handledBy: integer('handled_by'),
  doneAt: integer('done_at'),
  /** JSON: per table, how many rows the deletion anonymised. */
  result: text('result'),
})

// ── notifications (通知, migrations/0016; domain/notify/) ──

export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey(),
  townId: integer('town_id'),
  medium: text('medium', { enum: CONSENT_MEDIA }).notNull(),
  /** Phone, address or openid. */
  recipient: text('recipient').notNull(),
  /** The consent it is sent under; null for staff. */
  consentId: integer('consent_id'),
  userId: integer('user_id'),
  templateKey: text('template_key', { enum: MESSAGE_TEMPLATES }).notNull(),
  subjectType: text('subject_type', { enum: MESSAGE_SUBJECTS }).notNull(),
  subjectId: integer('subject_id'),
  /** JSON: the template's parameters. */
  params: text('params').notNull().default('{}'),
  lang: text('lang', { enum: ['zh', 'en'] })
    .notNull()
    .default('zh'),
  /** The activity session's start it concerns (a same-day change may go in quiet hours). */
  eventAt: integer('event_at'),
  dedupeKey: text('dedupe_key').notNull(),
  /** The unsubscribe link's secret. */
  token: text('token').notNull(),
  status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('queued'),
  reason: text('reason'),
  attempts: integer('attempts').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  dueAt: integer('due_at').notNull(),
  enqueuedAt: integer('enqueued_at'),
  sentAt: integer('sent_at'),
  deliveredAt: integer('delivered_at'),
  provider: text('provider'),
  providerMessageId: text('provider_message_id'),
})

export const notifyLangs = sqliteTable(
  'notify_langs',
  {
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id').notNull(),
    lang: text('lang').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId] })],
)

export const notifySettings = sqliteTable('notify_settings', {
  townId: integer('town_id').primaryKey(),
  senderName: text('sender_name').notNull().default(''),
  smsOn: integer('sms_on', { mode: 'boolean' }).notNull().default(true),
  emailOn: integer('email_on', { mode: 'boolean' }).notNull().default(true),
  wechatOn: integer('wechat_on', { mode: 'boolean' }).notNull().default(true),
  /** Quiet hours, Shanghai time, 'HH:MM'. */
  quietFrom: text('quiet_from').notNull().default('21:00'),
  quietTo: text('quiet_to').notNull().default('08:00'),
  dailyCap: integer('daily_cap').notNull().default(5),
  staffDigest: integer('staff_digest', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at'),
  version: integer('version').notNull().default(1),
})

export const notifyTemplates = sqliteTable('notify_templates', {
  id: integer('id').primaryKey(),
  townId: integer('town_id').notNull(),
  templateKey: text('template_key', { enum: MESSAGE_TEMPLATES }).notNull(),
  medium: text('medium', { enum: CONSENT_MEDIA }).notNull(),
  /** The provider's approved template id (SMS, WeChat). */
  providerTemplateId: text('provider_template_id'),
  /** The town's own wording; null: the built-in text. */
  textZh: text('text_zh'),
  textEn: text('text_en'),
  updatedAt: integer('updated_at'),
  version: integer('version').notNull().default(1),
})

export const notifyStaff = sqliteTable('notify_staff', {
  userId: integer('user_id').primaryKey(),
  medium: text('medium', { enum: CONSENT_MEDIA }).notNull(),
  address: text('address').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at'),
})
