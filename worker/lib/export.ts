import type { Context } from 'hono'
import { type Column, toCsv } from './csv'
import { toXlsx } from './xlsx'
import { ApiError } from './errors'
import { NO_DATE, showableDate } from '../domain/dates'

export type ExportFormat = 'csv' | 'xlsx'

export type ExportOptions<T> = {
  format: ExportFormat
  /** Without extension; may be Chinese (sent RFC 5987-encoded). */
  filename: string
  columns: Column<T>[]
  rows: T[]
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

/**
 * The export as a file download. Never cached: exports may hold personal data.
 * @example return sendExport(c, { format: exportFormat(c), filename: '议题', columns, rows })
 */
export const sendExport = <T>(
  _c: Context,
  { format, filename, columns, rows }: ExportOptions<T>,
) => {
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
