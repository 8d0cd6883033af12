import type { DrizzleD1Database } from 'drizzle-orm/d1'
import type * as schema from './db/schema'
import type { CurrentUser } from './lib/auth'

export type Db = DrizzleD1Database<typeof schema>

/** The one Hono environment type: bindings from `wrangler types`, per-request variables. */
export type AppEnv = {
  Bindings: Env
  Variables: {
    db: Db
    /** Set by `requireUser` on staff routes. */
    user: CurrentUser
  }
}
