import { Hono } from 'hono'
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv, Db } from '../env'
import { retryOnClash } from '../db/errors'
import { channels, grids } from '../db/schema'
import { CHANNEL_KINDS } from '../domain/vocabulary'
import { channelUrls, newChannelCode } from '../domain/channel-code'
import { requireUser, writesNeedWriter } from '../lib/auth'
import { versionedRecords } from '../lib/crud'
import { validationError } from '../lib/errors'
import { assertNeighborhoodExists, boolFilter, contains, idsFilter, inIds } from '../lib/resource'
import { assertNeighborhoodInScope, scopeWhere } from '../lib/scope'
import { filterList } from '../lib/simple-rest'
import { readJson } from '../lib/validate'
import { versionInput } from '../lib/versions'

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

const crud = versionedRecords({
  resource: 'channels',
  table: channels,
  fields,
  scope: (user) => scopeWhere(user, channels.neighborhoodId),
  notFound: '渠道不存在',
  messages: { inUse: '该渠道已有议题，不能删除；可以停用它' },
  show: withUrls,
})

/** A grid given for a channel must belong to the channel's neighborhood. */
const assertGridIn = async (db: Db, gridId: number | null | undefined, neighborhoodId: number) => {
  if (gridId == null) return
  const [grid] = await db
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.id, gridId), eq(grids.neighborhoodId, neighborhoodId)))
  if (!grid) throw validationError({ gridId: '网格不在该居民区' })
}

export const channelsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get(
    '/',
    crud.list({
      sortable,
      columns: Object.fromEntries(sortable.map((f) => [f, fields[f]])),
      where: (q) => {
        const active = boolFilter(q.filter.active)
        return [
          inIds(channels.id, idsFilter(q.filter.id)),
          inIds(channels.neighborhoodId, idsFilter(q.filter.neighborhoodId)),
          inIds(channels.gridId, idsFilter(q.filter.gridId)),
          inIds(channels.kind, filterList<string>(q.filter.kind)),
          active === undefined ? undefined : eq(channels.active, active),
          contains(q.filter.q, channels.label, channels.code),
        ]
      },
    }),
  )
  .get('/:id', crud.read)
  .post('/', async (c) => {
    const input = await readJson(c, createSchema)
    assertNeighborhoodInScope(c.var.user, input.neighborhoodId)
    const db = c.var.db
    await assertNeighborhoodExists(db, input.neighborhoodId)
    await assertGridIn(db, input.gridId, input.neighborhoodId)
    // A clash of random codes is rare (about 1 in 8·10^10 per existing code); try again with a new one.
    const created = await retryOnClash(['channels.code'], () => {
      const values = { ...input, code: newChannelCode(), createdAt: Date.now() }
      return crud.insert(c, values, values)
    })
    return c.json(withUrls(created), 201)
  })
  .put(
    '/:id',
    crud.update(updateSchema, {
      changes: async (c, before, { neighborhoodId, ...input }) => {
        if (neighborhoodId !== undefined && neighborhoodId !== before.neighborhoodId)
          throw validationError({ neighborhoodId: '渠道不能改到别的居民区' })
        await assertGridIn(c.var.db, input.gridId, before.neighborhoodId)
        return input
      },
      // A grid removed meanwhile is not the channel being "in use".
      messages: {},
    }),
  )
  .delete('/:id', crud.remove)
