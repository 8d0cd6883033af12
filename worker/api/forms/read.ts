import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { formVersionsOf } from '../../db/queries/forms/read'
import { mergeVersions } from '../../domain/forms/definition'
import { idParam } from '../../lib/validate'
import { formRecord, loadForm } from './record'

// GET /:id: one form with its versions and every field any version had.

export const formReadApi = new Hono<AppEnv>().get('/:id', async (c) => {
  const form = await loadForm(c.var, idParam(c))
  const versions = await formVersionsOf(c.var.db, form.id)
  return c.json({
    ...formRecord(form),
    /** Every field any version had: the columns of the responses grid and the export. */
    allFields: mergeVersions(versions.map((v) => v.fields)),
    versions,
  })
})
