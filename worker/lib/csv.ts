// CSV for Excel: a UTF-8 BOM (so Excel shows Chinese), CRLF lines, RFC 4180 quoting, and every
// cell neutralised against formula injection.

/**
 * One export column: its header and how its cell is read from a row (`value`, default `row[key]`)
 * — one definition, so a value cannot land under another column's header. `personal` marks a
 * column of phone numbers: an export showing them unmasked is written to the audit log.
 */
export type Column<T> = {
  key: string
  label: string
  value?: (row: T) => unknown
  personal?: boolean
}

const BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/

/** A cell's text: null → '', arrays joined, objects as JSON. */
export const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(cellText).join(', ')
  return JSON.stringify(value)
}

/**
 * A cell as text that a spreadsheet will not run as a formula: a leading `= + - @`, TAB or CR
 * gets an apostrophe. Numbers pass unchanged (a negative number is not a formula).
 * @example neutraliseCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export const neutraliseCell = (value: unknown): string => {
  const text = cellText(value)
  if (typeof value === 'number' || typeof value === 'bigint') return text
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The raw value of `column` for `row`. */
export const columnValue = <T>(column: Column<T>, row: T): unknown =>
  column.value ? column.value(row) : (row as Record<string, unknown>)[column.key]

const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

/**
 * The rows as CSV with a header line of labels.
 * @example toCsv([{ key: 'title', label: '标题' }], [{ title: '加装电梯' }]) // '\uFEFF标题\r\n加装电梯\r\n'
 */
export const toCsv = <T>(columns: Column<T>[], rows: T[]): string => {
  const lines = [columns.map((col) => quote(neutraliseCell(col.label))).join(',')]
  for (const row of rows)
    lines.push(columns.map((col) => quote(neutraliseCell(columnValue(col, row)))).join(','))
  return `${BOM}${lines.join('\r\n')}\r\n`
}
