import { childDataMasked } from '../../domain/privacy/children'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppEnv, Db } from '../../env'
import { activities, activitySessions, registrations } from '../../db/schema'
import { batch } from '../../db/batch'
import { WAITLIST_POSITION } from '../../db/queries/activities/seats'
import type { RegistrationStatus } from '../../domain/vocabulary'
import { CREDITED_STATUS, hoursOf } from '../../domain/capacity'
import { formatAnswers, maskAnswers, type Answers, type Field } from '../../domain/forms'
import {
  canSeePersonalData,
  maskedFields,
  maskName,
  maskPhone,
  sensitiveMasked,
} from '../../domain/masking'
import { audit } from '../../lib/audit'
import type { CurrentUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { contains, idsFilter, inIds, searchable, timeFilter } from '../../lib/resource'
import { assertInScope, scopeWhere } from '../../lib/scope'
import { filterList, type ListQuery } from '../../lib/simple-rest'

// What the registration routers share: the API record (viewers read masked data), the list
// filters, loading one in scope, and setting a checked-in shift's credited minutes.

export const selectRegistrations = (db: Db) =>
  db
    .select({
      r: registrations,
      waitlistPosition: WAITLIST_POSITION,
      neighborhoodId: activities.neighborhoodId,
      kind: activities.kind,
      activityTitle: activities.title,
      questions: activities.questions,
      forChildren: activities.forChildren,
      sessionLabel: activitySessions.label,
      sessionStartsAt: activitySessions.startsAt,
      sessionEndsAt: activitySessions.endsAt,
    })
    .from(registrations)
    .innerJoin(activitySessions, eq(activitySessions.id, registrations.sessionId))
    .innerJoin(activities, eq(activities.id, registrations.activityId))
export type RegistrationRow = Awaited<
  ReturnType<ReturnType<typeof selectRegistrations>['where']>
>[number]

/**
 * A registration as the API shows it: phones and phone answers masked, names too for viewers. An export
 * (`fullPhone`, logged with its purpose) carries the numbers to whoever may see the rest of the record.
 */
export const registrationRecord = (
  row: RegistrationRow,
  user: CurrentUser,
  { fullPhone = false } = {},
) => {
  const { r } = row
  // A children's activity (#17): the guardian's and the child's data only for its own staff.
  const childMask = childDataMasked(user.role, row.forChildren)
  const mask = childMask || !canSeePersonalData(user.role)
  // Answers to questions marked sensitive (health notes): likewise only for the activity's staff.
  const maskSensitive = sensitiveMasked(user.role)
  const questions = JSON.parse(row.questions) as Field[]
  const answers = (childMask ? {} : JSON.parse(r.answers)) as Answers
  return {
    id: r.id,
    sessionId: r.sessionId,
    activityId: r.activityId,
    neighborhoodId: row.neighborhoodId,
    kind: row.kind,
    activityTitle: row.activityTitle,
    sessionLabel: row.sessionLabel,
    sessionStartsAt: row.sessionStartsAt,
    sessionEndsAt: row.sessionEndsAt,
    name: mask ? maskName(r.name) : r.name,
    // Masked for every role on screen (#17.6): the full number through POST /api/privacy/reveal or an export.
    phone: fullPhone && !mask ? r.phone : maskPhone(r.phone),
    forChildren: row.forChildren,
    guardianRelation: childMask ? (r.guardianRelation ? '***' : null) : r.guardianRelation,
    childName: childMask ? maskName(r.childName) : r.childName,
    childAge: childMask ? (r.childAge ? '***' : null) : r.childAge,
    partySize: r.partySize,
    answers: maskAnswers(questions, answers, maskSensitive),
    /** Each answer as one line of text, keyed by question key (as exports show them). */
    answerText: formatAnswers(questions, answers, {
      maskPhones: !(fullPhone && !mask),
      maskSensitive,
    }),
    status: r.status,
    seq: r.seq,
    /** Rank among the session's waitlisted registrations by arrival (gap-free); null otherwise. */
    waitlistPosition: row.waitlistPosition === null ? null : Number(row.waitlistPosition),
    source: r.source,
    createdAt: r.createdAt,
    confirmedAt: r.confirmedAt,
    promotedAt: r.promotedAt,
    cancelledAt: r.cancelledAt,
    cancelledBy: r.cancelledBy,
    checkedInAt: r.checkedInAt,
    checkedInBy: r.checkedInBy,
    creditedMinutes: r.creditedMinutes,
    creditedHours: r.creditedMinutes === null ? null : hoursOf(r.creditedMinutes),
  }
}

export const REGISTRATION_SORTABLE: Record<string, SQLiteColumn | SQL> = {
  id: registrations.id,
  seq: registrations.seq,
  sessionId: registrations.sessionId,
  activityId: registrations.activityId,
  name: registrations.name,
  partySize: registrations.partySize,
  status: registrations.status,
  createdAt: registrations.createdAt,
  checkedInAt: registrations.checkedInAt,
  creditedMinutes: registrations.creditedMinutes,
  sessionStartsAt: activitySessions.startsAt,
}

/**
 * `q`: digits search the end of the phone (the last four digits said at the door), anything
 * else the name; neither for a role that sees them masked (`masked`), where `q` matches nothing.
 */
const searchWhere = (value: unknown, masked: readonly string[]): SQL | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const text = String(value).trim()
  if (/^\d{1,11}$/.test(text) && !masked.includes('phone'))
    return sql`substr(${registrations.phone}, ${-text.length}) = ${text}`
  return contains(text, ...searchable({ masked }, { name: registrations.name }))
}

/** The WHERE of a registrations query (list and export), scope included. */
export const registrationWhere = (user: CurrentUser, f: ListQuery['filter']) =>
  and(
    scopeWhere(user, activities.neighborhoodId),
    inIds(registrations.id, idsFilter(f.id)),
    inIds(registrations.sessionId, idsFilter(f.sessionId)),
    inIds(registrations.activityId, idsFilter(f.activityId)),
    inIds(activities.neighborhoodId, idsFilter(f.neighborhoodId)),
    inIds(registrations.status, filterList<string>(f.status)),
    typeof f.phone === 'string' && f.phone ? eq(registrations.phone, f.phone) : undefined,
    f.createdFrom === undefined
      ? undefined
      : sql`${registrations.createdAt} >= ${timeFilter(f.createdFrom, 'createdFrom')}`,
    f.createdTo === undefined
      ? undefined
      : sql`${registrations.createdAt} < ${timeFilter(f.createdTo, 'createdTo')}`,
    searchWhere(f.q, maskedFields(user.role, 'registrations')),
  )

export const loadRegistration = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await selectRegistrations(v.db).where(eq(registrations.id, id))
  return assertInScope(v.user, row, (r) => r.neighborhoodId, '报名不存在')
}

export const reloadRegistration = async (v: AppEnv['Variables'], id: number) =>
  registrationRecord((await selectRegistrations(v.db).where(eq(registrations.id, id)))[0], v.user)

/** The 409 for a registration in the wrong state, with its current status for the client. */
export const stateError = (message: string, status: RegistrationStatus) =>
  new ApiError('illegal_transition', message, { errors: { status } })

/** Sets the credited minutes of a checked-in registration (audited). */
export const setMinutes = async (
  v: AppEnv['Variables'],
  row: RegistrationRow,
  minutes: number,
  note?: string,
) => {
  if (row.r.status !== CREDITED_STATUS) throw stateError('签到后才能记录时长', row.r.status)
  const db = v.db
  await batch(db, [
    db
      .update(registrations)
      .set({ creditedMinutes: minutes })
      .where(and(eq(registrations.id, row.r.id), eq(registrations.status, CREDITED_STATUS))),
    audit(db, v.user, {
      action: 'hours',
      resource: 'registrations',
      recordId: row.r.id,
      before: { creditedMinutes: row.r.creditedMinutes },
      after: { creditedMinutes: minutes, note },
    }),
  ])
}
