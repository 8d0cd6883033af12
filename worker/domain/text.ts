// Resident text as it is stored and shown: every text a resident types (a need's title, details,
// place and name, a registration or sign-in name, an evaluation or confirmation comment, a survey
// text answer) goes through `cleanText` first. The rules:
// 1. Line ends become \n (CR LF and a lone CR alike); tab and \n stay.
// 2. Every other control character goes: NUL and the C0 controls (U+0000–U+001F), DEL and the C1
//    controls (U+007F–U+009F). They show as nothing or as boxes, and break exports and logs.
// 3. Zero-width space, word joiner and byte-order mark (U+200B, U+2060, U+FEFF) go. The joiners
//    U+200C / U+200D stay: emoji sequences need them.
// 4. Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) stay only
//    where a line closes what it opens, in order; otherwise every one on that line goes (an open
//    override turns the text after it around, on the board and in exports).
// 5. Then trimmed; a text of nothing but spaces and joiners is empty, so a required field stays
//    required.

// biome-ignore lint/suspicious/noControlCharactersInRegex: rule 2 matches control characters on purpose
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
const INVISIBLE = /[\u200b\u2060\ufeff]/g
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g
const BLANK = /^[\s\u200c\u200d]*$/

const OPENS_EMBEDDING = new Set(['\u202a', '\u202b', '\u202d', '\u202e'])
const OPENS_ISOLATE = new Set(['\u2066', '\u2067', '\u2068'])
const CLOSES_EMBEDDING = '\u202c'
const CLOSES_ISOLATE = '\u2069'

/** Whether a line's bidi controls nest: each opener closed by its own kind, in order (rule 4). */
const balanced = (line: string) => {
  const open: string[] = []
  for (const ch of line.match(BIDI) ?? []) {
    if (OPENS_EMBEDDING.has(ch)) open.push(CLOSES_EMBEDDING)
    else if (OPENS_ISOLATE.has(ch)) open.push(CLOSES_ISOLATE)
    else if (open.pop() !== ch) return false
  }
  return open.length === 0
}

/**
 * Resident text made safe to store and show (rules 1–5 above).
 * @example cleanText(' 路灯\u0000坏了\u202E ') // '路灯坏了'
 */
export const cleanText = (text: string) => {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(INVISIBLE, '')
    .split('\n')
    .map((line) => (balanced(line) ? line : line.replace(BIDI, '')))
  const out = lines.join('\n').trim()
  return BLANK.test(out) ? '' : out
}

/**
 * `cleanText` for a value that may not be text (a zod preprocess step): strings are cleaned,
 * anything else passes as it is for the schema to judge.
 * @example z.preprocess(cleanInput, z.string().min(1, '请填写姓名'))
 */
export const cleanInput = (value: unknown) => (typeof value === 'string' ? cleanText(value) : value)
