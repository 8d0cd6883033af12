// The notification part of the cron job: writes the day-before activity reminders and the staff
// digest (each once: the job runs every 10 minutes), then hands the queue every message it
// should have (the sweep).
import type { Db } from '../env'
import { digestStatement, remindersStatement } from '../db/queries/notify/outbox'
import { inQuietHours, DEFAULT_SETTINGS, shanghaiDayBounds } from '../domain/notify/rules'
import { shanghaiDay } from '../domain/stats'
import { batch } from '../db/batch'
import { enqueueDue } from './enqueue'

const DAY = 86_400_000

/**
 * Reminders for tomorrow's sessions and, once the quiet hours are over, today's staff digests;
 * then the sweep. Returns how many messages were handed to the queue.
 * @example await notifyUpkeep(env, createDb(env.DB), Date.now())
 */
export const notifyUpkeep = async (env: Env, db: Db, now: number) => {
  const today = shanghaiDayBounds(now)
  const statements = [remindersStatement(db, today.end, today.end + DAY, now)]
  // Staff read the digest in the morning: not written before the (default) quiet hours end.
  if (!inQuietHours(now, DEFAULT_SETTINGS) && now - today.start >= 8 * 3_600_000)
    statements.push(
      digestStatement(db, { day: shanghaiDay(now), since: now - DAY, dueBy: today.end, now }),
    )
  await batch(db, statements)
  return enqueueDue(env, db, now)
}
