import { sql } from 'drizzle-orm'
import type { Db } from '../../../env'
import { LIST_MAX, type WeekWindows, weekWindows } from '../../../domain/programmes/weekly'

// The weekly check-in (每周一对接): ONE statement makes the current week's summary for every
// neighborhood that lacks one (domain/programmes/weekly.ts says what each figure counts), so
// the cron job is cheap once the week is done and safe to run any number of times.

const open = sql.raw(`p.status NOT IN ('done', 'cancelled')`)
const limit = sql.raw(String(LIST_MAX))

/** Items of the neighborhood `n.id` matching `where` (on ci, p), as a JSON list, soonest first. */
const itemList = (where: ReturnType<typeof sql>, order: string) => sql`(SELECT json_group_array(
    json_object('id', id, 'title', title, 'projectId', project_id, 'projectTitle', project_title,
      'dueAt', due_at, 'doneAt', done_at))
  FROM (SELECT ci.id, ci.title, ci.project_id, p.title AS project_title, ci.due_at, ci.done_at
    FROM checklist_items ci JOIN projects p ON p.id = ci.project_id
    WHERE p.neighborhood_id = n.id AND ${where} ORDER BY ${sql.raw(order)} LIMIT ${limit}))`

const itemCount = (where: ReturnType<typeof sql>) => sql`(SELECT count(*)
  FROM checklist_items ci JOIN projects p ON p.id = ci.project_id
  WHERE p.neighborhood_id = n.id AND ${where})`

/**
 * Makes the summaries of the week `w` that are missing; returns how many were made.
 * @example await makeWeeklyCheckins(db, weekWindows(Date.now()))
 */
export const makeWeeklyCheckins = async (db: Db, w: WeekWindows, now = Date.now()) => {
  const done = sql`ci.done = 1 AND ci.done_at >= ${w.lastWeekFrom} AND ci.done_at < ${w.weekStart}`
  const due = sql`ci.done = 0 AND ${open} AND ci.due_at >= ${w.weekStart} AND ci.due_at < ${w.dueBefore}`
  const overdue = sql`ci.done = 0 AND ${open} AND ci.due_at < ${w.weekStart}`
  const topics = sql`t.neighborhood_id = n.id AND t.created_at >= ${w.lastWeekFrom}
    AND t.created_at < ${w.weekStart}`
  const disputed = sql`c.neighborhood_id = n.id AND c.verdict = 'disputed'
    AND c.created_at >= ${w.lastWeekFrom} AND c.created_at < ${w.weekStart}`
  const rows = await db.all<{ id: number }>(sql`
    INSERT INTO weekly_checkins (neighborhood_id, week_start, done_count, due_count, overdue_count,
      new_topics, disputed_count, details, created_at)
    SELECT n.id, ${w.weekStart}, ${itemCount(done)}, ${itemCount(due)}, ${itemCount(overdue)},
      (SELECT count(*) FROM topics t WHERE ${topics}),
      (SELECT count(DISTINCT c.item_id) FROM confirmations c WHERE ${disputed}),
      json_object(
        'done', json(${itemList(done, 'ci.done_at DESC, ci.id')}),
        'due', json(${itemList(due, 'ci.due_at, ci.id')}),
        'overdue', json(${itemList(overdue, 'ci.due_at, ci.id')}),
        'topics', json((SELECT json_group_array(json_object('id', id, 'title', title, 'status', status))
          FROM (SELECT t.id, t.title, t.status FROM topics t WHERE ${topics}
            ORDER BY t.created_at DESC, t.id DESC LIMIT ${limit}))),
        'disputed', json((SELECT json_group_array(json_object('id', id, 'title', title, 'people', people))
          FROM (SELECT ci.id, ci.title, sum(c.people) AS people FROM confirmations c
            JOIN checklist_items ci ON ci.id = c.item_id WHERE ${disputed}
            GROUP BY ci.id ORDER BY people DESC, ci.id LIMIT ${limit})))),
      ${now}
    FROM neighborhoods n
    WHERE NOT EXISTS (SELECT 1 FROM weekly_checkins x WHERE x.neighborhood_id = n.id
      AND x.week_start = ${w.weekStart})
    ORDER BY n.id
    ON CONFLICT (neighborhood_id, week_start) DO NOTHING
    RETURNING id`)
  return rows.length
}

/**
 * The weekly job (worker/scheduled.ts): this week's summaries that are missing.
 * @example ctx.waitUntil(weeklyCheckins(createDb(env.DB)))
 */
export const weeklyCheckins = (db: Db, now = Date.now()) =>
  makeWeeklyCheckins(db, weekWindows(now), now)
