import { Hono } from 'hono'
import { and, eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { formResponses, forms, formVersions } from '../../db/schema'
import { batch, type Statement } from '../../db/batch'
import { countResponses, findForm } from '../../db/queries/forms/read'
import { sameFields } from '../../domain/forms/definition'
import { discardAnswersProblem } from '../../domain/forms/state'
import { audit } from '../../lib/audit'
import { raise } from '../../lib/errors'
import { conflictsAs } from '../../lib/resource'
import { idParam, readJson } from '../../lib/validate'
import {
  assertVersion,
  readVersion,
  revisionInput,
  runVersioned,
  versioned,
} from '../../lib/versions'
import {
  checkSettings,
  FORM_CONFLICTS,
  formRecord,
  formSchema,
  loadForm,
  placement,
} from './record'

// PUT /:id: a form's settings and fields, at the revision the editor read (`revision` or If-Match:
// lib/versions.ts; a form's `version` is that of its fields); once a version has answers, a change
// of fields makes a new version. DELETE /:id: with its responses (only admins once there are
// answers).

// The admin sends the whole record back on save: every key optional, unknown keys dropped.
const updateSchema = formSchema.partial().extend(revisionInput)

export const formUpdateApi = new Hono<AppEnv>()
  .put('/:id', async (c) => {
    const before = await loadForm(c.var, idParam(c))
    const { revision, ...input } = await readJson(c, updateSchema)
    assertVersion(before, readVersion(c, revision), formRecord(before))
    const user = c.var.user
    const db = c.var.db
    const moved =
      (input.neighborhoodId !== undefined && input.neighborhoodId !== before.neighborhoodId) ||
      (input.neighborhoodId === null && input.townId != null && input.townId !== before.townId)
    const place = moved
      ? await placement(db, user, input.neighborhoodId ?? null, input.townId ?? null)
      : { neighborhoodId: before.neighborhoodId, townId: before.townId }
    const fields = input.fields ?? before.fields
    const settings = {
      status: input.status ?? before.status,
      opensAt: input.opensAt === undefined ? before.opensAt : input.opensAt,
      closesAt: input.closesAt === undefined ? before.closesAt : input.closesAt,
      onePerPhone: input.onePerPhone ?? before.onePerPhone,
      fields,
    }
    checkSettings(settings)
    const now = Date.now()
    const changes = {
      ...place,
      slug: input.slug ?? before.slug,
      title: input.title ?? before.title,
      description: input.description === undefined ? before.description : (input.description ?? ''),
      status: input.status ?? before.status,
      opensAt: settings.opensAt,
      closesAt: settings.closesAt,
      maxResponses: input.maxResponses === undefined ? before.maxResponses : input.maxResponses,
      onePerPhone: settings.onePerPhone,
      forChildren: input.forChildren ?? before.forChildren,
      currentVersion: before.currentVersion,
      updatedAt: now,
    }
    const statements: Statement[] = []
    if (!sameFields(fields, before.fields)) {
      // Answers already given keep the definition they answered: a new version takes the edit.
      if ((await countResponses(db, before.id, before.currentVersion)) > 0) {
        changes.currentVersion = before.currentVersion + 1
        statements.push(
          db.insert(formVersions).values({
            formId: before.id,
            version: changes.currentVersion,
            fields: JSON.stringify(fields),
            createdBy: user.id,
            createdAt: now,
          }),
        )
      } else
        statements.push(
          db
            .update(formVersions)
            .set({ fields: JSON.stringify(fields) })
            .where(
              and(
                eq(formVersions.formId, before.id),
                eq(formVersions.version, before.currentVersion),
              ),
            ),
        )
    }
    const { responseCount: _, ...auditBefore } = before
    const v = versioned(db, forms, before.id, before.version)
    const current = async () => formRecord(await loadForm(c.var, before.id))
    await conflictsAs(
      () =>
        runVersioned(
          db,
          [
            v.guard,
            db
              .update(forms)
              .set({ ...changes, ...v.set })
              .where(v.where),
            ...statements,
            audit(db, user, {
              action: 'update',
              resource: 'forms',
              recordId: before.id,
              before: auditBefore,
              after: { ...changes, fields },
            }),
          ],
          current,
        ),
      FORM_CONFLICTS,
    )
    const form = await findForm(db, eq(forms.id, before.id))
    return c.json(formRecord(form!))
  })
  .delete('/:id', async (c) => {
    const before = await loadForm(c.var, idParam(c))
    const user = c.var.user
    if (before.responseCount > 0) raise(discardAnswersProblem(user.role, 'form'))
    const db = c.var.db
    const { responseCount: _, ...auditBefore } = before
    await batch(db, [
      db.delete(formResponses).where(eq(formResponses.formId, before.id)),
      db.delete(formVersions).where(eq(formVersions.formId, before.id)),
      db.delete(forms).where(eq(forms.id, before.id)),
      audit(db, user, {
        action: 'delete',
        resource: 'forms',
        recordId: before.id,
        before: { ...auditBefore, responseCount: before.responseCount },
      }),
    ])
    return c.json(formRecord(before))
  })
