import { Hono } from 'hono'
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { BatchItem } from 'drizzle-orm/batch'
import { z } from 'zod'
import type { AppEnv, Db } from '../env'
import { formResponses, forms, formVersions, neighborhoods, towns } from '../db/schema'
import { FORM_STATUSES } from '../domain/vocabulary'
import {
  countResponses,
  findForm,
  formScopeWhere,
  formVersionsOf,
  listForms,
  loadFormInScope,
  RESPONSE_COUNT,
  type FormWithFields,
} from '../db/queries/forms'
import {
  FORM_SLUG,
  fieldsSchema,
  mergeVersions,
  phoneKeyOf,
  sameFields,
  type Field,
} from '../domain/forms/definition'
import { newSlug } from '../domain/forms/codes'
import { availability } from '../domain/forms/state'
import { audit } from '../lib/audit'
import { requireUser, writesNeedWriter, type CurrentUser } from '../lib/auth'
import { ApiError, validationError, type FieldErrors } from '../lib/errors'
import { auditCreate, conflictsAs, contains, idsFilter, inIds } from '../lib/resource'
import { assertNeighborhoodInScope } from '../lib/scope'
import { filterList, parseListQuery, sendList } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'
import { formReports } from './forms-reports'

// Staff API for forms (问卷/表单): CRUD with versioned field definitions. Responses, statistics
// and exports live in forms-responses.ts and forms-reports.ts.

// Times come as epoch ms; ISO strings (as a date picker gives them) are accepted too.
const time = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() ? Date.parse(v) : null) : v),
  z.number({ error: '时间无效' }).int('时间无效').nonnegative('时间无效').nullish(),
)

const baseSchema = z.object({
  title: z.string().trim().min(1, '请填写标题').max(100, '标题最多 100 字'),
  description: z.string().trim().max(5000, '说明最多 5000 字').nullish(),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(FORM_SLUG, '地址只能用小写字母、数字和短横线，2–40 位')
    .min(2, '地址至少 2 位')
    .nullish(),
  neighborhoodId: z.int().positive().nullish(),
  townId: z.int().positive().nullish(),
  status: z.enum(FORM_STATUSES, { error: '状态无效' }).nullish(),
  opensAt: time,
  closesAt: time,
  maxResponses: z.int('请填写整数').positive('上限应大于 0').max(1_000_000).nullish(),
  onePerPhone: z.boolean().nullish(),
  fields: fieldsSchema,
})
const createSchema = baseSchema
// The admin sends the whole record back on save: every key optional, unknown keys dropped.
const updateSchema = baseSchema.partial()

type Settings = {
  opensAt: number | null
  closesAt: number | null
  onePerPhone: boolean
  fields: Field[]
}

/** The rules that span settings: close after open, one-per-phone needs a required phone question. */
const checkSettings = (s: Settings) => {
  const errors: FieldErrors = {}
  if (s.opensAt !== null && s.closesAt !== null && s.closesAt <= s.opensAt)
    errors.closesAt = '截止时间应晚于开始时间'
  if (s.onePerPhone && !phoneKeyOf(s.fields))
    errors.onePerPhone = '“每个手机号限填一次”需要一道必填、不带条件的手机号题'
  if (Object.keys(errors).length) throw validationError(errors)
}

/** Where a form lives: a neighborhood in scope, or town-wide for admins and town staff. */
const placement = async (
  db: Db,
  user: CurrentUser,
  neighborhoodId: number | null,
  townId: number | null,
) => {
  if (neighborhoodId !== null) {
    assertNeighborhoodInScope(user, neighborhoodId)
    const [n] = await db
      .select({ townId: neighborhoods.townId })
      .from(neighborhoods)
      .where(eq(neighborhoods.id, neighborhoodId))
    if (!n) throw validationError({ neighborhoodId: '居民区不存在' })
    return { neighborhoodId, townId: n.townId }
  }
  if (user.neighborhoodIds !== null && !user.townIds.length)
    throw validationError({ neighborhoodId: '请选择居民区' })
  let town = townId ?? (user.townIds.length === 1 ? user.townIds[0] : null)
  if (town === null && user.neighborhoodIds === null) {
    const all = await db.select({ id: towns.id }).from(towns).limit(2)
    if (all.length === 1) town = all[0].id
  }
  if (town === null) throw validationError({ townId: '全镇表单请选择所属的镇' })
  if (user.neighborhoodIds !== null && !user.townIds.includes(town))
    throw validationError({ townId: '镇不存在' })
  const [t] = await db.select({ id: towns.id }).from(towns).where(eq(towns.id, town))
  if (!t) throw validationError({ townId: '镇不存在' })
  return { neighborhoodId: null, townId: town }
}

/** The API record of a form. */
export const formRecord = (f: FormWithFields, now = Date.now()) => ({
  id: f.id,
  townId: f.townId,
  neighborhoodId: f.neighborhoodId,
  slug: f.slug,
  title: f.title,
  description: f.description,
  status: f.status,
  opensAt: f.opensAt,
  closesAt: f.closesAt,
  maxResponses: f.maxResponses,
  onePerPhone: f.onePerPhone,
  version: f.currentVersion,
  fields: f.fields,
  responseCount: f.responseCount,
  /** draft | not_open | open | closed | full: what a resident meets right now. */
  availability: availability(f, f.responseCount, now),
  publicUrl: `/s/${f.slug}`,
  qrUrl: `/s/${f.slug}/qr.svg`,
  posterUrl: `/s/${f.slug}/poster`,
  createdBy: f.createdBy,
  createdAt: f.createdAt,
  updatedAt: f.updatedAt,
})

const SORTABLE: Record<string, SQL | SQLiteColumn> = {
  id: forms.id,
  title: forms.title,
  slug: forms.slug,
  status: forms.status,
  neighborhoodId: forms.neighborhoodId,
  opensAt: forms.opensAt,
  closesAt: forms.closesAt,
  createdAt: forms.createdAt,
  updatedAt: forms.updatedAt,
  responseCount: RESPONSE_COUNT,
}

const messages = { unique: { slug: '这个地址已被别的表单使用' } }

const loadForm = (v: AppEnv['Variables'], id: number) => loadFormInScope(v.db, v.user, id)

export const formsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable: Object.keys(SORTABLE) })
    const f = q.filter
    const statuses = filterList<string>(f.status)
    const where = and(
      formScopeWhere(c.var.user),
      inIds(forms.id, idsFilter(f.id)),
      inIds(forms.neighborhoodId, idsFilter(f.neighborhoodId)),
      inIds(forms.townId, idsFilter(f.townId)),
      statuses ? inIds(forms.status, statuses) : undefined,
      contains(f.q, forms.title, forms.slug),
    )
    const dir = q.sort.order === 'ASC' ? asc : desc
    const column = SORTABLE[q.sort.field] ?? forms.id
    const { rows, total } = await listForms(
      c.var.db,
      where,
      [dir(column), dir(forms.id)],
      q.limit,
      q.offset,
    )
    const now = Date.now()
    return sendList(
      c,
      'forms',
      q,
      rows.map((r) => formRecord(r, now)),
      total,
    )
  })
  .get('/:id', async (c) => {
    const form = await loadForm(c.var, idParam(c))
    const versions = await formVersionsOf(c.var.db, form.id)
    return c.json({
      ...formRecord(form),
      /** Every field any version had: the columns of the responses grid and the export. */
      allFields: mergeVersions(versions.map((v) => v.fields)),
      versions,
    })
  })
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    const user = c.var.user
    const db = c.var.db
    const place = await placement(db, user, input.neighborhoodId ?? null, input.townId ?? null)
    const settings = {
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
      onePerPhone: input.onePerPhone ?? false,
      fields: input.fields,
    }
    checkSettings(settings)
    const slug = input.slug ?? newSlug()
    const now = Date.now()
    const row = {
      ...place,
      slug,
      title: input.title,
      description: input.description ?? '',
      status: input.status ?? 'draft',
      opensAt: settings.opensAt,
      closesAt: settings.closesAt,
      maxResponses: input.maxResponses ?? null,
      onePerPhone: settings.onePerPhone,
      currentVersion: 1,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    }
    const [[created]] = await conflictsAs(
      () =>
        db.batch([
          db.insert(forms).values(row).returning({ id: forms.id }),
          auditCreate(db, user, 'forms', { ...row, fields: input.fields }),
          db.insert(formVersions).values({
            formId: sql`(SELECT id FROM forms WHERE slug = ${slug})`,
            version: 1,
            fields: JSON.stringify(input.fields),
            createdBy: user.id,
            createdAt: now,
          }),
        ]),
      messages,
    )
    const form = await findForm(db, eq(forms.id, created.id))
    return c.json(formRecord(form!), 201)
  })
  .put('/:id', async (c) => {
    const before = await loadForm(c.var, idParam(c))
    const input = await readJson(c, updateSchema)
    const user = c.var.user
    const db = c.var.db
    const moved =
      (input.neighborhoodId !== undefined && input.neighborhoodId !== before.neighborhoodId) ||
      (input.neighborhoodId === null && input.townId != null && input.townId !== before.townId)
    const place = moved
      ? await placement(db, user, input.neighborhoodId ?? null, input.townId ?? null)
      : { neighborhoodId: before.neighborhoodId, townId: before.townId }
    const fields = input.fields ?? before.fields
    const settings = {
      opensAt: input.opensAt === undefined ? before.opensAt : input.opensAt,
      closesAt: input.closesAt === undefined ? before.closesAt : input.closesAt,
      onePerPhone: input.onePerPhone ?? before.onePerPhone,
      fields,
    }
    checkSettings(settings)
    const now = Date.now()
    const changes = {
      ...place,
      slug: input.slug ?? before.slug,
      title: input.title ?? before.title,
      description: input.description === undefined ? before.description : (input.description ?? ''),
      status: input.status ?? before.status,
      opensAt: settings.opensAt,
      closesAt: settings.closesAt,
      maxResponses: input.maxResponses === undefined ? before.maxResponses : input.maxResponses,
      onePerPhone: settings.onePerPhone,
      currentVersion: before.currentVersion,
      updatedAt: now,
    }
    const statements: BatchItem<'sqlite'>[] = []
    if (!sameFields(fields, before.fields)) {
      // Answers already given keep the definition they answered: a new version takes the edit.
      if ((await countResponses(db, before.id, before.currentVersion)) > 0) {
        changes.currentVersion = before.currentVersion + 1
        statements.push(
          db.insert(formVersions).values({
            formId: before.id,
            version: changes.currentVersion,
            fields: JSON.stringify(fields),
            createdBy: user.id,
            createdAt: now,
          }),
        )
      } else
        statements.push(
          db
            .update(formVersions)
            .set({ fields: JSON.stringify(fields) })
            .where(
              and(
                eq(formVersions.formId, before.id),
                eq(formVersions.version, before.currentVersion),
              ),
            ),
        )
    }
    const { responseCount: _, ...auditBefore } = before
    await conflictsAs(
      () =>
        db.batch([
          db.update(forms).set(changes).where(eq(forms.id, before.id)),
          ...statements,
          audit(db, user, {
            action: 'update',
            resource: 'forms',
            recordId: before.id,
            before: auditBefore,
            after: { ...changes, fields },
          }),
        ]),
      messages,
    )
    const form = await findForm(db, eq(forms.id, before.id))
    return c.json(formRecord(form!))
  })
  .delete('/:id', async (c) => {
    const before = await loadForm(c.var, idParam(c))
    const user = c.var.user
    // Collected answers are records: only an admin may throw them away with the form.
    if (before.responseCount > 0 && user.role !== 'admin')
      throw new ApiError('forbidden', '表单已有回答，只有管理员可以删除；可以先把它关闭')
    const db = c.var.db
    const { responseCount: _, ...auditBefore } = before
    await db.batch([
      db.delete(formResponses).where(eq(formResponses.formId, before.id)),
      db.delete(formVersions).where(eq(formVersions.formId, before.id)),
      db.delete(forms).where(eq(forms.id, before.id)),
      audit(db, user, {
        action: 'delete',
        resource: 'forms',
        recordId: before.id,
        before: { ...auditBefore, responseCount: before.responseCount },
      }),
    ])
    return c.json(formRecord(before))
  })
  .route('/', formReports)
