import type { Context } from 'hono'
import { type Column, toCsv } from './csv'
import { toXlsx } from './xlsx'
import { ApiError } from './errors'
import { NO_DATE, showableDate } from '../domain/dates'
import { canSeePersonalData } from '../domain/masking'
import { EXPORT_PURPOSES, type ExportPurpose } from '../domain/vocabulary'
import { auditLog } from '../db/schema'
import { auditRow } from '../db/queries/audit'
import type { AppEnv } from '../env'

export type ExportFormat = 'csv' | 'xlsx'

export type ExportOptions<T> = {
  format: ExportFormat
  /** Without extension; may be Chinese (sent RFC 5987-encoded). */
  filename: string
  columns: Column<T>[]
  rows: T[]
  /**
   * Why, when the export needs a stated reason (children's data, sensitive answers, #17): kept in
   * the audit entry.
   */
  reason?: string
  /** What is exported, for the audit log (e.g. 'topics'; a form's responses: its id too). */
  resource: string
  recordId?: number
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

// RFC 5987 attr-chars: encodeURIComponent leaves ' ( ) * unescaped, which the RFC does not allow.
const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )

/**
 * `attachment; filename="..."; filename*=UTF-8''...` with an ASCII fallback for old clients.
 * @example contentDisposition('议题-2026-05-01.csv')
 */
export const contentDisposition = (name: string) => {
  const dot = name.lastIndexOf('.')
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
  const ascii = base.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '')
  const fallback = `${/[A-Za-z0-9]/.test(ascii) ? ascii : 'export'}${ext.replace(/[^A-Za-z0-9.]/g, '')}`
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`
}

/**
 * `?purpose=` of an export, one of EXPORT_PURPOSES (the admin asks for it; #17.6), recorded in
 * the audit entry of an export with personal data; absent is allowed, anything else is a 400.
 * @example exportPurpose(c) // 'roster'
 */
export const exportPurpose = (c: Context): ExportPurpose | undefined => {
  const purpose = c.req.query('purpose')
  if (purpose === undefined || purpose === '') return undefined
  if (!EXPORT_PURPOSES.includes(purpose as ExportPurpose))
    throw new ApiError('bad_request', '导出用途无效', {
      errors: { purpose: `应为 ${EXPORT_PURPOSES.join('、')} 之一` },
    })
  return purpose as ExportPurpose
}

/**
 * The reason given (`?reason=`) for an export holding children's data or answers to questions
 * marked sensitive (#17): refused (403) without one or a purpose (`?purpose=`), 400 when too
 * long; undefined when the export holds none.
 * @example reason: sensitiveExportReason(c, rows.some((r) => r.forChildren), '报名')
 */
export const sensitiveExportReason = (c: Context, sensitive: boolean, what: string) => {
  const reason = c.req.query('reason')?.trim() ?? ''
  if (sensitive && !reason && !exportPurpose(c))
    throw new ApiError(
      'forbidden',
      `导出含儿童信息或敏感信息的${what}须选择用途（purpose）或说明理由（reason）`,
    )
  if (reason.length > 200) throw new ApiError('bad_request', '理由不超过 200 字')
  return reason || undefined
}

/** `?format=csv|xlsx` (default csv); anything else is a 400. */
export const exportFormat = (c: Context): ExportFormat => {
  const format = c.req.query('format') ?? 'csv'
  if (format !== 'csv' && format !== 'xlsx')
    throw new ApiError('bad_request', 'format 应为 csv 或 xlsx')
  return format
}

/**
 * `YYYY-MM-DD HH:mm` in Asia/Shanghai (UTC+8, no DST) for an epoch-ms time; '' for null, `—` for
 * a stored time no date can hold (domain/dates rule 2).
 */
export const shanghaiTime = (ms: number | null | undefined) => {
  if (ms === null || ms === undefined) return ''
  const d = showableDate(ms + 8 * 3600_000)
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') : NO_DATE
}

const parsedQuery = (text: string | undefined) => {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * The audit row of an export that shows phone numbers (a `personal` column, to a role that sees
 * them unmasked): who (the row's user), what (resource, filter, sort, format), how many rows.
 */
const auditExport = <T>(c: Context<AppEnv>, o: ExportOptions<T>) => {
  const phones = o.columns.filter((col) => col.personal)
  const { user, db } = c.var
  if (!phones.length || !o.rows.length || !canSeePersonalData(user.role)) return null
  return db.insert(auditLog).values(
    auditRow(user, {
      action: 'export',
      resource: o.resource,
      recordId: o.recordId ?? null,
      after: {
        format: o.format,
        rows: o.rows.length,
        filter: parsedQuery(c.req.query('filter')) ?? {},
        ...(c.req.query('sort') ? { sort: parsedQuery(c.req.query('sort')) } : {}),
        ...(c.req.query('from') ? { from: Number(c.req.query('from')) } : {}),
        ...(c.req.query('to') ? { to: Number(c.req.query('to')) } : {}),
        columns: phones.map((col) => col.label),
        ...(exportPurpose(c) ? { purpose: exportPurpose(c) } : {}),
        ...(o.reason ? { reason: o.reason } : {}),
      },
    }),
  )
}

/**
 * The export as a file download. Never cached: exports may hold personal data, and one that
 * shows phone numbers is written to the audit log first (who, what filter, how many rows).
 * @example return sendExport(c, { format: exportFormat(c), filename: '议题', columns, rows, resource: 'topics' })
 */
export const sendExport = async <T>(c: Context<AppEnv>, options: ExportOptions<T>) => {
  const { format, filename, columns, rows } = options
  exportPurpose(c)
  await auditExport(c, options)
  const body = format === 'csv' ? toCsv(columns, rows) : toXlsx(columns, rows, filename)
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPE[format],
      'Content-Disposition': contentDisposition(`${filename}.${format}`),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
