import { Hono } from 'hono'
import { and, count, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv, Db } from '../env'
import { batch } from '../db/batch'
import { errorText } from '../db/errors'
import { channels, grids } from '../db/schema'
import { CHANNEL_KINDS } from '../domain/vocabulary'
import { channelUrls, newChannelCode } from '../domain/channel-code'
import { requireUser, writesNeedWriter } from '../lib/auth'
import { validationError } from '../lib/errors'
import {
  assertNeighborhoodExists,
  auditCreate,
  boolFilter,
  deleteAudited,
  contains,
  idsFilter,
  inIds,
  orderOf,
} from '../lib/resource'
import { assertInScope, assertNeighborhoodInScope, scopeWhere } from '../lib/scope'
import { filterList, parseListQuery, sendList } from '../lib/simple-rest'
import { idParam, readJson } from '../lib/validate'
import {
  assertVersion,
  readVersion,
  updateVersioned,
  versioned,
  versionInput,
} from '../lib/versions'

const editable = {
  gridId: z.number().int().positive().nullable(),
  kind: z.enum(CHANNEL_KINDS, { message: '渠道类型无效' }),
  label: z.string().trim().min(1, '请填写名称').max(60),
  active: z.boolean(),
}
const createSchema = z.object({
  ...editable,
  neighborhoodId: z.number().int().positive('请选择居民区'),
  gridId: editable.gridId.default(null),
  active: editable.active.default(true),
})
// The admin sends the whole record back on save; code, counters and the neighborhood are fixed.
const updateSchema = z
  .object({ ...editable, neighborhoodId: z.number().int().optional() })
  .partial()
  .extend(versionInput)

const fields = {
  id: channels.id,
  neighborhoodId: channels.neighborhoodId,
  gridId: channels.gridId,
  kind: channels.kind,
  label: channels.label,
  code: channels.code,
  scans: channels.scans,
  submissions: channels.submissions,
  active: channels.active,
  createdAt: channels.createdAt,
  version: channels.version,
}
type ChannelRow = { code: string } & Record<string, unknown>
const withUrls = <T extends ChannelRow>(row: T) => ({ ...row, ...channelUrls(row.code) })

const sortable = [
  'id',
  'neighborhoodId',
  'gridId',
  'kind',
  'label',
  'scans',
  'submissions',
  'active',
  'createdAt',
] as const
const columns = Object.fromEntries(sortable.map((f) => [f, fields[f]]))
const messages = { inUse: '该渠道已有议题，不能删除；可以停用它' }

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await v.db.select(fields).from(channels).where(eq(channels.id, id))
  return assertInScope(v.user, row, (r) => r.neighborhoodId, '渠道不存在')
}

/** A grid given for a channel must belong to the channel's neighborhood. */
const assertGridIn = async (db: Db, gridId: number | null | undefined, neighborhoodId: number) => {
  if (gridId == null) return
  const [grid] = await db
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.id, gridId), eq(grids.neighborhoodId, neighborhoodId)))
  if (!grid) throw validationError({ gridId: '网格不在该居民区' })
}

const isCodeClash = (err: unknown) => errorText(err).includes('channels.code')

export const channelsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable })
    const db = c.var.db
    const active = boolFilter(q.filter.active)
    const kinds = filterList<string>(q.filter.kind)
    const where = and(
      scopeWhere(c.var.user, channels.neighborhoodId),
      inIds(channels.id, idsFilter(q.filter.id)),
      inIds(channels.neighborhoodId, idsFilter(q.filter.neighborhoodId)),
      inIds(channels.gridId, idsFilter(q.filter.gridId)),
      inIds(channels.kind, kinds),
      active === undefined ? undefined : eq(channels.active, active),
      contains(q.filter.q, channels.label, channels.code),
    )
    const [rows, [{ n }]] = await batch(db, [
      db
        .select(fields)
        .from(channels)
        .where(where)
        .orderBy(...orderOf(q, columns, channels.id))
        .limit(q.limit)
        .offset(q.offset),
      db.select({ n: count() }).from(channels).where(where),
    ])
    return sendList(c, 'channels', q, rows.map(withUrls), n)
  })
  .get('/:id', async (c) => c.json(withUrls(await load(c.var, idParam(c)))))
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    assertNeighborhoodInScope(c.var.user, input.neighborhoodId)
    const db = c.var.db
    await assertNeighborhoodExists(db, input.neighborhoodId)
    await assertGridIn(db, input.gridId, input.neighborhoodId)
    // A clash of random codes is rare (about 1 in 8·10^10 per existing code); try again with a new one.
    for (let attempt = 1; ; attempt++) {
      const values = { ...input, code: newChannelCode(), createdAt: Date.now() }
      try {
        const [[row]] = await batch(db, [
          db.insert(channels).values(values).returning(fields),
          auditCreate(db, c.var.user, 'channels', values),
        ])
        return c.json(withUrls(row), 201)
      } catch (err) {
        if (attempt >= 3 || !isCodeClash(err)) throw err
      }
    }
  })
  .put('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    const { neighborhoodId, version, ...input } = await readJson(c, updateSchema)
    assertVersion(before, readVersion(c, version), withUrls(before))
    if (neighborhoodId !== undefined && neighborhoodId !== before.neighborhoodId)
      throw validationError({ neighborhoodId: '渠道不能改到别的居民区' })
    const db = c.var.db
    await assertGridIn(db, input.gridId, before.neighborhoodId)
    if (!Object.keys(input).length) return c.json(withUrls(before))
    const v = versioned(db, channels, before.id, before.version)
    const row = await updateVersioned(
      db,
      c.var.user,
      v,
      db
        .update(channels)
        .set({ ...input, ...v.set })
        .where(v.where)
        .returning(fields),
      { resource: 'channels', before, after: input },
      {},
      async () => withUrls(await load(c.var, before.id)),
    )
    return c.json(withUrls(row))
  })
  .delete('/:id', async (c) => {
    const before = await load(c.var, idParam(c))
    await deleteAudited(c.var.db, c.var.user, channels, 'channels', before, messages)
    return c.json(withUrls(before))
  })
