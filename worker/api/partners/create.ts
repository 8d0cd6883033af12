import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { partners } from '../../db/schema'
import { auditCreate, conflictsAs } from '../../lib/resource'
import { readJson } from '../../lib/validate'
import { assertCanWritePartner, loadPartnerInScope, resolveTown, toPartnerRecord } from './record'
import { partnerCreateSchema } from './schemas'

/** POST /api/partners — a partner of a town (or of one neighborhood), with its audit row. */
export const createPartner = new Hono<AppEnv>().post('/', async (c) => {
  const input = await readJson(c, partnerCreateSchema)
  const { db, user } = c.var
  const neighborhoodId = input.neighborhoodId ?? null
  const townId = await resolveTown(db, user, { townId: input.townId, neighborhoodId })
  assertCanWritePartner(user, { townId, neighborhoodId })
  const now = Date.now()
  const values = {
    townId,
    neighborhoodId,
    kind: input.kind,
    name: input.name,
    contactName: input.contactName ?? '',
    contactPhone: input.contactPhone || null,
    note: input.note ?? '',
    active: input.active ?? true,
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  }
  const [[{ id }]] = await conflictsAs(
    () =>
      db.batch([
        db.insert(partners).values(values).returning({ id: partners.id }),
        auditCreate(db, user, 'partners', values),
      ]),
    { unique: { name: '本镇已有同名的共建单位' } },
  )
  return c.json(toPartnerRecord(await loadPartnerInScope(c.var, id), user), 201)
})
