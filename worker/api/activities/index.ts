import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { activityCreateApi } from './activities-create'
import { activitiesListApi } from './activities-list'
import { activityUpdateApi } from './activities-update'
import { sessionCreateApi } from './sessions-create'
import { sessionsListApi } from './sessions-list'
import { sessionUpdateApi } from './sessions-update'
import { sessionWorkflowApi } from './sessions-workflow'
import { volunteerCreateApi } from './volunteers-create'
import { volunteersListApi } from './volunteers-list'
import { volunteerUpdateApi } from './volunteers-update'

// Activities (活动): events and volunteer activities, their sessions / shifts, registrations with
// the waitlist and check-in, and the volunteer register. One router per resource, one file per
// operation: activities-{list,create,update}.ts, sessions-{list,create,update,workflow}.ts,
// registrations.ts (with registrations-export.ts and registrations-workflow.ts),
// volunteers-{list,create,update}.ts; record.ts, sessions-record.ts, registrations-record.ts and
// volunteers-record.ts are what they share; register.ts is the registration flow the public
// pages use too.

export const activitiesApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .route('/', activitiesListApi)
  .route('/', activityCreateApi)
  .route('/', activityUpdateApi)

export const activitySessionsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .route('/', sessionsListApi)
  .route('/', sessionCreateApi)
  .route('/', sessionUpdateApi)
  .route('/', sessionWorkflowApi)

export { registrationsApi } from './registrations'

export const volunteersApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .route('/', volunteersListApi)
  .route('/', volunteerCreateApi)
  .route('/', volunteerUpdateApi)
