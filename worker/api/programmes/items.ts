import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { batch, rawAll } from '../../db/batch'
import {
  type ItemRow,
  itemQuery,
  markDoneStatements,
  moveDueStatement,
  paperStatements,
  reopenStatements,
  type Tally,
  tallyQuery,
} from '../../db/queries/programmes/items'
import { savedTime } from '../../domain/dates'
import { cellState } from '../../domain/programmes/cells'
import { answerable, paperSchema } from '../../domain/programmes/confirmation'
import { dayEnd } from '../../domain/programmes/days'
import { evidenceProblem, evidenceSchema } from '../../domain/programmes/evidence'
import { audit } from '../../lib/audit'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { ApiError, raise } from '../../lib/errors'
import { assertInScope } from '../../lib/scope'
import { idParam, readJson } from '../../lib/validate'

// A programme step's item in one neighborhood (/api/programme-items/:id): what the matrix's
// click-through shows and what staff do there — mark it done with the evidence its step asks
// for, reopen it, move its due date, enter a paper tick sheet's counts. Every write is audited.

type Vars = AppEnv['Variables']

const toItemRecord = (row: ItemRow, tally: Tally[], now = Date.now()) => {
  const sum = (verdict: string, source?: string) =>
    tally
      .filter((t) => t.verdict === verdict && (!source || t.source === source))
      .reduce((n, t) => n + t.people, 0)
  const { note, photoUrl, number, recordedBy, recordedAt, ...item } = row
  return {
    ...item,
    done: Boolean(row.done),
    public: Boolean(row.public),
    state: cellState(row, now),
    evidence: recordedAt === null ? null : { note, photoUrl, number, recordedBy, recordedAt },
    confirmed: sum('confirmed'),
    disputed: sum('disputed'),
    bySource: Object.fromEntries(
      (['code', 'volunteer', 'paper'] as const).map((s) => [
        s,
        { confirmed: sum('confirmed', s), disputed: sum('disputed', s) },
      ]),
    ),
    /** The public confirmation page of the step. */
    publicPath: `/g/${row.neighborhoodSlug}/${row.id}`,
  }
}

/** A programme item the caller may see, with its evidence and answers; anything else is a 404. */
export const loadItemInScope = async (v: Vars, id: number) => {
  const [[row], tally] = await v.db.batch([
    rawAll<ItemRow>(v.db, itemQuery(id)),
    rawAll<Tally>(v.db, tallyQuery(id)),
  ])
  return toItemRecord(
    assertInScope(v.user, row, (r) => r.neighborhoodId, '事项不存在'),
    tally,
  )
}

const dueSchema = z.object({
  dueAt: savedTime('请选择截止日期', '截止日期无效'),
})

/**
 * GET /api/programme-items/:id; POST /:id/done (evidence `{ note, photoUrl?, number? }` as the
 * step asks), POST /:id/reopen, PUT /:id/due `{ dueAt }` (by the end of that Shanghai day),
 * POST /:id/paper `{ confirmed, disputed, note? }`. Each answers the item as GET does.
 */
export const programmeItemsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .get('/:id', async (c) => c.json(await loadItemInScope(c.var, idParam(c))))
  .post('/:id/done', async (c) => {
    const before = await loadItemInScope(c.var, idParam(c))
    const input = await readJson(c, evidenceSchema)
    raise(evidenceProblem(before.evidenceKind, input))
    const evidence = {
      note: input.note,
      photoUrl: input.photoUrl?.trim() || null,
      number: input.number ?? null,
    }
    const { db, user } = c.var
    const now = Date.now()
    await batch(db, [
      ...markDoneStatements(db, before.id, before.projectId, evidence, user.id, now),
      audit(db, user, {
        action: before.done ? 'update_evidence' : 'done',
        resource: 'programme-items',
        recordId: before.id,
        before: { done: before.done, evidence: before.evidence },
        after: { done: true, evidence },
      }),
    ])
    return c.json(await loadItemInScope(c.var, before.id))
  })
  .post('/:id/reopen', async (c) => {
    const before = await loadItemInScope(c.var, idParam(c))
    if (!before.done) return c.json(before)
    const { db, user } = c.var
    const now = Date.now()
    await batch(db, [
      ...reopenStatements(db, before.id, before.projectId, now),
      audit(db, user, {
        action: 'reopen',
        resource: 'programme-items',
        recordId: before.id,
        before: { done: true, doneAt: before.doneAt },
        after: { done: false },
      }),
    ])
    return c.json(await loadItemInScope(c.var, before.id))
  })
  .put('/:id/due', async (c) => {
    const before = await loadItemInScope(c.var, idParam(c))
    const dueAt = dayEnd((await readJson(c, dueSchema)).dueAt)
    if (dueAt === before.dueAt) return c.json(before)
    const { db, user } = c.var
    await batch(db, [
      moveDueStatement(db, before.id, dueAt),
      audit(db, user, {
        action: 'move_due',
        resource: 'programme-items',
        recordId: before.id,
        before: { dueAt: before.dueAt },
        after: { dueAt },
      }),
    ])
    return c.json(await loadItemInScope(c.var, before.id))
  })
  .post('/:id/paper', async (c) => {
    const item = await loadItemInScope(c.var, idParam(c))
    const counts = await readJson(c, paperSchema)
    if (answerable(item))
      throw new ApiError('conflict', '这一步还没有标记完成，或不向居民公开，不能录入打钩')
    const { db, user } = c.var
    const now = Date.now()
    await batch(db, [
      ...paperStatements(db, item, counts, user.id, now),
      audit(db, user, {
        action: 'paper',
        resource: 'programme-items',
        recordId: item.id,
        after: counts,
      }),
    ])
    return c.json(await loadItemInScope(c.var, item.id))
  })
