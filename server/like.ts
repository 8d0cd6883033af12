// SQLite's LIKE and GLOB, held to D1's limit on the pattern. D1 runs SQLite with
// SQLITE_LIMIT_LIKE_PATTERN_LENGTH = 50: a pattern longer than 50 bytes fails the statement with
// 'LIKE or GLOB pattern too complex' (and only when a row is actually compared). better-sqlite3
// offers no sqlite3_limit(), so the shim registers like() and glob() of its own, which SQLite then
// uses for the LIKE and GLOB operators too, with SQLite's rules:
//   1. `X LIKE P [ESCAPE E]` calls like(P, X[, E]); `X GLOB P` calls glob(P, X).
//   2. The pattern's length in bytes is checked first, before anything else (even a NULL).
//   3. An ESCAPE that is NULL gives NULL; one that is not exactly one character is an error.
//   4. A NULL pattern or value gives NULL; numbers and blobs are compared as their text.
//   5. LIKE: `%` any run, `_` one character, case folded for ASCII letters only.
//   6. GLOB: `*` any run, `?` one character, `[…]` a set (`^` negates, `a-z` ranges, a `]` right
//      after the `[` is a member); case-sensitive; an unclosed set matches nothing.
// Patterns are compiled to regular expressions once and kept.
import Database from 'better-sqlite3'

/** D1's SQLITE_LIMIT_LIKE_PATTERN_LENGTH, in bytes. */
export const MAX_LIKE_PATTERN_BYTES = 50

/** An error raised inside a statement, as SQLite would: D1 reports it with its result code. */
export class SqliteFunctionError extends Error {
  readonly code = 'SQLITE_ERROR'
}

type Arg = string | number | bigint | Buffer | null

// A REAL compared as text reads as SQLite renders it (2.0 → '2.0'); a connection of its own
// asks SQLite, so the rendering is exactly SQLite's.
let renderer: Database.Statement<[number], string> | undefined
const realText = (value: number) => {
  renderer ??= new Database(':memory:').prepare<[number], string>('SELECT CAST(? AS TEXT)').pluck()
  return renderer.get(value) ?? ''
}

const textOf = (value: Arg): string | null => {
  if (value === null) return null
  if (typeof value === 'string') return value
  if (typeof value === 'bigint') return String(value)
  if (typeof value === 'number') return realText(value)
  return value.toString('utf8')
}

const escapeChar = (ch: string) => `\\u{${ch.codePointAt(0)!.toString(16)}}`

const likeSource = (pattern: string, escapeWith: string | null) => {
  let source = ''
  const chars = [...pattern]
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (escapeWith !== null && ch === escapeWith) {
      const next = chars[++i]
      // A pattern ending in its escape character matches nothing.
      if (next === undefined) return null
      source += /[a-z]/i.test(next)
        ? `[${next.toLowerCase()}${next.toUpperCase()}]`
        : escapeChar(next)
    } else if (ch === '%') source += '[^]*'
    else if (ch === '_') source += '[^]'
    else if (/[a-z]/i.test(ch)) source += `[${ch.toLowerCase()}${ch.toUpperCase()}]`
    else source += escapeChar(ch)
  }
  return source
}

const globSource = (pattern: string) => {
  let source = ''
  const chars = [...pattern]
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (ch === '*') source += '[^]*'
    else if (ch === '?') source += '[^]'
    else if (ch === '[') {
      let j = i + 1
      const negate = chars[j] === '^'
      if (negate) j++
      const members: string[] = []
      if (chars[j] === ']') members.push(escapeChar(chars[j++]))
      for (; j < chars.length && chars[j] !== ']'; j++) {
        if (chars[j + 1] === '-' && chars[j + 2] !== undefined && chars[j + 2] !== ']') {
          const [lo, hi] = [chars[j].codePointAt(0)!, chars[j + 2].codePointAt(0)!]
          // SQLite tests lo <= c <= hi: a reversed range adds only its first character.
          members.push(
            lo <= hi ? `${escapeChar(chars[j])}-${escapeChar(chars[j + 2])}` : escapeChar(chars[j]),
          )
          j += 2
        } else members.push(escapeChar(chars[j]))
      }
      if (j >= chars.length) return null
      source +=
        members.length === 0
          ? negate
            ? '[^]'
            : '(?!)'
          : `[${negate ? '^' : ''}${members.join('')}]`
      i = j
    } else source += escapeChar(ch)
  }
  return source
}

const NEVER = /(?!)/u
const compiled = new Map<string, RegExp>()
const MAX_COMPILED = 512

const compile = (key: string, source: () => string | null) => {
  let re = compiled.get(key)
  if (!re) {
    const text = source()
    re = text === null ? NEVER : new RegExp(`^${text}$`, 'u')
    if (compiled.size >= MAX_COMPILED) compiled.clear()
    compiled.set(key, re)
  }
  return re
}

const checkLength = (pattern: Arg) => {
  const text = textOf(pattern)
  if (text !== null && Buffer.byteLength(text, 'utf8') > MAX_LIKE_PATTERN_BYTES)
    throw new SqliteFunctionError('LIKE or GLOB pattern too complex')
  return text
}

/**
 * SQLite's like(P, X[, E]) under D1's pattern limit: 1, 0 or null.
 * @example like('a%', 'ABC') // 1
 */
export const like = (pattern: Arg, value: Arg, escapeWith?: Arg): number | null => {
  const p = checkLength(pattern)
  let e: string | null = null
  if (escapeWith !== undefined) {
    e = textOf(escapeWith)
    if (e === null) return null
    if ([...e].length !== 1)
      throw new SqliteFunctionError('ESCAPE expression must be a single character')
  }
  const v = textOf(value)
  if (p === null || v === null) return null
  return compile(`L${e ?? ''}\u0000${p}`, () => likeSource(p, e)).test(v) ? 1 : 0
}

/**
 * SQLite's glob(P, X) under D1's pattern limit: 1, 0 or null.
 * @example glob('a[bc]*', 'abz') // 1
 */
export const glob = (pattern: Arg, value: Arg): number | null => {
  const p = checkLength(pattern)
  const v = textOf(value)
  if (p === null || v === null) return null
  return compile(`G${p}`, () => globSource(p)).test(v) ? 1 : 0
}

/**
 * Makes `db`'s LIKE and GLOB behave as D1's (see the top of this file).
 * @example registerPatternFunctions(new Database(file))
 */
export const registerPatternFunctions = (db: Database.Database) => {
  const options = { deterministic: true, safeIntegers: true }
  db.function('like', options, (p: Arg, v: Arg) => like(p, v))
  db.function('like', options, (p: Arg, v: Arg, e: Arg) => like(p, v, e))
  db.function('glob', options, (p: Arg, v: Arg) => glob(p, v))
}
