// How wrangler cuts a .sql file into statements before D1 runs them (wrangler's
// src/d1/splitter.ts and trimmer.ts, ported line for line): `--` comments become a newline,
// `/* */` comments go, a `;` inside quotes, `$tag$` quotes or a BEGIN…END / CASE…END block does
// not end a statement, each statement is trimmed, and `BEGIN TRANSACTION;` / `COMMIT;` are
// dropped (D1 runs the file in a transaction of its own). A text with at most one `;`, at its end,
// is taken whole. SQLite stores a CREATE statement's text as it was run, so running migrations
// through this gives the same sqlite_schema as `wrangler d1 migrations apply`.

const trimTransaction = (sql: string) => {
  if (!sql.includes('BEGIN TRANSACTION')) return sql
  const trimmed = sql.replace('BEGIN TRANSACTION;', '').replace('COMMIT;', '')
  if (trimmed.includes('BEGIN TRANSACTION'))
    throw new Error('the SQL holds several transactions; D1 runs it in one of its own')
  return trimmed
}

const mayContainMultipleStatements = (sql: string) => {
  const trimmed = sql.trimEnd()
  const semicolon = trimmed.indexOf(';')
  return semicolon !== -1 && semicolon !== trimmed.length - 1
}

const consumeWhile = (iterator: Iterator<string>, predicate: (text: string) => boolean) => {
  let next = iterator.next()
  let text = ''
  while (!next.done) {
    text += next.value
    if (!predicate(text)) break
    next = iterator.next()
  }
  return text
}

const consumeUntilMarker = (iterator: Iterator<string>, marker: string) =>
  consumeWhile(iterator, (text) => !text.endsWith(marker))

const isDollarQuoteIdentifier = (text: string) => {
  const last = text.slice(-1)
  return last !== '$' && (/[0-9_]/i.test(last) || last.toLowerCase() !== last.toUpperCase())
}

const isCompoundStatementStart = (text: string) => /\s(BEGIN|CASE)\s$/i.test(text)
const isCompoundStatementEnd = (text: string) => /\sEND[;\s]$/.test(text)

const splitIntoStatements = (sql: string) => {
  const statements: string[] = []
  let text = ''
  const compound: ((text: string) => boolean)[] = []
  const iterator = sql[Symbol.iterator]()
  let next = iterator.next()
  while (!next.done) {
    const char: string = next.value
    if (compound[0]?.(text + char)) compound.shift()
    let advance = true
    switch (char) {
      case "'":
      case '"':
      case '`':
        text += char + consumeUntilMarker(iterator, char)
        break
      case '$': {
        const quote = `$${consumeWhile(iterator, isDollarQuoteIdentifier)}`
        text += quote
        if (quote.endsWith('$')) text += consumeUntilMarker(iterator, quote)
        break
      }
      case '-':
        next = iterator.next()
        if (!next.done && next.value === '-') {
          consumeUntilMarker(iterator, '\n')
          text += '\n'
        } else {
          text += char
          advance = false
        }
        break
      case '/':
        next = iterator.next()
        if (!next.done && next.value === '*') consumeUntilMarker(iterator, '*/')
        else {
          text += char
          advance = false
        }
        break
      case ';':
        if (compound.length === 0) {
          statements.push(text)
          text = ''
        } else text += char
        break
      default:
        text += char
    }
    // wrangler's `continue` skips the compound check and the read of the next character: the
    // character already read is handled by the next turn.
    if (!advance) continue
    if (isCompoundStatementStart(text)) compound.unshift(isCompoundStatementEnd)
    next = iterator.next()
  }
  statements.push(text)
  return statements.map((s) => s.trim()).filter((s) => s.length > 0)
}

/**
 * The statements of `sql`, as wrangler sends them to D1.
 * @example splitSqlQuery('CREATE TABLE a (x); -- note\nINSERT INTO a VALUES (1);') // ['CREATE TABLE a (x)', 'INSERT INTO a VALUES (1)']
 */
export const splitSqlQuery = (sql: string): string[] => {
  const trimmed = trimTransaction(sql)
  if (!mayContainMultipleStatements(trimmed)) return [trimmed]
  const split = splitIntoStatements(trimmed)
  return split.length === 0 ? [trimmed] : split
}
