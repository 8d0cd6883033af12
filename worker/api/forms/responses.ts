import { Hono } from 'hono'
import { and, asc, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { formResponses, forms } from '../../db/schema'
import {
  answersContainOutside,
  fieldsByVersion,
  maskableQuestions,
} from '../../db/queries/forms/read'
import { FIELD_KEY, type Answers, type Field } from '../../domain/forms/definition'
import { formatAnswers, maskAnswers } from '../../domain/forms/format'
import { discardAnswersProblem } from '../../domain/forms/state'
import {
  canSeePersonalData,
  maskedAnswerKeys,
  maskName,
  sensitiveMasked,
} from '../../domain/masking'
import { childDataMasked } from '../../domain/privacy/children'
import { audit } from '../../lib/audit'
import { requireUser, writesNeedWriter, type CurrentUser } from '../../lib/auth'
import { ApiError, raise } from '../../lib/errors'
import { contains, idsFilter, inIds, timeFilter } from '../../lib/resource'
import { formInScope, formScopeWhere } from '../../lib/scope'
import { parseListQuery, refuseMasked, sendList, type ListQuery } from '../../lib/simple-rest'
import { idParam } from '../../lib/validate'

// The `form-responses` resource: read-only answers (staff may delete spam), scoped by their form.

type ResponseRow = typeof formResponses.$inferSelect

/**
 * `filter.answers = { q1: '是', q3: ['早餐', '充电'] }`: responses whose answer to q1 is (or
 * includes) 是, and to q3 is or includes 早餐 or 充电.
 */
const answerFilters = (value: unknown): SQL[] => {
  if (value === undefined || value === null || value === '') return []
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ApiError('bad_request', 'filter.answers 应为对象')
  const out: SQL[] = []
  for (const [key, wanted] of Object.entries(value)) {
    if (wanted === undefined || wanted === null || wanted === '') continue
    if (!FIELD_KEY.test(key)) throw new ApiError('bad_request', `没有问题 ${key}`)
    const values = (Array.isArray(wanted) ? wanted : [wanted]).map((v) =>
      v === true ? '1' : v === false ? '0' : String(v),
    )
    out.push(sql`EXISTS (SELECT 1 FROM json_each(${formResponses.answers}, ${`$.${key}`}) j
      WHERE CAST(j.value AS TEXT) IN (${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}))`)
  }
  return out
}

/** The WHERE of a responses query (list and export), scope included. */
export const responsesWhere = (user: CurrentUser, filter: ListQuery['filter']) => {
  const from = timeFilter(filter.createdFrom, 'createdFrom')
  const to = timeFilter(filter.createdTo, 'createdTo')
  return and(
    formScopeWhere(user),
    inIds(formResponses.id, idsFilter(filter.id)),
    inIds(formResponses.formId, idsFilter(filter.formId)),
    inIds(formResponses.version, idsFilter(filter.version)),
    from === undefined ? undefined : gte(formResponses.createdAt, from),
    to === undefined ? undefined : lt(formResponses.createdAt, to),
    answersSearch(user, filter.q),
    ...answerFilters(filter.answers),
  )
}

/** `q` over the receipt and the answers; phone and sensitive answers only for those who see them. */
const answersSearch = (user: CurrentUser, value: unknown) => {
  const hide = { phones: !canSeePersonalData(user.role), sensitive: sensitiveMasked(user.role) }
  if (!hide.phones && !hide.sensitive)
    return contains(value, formResponses.answers, formResponses.receipt)
  const receipt = contains(value, formResponses.receipt)
  return receipt && or(receipt, answersContainOutside(String(value).trim(), hide))
}

/**
 * Refuses (400) a filter on the answer to a phone question (or one marked sensitive) of the forms
 * filtered on (of any form in scope without `formId`) for a role that sees it masked.
 * @example await refuseMaskedAnswers(c.var, q)
 */
export const refuseMaskedAnswers = async (v: AppEnv['Variables'], q: ListQuery) => {
  const answers = q.filter.answers
  if (!sensitiveMasked(v.user.role) || !answers || typeof answers !== 'object') return
  const formIds = idsFilter(q.filter.formId)
  const hidden = await maskableQuestions(
    v.db,
    and(formScopeWhere(v.user), formIds ? inIds(forms.id, formIds) : undefined),
  )
  refuseMasked(q, maskedAnswerKeys(v.user.role, hidden))
}

/**
 * A response as the API shows it: phone answers masked for every role (#17.6; the response's
 * phone through POST /api/privacy/reveal), sensitive answers for every role but the form's staff.
 */
export const responseRecord = (
  row: ResponseRow,
  fields: Field[],
  /** A form for children, seen by a role other than its own staff: the child's data masked. */
  childMask = false,
  /** Answers to questions marked sensitive masked (a role other than the form's staff). */
  maskSensitive = false,
) => {
  const raw = (childMask ? {} : JSON.parse(row.answers)) as Answers
  const hidden = (v: string | null) => (v ? '***' : null)
  return {
    id: row.id,
    formId: row.formId,
    version: row.version,
    answers: maskAnswers(fields, raw, maskSensitive),
    /** Each answer as one line of text, as exports show it. */
    display: formatAnswers(fields, raw, { maskPhones: true, maskSensitive }),
    receipt: row.receipt,
    createdAt: row.createdAt,
    guardianName: childMask ? maskName(row.guardianName) : row.guardianName,
    guardianRelation: childMask ? hidden(row.guardianRelation) : row.guardianRelation,
    childName: childMask ? maskName(row.childName) : row.childName,
    childAge: childMask ? hidden(row.childAge) : row.childAge,
  }
}

/** responseRecord for `user`, the form's for_children deciding the child's mask. */
const recordFor = (user: CurrentUser, row: ResponseRow, fields: Field[], forChildren: boolean) =>
  responseRecord(row, fields, childDataMasked(user.role, forChildren), sensitiveMasked(user.role))

const SORTABLE = {
  id: formResponses.id,
  createdAt: formResponses.createdAt,
  version: formResponses.version,
  formId: formResponses.formId,
}

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await v.db
    .select({
      r: formResponses,
      townId: forms.townId,
      neighborhoodId: forms.neighborhoodId,
      forChildren: forms.forChildren,
    })
    .from(formResponses)
    .innerJoin(forms, eq(forms.id, formResponses.formId))
    .where(eq(formResponses.id, id))
  if (!row || !formInScope(v.user, row)) throw new ApiError('not_found', '回答不存在')
  return row
}

export const formResponsesApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable: Object.keys(SORTABLE) })
    await refuseMaskedAnswers(c.var, q)
    const db = c.var.db
    const where = responsesWhere(c.var.user, q.filter)
    const column = SORTABLE[q.sort.field as keyof typeof SORTABLE] ?? formResponses.id
    const dir = q.sort.order === 'ASC' ? asc : desc
    const [rows, [{ n }]] = await batch(db, [
      db
        .select({ r: formResponses, forChildren: forms.forChildren })
        .from(formResponses)
        .innerJoin(forms, eq(forms.id, formResponses.formId))
        .where(where)
        .orderBy(dir(column), dir(formResponses.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(formResponses)
        .innerJoin(forms, eq(forms.id, formResponses.formId))
        .where(where),
    ])
    const versions = await fieldsByVersion(
      db,
      rows.map(({ r }) => r.formId),
    )
    const records = rows.map(({ r, forChildren }) =>
      recordFor(c.var.user, r, versions.get(`${r.formId}:${r.version}`) ?? [], forChildren),
    )
    return sendList(c, 'form-responses', q, records, n)
  })
  .get('/:id', async (c) => {
    const row = await load(c.var, idParam(c))
    const versions = await fieldsByVersion(c.var.db, [row.r.formId])
    return c.json(
      recordFor(
        c.var.user,
        row.r,
        versions.get(`${row.r.formId}:${row.r.version}`) ?? [],
        row.forChildren,
      ),
    )
  })
  .delete('/:id', async (c) => {
    const { r, forChildren } = await load(c.var, idParam(c))
    raise(discardAnswersProblem(c.var.user.role, 'response'))
    const db = c.var.db
    await batch(db, [
      db.delete(formResponses).where(eq(formResponses.id, r.id)),
      audit(db, c.var.user, {
        action: 'delete',
        resource: 'form-responses',
        recordId: r.id,
        before: r,
      }),
    ])
    const versions = await fieldsByVersion(db, [r.formId])
    return c.json(
      recordFor(c.var.user, r, versions.get(`${r.formId}:${r.version}`) ?? [], forChildren),
    )
  })
