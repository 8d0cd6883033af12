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

/**
 * The colour of each chip colour name, dark enough to read at 4.5:1 or more (WCAG AA) both as
 * white text on it (a filled chip) and as text on white or on the admin's page background (an
 * outlined chip, a text button). The admin theme's palette is made of these (admin/src/layout/
 * theme.ts); MUI's defaults (warning #ed6c02, info #0288d1) read at 3.1 and 3.9.
 */
export const CHIP_HEX: Record<Look['chip'], string> = {
  default: '#616161',
  primary: '#1565c0',
  secondary: '#7b1fa2',
  error: '#b71c1c',
  info: '#01579b',
  success: '#2e7d32',
  warning: '#b45309',
}

// ── roles ──

export const ROLES = ['admin', 'town', 'staff', 'viewer', 'partner'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, Label> = {
  admin: { zh: '管理员', en: 'Administrator' },
  town: { zh: '镇专班', en: 'Town coordinator' },
  staff: { zh: '居委工作人员', en: 'Committee staff' },
  viewer: { zh: '只读', en: 'Viewer' },
  partner: { zh: '共建单位', en: 'Partner' },
}

// ── channels (where a topic came from) ──

export const CHANNEL_KINDS = ['qr', 'web', 'phone', 'visit', 'box', 'staff'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]

/** The kinds of channel that hang on a wall, whose posters 批量打印 prints. */
export const POSTER_CHANNEL_KINDS = ['qr', 'box'] as const satisfies readonly ChannelKind[]

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
  submitted: { chip: 'warning', hex: CHIP_HEX.warning },
  accepted: { chip: 'info', hex: CHIP_HEX.info },
  adopted: { chip: 'primary', hex: CHIP_HEX.primary },
  in_progress: { chip: 'secondary', hex: CHIP_HEX.secondary },
  done: { chip: 'success', hex: CHIP_HEX.success },
  merged: { chip: 'default', hex: CHIP_HEX.default },
  declined: { chip: 'error', hex: CHIP_HEX.error },
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
  planned: { chip: 'info', hex: CHIP_HEX.info },
  in_progress: { chip: 'primary', hex: CHIP_HEX.primary },
  blocked: { chip: 'error', hex: CHIP_HEX.error },
  done: { chip: 'success', hex: CHIP_HEX.success },
  cancelled: { chip: 'default', hex: CHIP_HEX.default },
}

// ── forms (问卷 / 表单) ──

export const FORM_STATUSES = ['draft', 'open', 'closed'] as const
export type FormStatus = (typeof FORM_STATUSES)[number]

export const FORM_STATUS_LABEL: Record<FormStatus, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  open: { zh: '开放', en: 'Open' },
  closed: { zh: '已关闭', en: 'Closed' },
}

/** The kinds of question a form field can be (forms/definition.ts: what each one holds). */
export const FIELD_TYPES = [
  'text',
  'longtext',
  'number',
  'phone',
  'single',
  'multiple',
  'date',
  'building',
  'rating',
  'consent',
  'hidden',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

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

/** Where an activity stands for registrations: its status, then its window (capacity.ts). */
export const REGISTRATION_WINDOWS = ['draft', 'cancelled', 'not_open', 'open', 'closed'] as const
export type RegistrationWindow = (typeof REGISTRATION_WINDOWS)[number]

export const REGISTRATION_WINDOW_LABEL: Record<RegistrationWindow, Label> = {
  draft: { zh: '未发布', en: 'Not published' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  not_open: { zh: '未开始', en: 'Not open yet' },
  open: { zh: '报名中', en: 'Open' },
  closed: { zh: '已截止', en: 'Closed' },
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
  planned: { chip: 'info', hex: CHIP_HEX.info },
  held: { chip: 'success', hex: CHIP_HEX.success },
  cancelled: { chip: 'default', hex: CHIP_HEX.default },
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
  adopt: { chip: 'primary', hex: CHIP_HEX.primary },
  defer: { chip: 'warning', hex: CHIP_HEX.warning },
  refer: { chip: 'default', hex: '#5d4037' },
  decline: { chip: 'error', hex: CHIP_HEX.error },
}

// ── programmes (九个一 / 规定动作) and confirmations (居民打钩) ──

/** Posts in a neighborhood that own programme steps (who holds each: neighborhood_posts). */
export const POSTS = ['secretary', 'director', 'social_worker', 'project_lead', 'liaison'] as const
export type Post = (typeof POSTS)[number]

export const POST_LABEL: Record<Post, Label> = {
  secretary: { zh: '党组织书记', en: 'Party secretary' },
  director: { zh: '居委会主任', en: 'Committee director' },
  social_worker: { zh: '社工', en: 'Social worker' },
  project_lead: { zh: '项目负责人', en: 'Project lead' },
  liaison: { zh: '镇联络员', en: 'Town liaison' },
}

/** What staff record to show a step was done. */
export const EVIDENCE_KINDS = ['note', 'photo', 'number'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

export const EVIDENCE_LABEL: Record<EvidenceKind, Label> = {
  note: { zh: '文字说明', en: 'A note' },
  photo: { zh: '照片链接', en: 'A photo link' },
  number: { zh: '数字', en: 'A number' },
}

/** A step's state in one neighborhood (domain/programmes/cells.ts decides which). */
export const STEP_STATES = ['done', 'due', 'overdue', 'not_started'] as const
export type StepState = (typeof STEP_STATES)[number]

export const STEP_STATE_LABEL: Record<StepState, Label> = {
  done: { zh: '已完成', en: 'Done' },
  due: { zh: '临近到期', en: 'Due soon' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  not_started: { zh: '未开始', en: 'Not started' },
}

export const STEP_STATE_LOOK: Record<StepState, Look> = {
  done: { chip: 'success', hex: CHIP_HEX.success },
  due: { chip: 'warning', hex: CHIP_HEX.warning },
  overdue: { chip: 'error', hex: CHIP_HEX.error },
  not_started: { chip: 'default', hex: '#707070' },
}

/** A resident's answer on a done step: 我确认已完成 / 还没有做到. */
export const VERDICTS = ['confirmed', 'disputed'] as const
export type Verdict = (typeof VERDICTS)[number]

export const VERDICT_LABEL: Record<Verdict, Label> = {
  confirmed: { zh: '确认已完成', en: 'Confirmed' },
  disputed: { zh: '有异议', en: 'Disputed' },
}

/** Whose voice a confirmation is: a tracking code, a verified (volunteer) phone, a paper sheet. */
export const CONFIRMATION_SOURCES = ['code', 'volunteer', 'paper'] as const
export type ConfirmationSource = (typeof CONFIRMATION_SOURCES)[number]

export const CONFIRMATION_SOURCE_LABEL: Record<ConfirmationSource, Label> = {
  code: { zh: '查询码', en: 'Tracking code' },
  volunteer: { zh: '已核实手机号', en: 'Verified phone' },
  paper: { zh: '纸质', en: 'Paper sheet' },
}

/**
 * Where a rating (监督评议) came from: a filer's tracking code, a supporter with a verified phone,
 * a paper sheet entered by staff, or (before the one-voice rule) an unverified support code,
 * kept but not counted (domain/voice.ts).
 */
export const EVALUATION_SOURCES = ['code', 'verified', 'paper', 'support'] as const
export type EvaluationSource = (typeof EVALUATION_SOURCES)[number]

export const EVALUATION_SOURCE_LABEL: Record<EvaluationSource, Label> = {
  code: { zh: '查询码', en: 'Tracking code' },
  verified: { zh: '验证手机', en: 'Verified phone' },
  paper: { zh: '纸质', en: 'Paper sheet' },
  support: { zh: '附议码（未计入）', en: 'Support code (not counted)' },
}

/** The sources a rating is counted from: every one but the legacy 'support'. */
export const COUNTED_EVALUATION_SOURCES: readonly EvaluationSource[] = ['code', 'verified', 'paper']

// ── partners (共建单位) and claims (认领) ──

/** Kinds of partner organisation (党支部, 共建单位, 高校社团, 社会组织, 达人团队, 物业, 业委会). */
export const PARTNER_KINDS = [
  'party_branch',
  'unit',
  'student_club',
  'social_org',
  'talent_team',
  'property',
  'owners_committee',
  'other',
] as const
export type PartnerKind = (typeof PARTNER_KINDS)[number]

export const PARTNER_KIND_LABEL: Record<PartnerKind, Label> = {
  party_branch: { zh: '党支部', en: 'Party branch' },
  unit: { zh: '共建单位', en: 'Partner unit' },
  student_club: { zh: '高校社团', en: 'University club' },
  social_org: { zh: '社会组织', en: 'Social organisation' },
  talent_team: { zh: '达人团队', en: 'Talent team' },
  property: { zh: '物业', en: 'Property management' },
  owners_committee: { zh: '业委会', en: "Owners' committee" },
  other: { zh: '其他', en: 'Other' },
}

/** What an offer (资源清单) gives, and what a project or task asks for. */
export const OFFER_KINDS = ['venue', 'service', 'volunteers', 'goods', 'funds'] as const
export type OfferKind = (typeof OFFER_KINDS)[number]

export const OFFER_KIND_LABEL: Record<OfferKind, Label> = {
  venue: { zh: '场地', en: 'Venue' },
  service: { zh: '专业服务', en: 'Expert service' },
  volunteers: { zh: '志愿者', en: 'Volunteers' },
  goods: { zh: '物资', en: 'Goods' },
  funds: { zh: '资金', en: 'Funds' },
}

/** Claim states (domain/partners/claim-workflow.ts holds the moves between them). */
export const CLAIM_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

export const CLAIM_STATUS_LABEL: Record<ClaimStatus, Label> = {
  pending: { zh: '待处理', en: 'Pending' },
  accepted: { zh: '已接受', en: 'Accepted' },
  declined: { zh: '未接受', en: 'Declined' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
}

export const CLAIM_STATUS_LOOK: Record<ClaimStatus, Look> = {
  pending: { chip: 'warning', hex: CHIP_HEX.warning },
  accepted: { chip: 'success', hex: CHIP_HEX.success },
  declined: { chip: 'error', hex: CHIP_HEX.error },
  withdrawn: { chip: 'default', hex: CHIP_HEX.default },
}

/** Who raised a hand on the record: the partner through its own login, or staff for it. */
export const CLAIM_SOURCES = ['partner', 'staff'] as const

// ── consents (同意记录, migrations/0015; domain/privacy/consent.ts) ──

/** What a person agreed to: being contacted by phone, notifications, a form's use of their answers, a guardian's consent for a child. */
export const CONSENT_PURPOSES = ['contact', 'notify', 'form_data', 'guardian'] as const
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]

export const CONSENT_PURPOSE_LABEL: Record<ConsentPurpose, Label> = {
  contact: { zh: '同意工作人员电话联系', en: 'May be contacted by phone' },
  notify: { zh: '接收进展通知', en: 'Progress notifications' },
  form_data: { zh: '同意表单信息的使用', en: 'Use of form answers' },
  guardian: { zh: '监护人同意', en: 'Guardian’s consent' },
}

/** The row a consent was given on ('phone': given for a phone as such, no row). */
export const CONSENT_SUBJECTS = [
  'topic',
  'support',
  'registration',
  'form_response',
  'volunteer',
  'meeting_attendee',
  'phone',
] as const
export type ConsentSubject = (typeof CONSENT_SUBJECTS)[number]

/** How a notification consent reaches the person. */
export const CONSENT_MEDIA = ['sms', 'email', 'wechat'] as const
export type ConsentMedium = (typeof CONSENT_MEDIA)[number]

export const CONSENT_MEDIUM_LABEL: Record<ConsentMedium, Label> = {
  sms: { zh: '短信', en: 'SMS' },
  email: { zh: '电子邮件', en: 'Email' },
  wechat: { zh: '微信', en: 'WeChat' },
}

/** Where a consent was given: a web form, a paper form entered by staff, or told to staff. */
export const CONSENT_GIVEN_VIA = ['web', 'paper', 'staff'] as const
export type ConsentGivenVia = (typeof CONSENT_GIVEN_VIA)[number]

/** Where it was withdrawn: a web page, an SMS reply (回T退订), an unsubscribe link, or staff. */
export const CONSENT_WITHDRAWN_VIA = ['web', 'sms_reply', 'link', 'staff'] as const
export type ConsentWithdrawnVia = (typeof CONSENT_WITHDRAWN_VIA)[number]

export const CONSENT_CHANNEL_LABEL: Record<ConsentGivenVia | ConsentWithdrawnVia, Label> = {
  web: { zh: '网页', en: 'Web' },
  paper: { zh: '纸质表', en: 'Paper form' },
  staff: { zh: '工作人员', en: 'Staff' },
  sms_reply: { zh: '短信回复', en: 'SMS reply' },
  link: { zh: '退订链接', en: 'Unsubscribe link' },
}

// ── retention and requests (migrations/0018; domain/privacy/retention.ts, docs/privacy.md) ──

/** What the retention job (and a deletion request) erases, one policy each. */
export const PURGE_KINDS = [
  'topic_contact',
  'registration',
  'form_response',
  'child',
  'meeting_attendee',
  'one_time_code',
  'rate_limit',
  'session',
  'idempotency',
  'request',
] as const
export type PurgeKind = (typeof PURGE_KINDS)[number]

export const PURGE_KIND_LABEL: Record<PurgeKind, Label> = {
  topic_contact: { zh: '议题联系人信息', en: 'Topic contact details' },
  registration: { zh: '活动报名信息', en: 'Registrations' },
  form_response: { zh: '问卷回答', en: 'Form responses' },
  child: { zh: '儿童信息和敏感回答', en: 'Children’s data and sensitive answers' },
  meeting_attendee: { zh: '会议签到信息', en: 'Meeting sign-ins' },
  one_time_code: { zh: '验证码', en: 'One-time codes' },
  rate_limit: { zh: '访问频率记录', en: 'Rate-limit records' },
  session: { zh: '登录会话', en: 'Sign-in sessions' },
  idempotency: { zh: '重复提交防护记录', en: 'Resend keys' },
  request: { zh: '按申请删除', en: 'Deleted on request' },
}

/** A resident's request: a copy of their data, or its deletion. */
export const PRIVACY_REQUEST_KINDS = ['copy', 'deletion'] as const
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number]

export const PRIVACY_REQUEST_KIND_LABEL: Record<PrivacyRequestKind, Label> = {
  copy: { zh: '查阅/复制', en: 'Copy' },
  deletion: { zh: '删除', en: 'Deletion' },
}

export const PRIVACY_REQUEST_STATUSES = ['open', 'done', 'refused'] as const
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number]

export const PRIVACY_REQUEST_STATUS_LABEL: Record<PrivacyRequestStatus, Label> = {
  open: { zh: '待处理', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
  refused: { zh: '不予办理', en: 'Refused' },
}

/** Why staff reveal a masked phone (the audit log records the choice). */
export const REVEAL_PURPOSES = ['callback', 'activity', 'verify', 'emergency'] as const
export type RevealPurpose = (typeof REVEAL_PURPOSES)[number]

export const REVEAL_PURPOSE_LABEL: Record<RevealPurpose, Label> = {
  callback: { zh: '回访居民', en: 'Call the resident back' },
  activity: { zh: '活动联络', en: 'Activity arrangements' },
  verify: { zh: '核实身份', en: 'Verify identity' },
  emergency: { zh: '紧急情况', en: 'Emergency' },
}

/** Why staff export personal data (the audit entry of the export records the choice). */
export const EXPORT_PURPOSES = ['report', 'roster', 'callback', 'check'] as const
export type ExportPurpose = (typeof EXPORT_PURPOSES)[number]

export const EXPORT_PURPOSE_LABEL: Record<ExportPurpose, Label> = {
  report: { zh: '上报汇总', en: 'Report upward' },
  roster: { zh: '活动点名册', en: 'Activity roster' },
  callback: { zh: '回访居民', en: 'Call residents back' },
  check: { zh: '核对信息', en: 'Check the records' },
}

/** Audit-log actions of personal data being seen or leaving the system. */
export const PRIVACY_AUDIT_ACTIONS = ['reveal', 'export', 'copy', 'erase'] as const
export type PrivacyAuditAction = (typeof PRIVACY_AUDIT_ACTIONS)[number]

export const PRIVACY_AUDIT_ACTION_LABEL: Record<PrivacyAuditAction, Label> = {
  reveal: { zh: '查看完整号码', en: 'Revealed a phone' },
  export: { zh: '导出个人信息', en: 'Exported personal data' },
  copy: { zh: '提供数据副本', en: 'Gave a copy of data' },
  erase: { zh: '按申请删除', en: 'Erased on request' },
}

// ── the audit log ──

/**
 * Every kind of write the audit log records, with the name staff read on the audit screen.
 * `AuditAction` types every write of an audit row (db/queries/audit.ts and the raw SQL ones), so
 * a new kind fails the type check until it has its line here.
 */
export const AUDIT_ACTION_LABEL = {
  create: { zh: '新建', en: 'Create' },
  update: { zh: '修改', en: 'Update' },
  delete: { zh: '删除', en: 'Delete' },
  disable: { zh: '停用', en: 'Disable' },
  transition: { zh: '状态变更', en: 'Status change' },
  adopt: { zh: '立项', en: 'Adopt' },
  merge: { zh: '合并', en: 'Merge' },
  merge_in: { zh: '有议题合并进来', en: 'Topics merged in' },
  unmerge: { zh: '撤销合并', en: 'Merge undone' },
  project_status: { zh: '项目状态', en: 'Project status' },
  meeting_decision: { zh: '议事会议定', en: 'Meeting decision' },
  decide: { zh: '议定', en: 'Decision' },
  tally: { zh: '计票', en: 'Tally' },
  change_password: { zh: '修改密码', en: 'Password change' },
  cancel: { zh: '取消', en: 'Cancel' },
  promote: { zh: '候补递补', en: 'Waitlist promotion' },
  'check-in': { zh: '签到', en: 'Check-in' },
  'no-show': { zh: '未到场', en: 'No-show' },
  hours: { zh: '志愿时长', en: 'Volunteer hours' },
  apply: { zh: '下发到居民区', en: 'Applied to neighborhoods' },
  add_missing_steps: { zh: '补发缺少的步骤', en: 'Missing steps added' },
  done: { zh: '标记完成', en: 'Marked done' },
  update_evidence: { zh: '更新佐证', en: 'Evidence updated' },
  reopen: { zh: '重新打开', en: 'Reopened' },
  move_due: { zh: '调整期限', en: 'Due date moved' },
  paper: { zh: '录入纸质打钩', en: 'Paper confirmations entered' },
  accept: { zh: '接受认领', en: 'Claim accepted' },
  decline: { zh: '婉拒认领', en: 'Claim declined' },
  withdraw: { zh: '撤回认领', en: 'Claim withdrawn' },
  verify: { zh: '当面验证手机', en: 'Phone verified in person' },
  refuse: { zh: '不予办理申请', en: 'Request refused' },
  // reveal, export (an export showing phone numbers), copy, erase
  ...PRIVACY_AUDIT_ACTION_LABEL,
} as const satisfies Record<string, Label>
export type AuditAction = keyof typeof AUDIT_ACTION_LABEL
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABEL) as AuditAction[]

/** Yes and no, for a true/false value staff read (e.g. 启用 是). */
export const YES_NO_LABEL: Record<'true' | 'false', Label> = {
  true: { zh: '是', en: 'Yes' },
  false: { zh: '否', en: 'No' },
}

/** Every kind of record the audit log records writes to, by its API name. */
export const AUDIT_RESOURCE_LABEL = {
  topics: { zh: '议题', en: 'Topics' },
  projects: { zh: '项目', en: 'Projects' },
  'checklist-items': { zh: '项目清单', en: 'Checklist items' },
  'project-updates': { zh: '项目进展', en: 'Project updates' },
  'project-needs': { zh: '项目需求', en: 'Project needs' },
  evaluations: { zh: '评议', en: 'Evaluations' },
  meetings: { zh: '议事会', en: 'Meetings' },
  'meeting-items': { zh: '议事事项', en: 'Meeting items' },
  programmes: { zh: '任务清单', en: 'Programmes' },
  'programme-steps': { zh: '任务步骤', en: 'Programme steps' },
  'programme-items': { zh: '居民区任务', en: 'Programme items' },
  confirmations: { zh: '居民打钩', en: 'Confirmations' },
  'weekly-checkins': { zh: '每周打卡', en: 'Weekly check-ins' },
  partners: { zh: '共建单位', en: 'Partners' },
  'partner-offers': { zh: '共建资源', en: 'Partner offers' },
  claims: { zh: '认领', en: 'Claims' },
  activities: { zh: '活动', en: 'Activities' },
  'activity-sessions': { zh: '活动场次', en: 'Activity sessions' },
  'activity-leads': { zh: '达人带领活动', en: 'Activity leads' },
  registrations: { zh: '报名', en: 'Registrations' },
  volunteers: { zh: '志愿者', en: 'Volunteers' },
  forms: { zh: '问卷', en: 'Forms' },
  'form-responses': { zh: '问卷回答', en: 'Form responses' },
  users: { zh: '用户', en: 'Users' },
  towns: { zh: '镇', en: 'Towns' },
  neighborhoods: { zh: '居民区', en: 'Neighborhoods' },
  grids: { zh: '网格', en: 'Grids' },
  categories: { zh: '议题类别', en: 'Categories' },
  channels: { zh: '收集渠道', en: 'Channels' },
  'saved-views': { zh: '保存的视图', en: 'Saved views' },
  'notification-settings': { zh: '通知设置', en: 'Notification settings' },
  'notification-templates': { zh: '通知模板', en: 'Message templates' },
  'verified-phones': { zh: '已验证手机号', en: 'Verified phones' },
  'privacy-requests': { zh: '查询与删除申请', en: 'Access and deletion requests' },
  'meeting-attendees': { zh: '会议签到', en: 'Meeting sign-ins' },
} as const satisfies Record<string, Label>
export const AUDIT_RESOURCES = Object.keys(AUDIT_RESOURCE_LABEL)
// ── messages (通知: the outbox, migrations/0016; domain/notify/) ──

/**
 * Where a message stands: waiting in the outbox or the queue, being handed to the provider,
 * accepted by it, reported delivered, failed (with the provider's reason) or not sent (why).
 */
export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'skipped',
] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

export const MESSAGE_STATUS_LABEL: Record<MessageStatus, Label> = {
  queued: { zh: '待发送', en: 'Queued' },
  sending: { zh: '发送中', en: 'Sending' },
  sent: { zh: '已发送', en: 'Sent' },
  delivered: { zh: '已送达', en: 'Delivered' },
  failed: { zh: '发送失败', en: 'Failed' },
  skipped: { zh: '未发送', en: 'Skipped' },
}

export const MESSAGE_STATUS_LOOK: Record<MessageStatus, Look> = {
  queued: { chip: 'default', hex: CHIP_HEX.default },
  sending: { chip: 'info', hex: CHIP_HEX.info },
  sent: { chip: 'primary', hex: CHIP_HEX.primary },
  delivered: { chip: 'success', hex: CHIP_HEX.success },
  failed: { chip: 'error', hex: CHIP_HEX.error },
  skipped: { chip: 'warning', hex: CHIP_HEX.warning },
}

/** What a message is about (domain/notify/templates.ts holds each one's words). */
export const MESSAGE_TEMPLATES = [
  'topic_accepted',
  'topic_declined',
  'topic_referred',
  'topic_adopted',
  'topic_done',
  'topic_decided',
  'waitlist_promoted',
  'activity_reminder',
  'form_receipt',
  'staff_digest',
] as const
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number]

export const MESSAGE_TEMPLATE_LABEL: Record<MessageTemplate, Label> = {
  topic_accepted: { zh: '议题已受理', en: 'Topic accepted' },
  topic_declined: { zh: '议题不予采纳', en: 'Topic declined' },
  topic_referred: { zh: '议题已转办', en: 'Topic referred' },
  topic_adopted: { zh: '议题已立项', en: 'Topic adopted' },
  topic_done: { zh: '议题已完成（请评议）', en: 'Topic done (please rate)' },
  topic_decided: { zh: '议事会决定', en: 'Meeting decision' },
  waitlist_promoted: { zh: '候补递补成功', en: 'Moved up from the waiting list' },
  activity_reminder: { zh: '活动前一天提醒', en: 'Activity reminder' },
  form_receipt: { zh: '问卷回执', en: 'Survey receipt' },
  staff_digest: { zh: '工作人员每日汇总', en: 'Staff daily digest' },
}

/** The record a message concerns (its history shows on that record). */
export const MESSAGE_SUBJECTS = ['topic', 'registration', 'form_response', 'user'] as const
