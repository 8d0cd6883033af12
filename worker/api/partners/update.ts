import { Hono } from 'hono'
import { eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { partners } from '../../db/schema'
import { changedFields, deleteAudited, updateAudited, valuesBefore } from '../../lib/resource'
import { idParam, readJson } from '../../lib/validate'
import { assertCanWritePartner, loadPartnerInScope, resolveTown, toPartnerRecord } from './record'
import { partnerUpdateSchema } from './schemas'

const messages = {
  unique: { name: '本镇已有同名的共建单位' },
  inUse: '这个共建单位已有认领、账号或带领的活动，不能删除；可以把它设为停用',
}

/**
 * PUT /api/partners/:id — changes what is sent (a move to another neighborhood or town must be
 * one the caller may write to as well); DELETE /api/partners/:id — only a partner without claims,
 * logins or activities (409 otherwise: retire it with `active: false`). Both audited.
 */
export const updatePartner = new Hono<AppEnv>()
  .put('/:id{[0-9]+}', async (c) => {
    const before = await loadPartnerInScope(c.var, idParam(c))
    const { db, user } = c.var
    assertCanWritePartner(user, before)
    const input = await readJson(c, partnerUpdateSchema)
    const neighborhoodId =
      input.neighborhoodId === undefined ? before.neighborhoodId : input.neighborhoodId
    const townId =
      input.townId === undefined && neighborhoodId === before.neighborhoodId
        ? before.townId
        : await resolveTown(db, user, { townId: input.townId, neighborhoodId })
    assertCanWritePartner(user, { townId, neighborhoodId })
    const next = {
      ...input,
      townId,
      neighborhoodId,
      contactPhone: input.contactPhone === undefined ? undefined : input.contactPhone || null,
    }
    const changes = changedFields(before, next)
    if (!Object.keys(changes).length) return c.json(toPartnerRecord(before, user))
    await updateAudited(
      db,
      user,
      db
        .update(partners)
        .set({ ...changes, updatedAt: Date.now() })
        .where(eq(partners.id, before.id))
        .returning({ id: partners.id }),
      {
        resource: 'partners',
        before: { id: before.id, ...valuesBefore(before, changes) },
        after: changes,
      },
      messages,
    )
    return c.json(toPartnerRecord(await loadPartnerInScope(c.var, before.id), user))
  })
  .delete('/:id{[0-9]+}', async (c) => {
    const before = await loadPartnerInScope(c.var, idParam(c))
    const { db, user } = c.var
    assertCanWritePartner(user, before)
    await deleteAudited(db, user, partners, 'partners', before, messages)
    return c.json(toPartnerRecord(before, user))
  })
