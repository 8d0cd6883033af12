import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { AppEnv, Db } from '../../env'
import { claims, partners, projects, volunteers } from '../../db/schema'
import { CLAIM_GUARD_FAILED, type ClaimRow, selectClaims } from '../../db/queries/partners/claims'
import { canSeePersonalData, maskName } from '../../domain/masking'
import { allowedClaimMoves, type ClaimActor } from '../../domain/partners/claim-workflow'
import { CLAIM_SOURCES, CLAIM_STATUSES, type ProjectStatus } from '../../domain/vocabulary'
import type { CurrentUser } from '../../lib/auth'
import { ApiError, validationError } from '../../lib/errors'
import { contains, errorText, idsFilter, inIds, timeFilter } from '../../lib/resource'
import { inScope, ownPartnerWhere, scopeWhere } from '../../lib/scope'
import { filterList } from '../../lib/simple-rest'

// What the claim routes share: whose claims a caller sees (staff: their neighborhoods; a partner
// login: its own organisation's), the API record, the list filters.

type Vars = AppEnv['Variables']

export const CLAIM_SORTABLE = ['id', 'createdAt', 'updatedAt', 'decidedAt', 'status'] as const

/** Who a caller acts as on claims; viewers and partners without an organisation cannot act. */
export const actorOf = (user: CurrentUser): ClaimActor | null => {
  if (user.role === 'partner') return user.partnerId === null ? null : 'partner'
  return user.role === 'viewer' ? null : 'staff'
}

/** The claims a caller may see. */
export const claimScope = (user: CurrentUser): SQL | undefined =>
  user.role === 'partner'
    ? ownPartnerWhere(user, claims.partnerId)
    : scopeWhere(user, claims.neighborhoodId)

/**
 * The API record of a claim. A 达人's name is masked for those without the right to see personal
 * data; phones never leave; a partner login does not see which staff member acted.
 */
export const toClaimRecord = (row: ClaimRow, user: CurrentUser) => {
  const { volunteerPhone: _, townId: _t, createdBy, decidedBy, ...rest } = row
  const volunteerName = canSeePersonalData(user.role)
    ? row.volunteerName
    : maskName(row.volunteerName)
  const actor = actorOf(user)
  return {
    ...rest,
    taskDone: row.taskDone === null ? null : row.taskDone === 1,
    volunteerName,
    claimant: row.partnerName ?? volunteerName ?? '',
    ...(user.role === 'partner' ? {} : { createdBy, decidedBy }),
    moves: actor ? allowedClaimMoves(row.status, actor) : [],
  }
}

/** A claim the caller may see; anything else is a 404. */
export const loadClaimInScope = async (v: Vars, id: number) => {
  const [row] = await selectClaims(v.db).where(and(eq(claims.id, id), claimScope(v.user)))
  if (!row) throw new ApiError('not_found', '认领不存在')
  return row
}

const enumFilter = (value: unknown, allowed: readonly string[], name: string) => {
  const list = filterList<string>(value)
  if (list && !list.every((s) => allowed.includes(s)))
    throw new ApiError('bad_request', `filter 中的${name}无效`)
  return list
}

/**
 * The WHERE of a claim list: scope, ids, status, project, task, partner, 达人, neighborhood,
 * source, when raised, and `q` (project, task or partner name).
 * @example claimWhere(user, { status: 'pending' })
 */
export const claimWhere = (user: CurrentUser, f: Record<string, unknown>): SQL | undefined => {
  const from = timeFilter(f.createdFrom)
  const to = timeFilter(f.createdTo)
  const checklistItemId = f.checklistItemId
  return and(
    claimScope(user),
    inIds(claims.id, idsFilter(f.id)),
    inIds(claims.status, enumFilter(f.status, CLAIM_STATUSES, '状态')),
    inIds(claims.source, enumFilter(f.source, CLAIM_SOURCES, '来源')),
    inIds(claims.projectId, idsFilter(f.projectId)),
    checklistItemId === null
      ? sql`${claims.checklistItemId} IS NULL`
      : inIds(claims.checklistItemId, idsFilter(checklistItemId)),
    inIds(claims.partnerId, idsFilter(f.partnerId)),
    user.role === 'partner' ? undefined : inIds(claims.volunteerId, idsFilter(f.volunteerId)),
    inIds(claims.neighborhoodId, idsFilter(f.neighborhoodId)),
    from === undefined ? undefined : gte(claims.createdAt, from),
    to === undefined ? undefined : lt(claims.createdAt, to),
    contains(f.q, projects.title, partners.name),
  )
}

/**
 * Runs a claim write batch; a failed claim guard (the claim or its project changed meanwhile)
 * becomes 409 with `message`, a second live hand for the same target 409 as well.
 * @example const [[row]] = await writeClaims(() => db.batch([...]), '认领刚被其他人处理')
 */
export const writeClaims = async <T>(write: () => Promise<T>, message: string): Promise<T> => {
  try {
    return await write()
  } catch (err) {
    const text = errorText(err)
    if (text.includes(CLAIM_GUARD_FAILED)) throw new ApiError('conflict', message, { cause: err })
    if (text.includes('UNIQUE constraint failed'))
      throw new ApiError('conflict', '已经为这项工作举过手了，正在等待或已被接受', { cause: err })
    throw err
  }
}

/** The project (and task) a hand is raised on, with its town; undefined when absent. */
export const loadTarget = async (db: Db, projectId: number, taskId: number | null) => {
  const row = await db.get<
    | {
        id: number
        title: string
        status: ProjectStatus
        neighborhoodId: number
        townId: number
        taskId: number | null
        taskTitle: string | null
        taskDone: number | null
      }
    | undefined
  >(sql`SELECT p.id, p.title, p.status, p.neighborhood_id AS neighborhoodId, n.town_id AS townId,
      i.id AS taskId, i.title AS taskTitle, i.done AS taskDone
    FROM projects p JOIN neighborhoods n ON n.id = p.neighborhood_id
      LEFT JOIN checklist_items i ON i.id = ${taskId} AND i.project_id = p.id
    WHERE p.id = ${projectId}`)
  if (!row || (taskId !== null && row.taskId === null)) return undefined
  return row
}

/** The partner's town and whether it is active; undefined when absent. */
export const partnerTown = async (db: Db, id: number) =>
  (
    await db
      .select({
        id: partners.id,
        townId: partners.townId,
        active: partners.active,
        name: partners.name,
      })
      .from(partners)
      .where(eq(partners.id, id))
  )[0]

/** A 达人 named in a claim or a lead: a volunteer in the caller's scope with skills, else 400. */
export const assertTalent = async (db: Db, user: CurrentUser, volunteerId: number) => {
  const [v] = await db
    .select({ neighborhoodId: volunteers.neighborhoodId, skills: volunteers.skills })
    .from(volunteers)
    .where(eq(volunteers.id, volunteerId))
  if (!v || !inScope(user, v.neighborhoodId)) throw validationError({ volunteerId: '志愿者不存在' })
  if ((JSON.parse(v.skills) as string[]).length === 0)
    throw validationError({ volunteerId: '这位志愿者还没有登记特长，不是达人' })
}
