import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser, writesNeedWriter } from '../../lib/auth'
import { projectCreateApi } from './create'
import { projectsListApi } from './list'
import { projectReadApi } from './read'
import { projectUpdateApi } from './update'

// Projects (举手立项), one file per operation: list.ts, read.ts, create.ts (with the adoption of
// topics), update.ts (edit, status carried to the topics, delete); record.ts is what they share.
// A project's checklist (checklist-items.ts), progress updates (updates.ts) and residents'
// evaluations (evaluations.ts) are resources of their own.

export const projectsApi = new Hono<AppEnv>()
  .use(requireUser, writesNeedWriter)
  .route('/', projectsListApi)
  .route('/', projectReadApi)
  .route('/', projectCreateApi)
  .route('/', projectUpdateApi)

export { checklistItemsApi } from './checklist-items'
export { projectUpdatesApi } from './updates'
export { evaluationsApi } from './evaluations'
