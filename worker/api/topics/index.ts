import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { topicsCreateApi } from './create'
import { topicsExportApi } from './export'
import { topicsListApi } from './list'
import { topicSimilarApi } from './similar'
import { topicReadApi } from './read'
import { topicUpdateApi } from './update'
import { topicsWorkflowApi } from './workflow'

// The topics API, one file per operation: list.ts (the grid), read.ts (one topic), create.ts
// (staff entry), update.ts (edit, delete), workflow.ts (transitions, merges), export.ts
// (CSV/XLSX), similar.ts (possible duplicates); record.ts and refs.ts are what they share.
// The timeline (events.ts) and supports (supports.ts) are read-only resources of their own.

export const topicsApi = new Hono<AppEnv>()
  .route('/', topicsListApi)
  .use(requireUser, writesNeedWriter)
  // Fixed paths (export, bulk actions) before the `/:id` routes.
  .route('/', topicsExportApi)
  .route('/', topicsWorkflowApi)
  .route('/', topicsCreateApi)
  .route('/', topicReadApi)
  .route('/', topicSimilarApi)
  .route('/', topicUpdateApi)

export { topicEventsApi } from './events'
export { supportsApi } from './supports'
