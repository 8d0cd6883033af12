import { Hono } from 'hono'
import { eq, sql } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { forms, formVersions } from '../../db/schema'
import { batch } from '../../db/batch'
import { findForm } from '../../db/queries/forms/read'
import { newSlug } from '../../domain/forms/codes'
import { auditCreate, conflictsAs } from '../../lib/resource'
import { readJson } from '../../lib/validate'
import { checkSettings, FORM_CONFLICTS, formRecord, formSchema, placement } from './record'

// POST /api/forms: a form and its first version of fields.

export const formCreateApi = new Hono<AppEnv>().post('/', async (c) => {
  const input = await readJson(c, formSchema)
  const user = c.var.user
  const db = c.var.db
  const place = await placement(db, user, input.neighborhoodId ?? null, input.townId ?? null)
  const settings = {
    status: input.status ?? 'draft',
    opensAt: input.opensAt ?? null,
    closesAt: input.closesAt ?? null,
    onePerPhone: input.onePerPhone ?? false,
    fields: input.fields,
  }
  checkSettings(settings)
  const slug = input.slug ?? newSlug()
  const now = Date.now()
  const row = {
    ...place,
    slug,
    title: input.title,
    description: input.description ?? '',
    status: input.status ?? 'draft',
    opensAt: settings.opensAt,
    closesAt: settings.closesAt,
    maxResponses: input.maxResponses ?? null,
    onePerPhone: settings.onePerPhone,
    forChildren: input.forChildren ?? false,
    currentVersion: 1,
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  }
  const [[created]] = await conflictsAs(
    () =>
      batch(db, [
        db.insert(forms).values(row).returning({ id: forms.id }),
        auditCreate(db, user, 'forms', { ...row, fields: input.fields }),
        db.insert(formVersions).values({
          formId: sql`(SELECT id FROM forms WHERE slug = ${slug})`,
          version: 1,
          fields: JSON.stringify(input.fields),
          createdBy: user.id,
          createdAt: now,
        }),
      ]),
    FORM_CONFLICTS,
  )
  const form = await findForm(db, eq(forms.id, created.id))
  return c.json(formRecord(form!), 201)
})
