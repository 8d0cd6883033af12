import type { Db } from '../env'
import { guardedBatch, type Results, type Statement } from '../db/batch'
import { ApiError } from './errors'

/**
 * Runs a batch that starts with guards (db/batch.ts) and returns its typed results; when a guard
 * failed (someone changed the records between the checks and the write) nothing was written and
 * this answers 409 `conflict` with `message`.
 * @example const [[row]] = await runGuarded(db, [guard(db, cond), insert.returning()], '项目刚被其他人修改，请刷新后重试')
 */
export const runGuarded = async <const T extends readonly Statement[]>(
  db: Db,
  statements: T,
  message = '议题刚被其他人修改，请刷新后重试',
): Promise<Results<T>> => {
  const results = await guardedBatch(db, statements)
  if (!results) throw new ApiError('conflict', message)
  return results
}
