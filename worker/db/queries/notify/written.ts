// Which outbox rows a request wrote, so that it hands the queue only those (worker/notify/
// enqueue.ts deliverAfter) and costs nothing more when it wrote none. Outbox inserts return the
// ids they wrote; the rows are tallied in the request's async context, whichever batch ran them.
import { AsyncLocalStorage } from 'node:async_hooks'
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { rawAll, type Statement } from '../../batch'

const written = new AsyncLocalStorage<number[]>()

/**
 * Runs `fn` and returns the ids of the outbox rows its batches wrote.
 * @example const ids = await outboxWritesOf(() => next())
 */
export const outboxWritesOf = async (fn: () => Promise<unknown>) => {
  const ids: number[] = []
  await written.run(ids, fn)
  return ids
}

/**
 * An outbox INSERT … SELECT for a batch; the ids it wrote are noted for the request.
 * @example outboxInsert(db, sql`INSERT INTO outbox (…) SELECT …`)
 */
export const outboxInsert = (db: Db, insert: SQL): Statement => {
  const item = rawAll<{ id: number }>(db, sql`${insert} RETURNING id`)
  const map = item.mapResult.bind(item)
  return Object.assign(item, {
    mapResult: (result: unknown, fromBatch?: boolean) => {
      const rows = map(result as never, fromBatch) as { id: number }[]
      written.getStore()?.push(...rows.map((r) => r.id))
      return rows
    },
  })
}
