import { Hono } from 'hono'
import { and, eq, sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { claims, partnerOffers } from '../../db/schema'
import { claimGuard } from '../../db/queries/partners/claims'
import { checkClaimTarget } from '../../domain/partners/claim-workflow'
import { ApiError, raise, validationError } from '../../lib/errors'
import { auditCreate } from '../../lib/resource'
import { inScope } from '../../lib/scope'
import { readJson } from '../../lib/validate'
import {
  actorOf,
  assertTalent,
  loadClaimInScope,
  loadTarget,
  partnerTown,
  toClaimRecord,
  writeClaims,
} from './record'
import { claimCreateSchema } from './schemas'

/**
 * POST /api/claims — raises a hand for an adopted project or one of its open tasks
 * (domain/partners/claim-workflow.ts rule 1). A partner login raises its own organisation's,
 * for projects of its town; staff record one for a partner of the project's town or for a 达人
 * (a volunteer with skills), on projects of their neighborhoods. The hand waits for staff
 * (pending). One live hand per claimant and target (409). Audited.
 */
export const createClaim = new Hono<AppEnv>().post('/', async (c) => {
  const input = await readJson(c, claimCreateSchema)
  const { db, user } = c.var
  const actor = actorOf(user)
  if (!actor) throw new ApiError('forbidden', '这个账号不能认领')
  const taskId = input.checklistItemId ?? null
  const target = await loadTarget(db, input.projectId, taskId)
  let partnerId: number | null = null
  let volunteerId: number | null = null
  if (actor === 'partner') {
    if (input.volunteerId || (input.partnerId && input.partnerId !== user.partnerId))
      throw validationError({ partnerId: '只能以本单位的名义认领' })
    partnerId = user.partnerId
  } else {
    partnerId = input.partnerId ?? null
    volunteerId = input.volunteerId ?? null
    if ((partnerId === null) === (volunteerId === null))
      throw validationError({ partnerId: '请选择认领的共建单位或达人（二选一）' })
  }
  const partner = partnerId === null ? undefined : await partnerTown(db, partnerId)
  // Out of reach answers 404, as if the project did not exist.
  const reachable =
    target &&
    (actor === 'partner' ? partner?.townId === target.townId : inScope(user, target.neighborhoodId))
  if (!target || !reachable) throw new ApiError('not_found', '项目或任务不存在')
  if (partnerId !== null) {
    if (!partner || partner.townId !== target.townId)
      throw validationError({ partnerId: '共建单位不存在或不在本镇' })
    if (!partner.active) throw validationError({ partnerId: '这个共建单位已停用' })
  }
  if (volunteerId !== null) await assertTalent(db, user, volunteerId)
  const offerId = input.offerId ?? null
  if (offerId !== null) {
    const [offer] = await db
      .select({ id: partnerOffers.id })
      .from(partnerOffers)
      .where(
        and(
          eq(partnerOffers.id, offerId),
          eq(partnerOffers.partnerId, partnerId ?? 0),
          eq(partnerOffers.active, true),
        ),
      )
    if (!offer) throw validationError({ offerId: '这项资源不属于认领的单位' })
  }
  raise(
    checkClaimTarget({
      project: target,
      task:
        target.taskId === null
          ? null
          : { done: target.taskDone === 1, title: target.taskTitle ?? '' },
    }),
  )
  if (actor === 'partner' && !input.personName)
    throw validationError({ personName: '请填写本单位的对接人' })
  const now = Date.now()
  const values = {
    projectId: target.id,
    checklistItemId: taskId,
    partnerId,
    volunteerId,
    neighborhoodId: target.neighborhoodId,
    status: 'pending' as const,
    personName: input.personName ?? '',
    offerId,
    message: input.message ?? '',
    source: actor,
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  }
  const [, [{ id }]] = await writeClaims(
    () =>
      db.batch([
        // The project may have closed (or the task been done) since it was read.
        claimGuard(
          db,
          sql`NOT EXISTS (SELECT 1 FROM projects WHERE id = ${target.id}
              AND status IN ('planned', 'in_progress', 'blocked'))
            OR EXISTS (SELECT 1 FROM checklist_items WHERE id = ${taskId} AND done = 1)`,
        ),
        db.insert(claims).values(values).returning({ id: claims.id }),
        auditCreate(db, user, 'claims', values),
      ]),
    '项目或任务刚有变化，请刷新后再认领',
  )
  return c.json(toClaimRecord(await loadClaimInScope(c.var, id), user), 201)
})
