import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { idParam } from '../../lib/validate'
import { loadPartnerInScope, toPartnerRecord } from './record'

/** GET /api/partners/:id — one partner of the caller's towns (404 otherwise). */
export const readPartner = new Hono<AppEnv>().get('/:id{[0-9]+}', async (c) =>
  c.json(toPartnerRecord(await loadPartnerInScope(c.var, idParam(c)), c.var.user)),
)
