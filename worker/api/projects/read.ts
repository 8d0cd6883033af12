import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { idParam } from '../../lib/validate'
import { loadProjectInScope } from './record'

// GET /:id: one project with its topic ids and figures.

export const projectReadApi = new Hono<AppEnv>().get('/:id', async (c) =>
  c.json(await loadProjectInScope(c.var, idParam(c))),
)
