import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { forms, formVersions } from '../../schema'
import type { Field } from '../../../domain/forms/definition'

// Reading forms: a form with its current fields and response count, pages of them, their
// versions, and the fields each response answered.

export type FormRow = typeof forms.$inferSelect
export type FormWithFields = FormRow & { fields: Field[]; responseCount: number }
export type VersionRow = {
  version: number
  fields: Field[]
  createdAt: number
  responseCount: number
}

// Raw column names: drizzle leaves columns unqualified in single-table selects, which a
// correlated subquery would resolve to its own table.
const responseCountSql = sql<number>`(SELECT COUNT(*) FROM form_responses r WHERE r.form_id = forms.id)`

/** Forms joined with their current fields and response count; `toForm` shapes a row. */
export const withFields = (db: Db) =>
  db
    .select({ form: forms, fields: formVersions.fields, responseCount: responseCountSql })
    .from(forms)
    .innerJoin(
      formVersions,
      and(eq(formVersions.formId, forms.id), eq(formVersions.version, forms.currentVersion)),
    )

export const toForm = (row: {
  form: FormRow
  fields: string
  responseCount: number
}): FormWithFields => ({
  ...row.form,
  fields: JSON.parse(row.fields),
  responseCount: Number(row.responseCount),
})

/** One form with its current fields and response count. */
export const findForm = async (db: Db, where: SQL) => {
  const [row] = await withFields(db).where(where).limit(1)
  return row ? toForm(row) : undefined
}

/** A page of forms with their current fields and response counts. */
export const listForms = async (
  db: Db,
  where: SQL | undefined,
  order: SQL[],
  limit: number,
  offset: number,
) => {
  const [rows, [{ total }]] = await Promise.all([
    withFields(db)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
    db.select({ total: sql<number>`COUNT(*)` }).from(forms).where(where),
  ])
  return { rows: rows.map(toForm), total: Number(total) }
}

/** `COUNT(*)` of a form's responses, for ORDER BY. */
export const RESPONSE_COUNT = responseCountSql

/** Every version of a form, oldest first, with how many responses answered each. */
export const formVersionsOf = async (db: Db, formId: number): Promise<VersionRow[]> => {
  const rows = await db
    .select({
      version: formVersions.version,
      fields: formVersions.fields,
      createdAt: formVersions.createdAt,
      responseCount: sql<number>`(SELECT COUNT(*) FROM form_responses r
        WHERE r.form_id = form_versions.form_id AND r.version = form_versions.version)`,
    })
    .from(formVersions)
    .where(eq(formVersions.formId, formId))
    .orderBy(asc(formVersions.version))
  return rows.map((r) => ({
    ...r,
    fields: JSON.parse(r.fields),
    responseCount: Number(r.responseCount),
  }))
}

/** The fields of each (form, version) pair named, as a map keyed `formId:version`. */
export const fieldsByVersion = async (db: Db, formIds: number[]) => {
  const map = new Map<string, Field[]>()
  if (!formIds.length) return map
  const unique = [...new Set(formIds)]
  for (let i = 0; i < unique.length; i += 90) {
    const rows = await db
      .select({
        formId: formVersions.formId,
        version: formVersions.version,
        fields: formVersions.fields,
      })
      .from(formVersions)
      .where(inArray(formVersions.formId, unique.slice(i, i + 90)))
    for (const r of rows) map.set(`${r.formId}:${r.version}`, JSON.parse(r.fields))
  }
  return map
}

/** The number of responses to a form (all versions). */
export const countResponses = async (db: Db, formId: number, version?: number) => {
  const row = await db.get<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM form_responses WHERE form_id = ${formId}
        ${version === undefined ? sql`` : sql`AND version = ${version}`}`,
  )
  return Number(row.n)
}
