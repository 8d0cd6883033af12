import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { applyProgramme } from './apply'
import { confirmationsApi } from './confirmations'
import { createProgramme } from './create'
import { deleteProgramme } from './delete'
import { programmeItemsApi } from './items'
import { listProgrammes } from './list'
import { programmeMatrix } from './matrix'
import { neighborhoodPostsApi } from './posts'
import { programmeTimetable } from './timetable'
import { updateProgramme } from './update'
import { weeklyCheckinsApi } from './weekly'

// Programmes (九个一 / 规定动作): /api/programmes (simple-rest resource, steps inside the record),
// applying one (POST /:id/apply, /:id/add-missing-steps), moving a step's due date (PUT
// /:id/steps/:stepId/due) and its matrix (GET /:id/matrix,
// /:id/matrix/export); a step's item in one neighborhood (/api/programme-items/:id: done with
// evidence, reopen, due date, paper counts); residents' answers (/api/confirmations); who holds
// which post (/api/neighborhood-posts); the weekly check-ins (/api/weekly-checkins). Mounted once, at /api: `app.route('/api', programmesApi)`.

// The matrix checks the session in its own D1 batch (batchAsUser), so it is mounted before
// `requireUser`: it answers without passing on to that middleware.
const programmes = new Hono<AppEnv>()
  .route('/', programmeMatrix)
  .use(requireUser, writesNeedWriter)
  .route('/', listProgrammes)
  .route('/', createProgramme)
  .route('/', updateProgramme)
  .route('/', deleteProgramme)
  .route('/', applyProgramme)
  .route('/', programmeTimetable)

export const programmesApi = new Hono<AppEnv>()
  .route('/programmes', programmes)
  .route('/programme-items', programmeItemsApi)
  .route('/confirmations', confirmationsApi)
  .route('/neighborhood-posts', neighborhoodPostsApi)
  .route('/weekly-checkins', weeklyCheckinsApi)
