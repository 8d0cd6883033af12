import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { batch } from '../../db/batch'
import { audit } from '../../db/queries/audit'
import { markNoShows } from '../../db/queries/activities/check-in'
import { promoteStatement } from '../../db/queries/activities/waitlist'
import { promotionMessagesStatement } from '../../db/queries/notify/outbox'
import { ApiError } from '../../lib/errors'
import { idParam } from '../../lib/validate'
import { loadSession, reloadSession } from './sessions-record'

// A session's actions: POST /:id/no-show after it ended, POST /:id/promote (repairs).

export const sessionWorkflowApi = new Hono<AppEnv>()
  // After a session ends, every confirmed registration not checked in becomes a no-show.
  .post('/:id/no-show', async (c) => {
    const before = await loadSession(c.var, idParam(c))
    const now = Date.now()
    if (before.s.endsAt > now) throw new ApiError('conflict', '场次结束后才能标记未到场')
    const db = c.var.db
    const marked = await markNoShows(db, c.var.user, before.s.id, now)
    return c.json({ ...(await reloadSession(db, before.s.id)), markedIds: marked })
  })
  // Runs the waitlist promotion (normally automatic): for repairs after a manual data fix.
  .post('/:id/promote', async (c) => {
    const before = await loadSession(c.var, idParam(c))
    const db = c.var.db
    const now = Date.now()
    const [promoted] = await batch(db, [
      promoteStatement(db, before.s.id, now),
      promotionMessagesStatement(db, before.s.id, now),
      audit(db, c.var.user, {
        action: 'promote',
        resource: 'activity-sessions',
        recordId: before.s.id,
      }),
    ])
    return c.json({
      ...(await reloadSession(db, before.s.id)),
      promotedIds: promoted.map((r) => r.id),
    })
  })
