// The resident pages, one router mounted at '/': QR points and the needs form, tracking,
// evaluation, the public board and its projects' pages, the staff posters, activities
// (registration, receipts, check-in QR, volunteers), surveys at /s/<slug> and the staff check-in
// at /staff/checkin. One body limit for every page post and one error page (errors.tsx): errors
// here answer as pages, not JSON.
import { Hono } from 'hono'
import { limitBody } from '../lib/body-limit'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/errors'
import { pageError } from './errors'
import { needs } from './needs'
import { track } from './track'
import { evaluate } from './evaluate'
import { board } from './board'
import { projectPages } from './project'
import { needsListPages } from './needs-list/routes'
import { activityPages } from './activities'
import { staffCheckinPages } from './activities/staff'
import { posterPages } from './posters'
import { formPages } from './forms/routes'
import { meetingPages } from './meetings/door'
import { confirmPages } from './confirm/routes'
import { privacyPages } from './privacy'
import { mePages } from './me/routes'
import { meDataPages } from './me/data'
import { notifyPages } from './notify/routes'

/** A resident form post is a few KB; anything far larger is not one. */
export const MAX_FORM_BYTES = 64 * 1024

/** Where the pages live: mounted at '/', a '*' middleware would also run for /api. */
const PAGE_PATHS = [
  '/q/*',
  '/n/*',
  '/t/*',
  '/b/*',
  '/a/*',
  '/r/*',
  '/c/*',
  '/v',
  '/s/*',
  '/staff/*',
  '/m/*',
  '/g/*',
  '/privacy/*',
  '/me',
  '/me/*',
  '/u/*',
]

export const residentPages = new Hono<AppEnv>()

const limit = limitBody({
  maxSize: MAX_FORM_BYTES,
  onError: () => {
    throw new ApiError('payload_too_large', '提交的内容太大')
  },
})
for (const path of PAGE_PATHS) residentPages.use(path, limit)

residentPages.route('/', needs)
residentPages.route('/', evaluate)
residentPages.route('/', track)
residentPages.route('/', board)
residentPages.route('/', projectPages)
residentPages.route('/', needsListPages)
residentPages.route('/', activityPages)
residentPages.route('/', staffCheckinPages)
residentPages.route('/', posterPages)
residentPages.route('/s', formPages)
residentPages.route('/', meetingPages)
residentPages.route('/', confirmPages)
residentPages.route('/', privacyPages)
residentPages.route('/', mePages)
residentPages.route('/', meDataPages)
residentPages.route('/', notifyPages)

residentPages.onError(pageError)
