import { Hono } from 'hono'
import type { AuditAction } from '../../domain/vocabulary'
import { sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { programmes } from '../../db/schema'
import {
  insertItemsStatement,
  insertProjectsStatements,
  postStatements,
  type StepPlan,
} from '../../db/queries/programmes/apply'
import { ownerChecks } from '../../db/queries/programmes/posts'
import { runGuarded } from '../../lib/guarded'
import { guard, rawStatement, type Statement } from '../../db/batch'
import { isUniqueViolation } from '../../db/errors'
import type { CurrentUser } from '../../lib/auth'
import { ApiError, type FieldErrors, validationError } from '../../lib/errors'
import { inScope } from '../../lib/scope'
import { idParam, readJson } from '../../lib/validate'
import {
  assertCanEditTemplate,
  loadProgrammeInScope,
  neighborhoodsOfTown,
  type ProgrammeRecord,
} from './record'
import { addMissingSchema, type ApplyInput, applySchema } from './schemas'

// Applying a programme to neighborhoods (all of its town in one action, or a choice of them):
// per neighborhood one project with the steps as its checklist, owners from the posts, in ONE
// atomic batch. Applying again creates nothing new; steps added to the template later are added
// to the existing projects by POST /:id/add-missing-steps (or by applying again).

const CHANGED = '规定动作刚被其他人修改或下发，请刷新后重试'

const stepPlans = (p: ProgrammeRecord): StepPlan[] =>
  p.steps.map((s) => ({
    id: s.id,
    title: s.title,
    sortOrder: s.sortOrder,
    ownerPost: s.ownerPost,
    dueAt: s.due,
  }))

/** The neighborhoods to apply to: in the programme's town, and in scope (else 404). */
const targetsOf = async (
  v: AppEnv['Variables'],
  p: ProgrammeRecord,
  input: { all?: boolean; neighborhoodIds?: number[] },
) => {
  const ofTown = await neighborhoodsOfTown(v.db, p.townId)
  if (input.all && !input.neighborhoodIds?.length) return ofTown.filter((id) => inScope(v.user, id))
  const ids = [...new Set(input.neighborhoodIds ?? [])]
  const errors: FieldErrors = {}
  ids.forEach((id, i) => {
    if (!inScope(v.user, id)) throw new ApiError('not_found', '居民区不存在')
    if (!ofTown.includes(id)) errors[`neighborhoodIds.${i}`] = '居民区不属于这个镇'
  })
  if (Object.keys(errors).length) throw validationError(errors)
  return ids
}

/** Owners must name target neighborhoods, once per post, and users who may act there. */
const checkOwners = async (
  v: AppEnv['Variables'],
  owners: NonNullable<ApplyInput['owners']>,
  targets: number[],
) => {
  const errors: FieldErrors = {}
  const seen = new Set<string>()
  owners.forEach((o, i) => {
    const key = `${o.neighborhoodId}:${o.post}`
    if (!targets.includes(o.neighborhoodId))
      errors[`owners.${i}.neighborhoodId`] = '不在这次下发的居民区中'
    else if (seen.has(key)) errors[`owners.${i}.post`] = '同一居民区的同一岗位只能有一位负责人'
    seen.add(key)
  })
  if (owners.length) {
    for (const check of await ownerChecks(v.db, owners)) {
      const field = `owners.${check.i}.userId`
      if (check.id === null) errors[field] ??= '用户不存在'
      else if (check.disabled) errors[field] ??= '该用户已停用'
      else if (!check.covers) errors[field] ??= '该用户不负责这个居民区'
    }
  }
  if (Object.keys(errors).length) throw validationError(errors)
}

/** The statements making what `targets` lack, then the apply's own audit row. */
const applyStatements = (
  v: AppEnv['Variables'],
  p: ProgrammeRecord,
  targets: number[],
  owners: NonNullable<ApplyInput['owners']>,
  action: 'apply' | 'add_missing_steps',
) => {
  const { db, user } = v
  const now = Date.now()
  const posts = postStatements(db, owners, now)
  const projectStatements =
    action === 'apply' ? insertProjectsStatements(db, p, targets, user.id, now) : []
  const statements: Statement[] = [
    // The template as it was read: a step edited or removed meanwhile would be applied stale.
    guard(
      db,
      sql`NOT EXISTS (SELECT 1 FROM ${programmes} WHERE ${programmes.id} = ${p.id}
        AND ${programmes.updatedAt} = ${p.updatedAt})`,
    ),
    ...posts,
    ...projectStatements,
    insertItemsStatement(db, p.id, stepPlans(p), targets, now),
    auditApply(db, user, p.id, { targets, owners, action, now }),
  ]
  return {
    statements,
    projectsAt: projectStatements.length ? 1 + posts.length : -1,
    itemsAt: 1 + posts.length + projectStatements.length,
  }
}

/** The audit row of an apply: what was asked, and what it made (read after the inserts). */
const auditApply = (
  db: AppEnv['Variables']['db'],
  user: CurrentUser,
  programmeId: number,
  {
    targets,
    owners,
    action,
    now,
  }: {
    targets: number[]
    owners: NonNullable<ApplyInput['owners']>
    action: AuditAction
    now: number
  },
) =>
  rawStatement(
    db,
    sql`INSERT INTO audit_log (at, user_id, action, resource, record_id, before, after)
      SELECT ${now}, ${user.id}, ${action}, 'programmes', ${String(programmeId)}, NULL,
        json_object('neighborhoodIds', json(${JSON.stringify(targets)}),
          'owners', json(${JSON.stringify(owners)}),
          'projectsCreated', (SELECT json_group_array(id) FROM projects
            WHERE programme_id = ${programmeId} AND created_at = ${now} AND created_by = ${user.id}),
          'itemsCreated', (SELECT count(*) FROM checklist_items ci JOIN projects p ON p.id = ci.project_id
            WHERE p.programme_id = ${programmeId} AND ci.created_at = ${now} AND ci.step_id IS NOT NULL))`,
  )

const run = async (db: AppEnv['Variables']['db'], statements: Statement[]) => {
  try {
    return await runGuarded(db, statements, CHANGED)
  } catch (err) {
    // Two applies at once: the unique indexes let one through; the other changes nothing.
    if (isUniqueViolation(err)) throw new ApiError('conflict', CHANGED, { cause: err })
    throw err
  }
}

/**
 * POST /api/programmes/:id/apply `{ all | neighborhoodIds, owners? }` → `{ neighborhoodIds,
 * projectsCreated, itemsCreated }`; POST /api/programmes/:id/add-missing-steps
 * `{ neighborhoodIds? }` → `{ neighborhoodIds, itemsCreated }` (every applied neighborhood in
 * scope by default).
 */
export const applyProgramme = new Hono<AppEnv>()
  .post('/:id/apply', async (c) => {
    const p = await loadProgrammeInScope(c.var, idParam(c))
    assertCanEditTemplate(c.var.user, p.townId)
    const input = await readJson(c, applySchema)
    const targets = await targetsOf(c.var, p, input)
    if (!targets.length) throw validationError({ neighborhoodIds: '没有可下发的居民区' })
    const owners = input.owners ?? []
    await checkOwners(c.var, owners, targets)
    const { statements, projectsAt, itemsAt } = applyStatements(c.var, p, targets, owners, 'apply')
    const results = (await run(c.var.db, statements)) as unknown[][]
    return c.json({
      neighborhoodIds: targets,
      projectsCreated: projectsAt >= 0 ? results[projectsAt].length : 0,
      itemsCreated: results[itemsAt].length,
    })
  })
  .post('/:id/add-missing-steps', async (c) => {
    const p = await loadProgrammeInScope(c.var, idParam(c))
    assertCanEditTemplate(c.var.user, p.townId)
    const input = await readJson(c, addMissingSchema)
    const applied = await c.var.db.all<{ id: number }>(
      sql`SELECT neighborhood_id AS id FROM projects WHERE programme_id = ${p.id} ORDER BY neighborhood_id`,
    )
    const asked = input.neighborhoodIds?.length
      ? await targetsOf(c.var, p, input)
      : applied.map((r) => r.id).filter((id) => inScope(c.var.user, id))
    const targets = asked.filter((id) => applied.some((r) => r.id === id))
    if (!targets.length) return c.json({ neighborhoodIds: [], itemsCreated: 0 })
    const { statements, itemsAt } = applyStatements(c.var, p, targets, [], 'add_missing_steps')
    const results = (await run(c.var.db, statements)) as unknown[][]
    return c.json({ neighborhoodIds: targets, itemsCreated: results[itemsAt].length })
  })
