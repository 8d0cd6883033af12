// The bound parameters of one SQL text, found the way SQLite's tokenizer finds them, so that the
// shim can hold statements to D1's limits and bind D1's positional values to any placeholder
// style. SQLite numbers them: a plain `?` takes the next number after the largest so far, `?NNN`
// is number NNN, and `:name` / `@name` / `$name` take the next number at their first use and keep
// it. Quoted strings and identifiers, blob literals and comments hold no placeholders.

/** D1 refuses a statement with a parameter numbered above this (SQLITE_LIMIT_VARIABLE_NUMBER). */
export const MAX_PARAMETERS = 100

/** One placeholder: its number, its name for better-sqlite3, and where it starts (UTF-8 bytes). */
export type Placeholder = {
  index: number
  /** `null` for a plain `?`; '7' for `?7`; 'x' for `:x`, `@x`, `$x`. */
  name: string | null
  offset: number
}

/** What `parsePlaceholders` found: every placeholder, and the highest number (what D1 binds). */
export type Placeholders = { list: Placeholder[]; count: number }

const isNameChar = (ch: string) => /[\p{L}\p{N}_$]/u.test(ch) || ch.charCodeAt(0) > 0x7f

/** The byte length of a UTF-8 encoding of `text`, as SQLite counts offsets. */
const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8')

/** The end (exclusive) of the quoted token that starts at `i` with `open`, closing on `close`. */
const skipQuoted = (text: string, i: number, close: string) => {
  let j = i + 1
  while (j < text.length) {
    if (text[j] === close) {
      // '' inside '…' (and "" inside "…", `` inside `…`) is a quote, not the end.
      if (close !== ']' && text[j + 1] === close) j += 2
      else return j + 1
    } else j++
  }
  return j
}

/**
 * The placeholders of `text` in order of appearance.
 * @example parsePlaceholders('SELECT ? + ?3, :x').count // 4
 */
export const parsePlaceholders = (text: string): Placeholders => {
  const list: Placeholder[] = []
  const named = new Map<string, number>()
  let count = 0
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (ch === "'" || ch === '"' || ch === '`') i = skipQuoted(text, i, ch)
    else if (ch === '[') i = skipQuoted(text, i, ']')
    else if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i)
      i = end < 0 ? text.length : end + 1
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      i = end < 0 ? text.length : end + 2
    } else if (ch === '?') {
      let j = i + 1
      while (j < text.length && text[j] >= '0' && text[j] <= '9') j++
      const digits = text.slice(i + 1, j)
      const offset = utf8Length(text.slice(0, i))
      if (digits) {
        const index = Number(digits)
        list.push({ index, name: digits, offset })
        count = Math.max(count, index)
      } else list.push({ index: ++count, name: null, offset })
      i = j
    } else if ((ch === ':' || ch === '@' || ch === '$') && i + 1 < text.length) {
      let j = i + 1
      while (j < text.length && isNameChar(text[j])) j++
      if (j === i + 1) {
        i++
        continue
      }
      const name = text.slice(i + 1, j)
      let index = named.get(name)
      if (index === undefined) {
        index = ++count
        named.set(name, index)
      }
      list.push({ index, name, offset: utf8Length(text.slice(0, i)) })
      i = j
    } else if ((ch === 'x' || ch === 'X') && text[i + 1] === "'") i = skipQuoted(text, i + 1, "'")
    else if (isNameChar(ch)) {
      // A word (keyword, name, number): a `$` or `:` inside it is part of it.
      let j = i + 1
      while (j < text.length && isNameChar(text[j])) j++
      i = j
    } else i++
  }
  return { list, count }
}

/**
 * The error SQLite (as D1 runs it) gives when a placeholder breaks the parameter limit, or `null`.
 * D1 appends where it happened, as every SQLite error that has a position.
 * @example parameterLimitError(parsePlaceholders('SELECT ?101')) // 'variable number must be between ?1 and ?100 at offset 7'
 */
export const parameterLimitError = ({ list }: Placeholders): string | null => {
  let highest = 0
  for (const p of list) {
    if (p.name !== null && /^\d+$/.test(p.name)) {
      if (p.index < 1 || p.index > MAX_PARAMETERS)
        return `variable number must be between ?1 and ?${MAX_PARAMETERS} at offset ${p.offset}`
    } else if (p.index > MAX_PARAMETERS) return `too many SQL variables at offset ${p.offset}`
    highest = Math.max(highest, p.index)
  }
  return null
}
