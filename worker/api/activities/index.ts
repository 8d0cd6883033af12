import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { volunteerCreateApi } from './volunteers-create'
import { volunteersListApi } from './volunteers-list'
import { volunteerUpdateApi } from './volunteers-update'

// Activities (活动): events and volunteer activities, their sessions / shifts, registrations with
// the waitlist and check-in, and the volunteer register. One router per resource:
// activities.ts, sessions.ts, registrations.ts (with registrations-export.ts and
// registrations-workflow.ts), volunteers-{list,create,update}.ts; record.ts,
// registrations-record.ts and volunteers-record.ts are what they share; register.ts is the
// registration flow the public pages use too.

export { activitiesApi } from './activities'
export { activitySessionsApi } from './sessions'
export { registrationsApi } from './registrations'

export const volunteersApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .route('/', volunteersListApi)
  .route('/', volunteerCreateApi)
  .route('/', volunteerUpdateApi)
