// The public routes of activities, one file each: /a/<id-or-slug> (activity, per-session form,
// QR, poster: registration.tsx), /r/<token> (receipt, cancel, .ics: receipt.tsx), /c/<code> (what
// the check-in QR opens: checkin.tsx) and /v (volunteers: volunteer-hours.tsx).
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { checkinPages } from './checkin'
import { receiptPages } from './receipt'
import { registrationPages } from './registration'
import { volunteerPages } from './volunteer-hours'

export const activityPages = new Hono<AppEnv>()
  .route('/', registrationPages)
  .route('/', receiptPages)
  .route('/', checkinPages)
  .route('/', volunteerPages)
