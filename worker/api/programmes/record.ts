import { eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { AppEnv, Db } from '../../env'
import { neighborhoods, programmes, projects } from '../../db/schema'
import {
  missingStepsQuery,
  type ProgrammeRow,
  selectProgrammes,
  selectSteps,
  type StepRow,
} from '../../db/queries/programmes/programmes'
import { rawAll } from '../../db/batch'
import { stepDueAt } from '../../domain/programmes/template'
import type { CurrentUser } from '../../lib/auth'
import { ApiError } from '../../lib/errors'
import { scopeWhere } from '../../lib/scope'

// What the programme routes share: who sees a programme, who may change its template, loading
// one in scope, and the record the API answers with.
//
// A programme belongs to a town. It is visible to admins, to town staff of that town and to
// staff and viewers of any of its neighborhoods (404 for anyone else); its figures and matrix
// cover only the neighborhoods the caller may see. Only admins and the town's own town staff
// change the template or apply it (403 for the others who see it).

type Vars = AppEnv['Variables']

/**
 * The condition limiting programmes to those the user may see (a town with a neighborhood in the
 * user's scope, or one of a town user's towns); undefined for admins.
 */
export const programmeScope = (user: CurrentUser): SQL | undefined => {
  const inNeighborhoods = scopeWhere(user, neighborhoods.id)
  if (inNeighborhoods === undefined) return undefined
  const towns = user.townIds.length ? sql`${inArray(programmes.townId, user.townIds)} OR ` : sql``
  return sql`(${towns}EXISTS (SELECT 1 FROM ${neighborhoods}
    WHERE ${neighborhoods.townId} = ${programmes.townId} AND ${inNeighborhoods}))`
}

/** The caller's scope on projects (the figures and the matrix count only these). */
export const projectScope = (user: CurrentUser) => scopeWhere(user, projects.neighborhoodId)

/** Whether the user may change programmes of `townId` (define, edit, apply, move dates). */
export const canEditTemplate = (user: CurrentUser, townId: number) =>
  user.role === 'admin' || (user.role === 'town' && user.townIds.includes(townId))

/** 403 unless the user may change programmes of `townId`. */
export const assertCanEditTemplate = (user: CurrentUser, townId: number) => {
  if (!canEditTemplate(user, townId))
    throw new ApiError('forbidden', '只有镇专班和管理员可以修改规定动作')
}

/** A step as the API shows it: with the day it is due (`due`, computed from the programme). */
export const toStepRecord = (step: StepRow, startsAt: number) => ({
  ...step,
  due: stepDueAt(step, startsAt),
})

/** The list record (figures in the caller's scope). */
export const toProgrammeRecord = (row: ProgrammeRow) => ({
  ...row,
  progress: row.itemCount ? Math.round((row.doneCount / row.itemCount) * 100) : 0,
})

/** A programme the caller may see, with its steps and what applying it left to do. */
export const loadProgrammeInScope = async (v: Vars, id: number) => {
  const scope = programmeScope(v.user)
  const where = scope ? sql`${eq(programmes.id, id)} AND ${scope}` : eq(programmes.id, id)
  const [[row], steps, [missing]] = await v.db.batch([
    selectProgrammes(v.db, projectScope(v.user)).where(where),
    selectSteps(v.db, id),
    rawAll<{ n: number }>(v.db, missingStepsQuery(id, projectScope(v.user))),
  ])
  if (!row) throw new ApiError('not_found', '规定动作不存在')
  return {
    ...toProgrammeRecord(row),
    steps: steps.map((s) => toStepRecord(s, row.startsAt)),
    missingSteps: missing?.n ?? 0,
    canEdit: canEditTemplate(v.user, row.townId),
  }
}
export type ProgrammeRecord = Awaited<ReturnType<typeof loadProgrammeInScope>>

/** Ids of the neighborhoods of `townId` (every one, whatever the caller's scope). */
export const neighborhoodsOfTown = async (db: Db, townId: number) =>
  (
    await db
      .select({ id: neighborhoods.id })
      .from(neighborhoods)
      .where(eq(neighborhoods.townId, townId))
      .orderBy(neighborhoods.id)
  ).map((r) => r.id)
