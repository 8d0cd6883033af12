// The words of jushou, defined once: every status, role and kind, the subsets rules and SQL
// need, their Chinese and English names, and the colours staff screens show them in. The drizzle
// schema, the API, the resident pages and the admin all import from here (docs/glossary.md says
// which word means what). Pure data: this file imports nothing.

export type Lang = 'zh' | 'en'

/** A name in both languages. */
export type Label = { zh: string; en: string }

/** MUI chip colour and a hex colour (charts, kanban columns) of a status. */
export type Look = {
  chip: 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning'
  hex: string
}

// ── roles ──

export const ROLES = ['admin', 'town', 'staff', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, Label> = {
  admin: { zh: '管理员', en: 'Administrator' },
  town: { zh: '镇专班', en: 'Town coordinator' },
  staff: { zh: '居委工作人员', en: 'Committee staff' },
  viewer: { zh: '只读', en: 'Viewer' },
}

// ── channels (where a topic came from) ──

export const CHANNEL_KINDS = ['qr', 'web', 'phone', 'visit', 'box', 'staff'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]

export const CHANNEL_KIND_LABEL: Record<ChannelKind, Label> = {
  qr: { zh: '二维码点位', en: 'QR point' },
  web: { zh: '网页', en: 'Web' },
  phone: { zh: '电话', en: 'Phone' },
  visit: { zh: '走访', en: 'Visit' },
  box: { zh: '意见箱', en: 'Suggestion box' },
  staff: { zh: '工作人员录入', en: 'Staff entry' },
}

// ── topics (议题) ──

/** The topic states, in lifecycle order (topic-workflow.ts holds the moves between them). */
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

export const TOPIC_STATUS_LABEL: Record<TopicStatus, Label> = {
  submitted: { zh: '待受理', en: 'Submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  adopted: { zh: '已立项', en: 'Adopted' },
  in_progress: { zh: '实施中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  merged: { zh: '已合并', en: 'Merged' },
  declined: { zh: '不予采纳', en: 'Declined' },
  referred: { zh: '已转办', en: 'Referred' },
}

/** Statuses a topic can no longer leave. */
export const FINAL_TOPIC_STATUSES: readonly TopicStatus[] = [
  'done',
  'merged',
  'declined',
  'referred',
]

/** Topics not yet final: the board lists them, and only they can take a merge. */
export const OPEN_TOPIC_STATUSES: readonly TopicStatus[] = TOPIC_STATUSES.filter(
  (s) => !FINAL_TOPIC_STATUSES.includes(s),
)

/** Topics taken on as a project: adopted, and on along the main line to done. */
export const ADOPTED_TOPIC_STATUSES: readonly TopicStatus[] = ['adopted', 'in_progress', 'done']

/** Statuses from which a topic may be merged, declined, referred or adopted (triage). */
export const TRIAGE_TOPIC_STATUSES: readonly TopicStatus[] = ['submitted', 'accepted']

export const TOPIC_STATUS_LOOK: Record<TopicStatus, Look> = {
  submitted: { chip: 'warning', hex: '#ed6c02' },
  accepted: { chip: 'info', hex: '#0288d1' },
  adopted: { chip: 'primary', hex: '#1976d2' },
  in_progress: { chip: 'secondary', hex: '#9c27b0' },
  done: { chip: 'success', hex: '#2e7d32' },
  merged: { chip: 'default', hex: '#757575' },
  declined: { chip: 'error', hex: '#d32f2f' },
  referred: { chip: 'default', hex: '#5d4037' },
}

// ── projects (项目) ──

/** Project states, in board order (the kanban's columns). */
export const PROJECT_STATUSES = ['planned', 'in_progress', 'blocked', 'done', 'cancelled'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

export const PROJECT_STATUS_LABEL: Record<ProjectStatus, Label> = {
  planned: { zh: '计划中', en: 'Planned' },
  in_progress: { zh: '实施中', en: 'In progress' },
  blocked: { zh: '受阻', en: 'Blocked' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
}

/** Finished projects: residents evaluate a done one; neither moves again. */
export const CLOSED_PROJECT_STATUSES: readonly ProjectStatus[] = ['done', 'cancelled']

/** Projects still under way: the board lists them as running. */
export const OPEN_PROJECT_STATUSES: readonly ProjectStatus[] = PROJECT_STATUSES.filter(
  (s) => !CLOSED_PROJECT_STATUSES.includes(s),
)

/** Statuses a project may be created with (a closed project is never created). */
export const CREATABLE_PROJECT_STATUSES = ['planned', 'in_progress', 'blocked'] as const

export const PROJECT_STATUS_LOOK: Record<ProjectStatus, Look> = {
  planned: { chip: 'info', hex: '#0288d1' },
  in_progress: { chip: 'primary', hex: '#1976d2' },
  blocked: { chip: 'error', hex: '#d32f2f' },
  done: { chip: 'success', hex: '#2e7d32' },
  cancelled: { chip: 'default', hex: '#757575' },
}

// ── forms (问卷 / 表单) ──

export const FORM_STATUSES = ['draft', 'open', 'closed'] as const
export type FormStatus = (typeof FORM_STATUSES)[number]

export const FORM_STATUS_LABEL: Record<FormStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  open: { zh: '开放', en: 'Open' },
  closed: { zh: '已关闭', en: 'Closed' },
}

// ── activities (活动) and registrations (报名) ──

export const ACTIVITY_KINDS = ['event', 'volunteer'] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]

export const ACTIVITY_KIND_LABEL: Record<ActivityKind, Label> = {
  event: { zh: '活动', en: 'Activity' },
  volunteer: { zh: '志愿服务', en: 'Volunteering' },
}

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]

export const ACTIVITY_STATUS_LABEL: Record<ActivityStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
}

export const REGISTRATION_STATUSES = [
  'confirmed',
  'waitlisted',
  'cancelled',
  'checked_in',
  'no_show',
] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

export const REGISTRATION_STATUS_LABEL: Record<RegistrationStatus, Label> = {
  confirmed: { zh: '已确认', en: 'Confirmed' },
  waitlisted: { zh: '候补', en: 'Waiting' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  checked_in: { zh: '已签到', en: 'Checked in' },
  no_show: { zh: '未到场', en: 'No-show' },
}

/**
 * One language's names of a label table, e.g. for an i18n dictionary or an export column.
 * @example namesIn(TOPIC_STATUS_LABEL, 'zh').in_progress // '实施中'
 */
export const namesIn = <K extends string>(labels: Record<K, Label>, lang: Lang) =>
  Object.fromEntries(Object.entries<Label>(labels).map(([k, l]) => [k, l[lang]])) as Record<
    K,
    string
  >

/**
 * Whether `value` is one of `values` (narrows unknown input to the enum).
 * @example isOneOf(TOPIC_STATUSES, 'done') // true
 */
export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value)

// ── meetings (议事会) ──

/** What kind of gathering decides: a neighborhood council, a 楼组 meeting, a hearing, a review. */
export const MEETING_KINDS = ['council', 'grid', 'hearing', 'review'] as const
export type MeetingKind = (typeof MEETING_KINDS)[number]

export const MEETING_KIND_LABEL: Record<MeetingKind, Label> = {
  council: { zh: '议事会', en: 'Residents’ council' },
  grid: { zh: '楼组议事', en: 'Building-group meeting' },
  hearing: { zh: '听证会', en: 'Hearing' },
  review: { zh: '评议会', en: 'Review meeting' },
}

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const
export type MeetingStatus = (typeof MEETING_STATUSES)[number]

export const MEETING_STATUS_LABEL: Record<MeetingStatus, Label> = {
  planned: { zh: '待召开', en: 'Planned' },
  held: { zh: '已召开', en: 'Held' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
}

export const MEETING_STATUS_LOOK: Record<MeetingStatus, Look> = {
  planned: { chip: 'info', hex: '#0288d1' },
  held: { chip: 'success', hex: '#2e7d32' },
  cancelled: { chip: 'default', hex: '#757575' },
}

/** What a meeting decides on an agenda item (domain/meetings/decision.ts: what each one does). */
export const MEETING_DECISIONS = ['adopt', 'defer', 'refer', 'decline'] as const
export type MeetingDecision = (typeof MEETING_DECISIONS)[number]

export const MEETING_DECISION_LABEL: Record<MeetingDecision, Label> = {
  adopt: { zh: '立项', en: 'Adopt' },
  defer: { zh: '暂缓', en: 'Defer' },
  refer: { zh: '转办', en: 'Refer' },
  decline: { zh: '不予采纳', en: 'Decline' },
}

export const MEETING_DECISION_LOOK: Record<MeetingDecision, Look> = {
  adopt: { chip: 'primary', hex: '#1976d2' },
  defer: { chip: 'warning', hex: '#ed6c02' },
  refer: { chip: 'default', hex: '#5d4037' },
  decline: { chip: 'error', hex: '#d32f2f' },
}
