import { Hono } from 'hono'
import { and, asc, count, desc, eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { partnerOffers, partners } from '../../db/schema'
import { type OfferRow, offerFields, selectOffers } from '../../db/queries/partners/partners'
import { OFFER_KINDS } from '../../domain/vocabulary'
import { ApiError } from '../../lib/errors'
import { requireSignedIn } from '../../lib/auth'
import {
  auditCreate,
  boolFilter,
  changedFields,
  deleteAudited,
  idsFilter,
  inIds,
  updateAudited,
  valuesBefore,
} from '../../lib/resource'
import { ownPartnerWhere, townScopeWhere } from '../../lib/scope'
import { filterList, parseListQuery, sendList } from '../../lib/simple-rest'
import { idParam, readJson } from '../../lib/validate'
import {
  assertCanWritePartner,
  assertCategoriesExist,
  canWritePartner,
  loadPartnerInScope,
} from './record'
import { offerCreateSchema, offerUpdateSchema } from './schemas'

// /api/partner-offers — the 资源清单: what each partner can give, how much, when, and the topic
// categories it suits (matching weighs them). Staff see the offers of the partners they see and
// change those of the partners they may change; a partner login reads its own organisation's
// offers (to name one when it raises a hand) and changes nothing.

const SORTABLE = ['id', 'partnerId', 'kind', 'title', 'createdAt', 'updatedAt'] as const

const toOfferRecord = (row: OfferRow, user: AppEnv['Variables']['user']) => {
  const { townId, partnerNeighborhoodId, ...offer } = row
  return {
    ...offer,
    categoryIds: JSON.parse(offer.categoryIds) as number[],
    writable:
      user.role !== 'partner' &&
      canWritePartner(user, { townId, neighborhoodId: partnerNeighborhoodId }),
  }
}

const visible = (user: AppEnv['Variables']['user']) =>
  user.role === 'partner'
    ? ownPartnerWhere(user, partnerOffers.partnerId)
    : townScopeWhere(user, partners.townId)

const load = async (v: AppEnv['Variables'], id: number) => {
  const [row] = await selectOffers(v.db).where(and(eq(partnerOffers.id, id), visible(v.user)))
  if (!row) throw new ApiError('not_found', '资源不存在')
  return row
}

const staffOnly = (user: AppEnv['Variables']['user']) => {
  if (user.role === 'partner' || user.role === 'viewer')
    throw new ApiError('forbidden', '没有权限修改资源清单')
}

const messages = { inUse: '这项资源仍被认领引用' }

export const offersApi = new Hono<AppEnv>()
  .use(requireSignedIn)
  .get('/', async (c) => {
    const q = parseListQuery(c, { sortable: SORTABLE, defaultSort: { field: 'id', order: 'ASC' } })
    const { db, user } = c.var
    const f = q.filter
    const kinds = filterList<string>(f.kind)
    if (kinds && !kinds.every((k) => (OFFER_KINDS as readonly string[]).includes(k)))
      throw new ApiError('bad_request', 'filter 中的资源类型无效')
    const active = boolFilter(f.active)
    const where = and(
      visible(user),
      inIds(partnerOffers.id, idsFilter(f.id)),
      inIds(partnerOffers.partnerId, idsFilter(f.partnerId)),
      inIds(partnerOffers.kind, kinds),
      active === undefined ? undefined : eq(partnerOffers.active, active),
    )
    const dir = q.sort.order === 'ASC' ? asc : desc
    const [rows, [{ n }]] = await db.batch([
      selectOffers(db)
        .where(where)
        .orderBy(dir(offerFields[q.sort.field as (typeof SORTABLE)[number]]), dir(partnerOffers.id))
        .limit(q.limit)
        .offset(q.offset),
      db
        .select({ n: count() })
        .from(partnerOffers)
        .innerJoin(partners, eq(partners.id, partnerOffers.partnerId))
        .where(where),
    ])
    return sendList(
      c,
      'partner-offers',
      q,
      rows.map((r) => toOfferRecord(r, user)),
      n,
    )
  })
  .get('/:id{[0-9]+}', async (c) =>
    c.json(toOfferRecord(await load(c.var, idParam(c)), c.var.user)),
  )
  .post('/', async (c) => {
    staffOnly(c.var.user)
    const input = await readJson(c, offerCreateSchema)
    const { db, user } = c.var
    const partner = await loadPartnerInScope(c.var, input.partnerId)
    assertCanWritePartner(user, partner)
    await assertCategoriesExist(db, input.categoryIds)
    const now = Date.now()
    const values = {
      partnerId: partner.id,
      kind: input.kind,
      title: input.title,
      quantity: input.quantity ?? '',
      availability: input.availability ?? '',
      categoryIds: JSON.stringify([...new Set(input.categoryIds ?? [])]),
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
    }
    const [[{ id }]] = await db.batch([
      db.insert(partnerOffers).values(values).returning({ id: partnerOffers.id }),
      auditCreate(db, user, 'partner-offers', values),
      db.update(partners).set({ updatedAt: now }).where(eq(partners.id, partner.id)),
    ])
    return c.json(toOfferRecord(await load(c.var, id), user), 201)
  })
  .put('/:id{[0-9]+}', async (c) => {
    staffOnly(c.var.user)
    const before = await load(c.var, idParam(c))
    const { db, user } = c.var
    assertCanWritePartner(user, {
      townId: before.townId,
      neighborhoodId: before.partnerNeighborhoodId,
    })
    const { partnerId, categoryIds, ...input } = await readJson(c, offerUpdateSchema)
    if (partnerId !== undefined && partnerId !== before.partnerId)
      throw new ApiError('validation_failed', '资源不能移到别的共建单位', {
        errors: { partnerId: '资源不能移到别的共建单位' },
      })
    await assertCategoriesExist(db, categoryIds)
    const next: Record<string, unknown> = {
      ...input,
      categoryIds:
        categoryIds === undefined ? undefined : JSON.stringify([...new Set(categoryIds)]),
    }
    const changes = changedFields(before, next)
    if (Object.keys(changes).length)
      await updateAudited(
        db,
        user,
        db
          .update(partnerOffers)
          .set({ ...changes, updatedAt: Date.now() })
          .where(eq(partnerOffers.id, before.id))
          .returning({ id: partnerOffers.id }),
        {
          resource: 'partner-offers',
          before: { id: before.id, ...valuesBefore(before, changes) },
          after: changes,
        },
        messages,
      )
    return c.json(toOfferRecord(await load(c.var, before.id), user))
  })
  .delete('/:id{[0-9]+}', async (c) => {
    staffOnly(c.var.user)
    const before = await load(c.var, idParam(c))
    const { db, user } = c.var
    assertCanWritePartner(user, {
      townId: before.townId,
      neighborhoodId: before.partnerNeighborhoodId,
    })
    const { townId: _t, partnerNeighborhoodId: _n, ...offer } = before
    await deleteAudited(db, user, partnerOffers, 'partner-offers', offer, messages)
    return c.json(toOfferRecord(before, user))
  })
