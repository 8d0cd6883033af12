// Finding topics that look like the one a resident is about to file, so they can support it
// instead. Chinese has no spaces, so texts are compared as sets of character bigrams (every two
// neighbouring characters); Latin words and numbers count as single tokens.

/** Topics whose score reaches this are shown; tuned so "3号楼路灯不亮" ~ "3号楼门口路灯坏了不亮". */
export const SIMILARITY_THRESHOLD = 0.25
/** At most this many similar topics are offered. */
export const SIMILAR_LIMIT = 3

// Tokens are kept as small integers where they can be (CJK characters and bigrams): cheaper to
// build than a string per bigram, and compact in topics.tokens, where they are stored for the
// filing batch's SQL check (db/queries/topics/similar.ts).
type Token = number | string

/** CJK characters (all single UTF-16 units here) as 0 … CJK_SPAN-1; -1 for anything else. */
const CJK_SPAN = 0x7000
const cjkIndex = (c: number) =>
  c >= 0x3400 && c <= 0x9fff ? c - 0x3400 : c >= 0xf900 && c <= 0xfaff ? c - 0xf900 + 0x6c00 : -1
const isWordChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
const bigram = (a: number, b: number) => CJK_SPAN + a * CJK_SPAN + b

/**
 * Adds the tokens of `text` to `out` and returns the trailing letters/digits run (or ''): a
 * number joins the CJK character after it ("3号"), also across a call, as in "3 号楼".
 */
const addTokens = (text: string, out: Set<Token>, previousWord = ''): string => {
  const s = text.toLowerCase()
  let word = previousWord
  let i = 0
  while (i < s.length) {
    const first = cjkIndex(s.charCodeAt(i))
    if (first >= 0) {
      let prev = first
      let j = i + 1
      for (; j < s.length; j++) {
        const next = cjkIndex(s.charCodeAt(j))
        if (next < 0) break
        out.add(bigram(prev, next))
        prev = next
      }
      if (j - i === 1) out.add(first)
      if (word) out.add(word + s[i])
      word = ''
      i = j
    } else if (isWordChar(s.charCodeAt(i))) {
      let j = i + 1
      while (j < s.length && isWordChar(s.charCodeAt(j))) j++
      word = s.slice(i, j)
      out.add(word)
      i = j
    } else i++
  }
  return word
}

const cjkChar = (index: number) =>
  String.fromCharCode(index >= 0x6c00 ? index - 0x6c00 + 0xf900 : index + 0x3400)
const tokenText = (t: Token) =>
  typeof t === 'string'
    ? t
    : t < CJK_SPAN
      ? cjkChar(t)
      : cjkChar(Math.floor((t - CJK_SPAN) / CJK_SPAN)) + cjkChar((t - CJK_SPAN) % CJK_SPAN)

/**
 * The comparison tokens of a text: CJK character bigrams (a lone character as itself) and
 * lower-cased Latin words / numbers; punctuation and spaces are dropped.
 * @example tokens('3号楼 路灯') // Set {'3', '3号', '号楼', '路灯'}
 */
export const tokens = (text: string): Set<string> => {
  const out = new Set<Token>()
  addTokens(text, out)
  return new Set([...out].map(tokenText))
}

/**
 * Jaccard similarity of two token sets, 0–1 (both empty → 0).
 * @example jaccard(tokens('路灯不亮'), tokens('路灯不亮了')) // 0.75
 */
export const jaccard = <T>(a: Set<T>, b: Set<T>) => {
  if (a.size === 0 || b.size === 0) return 0
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}

export type TopicText = { categoryId: number | null; title: string; description?: string }

type TopicTokens = { title: Set<Token>; text: Set<Token> }

const tokenize = (t: TopicText): TopicTokens => {
  const title = new Set<Token>()
  const word = addTokens(t.title, title)
  const text = new Set(title)
  if (t.description) addTokens(t.description, text, word)
  return { title, text }
}

/**
 * A topic's tokens as stored in topics.tokens and sent to the SQL check: the title's, and the
 * rest of the whole text's (description tokens not already in the title), as JSON.
 * @example storedTokens({ title: '路灯', description: '不亮' }) // '[[…路灯], […不亮]]'
 */
export const storedTokens = (t: Omit<TopicText, 'categoryId'>) => {
  const { title, text } = tokenize({ categoryId: null, ...t })
  return JSON.stringify([[...title], [...text].filter((x) => !title.has(x))])
}

const similarity = (a: TopicTokens, b: TopicTokens) =>
  Math.max(jaccard(a.title, b.title), jaccard(a.text, b.text))

/**
 * How alike two topics read, 0–1: the better of title-vs-title and whole-text-vs-whole-text.
 * @example textSimilarity({ categoryId: 2, title: '3号楼路灯不亮' }, { categoryId: 2, title: '3号楼路灯坏了' })
 */
export const textSimilarity = (a: TopicText, b: TopicText) => similarity(tokenize(a), tokenize(b))

/**
 * The candidates that look like `draft`: same category (when the draft has one) and text
 * similarity at or over the threshold, best first, at most `limit`. This is the rule; the needs
 * form runs it in SQL inside its filing batch (db/queries/topics/similar.ts), and the tests check
 * that both give the same answer.
 * @example findSimilar(draft, openTopics) // [{ ...topic, score: 0.42 }]
 */
export const findSimilar = <T extends TopicText>(
  draft: TopicText,
  candidates: T[],
  { threshold = SIMILARITY_THRESHOLD, limit = SIMILAR_LIMIT } = {},
): (T & { score: number })[] => {
  const mine = tokenize(draft)
  return candidates
    .filter((c) => draft.categoryId === null || c.categoryId === draft.categoryId)
    .map((c) => ({ ...c, score: similarity(mine, tokenize(c)) }))
    .filter((c) => c.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
}
