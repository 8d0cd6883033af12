// Finding topics that look like the one a resident is about to file, so they can support it
// instead. Chinese has no spaces, so texts are compared as sets of character bigrams (every two
// neighbouring characters); Latin words and numbers count as single tokens.

/** Topics whose score reaches this are shown; tuned so "3号楼路灯不亮" ~ "3号楼门口路灯坏了不亮". */
export const SIMILARITY_THRESHOLD = 0.25
/** At most this many similar topics are offered. */
export const SIMILAR_LIMIT = 3

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u

/**
 * The comparison tokens of a text: CJK character bigrams (a lone character as itself) and
 * lower-cased Latin words / numbers; punctuation and spaces are dropped.
 * @example tokens('3号楼 路灯') // Set {'3', '3号', '号楼', '路灯', ...}
 */
export const tokens = (text: string): Set<string> => {
  const out = new Set<string>()
  // Runs of CJK characters, and runs of letters/digits.
  const runs = text.toLowerCase().match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/gu) ?? []
  let prev = ''
  for (const run of runs) {
    if (CJK.test(run)) {
      const chars = [...run]
      if (chars.length === 1) out.add(chars[0])
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1])
      // Join a number to the CJK character after it: "3号" keeps building numbers apart.
      if (prev && !CJK.test(prev)) out.add(prev + chars[0])
    } else {
      out.add(run)
    }
    prev = run
  }
  return out
}

/**
 * Jaccard similarity of two token sets, 0–1 (both empty → 0).
 * @example jaccard(tokens('路灯不亮'), tokens('路灯不亮了')) // 0.75
 */
export const jaccard = (a: Set<string>, b: Set<string>) => {
  if (a.size === 0 || b.size === 0) return 0
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}

export type TopicText = { categoryId: number | null; title: string; description?: string }

/**
 * How alike two topics read, 0–1: the better of title-vs-title and whole-text-vs-whole-text.
 * @example textSimilarity({ categoryId: 2, title: '3号楼路灯不亮' }, { categoryId: 2, title: '3号楼路灯坏了' })
 */
export const textSimilarity = (a: TopicText, b: TopicText) => {
  const byTitle = jaccard(tokens(a.title), tokens(b.title))
  const byText = jaccard(
    tokens(`${a.title} ${a.description ?? ''}`),
    tokens(`${b.title} ${b.description ?? ''}`),
  )
  return Math.max(byTitle, byText)
}

/**
 * The candidates that look like `draft`: same category (when the draft has one) and text
 * similarity at or over the threshold, best first, at most `limit`.
 * @example findSimilar(draft, openTopics) // [{ ...topic, score: 0.42 }]
 */
export const findSimilar = <T extends TopicText>(
  draft: TopicText,
  candidates: T[],
  { threshold = SIMILARITY_THRESHOLD, limit = SIMILAR_LIMIT } = {},
): (T & { score: number })[] =>
  candidates
    .filter((c) => draft.categoryId === null || c.categoryId === draft.categoryId)
    .map((c) => ({ ...c, score: textSimilarity(draft, c) }))
    .filter((c) => c.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
