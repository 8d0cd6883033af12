import {
  ACTIVITY_KIND_LABEL,
  ACTIVITY_STATUS_LABEL,
  CHANNEL_KIND_LABEL,
  CLAIM_STATUS_LABEL,
  EVALUATION_SOURCE_LABEL,
  EVIDENCE_LABEL,
  FORM_STATUS_LABEL,
  type Label,
  MEETING_DECISION_LABEL,
  MEETING_KIND_LABEL,
  MEETING_STATUS_LABEL,
  OFFER_KIND_LABEL,
  PARTNER_KIND_LABEL,
  POST_LABEL,
  PROJECT_STATUS_LABEL,
  REGISTRATION_STATUS_LABEL,
  ROLE_LABEL,
  TOPIC_STATUS_LABEL,
  YES_NO_LABEL,
} from './vocabulary'

// The audit log as staff read it: an entry stores what the write sent (ids, kinds, true/false);
// the screen shows names (居民区 慧华苑, not 2), the vocabulary's words (类型 二维码, not qr) and
// 是/否. Which field holds what is said here once; api/audit-log.ts loads the names.

/** Fields holding the id (or ids) of another record, and the table that names it. */
export const AUDIT_REFERENCES = {
  neighborhoodId: 'neighborhoods',
  neighborhoodIds: 'neighborhoods',
  townId: 'towns',
  townIds: 'towns',
  categoryId: 'categories',
  gridId: 'grids',
  channelId: 'channels',
  userId: 'users',
  ownerUserId: 'users',
  createdBy: 'users',
  projectId: 'projects',
  topicIds: 'topics',
  targetId: 'topics',
  mergedIntoId: 'topics',
  mergedIds: 'topics',
  partnerId: 'partners',
  activityId: 'activities',
  formId: 'forms',
} as const satisfies Record<string, string>

export type AuditTable = (typeof AUDIT_REFERENCES)[keyof typeof AUDIT_REFERENCES]

/** Names loaded for an audit page: table → id → name. */
export type AuditNames = Partial<Record<AuditTable, Record<string, string>>>

type Words = Record<string, Label>

// Kind and status fields, per resource (the same field name means different words elsewhere).
const ENUMS: Record<string, Record<string, Words>> = {
  topics: { status: TOPIC_STATUS_LABEL, fromStatus: TOPIC_STATUS_LABEL },
  projects: { status: PROJECT_STATUS_LABEL },
  channels: { kind: CHANNEL_KIND_LABEL },
  users: { role: ROLE_LABEL },
  activities: { kind: ACTIVITY_KIND_LABEL, status: ACTIVITY_STATUS_LABEL },
  registrations: { status: REGISTRATION_STATUS_LABEL },
  forms: { status: FORM_STATUS_LABEL },
  meetings: { kind: MEETING_KIND_LABEL, status: MEETING_STATUS_LABEL },
  'meeting-items': { decision: MEETING_DECISION_LABEL },
  partners: { kind: PARTNER_KIND_LABEL },
  'partner-offers': { kind: OFFER_KIND_LABEL },
  claims: { status: CLAIM_STATUS_LABEL },
  evaluations: { source: EVALUATION_SOURCE_LABEL },
  'programme-steps': { ownerPost: POST_LABEL, evidence: EVIDENCE_LABEL },
}
// A topic filed by staff records its channel as a kind when it has no channel record.
const CHANNEL_OR_KIND = new Set(['channelId', 'channelKind'])

const same = (text: string): Label => ({ zh: text, en: text })

/** The table named by `field`, if it holds ids. */
export const referenceOf = (field: string): AuditTable | undefined =>
  (AUDIT_REFERENCES as Record<string, AuditTable>)[field]

/**
 * The ids an audit value refers to, by table, added to `into` (for loading their names).
 * @example collectIds('neighborhoodIds', [2, 3], ids) // ids.neighborhoods gains '2', '3'
 */
export const collectIds = (
  field: string,
  value: unknown,
  into: Partial<Record<AuditTable, Set<string>>>,
) => {
  const table = referenceOf(field)
  if (!table) return
  for (const v of Array.isArray(value) ? value : [value]) {
    if (typeof v !== 'number' && !(typeof v === 'string' && /^\d+$/.test(v))) continue
    const set = into[table] ?? new Set<string>()
    set.add(String(v))
    into[table] = set
  }
}

/**
 * A stored value as staff read it, or null when it reads fine as it is (text, numbers, times).
 * @example auditValueLabel('channels', 'kind', 'qr', {}) // { zh: '二维码', en: 'QR code' }
 * @example auditValueLabel('topics', 'neighborhoodId', 2, { neighborhoods: { 2: '慧华苑' } }) // { zh: '慧华苑', en: '慧华苑' }
 */
export const auditValueLabel = (
  resource: string,
  field: string,
  value: unknown,
  names: AuditNames,
): Label | null => {
  if (typeof value === 'boolean') return YES_NO_LABEL[value ? 'true' : 'false']
  if (typeof value === 'string' && CHANNEL_OR_KIND.has(field) && value in CHANNEL_KIND_LABEL)
    return CHANNEL_KIND_LABEL[value as keyof typeof CHANNEL_KIND_LABEL]
  const words = ENUMS[resource]?.[field]
  if (words && typeof value === 'string') return words[value] ?? null
  const table = referenceOf(field)
  if (table && value !== null && value !== undefined) {
    const list = Array.isArray(value) ? value : [value]
    if (!list.every((v) => typeof v === 'number' || typeof v === 'string')) return null
    return same(list.map((v) => names[table]?.[String(v)] ?? `#${v}`).join('、'))
  }
  return null
}

/**
 * Every field of one side (before or after) of an entry that reads better as words, by field.
 * @example auditLabels('channels', { kind: 'qr', active: true }, {}) // { kind: {…二维码}, active: {…是} }
 */
export const auditLabels = (
  resource: string,
  side: unknown,
  names: AuditNames,
): Record<string, Label> | null => {
  if (!side || typeof side !== 'object' || Array.isArray(side)) return null
  const out: Record<string, Label> = {}
  for (const [field, value] of Object.entries(side)) {
    const label = auditValueLabel(resource, field, value, names)
    if (label) out[field] = label
  }
  return out
}
