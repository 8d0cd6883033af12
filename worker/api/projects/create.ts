import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { checklistItems, projects } from '../../db/schema'
import { adoptStatements, loadProject, NEW_PROJECT_ID } from '../../db/queries/projects'
import { illegalMove } from '../../domain/topic-workflow'
import { CREATABLE_PROJECT_STATUSES } from '../../domain/vocabulary'
import type { FieldErrors } from '../../lib/errors'
import { runGuarded } from '../../lib/guarded'
import { assertNeighborhoodExists, auditCreate } from '../../lib/resource'
import { assertNeighborhoodInScope } from '../../lib/scope'
import { readJson } from '../../lib/validate'
import { loadTopicsInScope, refuse } from '../topics/record'
import { assertOwnersVisible, editable, optionalId, optionalTime } from './record'

// POST /api/projects (举手立项): a project, its checklist, and with `topicIds` the adoption of
// those topics, all in one guarded batch.

const checklistEntry = z.object({
  title: z.string({ message: '请填写事项' }).trim().min(1, '请填写事项').max(200, '最多 200 个字'),
  ownerUserId: optionalId,
  dueAt: optionalTime,
})
const createSchema = z.object({
  ...editable,
  neighborhoodId: z.number({ message: '请选择居民区' }).int().positive('请选择居民区'),
  description: editable.description.optional(),
  owningBody: editable.owningBody.optional(),
  status: z
    .enum(CREATABLE_PROJECT_STATUSES, { message: '新项目的状态应为计划中、实施中或受阻' })
    .optional(),
  topicIds: z
    .array(z.number().int().positive(), { message: '应为议题编号列表' })
    .max(500, '一次最多 500 个议题')
    .optional(),
  checklist: z
    .array(checklistEntry, { message: '应为任务清单' })
    .max(80, '任务清单最多 80 项')
    .optional(),
  /** Public note on the adopted topics' timelines. */
  note: z.string().trim().max(1000).nullable().optional(),
})
type Vars = AppEnv['Variables']

/** The topics to adopt: visible, in the project's neighborhood, and submitted or accepted. */
const topicsToAdopt = async (v: Vars, ids: number[], neighborhoodId: number) => {
  if (!ids.length) return []
  const topics = await loadTopicsInScope(v, ids)
  const errors: FieldErrors = {}
  for (const t of topics) {
    const illegal = illegalMove(t.status, 'adopted')
    if (illegal) errors[t.id] = illegal
    else if (t.neighborhoodId !== neighborhoodId) errors[t.id] = '议题与项目不在同一居民区'
  }
  refuse(errors)
  return topics
}

export const projectCreateApi = new Hono<AppEnv>().post('/', async (c) => {
  const input = await readJson(c, createSchema)
  const { db, user } = c.var
  assertNeighborhoodInScope(user, input.neighborhoodId)
  await assertNeighborhoodExists(db, input.neighborhoodId)
  const checklist = input.checklist ?? []
  await assertOwnersVisible(c.var, {
    ownerUserId: input.ownerUserId,
    ...Object.fromEntries(
      checklist.map((item, i) => [`checklist.${i}.ownerUserId`, item.ownerUserId]),
    ),
  })
  const topicIds = [...new Set(input.topicIds ?? [])]
  await topicsToAdopt(c.var, topicIds, input.neighborhoodId)
  const now = Date.now()
  const values = {
    neighborhoodId: input.neighborhoodId,
    title: input.title,
    description: input.description ?? '',
    ownerUserId: input.ownerUserId ?? null,
    owningBody: input.owningBody ?? '',
    deadlineAt: input.deadlineAt ?? null,
    status: input.status ?? 'planned',
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  }
  const project = { id: NEW_PROJECT_ID, title: values.title, status: values.status }
  const [[{ id }]] = await runGuarded(db, [
    db.insert(projects).values(values).returning({ id: projects.id }),
    // Right after the insert: the audit row takes the new id from last_insert_rowid().
    auditCreate(db, user, 'projects', { ...values, topicIds, checklist }),
    ...(topicIds.length ? adoptStatements(db, user, topicIds, project, input, now) : []),
    ...checklist.map((item, i) =>
      db.insert(checklistItems).values({
        projectId: NEW_PROJECT_ID,
        title: item.title,
        ownerUserId: item.ownerUserId ?? null,
        dueAt: item.dueAt ?? null,
        sortOrder: i + 1,
        createdAt: now,
      }),
    ),
  ])
  return c.json(await loadProject(db, id), 201)
})
