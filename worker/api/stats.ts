import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { projects, topics } from '../db/schema'
import { DATE_WINDOW_MESSAGE, inDateWindow } from '../domain/dates'
import { TOPIC_STATUSES } from '../domain/vocabulary'
import { statsFigures } from '../db/queries/stats'
import { SATISFACTION_DEFINITION } from '../domain/evaluation'
import {
  FIGURE_DEFINITIONS,
  fillDays,
  msToDays,
  percent,
  satisfaction,
  summarySentence,
} from '../domain/stats'
import { requireUser } from '../lib/auth'
import { ApiError } from '../lib/errors'
import { assertNeighborhoodInScope, scopeWhere } from '../lib/scope'
import { intQuery } from '../lib/validate'

/** A time parameter: a number in the saved-date window (domain/dates), else 400 naming it. */
const timeParam = (value: string | undefined, name: string) => {
  const n = intQuery(value, name)
  if (n !== undefined && !inDateWindow(n))
    throw new ApiError('bad_request', DATE_WINDOW_MESSAGE, {
      errors: { [name]: DATE_WINDOW_MESSAGE },
    })
  return n
}

/**
 * GET /api/stats/summary?from=&to=&neighborhoodId= — the dashboard figures over the caller's
 * neighborhoods for [from, to) (epoch ms). `collected` counts the topics created in the period
 * without merged duplicates (`merged` says how many there were; `byStatus` and the charts show
 * every topic); `adopted` (立项) and `done` (完成) count projects started / finished in the period;
 * `adoptionRate` (topics adopted of those collected) and `satisfaction` (domain/evaluation.ts)
 * are percentages (0–100, one decimal) or null; `definitions` say each figure in a line.
 */
export const statsApi = new Hono<AppEnv>().use(requireUser).get('/summary', async (c) => {
  const user = c.var.user
  const from = timeParam(c.req.query('from'), 'from')
  const to = timeParam(c.req.query('to'), 'to')
  const neighborhoodId = intQuery(c.req.query('neighborhoodId'), 'neighborhoodId')
  if (neighborhoodId !== undefined) assertNeighborhoodInScope(user, neighborhoodId)
  const raw = await statsFigures(c.var.db, {
    topicScope: scopeWhere(user, topics.neighborhoodId),
    projectScope: scopeWhere(user, projects.neighborhoodId),
    neighborhoodId,
    from,
    to,
  })
  const byStatus = Object.fromEntries(TOPIC_STATUSES.map((s) => [s, 0]))
  for (const row of raw.byStatus) byStatus[row.status] = row.n
  const rate = satisfaction(raw.satisfied, raw.evaluations)
  return c.json({
    byStatus,
    byCategory: raw.byCategory.map((r) => ({ ...r, name: r.name ?? '无类别' })),
    byNeighborhood: raw.byNeighborhood,
    overTime: fillDays(raw.overTime, from, to),
    collected: raw.collected,
    merged: raw.merged,
    adopted: raw.adopted,
    done: raw.done,
    adoptedTopics: raw.adoptedTopics,
    adoptionRate: percent(raw.adoptedTopics, raw.collected),
    medianDaysToAccept: msToDays(raw.medianMs.accept),
    medianDaysToAdopt: msToDays(raw.medianMs.adopt),
    medianDaysToFinish: msToDays(raw.medianMs.finish),
    satisfaction: rate,
    evaluations: raw.evaluations,
    definitions: { ...FIGURE_DEFINITIONS, satisfaction: SATISFACTION_DEFINITION },
    sentence: summarySentence({
      collected: raw.collected,
      merged: raw.merged,
      adopted: raw.adopted,
      done: raw.done,
      satisfaction: rate,
    }),
  })
})
