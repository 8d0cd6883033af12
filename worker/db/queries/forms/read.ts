import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../env'
import { formResponses, forms, formVersions } from '../../schema'
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

/**
 * The phone questions and the questions marked sensitive (key, type, sensitive) in any version of
 * the forms `where` selects (a condition on "forms", e.g. scope and ids): the answers a role
 * that sees them masked may not filter on (`maskedAnswerKeys`).
 * @example maskedAnswerKeys(role, await maskableQuestions(db, and(formScopeWhere(user), eq(forms.id, 3))))
 */
export const maskableQuestions = (db: Db, where: SQL | undefined) =>
  db.all<{ key: string; type: string; sensitive: number | null }>(
    sql`SELECT DISTINCT json_extract(q.value, '$.key') AS key, json_extract(q.value, '$.type') AS type,
        json_extract(q.value, '$.sensitive') AS sensitive
      FROM ${forms} JOIN ${formVersions} ON ${formVersions.formId} = ${forms.id},
        json_each(${formVersions.fields}) q
      WHERE (json_extract(q.value, '$.type') = 'phone' OR json_extract(q.value, '$.sensitive') = 1)
        ${where ? sql`AND ${where}` : sql``}`,
  )

/**
 * Whether a response (in a query over "form_responses") answered something containing `text`
 * in a question of its version that the searcher sees unmasked: not a phone question (`phones`:
 * roles that see phones masked), not one marked sensitive (`sensitive`), so a hidden answer
 * cannot be found by guessing, digit by digit.
 * @example db.select().from(formResponses).where(answersContainOutside('早餐', { phones: true, sensitive: true }))
 */
export const answersContainOutside = (
  text: string,
  hide: { phones: boolean; sensitive: boolean },
) =>
  sql`EXISTS (SELECT 1 FROM json_each(${formResponses.answers}) a
    WHERE instr(lower(a.value), lower(${text})) > 0
      AND a.key NOT IN (SELECT json_extract(q.value, '$.key')
        FROM form_versions v, json_each(v.fields) q
        WHERE v.form_id = ${formResponses.formId} AND v.version = ${formResponses.version}
          AND ((${hide.phones ? 1 : 0} AND json_extract(q.value, '$.type') = 'phone')
            OR (${hide.sensitive ? 1 : 0} AND json_extract(q.value, '$.sensitive') = 1))))`
