// Activities (活动): events and volunteer activities, their sessions / shifts, registrations with
// the waitlist and check-in, and the volunteer register. One router per resource:
// activities.ts, sessions.ts, registrations.ts (with registrations-export.ts and
// registrations-workflow.ts), volunteers.ts; record.ts and registrations-record.ts are what they
// share; register.ts is the registration flow the public pages use too.

export { activitiesApi } from './activities'
export { activitySessionsApi } from './sessions'
export { registrationsApi } from './registrations'
export { volunteersApi } from './volunteers'
