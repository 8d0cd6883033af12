import { Hono } from 'hono'
import { and } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { claims } from '../../db/schema'
import { selectClaims } from '../../db/queries/partners/claims'
import type { Statement } from '../../db/batch'
import { ApiError, type FieldErrors, validationError } from '../../lib/errors'
import { inList } from '../../lib/simple-rest'
import { readJson } from '../../lib/validate'
import { moveProblem, moveStatements } from './moves'
import { claimScope, toClaimRecord, writeClaims } from './record'
import { claimBulkSchema } from './schemas'

/**
 * POST /api/claims/bulk `{ ids, to: 'accepted' | 'declined', note? }` — the queue's bulk action,
 * all or nothing: every claim must be visible (404 otherwise) and movable (409 with the reason
 * per id otherwise); then one batch moves them all, with their public updates and audit rows.
 */
export const bulkClaims = new Hono<AppEnv>().post('/bulk', async (c) => {
  const input = await readJson(c, claimBulkSchema)
  const { db, user } = c.var
  const ids = [...new Set(input.ids)]
  const rows = await selectClaims(db).where(and(inList(claims.id, ids), claimScope(user)))
  if (rows.length !== ids.length) throw new ApiError('not_found', '有认领不存在')
  const note = input.note?.trim() || null
  if (input.to === 'declined' && !note)
    throw validationError({ note: '请填写婉拒的理由（认领方会看到）' })
  const errors: FieldErrors = {}
  for (const row of rows) {
    const problem = moveProblem(user, row, input.to, note)
    if (problem?.code === 'forbidden') throw new ApiError('forbidden', problem.message)
    if (problem) errors[row.id] = problem.message
  }
  if (Object.keys(errors).length)
    throw new ApiError('illegal_transition', '有认领不能这样处理，全部未改', { errors })
  const now = Date.now()
  const statements = rows.flatMap((row) => moveStatements(db, user, row, input.to, note, now))
  await writeClaims(
    () => db.batch(statements as [Statement, ...Statement[]]),
    '有认领刚被其他人处理，请刷新后重试',
  )
  const after = await selectClaims(db).where(inList(claims.id, ids))
  return c.json({ data: after.map((r) => toClaimRecord(r, user)) })
})
