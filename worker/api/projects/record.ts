import { and, inArray, not, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { projects, users } from '../../db/schema'
import { type AdoptingProject, loadProject, overdueSql } from '../../db/queries/projects'
import type { TopicRow } from '../../db/queries/topics/read'
import {
  CLOSED_PROJECT_STATUSES,
  PROJECT_STATUS_LABEL,
  PROJECT_STATUSES,
} from '../../domain/vocabulary'
import { savedTime } from '../../domain/dates'
import type { CurrentUser } from '../../lib/auth'
import { ApiError, type FieldErrors, validationError } from '../../lib/errors'
import { boolFilter, contains, idsFilter, inIds } from '../../lib/resource'
import { assertInScope, scopeWhere, usersVisibleTo } from '../../lib/scope'
import { idsIn } from '../topics/record'
import { filterList } from '../../lib/simple-rest'

// What the project routers share: the editable fields' rules, loading in scope, list filters,
// reference checks.

export const optionalId = z.number({ message: '应为编号' }).int().positive().nullable().optional()
export const optionalTime = savedTime().nullable().optional()
/** The fields staff edit on a project, as create and update check them. */
export const editable = {
  title: z
    .string({ message: '请填写项目名称' })
    .trim()
    .min(1, '请填写项目名称')
    .max(100, '最多 100 个字'),
  description: z.string({ message: '应为文字' }).trim().max(5000, '最多 5000 个字'),
  ownerUserId: optionalId,
  owningBody: z.string({ message: '应为文字' }).trim().max(100, '最多 100 个字'),
  deadlineAt: optionalTime,
}

export const PROJECT_SORTABLE = [
  'id',
  'createdAt',
  'deadlineAt',
  'status',
  'title',
  'updatedAt',
] as const
export const PROJECT_SORT_COLUMNS = Object.fromEntries(
  PROJECT_SORTABLE.map((f) => [f, projects[f]]),
)

type Vars = AppEnv['Variables']

/** A project the caller may see, with its figures; anything else is a 404. */
export const loadProjectInScope = async (v: Vars, id: number, message = '项目不存在') =>
  assertInScope(v.user, await loadProject(v.db, id), (p) => p.neighborhoodId, message)

/**
 * The project named for adopting `topics`: in scope, still open, in the topics' neighborhood.
 * @example const project = await loadProjectForAdopt(c.var, 7, topics)
 */
export const loadProjectForAdopt = async (
  v: Vars,
  id: number,
  topics: TopicRow[],
): Promise<AdoptingProject> => {
  const project = await loadProjectInScope(v, id)
  if (CLOSED_PROJECT_STATUSES.includes(project.status))
    throw new ApiError(
      'illegal_transition',
      `项目「${PROJECT_STATUS_LABEL[project.status].zh}」，不能再加入议题`,
    )
  const errors: FieldErrors = {}
  for (const t of topics)
    if (t.neighborhoodId !== project.neighborhoodId) errors[t.id] = '议题与项目不在同一居民区'
  if (Object.keys(errors).length)
    throw new ApiError('illegal_transition', '只能把同一居民区的议题加入项目', { errors })
  return project
}

const statusFilter = (value: unknown) => {
  const list = filterList<string>(value)
  if (list && !list.every((s) => (PROJECT_STATUSES as readonly string[]).includes(s)))
    throw new ApiError('bad_request', 'filter 中的状态无效')
  return list
}

/**
 * The WHERE of a project list: scope, status, owner, neighborhood, overdue, `q` and ids.
 * @example projectWhere(user, { overdue: true })
 */
export const projectWhere = (user: CurrentUser, f: Record<string, unknown>): SQL | undefined => {
  const overdue = boolFilter(f.overdue)
  return and(
    scopeWhere(user, projects.neighborhoodId),
    idsIn(projects.id, idsFilter(f.id)),
    inIds(projects.status, statusFilter(f.status)),
    inIds(projects.ownerUserId, idsFilter(f.ownerUserId)),
    inIds(projects.neighborhoodId, idsFilter(f.neighborhoodId)),
    overdue === undefined ? undefined : overdue ? overdueSql() : not(overdueSql()),
    contains(f.q, projects.title, projects.description, projects.owningBody),
  )
}

/** What a named owner the caller cannot see answers: the same words as for no such user. */
export const OWNER_NOT_FOUND = '负责人不存在'

/**
 * Users named as owners must be accounts the caller can see (lib/scope `usersVisibleTo`); any
 * other id, of another town's staff or of nobody, answers the same 400 on its field, so ids
 * cannot be probed. At most ~90 distinct ids.
 * @example await assertOwnersVisible(c.var, { ownerUserId: 3, 'checklist.0.ownerUserId': 4 })
 */
export const assertOwnersVisible = async (
  v: Vars,
  named: Record<string, number | null | undefined>,
) => {
  const wanted = Object.entries(named).filter(
    (e): e is [string, number] => typeof e[1] === 'number',
  )
  if (!wanted.length) return
  const ids = [...new Set(wanted.map(([, id]) => id))]
  const rows = await v.db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), usersVisibleTo(v.user)))
  const found = new Set(rows.map((r) => r.id))
  const errors: FieldErrors = {}
  for (const [field, id] of wanted) if (!found.has(id)) errors[field] = OWNER_NOT_FOUND
  if (Object.keys(errors).length) throw validationError(errors)
}
