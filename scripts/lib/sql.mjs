// SQL text for seed files. Values are inlined as literals (a seed file has no bind parameters),
// so the 100-parameter limit does not apply; rows are still chunked to keep statements small.

/**
 * A SQL literal: strings quoted, null/undefined → NULL, booleans → 1/0, objects → JSON text.
 * @example lit("it's") // "'it''s'"
 */
export const lit = (value) => {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`)
    return String(value)
  }
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'object') return lit(JSON.stringify(value))
  return `'${String(value).replace(/'/g, "''")}'`
}

/**
 * `INSERT OR IGNORE` statements for rows (objects with snake_case keys, all with the same keys).
 * Fixed ids plus OR IGNORE make a seed idempotent: running it twice inserts nothing new.
 * `where` keeps only the rows it holds for (their columns by name), e.g. rows whose parent row
 * is there.
 * @example insertRows('towns', [{ id: 1, name: '大场镇', created_at: now }])
 * @example insertRows('topic_events', events, { where: 'topic_id IN (SELECT id FROM topics)' })
 */
export const insertRows = (table, rows, { chunk = 50, orIgnore = true, where } = {}) => {
  if (rows.length === 0) return []
  const columns = Object.keys(rows[0])
  const statements = []
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows
      .slice(i, i + chunk)
      .map((row) => `(${columns.map((c) => lit(row[c])).join(', ')})`)
      .join(',\n  ')
    const insert = `INSERT ${orIgnore ? 'OR IGNORE ' : ''}INTO ${table} (${columns.join(', ')})`
    statements.push(
      where
        ? `WITH v (${columns.join(', ')}) AS (VALUES\n  ${values})\n${insert} SELECT * FROM v WHERE ${where};`
        : `${insert} VALUES\n  ${values};`,
    )
  }
  return statements
}

/**
 * SQL with its `?` parameters replaced by literals (for EXPLAIN through `wrangler d1 execute
 * --command`, which takes no parameters). Assumes no `?` inside the SQL's own string literals.
 * @example inlineParams('SELECT * FROM t WHERE a = ?', [1]) // 'SELECT * FROM t WHERE a = 1'
 */
export const inlineParams = (sqlText, params) => {
  let i = 0
  const out = sqlText.replace(/\?/g, () => lit(params[i++]))
  if (i !== params.length)
    throw new Error(`inlineParams: ${i} placeholders for ${params.length} params`)
  return out
}
