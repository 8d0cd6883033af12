import { sql } from 'drizzle-orm'

/**
 * Constants from the domain (a status subset) as an SQL list of literals, parentheses included:
 * they are not input, so inlining them is safe, spends none of D1's 100 bound parameters and lets
 * SQLite use an index on the column.
 * @example sql`r.status IN ${sqlList(SEAT_STATUSES)}` // r.status IN ('confirmed', 'checked_in', 'no_show')
 */
export const sqlList = (values: readonly string[]) =>
  sql.raw(`(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`)

/**
 * One domain constant (a status) as an SQL literal, for the same reasons as `sqlList`.
 * @example sql`r.status = ${sqlLiteral(CREDITED_STATUS)}` // r.status = 'checked_in'
 */
export const sqlLiteral = (value: string) => sql.raw(`'${value.replaceAll("'", "''")}'`)
