import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { loadTopics, type TopicRow } from '../../db/queries/topics/read'
import { adoptStatements } from '../../db/queries/projects'
import { mergeStatements, unmergeStatements } from '../../db/queries/topics/merge'
import { moveStatements } from '../../db/queries/topics/moves'
import { canReceiveMerge, illegalMove, missingFields } from '../../domain/topic-workflow'
import { TOPIC_STATUS_LABEL, TOPIC_STATUSES } from '../../domain/vocabulary'
import { ApiError, type FieldErrors, validationError } from '../../lib/errors'
import { runGuarded } from '../../lib/guarded'
import { idParam, readJson } from '../../lib/validate'
import {
  assertVersion,
  readVersion,
  runVersioned,
  versioned,
  versionInput,
} from '../../lib/versions'
import type { Statement } from '../../db/batch'
import { topics as topicsTable } from '../../db/schema'
import { loadProjectForAdopt } from '../projects/record'
import { currentTopic, loadTopicsInScope, refuse, toTopicRecord } from './record'

// Workflow actions: transitions (one or many, all-or-nothing), merges and undoing a merge. An
// action on one topic may name the version it read (`version` or If-Match, lib/versions.ts): a
// stale one answers 409 with the current record; bulk actions name none. Every move moves the
// version on.

const note = z
  .string({ message: '应为文字' })
  .trim()
  .max(1000, '最多 1000 个字')
  .nullable()
  .optional()
const id = z.number({ message: '应为编号' }).int().positive()
const ids = z
  .array(id, { message: '请选择议题' })
  .min(1, '请选择议题')
  .max(1000, '一次最多 1000 个议题')

const moveFields = {
  to: z.enum(TOPIC_STATUSES, { message: '目标状态无效' }),
  note,
  internalNote: note,
  referredTo: z
    .string({ message: '应为文字' })
    .trim()
    .max(100, '最多 100 个字')
    .nullable()
    .optional(),
  projectId: id.nullable().optional(),
  targetId: id.nullable().optional(),
}
const transitionSchema = z.object({ ...moveFields, ...versionInput })
const bulkTransitionSchema = z.object({ ...moveFields, ids })
const mergeSchema = z.object({ targetId: id, note, internalNote: note })
const bulkMergeSchema = z.object({ ...mergeSchema.shape, ids })
const unmergeSchema = z.object({ note, internalNote: note, ...versionInput })

type MoveInput = z.infer<typeof transitionSchema>
type Vars = AppEnv['Variables']

/** The version one topic was read at, when an action on it named one. */
type Expected = { id: number; version: number | undefined }

/**
 * Runs a workflow batch: when the action named a version, it must still be the topic's (a guard
 * first; a stale one answers 409 with the current record), else as `runGuarded`.
 */
const run = async (v: Vars, statements: Statement[], expected?: Expected, found?: TopicRow) => {
  if (expected?.version === undefined) return runGuarded(v.db, statements)
  if (found) assertVersion(found, expected.version, toTopicRecord(found, v.user))
  const { guard } = versioned(v.db, topicsTable, expected.id, expected.version)
  return runVersioned(v.db, [guard, ...statements], currentTopic(v, expected.id))
}

/** The records of `wanted`, in that order. */
const records = async (v: Vars, wanted: number[]) => {
  const byId = new Map((await loadTopics(v.db, wanted)).map((t) => [t.id, t]))
  return wanted.flatMap((i) => (byId.has(i) ? [toTopicRecord(byId.get(i)!, v.user)] : []))
}

/** Merges `sources` into `targetId`, all or none; returns the target record. */
const merge = async (
  v: Vars,
  sourceIds: number[],
  input: z.infer<typeof mergeSchema>,
  expected?: Expected,
) => {
  const unique = [...new Set(sourceIds)]
  if (unique.includes(input.targetId)) throw validationError({ targetId: '不能把议题合并到它自己' })
  const [target, ...sources] = await loadTopicsInScope(v, [input.targetId, ...unique])
  if (!canReceiveMerge(target.status))
    throw new ApiError(
      'illegal_transition',
      `目标议题「${TOPIC_STATUS_LABEL[target.status].zh}」，不能再合并进来`,
    )
  const errors: FieldErrors = {}
  for (const s of sources) {
    const illegal = illegalMove(s.status, 'merged')
    if (illegal) errors[s.id] = illegal
    else if (s.neighborhoodId !== target.neighborhoodId) errors[s.id] = '只能合并同一居民区的议题'
  }
  refuse(errors)
  const found = sources.find((s) => s.id === expected?.id)
  await run(v, mergeStatements(v.db, v.user, sources, target, input, Date.now()), expected, found)
  return toTopicRecord((await loadTopics(v.db, [target.id]))[0], v.user)
}

/** Undoes the merge of topic `id`; returns its record, back in the status it was merged from. */
const unmerge = async (
  v: Vars,
  id: number,
  input: z.infer<typeof unmergeSchema>,
  version?: number,
) => {
  const [topic] = await loadTopicsInScope(v, [id])
  assertVersion(topic, version, toTopicRecord(topic, v.user))
  if (topic.status !== 'merged' || topic.mergedIntoId === null)
    throw new ApiError(
      'illegal_transition',
      `议题「${TOPIC_STATUS_LABEL[topic.status].zh}」，没有合并，无需撤销`,
    )
  const source = {
    id: topic.id,
    trackingCode: topic.trackingCode,
    title: topic.title,
    mergedIntoId: topic.mergedIntoId,
  }
  await run(v, unmergeStatements(v.db, v.user, source, input, Date.now()), { id, version })
  return (await records(v, [id]))[0]
}

/** Moves `wanted` to `input.to`, all or none; merges and adoptions take their own path. */
const transition = async (v: Vars, wanted: number[], input: MoveInput, expected?: Expected) => {
  const unique = [...new Set(wanted)]
  const topics = await loadTopicsInScope(v, unique)
  const errors: FieldErrors = {}
  for (const t of topics) {
    const illegal = illegalMove(t.status, input.to)
    if (illegal) errors[t.id] = illegal
  }
  // A move the topic's current status no longer allows says why (已转办 …); only a move still
  // allowed is refused for a stale version, so the editor can look and reapply.
  refuse(errors)
  const found = topics.find((t) => t.id === expected?.id)
  if (found) assertVersion(found, expected?.version, toTopicRecord(found, v.user))
  const missing = missingFields(input.to, input)
  if (Object.keys(missing).length) throw validationError(missing)
  const now = Date.now()
  if (input.to === 'merged') {
    await merge(v, unique, { ...input, targetId: input.targetId! }, expected)
  } else if (input.to === 'adopted') {
    const project = await loadProjectForAdopt(v, input.projectId!, topics)
    await run(v, adoptStatements(v.db, v.user, unique, project, input, now), expected)
  } else {
    const opts = { action: 'transition' as const, now }
    await run(v, moveStatements(v.db, v.user, unique, input.to, input, opts), expected)
  }
  return records(v, unique)
}

export const topicsWorkflowApi = new Hono<AppEnv>()
  .post('/bulk-transition', async (c) => {
    const input = await readJson(c, bulkTransitionSchema)
    return c.json({ data: await transition(c.var, input.ids, input) })
  })
  .post('/bulk-merge', async (c) => {
    const input = await readJson(c, bulkMergeSchema)
    return c.json(await merge(c.var, input.ids, input))
  })
  .post('/:id/transition', async (c) => {
    const topicId = idParam(c)
    const input = await readJson(c, transitionSchema)
    const expected = { id: topicId, version: readVersion(c, input.version) }
    const [record] = await transition(c.var, [topicId], input, expected)
    return c.json(record)
  })
  .post('/:id/merge', async (c) => {
    const topicId = idParam(c)
    const input = await readJson(c, mergeSchema.extend(versionInput))
    const expected = { id: topicId, version: readVersion(c, input.version) }
    return c.json(await merge(c.var, [topicId], input, expected))
  })
  .post('/:id/unmerge', async (c) => {
    const topicId = idParam(c)
    const input = await readJson(c, unmergeSchema)
    return c.json(await unmerge(c.var, topicId, input, readVersion(c, input.version)))
  })
