import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { selectAttendees } from '../../db/queries/meetings/records'
import { canSeePersonalData, maskName, maskPhone } from '../../domain/masking'
import { idParam } from '../../lib/validate'
import { loadMeetingInScope } from './record'

/** GET /api/meetings/:id (with its agenda items) and GET /api/meetings/:id/attendees. */
export const readMeeting = new Hono<AppEnv>()
  .get('/:id', async (c) => c.json(await loadMeetingInScope(c.var, idParam(c))))
  .get('/:id/attendees', async (c) => {
    const meeting = await loadMeetingInScope(c.var, idParam(c))
    const rows = await selectAttendees(c.var.db, meeting.id)
    // Phones masked for every role (#17.6; POST /api/privacy/reveal shows one); names for viewers.
    const names = canSeePersonalData(c.var.user.role)
    return c.json(
      rows.map((r) => ({
        ...r,
        name: names ? r.name : maskName(r.name),
        phone: maskPhone(r.phone),
      })),
    )
  })
