import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { requireUser } from '../../lib/auth'
import { userCreateApi } from './create'
import { usersListApi } from './list'
import { userUpdateApi } from './update'

// Staff accounts, one file per operation: list.ts (list, read; everyone signed in sees the
// accounts they share a scope with), create.ts, update.ts (edit, disable, password reset; no
// delete) for admins; record.ts is what they share.

export const usersApi = new Hono<AppEnv>()
  .use(requireUser)
  .route('/', usersListApi)
  .route('/', userCreateApi)
  .route('/', userUpdateApi)
