import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { formCreateApi } from './create'
import { formsListApi } from './list'
import { formReadApi } from './read'
import { formReports } from './reports'
import { formUpdateApi } from './update'

// Forms (问卷/表单), staff side, one file per operation: list.ts, read.ts, create.ts, update.ts
// (edit with versioned fields, delete), reports.ts (statistics and exports); record.ts is what
// they share. The answers are a resource of their own (responses.ts: /api/form-responses).

export const formsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .route('/', formsListApi)
  .route('/', formReadApi)
  .route('/', formCreateApi)
  .route('/', formUpdateApi)
  .route('/', formReports)

export { formResponsesApi } from './responses'
