import { Hono } from 'hono'
import { and, desc, eq } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { formResponses, forms } from '../../db/schema'
import { formVersionsOf } from '../../db/queries/forms/read'
import { mergeVersions, type Answers, type Field } from '../../domain/forms/definition'
import { formatAnswer } from '../../domain/forms/format'
import { formStats } from '../../domain/forms/stats'
import { canSeePersonalData, maskedAnswerKeys, sensitiveMasked } from '../../domain/masking'
import type { Column } from '../../lib/csv'
import { sensitiveExportReason, exportFormat, sendExport, shanghaiTime } from '../../lib/export'
import { childDataMasked } from '../../domain/privacy/children'
import { idParam } from '../../lib/validate'
import { loadForm } from './record'
import { responsesWhere } from './responses'
import { parseListQuery, refuseMasked } from '../../lib/simple-rest'

// Statistics and exports of one form's responses. Mounted inside formsApi (which checks the
// session); every field any version had is a question / column, keyed by its stable key.

type Row = {
  id: number
  version: number
  receipt: string
  createdAt: number
  answers: Answers
  guardianName: string | null
  guardianRelation: string | null
  childName: string | null
  childAge: string | null
}

const loadResponses = async (
  v: AppEnv['Variables'],
  formId: number,
  extra?: ReturnType<typeof responsesWhere>,
) => {
  const rows = await v.db
    .select({
      id: formResponses.id,
      version: formResponses.version,
      receipt: formResponses.receipt,
      createdAt: formResponses.createdAt,
      answers: formResponses.answers,
      guardianName: formResponses.guardianName,
      guardianRelation: formResponses.guardianRelation,
      childName: formResponses.childName,
      childAge: formResponses.childAge,
    })
    .from(formResponses)
    .innerJoin(forms, eq(forms.id, formResponses.formId))
    .where(and(eq(formResponses.formId, formId), extra))
    .orderBy(desc(formResponses.id))
  return rows.map((r): Row => ({ ...r, answers: JSON.parse(r.answers) }))
}

/** The guardian's part of a form for children, as export columns. */
const CHILD_COLUMNS = [
  ['guardianName', '监护人姓名'],
  ['guardianRelation', '与孩子的关系'],
  ['childName', '孩子姓名'],
  ['childAge', '孩子年龄或年级'],
] as const

/** Column labels must tell fields apart: a repeated label gets its key. */
const columnLabels = (fields: Field[]) => {
  const seen = new Map<string, number>()
  for (const f of fields) seen.set(f.label, (seen.get(f.label) ?? 0) + 1)
  return fields.map((f) => (seen.get(f.label)! > 1 ? `${f.label}（${f.key}）` : f.label))
}

export const formReports = new Hono<AppEnv>()
  .get('/:id/stats', async (c) => {
    const form = await loadForm(c.var, idParam(c))
    const [versions, rows] = await Promise.all([
      formVersionsOf(c.var.db, form.id),
      loadResponses(c.var, form.id),
    ])
    // No text samples of sensitive answers (nor of a children's form) for roles that see them masked.
    const childMask = childDataMasked(c.var.user.role, form.forChildren)
    const masked = sensitiveMasked(c.var.user.role)
    const stats = formStats(
      mergeVersions(versions.map((v) => v.fields)),
      rows,
      (f) => childMask || (masked && !!f.sensitive),
    )
    return c.json({ formId: form.id, title: form.title, ...stats })
  })
  .get('/:id/export', async (c) => {
    const format = exportFormat(c)
    const form = await loadForm(c.var, idParam(c))
    const q = parseListQuery(c, { sortable: ['id'] })
    const versions = await formVersionsOf(c.var.db, form.id)
    const fields = mergeVersions(versions.map((v) => v.fields))
    refuseMasked(q, maskedAnswerKeys(c.var.user.role, fields))
    // Children's data and sensitive answers leave only with a stated reason (logged with the export, #17).
    const sensitive = fields.some((f) => f.sensitive)
    const reason = sensitiveExportReason(c, form.forChildren || sensitive, '表单回答')
    const childMask = childDataMasked(c.var.user.role, form.forChildren)
    const maskSensitive = sensitiveMasked(c.var.user.role)
    const rows = await loadResponses(c.var, form.id, responsesWhere(c.var.user, q.filter))
    const maskPhones = !canSeePersonalData(c.var.user.role)
    const labels = columnLabels(fields)
    const columns: Column<Row>[] = [
      { key: 'id', label: '编号' },
      { key: 'receipt', label: '回执号' },
      { key: 'createdAt', label: '提交时间', value: (r) => shanghaiTime(r.createdAt) },
      { key: 'version', label: '版本' },
      ...(form.forChildren
        ? CHILD_COLUMNS.map(
            ([key, label]): Column<Row> => ({
              key,
              label,
              // Personal: an export showing them is logged (with the reason).
              personal: !childMask,
              value: (r) => (childMask && r[key] ? '***' : r[key]),
            }),
          )
        : []),
      ...fields.map(
        (f, i): Column<Row> => ({
          key: f.key,
          label: labels[i],
          personal: f.type === 'phone' || (!!f.sensitive && !maskSensitive),
          value: (r) => {
            if (childMask) return '***'
            const v = r.answers[f.key]
            // Numbers stay numbers so a spreadsheet can sum them.
            return typeof v === 'number' && !(f.sensitive && maskSensitive)
              ? v
              : formatAnswer(f, v, { maskPhones, maskSensitive })
          },
        }),
      ),
    ]
    const day = shanghaiTime(Date.now()).slice(0, 10)
    return sendExport(c, {
      format,
      filename: `${form.title}-${day}`,
      columns,
      rows: [...rows].reverse(),
      resource: 'form-responses',
      recordId: form.id,
      reason,
    })
  })
