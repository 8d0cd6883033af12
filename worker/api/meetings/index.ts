import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { createMeeting } from './create'
import { listMeetings } from './list'
import { readMeeting } from './read'
import { meetingReportApi } from './report'
import { recordTally } from './tally'
import { updateMeeting } from './update'

// Meetings (议事会): /api/meetings (simple-rest resource, agenda items inside the record, the
// tally of an item at POST /:id/items/:itemId/tally) and the 台账 at /api/reports/meetings.
// Mounted once, at /api: `app.route('/api', meetingsApi)`.

const meetings = new Hono<AppEnv>()
  // Checks the session itself, in the batch of its read (batchAsUser): before `requireUser`.
  .route('/', recordTally)
  .use(requireUser, writesNeedWriter)
  .route('/', listMeetings)
  .route('/', createMeeting)
  .route('/', readMeeting)
  .route('/', updateMeeting)

export const meetingsApi = new Hono<AppEnv>()
  .route('/meetings', meetings)
  .route('/reports/meetings', meetingReportApi)
