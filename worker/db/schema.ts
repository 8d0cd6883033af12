// Mirrors migrations/*.sql — the migrations are the source of truth; change both together.
import { sql } from 'drizzle-orm'
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

const now = sql`(unixepoch('subsec') * 1000)`
const createdAt = () => integer('created_at').notNull().default(now)

export const towns = sqliteTable('towns', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
})

export const neighborhoods = sqliteTable('neighborhoods', {
  id: integer('id').primaryKey(),
  townId: integer('town_id').notNull(),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  createdAt: createdAt(),
})

export const grids = sqliteTable('grids', {
  id: integer('id').primaryKey(),
  neighborhoodId: integer('neighborhood_id').notNull(),
  name: text('name').notNull(),
})

export const ROLES = ['admin', 'town', 'staff', 'viewer'] as const
export type Role = (typeof ROLES)[number]

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
})

export const CHANNEL_KINDS = ['qr', 'web', 'phone', 'visit', 'box', 'staff'] as const

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
})

export const TOPIC_STATUSES = [
  'submitted',
  'accepted',
  'adopted',
  'in_progress',
  'done',
  'merged',
  'declined',
  'referred',
] as const
export type TopicStatus = (typeof TOPIC_STATUSES)[number]

export const topics = sqliteTable('topics', {
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
})

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
  source: text('source', { enum: ['support', 'merged'] }).notNull().default('support'),
  clientKey: text('client_key'),
  createdAt: createdAt(),
})

export const PROJECT_STATUSES = ['planned', 'in_progress', 'blocked', 'done', 'cancelled'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

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
  trackingCode: text('tracking_code').notNull(),
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
})

export const savedViews = sqliteTable('saved_views', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').notNull(),
  resource: text('resource').notNull(),
  name: text('name').notNull(),
  params: text('params').notNull(),
  createdAt: createdAt(),
})
