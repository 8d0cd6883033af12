import type { Answers, BuildingAnswer, Field } from './definition'
import { formatAnswer } from './format'

/** One bar of a chart: a choice, a value or a range, with its count and share of `answered`. */
export type Bar = { label: string; count: number; share: number }

export type QuestionStats = {
  key: string
  label: string
  type: Field['type']
  /** Responses that answered this question. */
  answered: number
  /** Choices (single, multiple, consent), buildings, dates, hidden values: count per value. */
  options?: Bar[]
  /** number and rating */
  mean?: number | null
  median?: number | null
  min?: number | null
  max?: number | null
  distribution?: Bar[]
  /** text and long text: the latest few answers. */
  samples?: string[]
}

export type FormStats = { total: number; questions: QuestionStats[] }

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits
const bar = (label: string, count: number, answered: number): Bar => ({
  label,
  count,
  share: answered ? round(count / answered, 4) : 0,
})

const TOP = 20
const SAMPLES = 5

const countBy = (values: string[]) => {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return counts
}

/** Counts per known option (in their order, zeros kept) then any other value seen, most first. */
const optionBars = (known: string[], values: string[], answered: number) => {
  const counts = countBy(values)
  const rest = [...counts.keys()]
    .filter((v) => !known.includes(v))
    .sort((a, b) => counts.get(b)! - counts.get(a)!)
  return [...known, ...rest].map((label) => bar(label, counts.get(label) ?? 0, answered))
}

const topBars = (values: string[], answered: number, order?: (a: string, b: string) => number) => {
  const counts = countBy(values)
  const labels = [...counts.keys()].sort(
    order ?? ((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b)),
  )
  return labels.slice(0, TOP).map((label) => bar(label, counts.get(label)!, answered))
}

const median = (sorted: number[]) => {
  if (!sorted.length) return null
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Up to ten bars: one per value when there are few, else equal-width ranges. */
const numberBars = (sorted: number[]) => {
  const answered = sorted.length
  const distinct = [...new Set(sorted)]
  if (distinct.length <= 10)
    return distinct.map((v) => bar(String(v), sorted.filter((x) => x === v).length, answered))
  const lo = sorted[0]
  const hi = sorted[answered - 1]
  const integers = sorted.every(Number.isInteger)
  const width = integers ? Math.ceil((hi - lo + 1) / 10) : (hi - lo) / 10
  const bars: Bar[] = []
  for (let i = 0; i < 10; i++) {
    const from = lo + i * width
    if (from > hi) break
    const to = integers ? from + width - 1 : i === 9 ? hi : from + width
    const last = integers ? to >= hi : i === 9
    const count = sorted.filter(
      (x) => x >= from && (last ? x <= hi : integers ? x <= to : x < to),
    ).length
    const label = integers
      ? from === Math.min(to, hi)
        ? String(from)
        : `${from}–${Math.min(to, hi)}`
      : `${round(from, 2)}–${round(to, 2)}`
    bars.push(bar(label, count, answered))
    if (last) break
  }
  return bars
}

/**
 * Per-question statistics over responses (newest first, each with its own version's answers):
 * counts and shares for choices, mean / median / distribution for numbers and ratings.
 * Shares are of the responses that answered the question (multiple choice: they may sum above 1).
 * @example formStats(mergeVersions(versions), responses).questions[0].options
 */
export const formStats = (
  fields: Field[],
  responses: { answers: Answers }[],
  /** Questions whose answers the reader may not see (sensitive ones): counts only, no samples. */
  hidden: (field: Field) => boolean = () => false,
): FormStats => {
  const questions = fields.map((field): QuestionStats => {
    const values = responses.map((r) => r.answers[field.key]).filter((v) => v !== undefined)
    const answered = values.length
    const q: QuestionStats = { key: field.key, label: field.label, type: field.type, answered }
    switch (field.type) {
      case 'single':
        q.options = optionBars(field.options, values.map(String), answered)
        break
      case 'multiple':
        q.options = optionBars(
          field.options,
          values.flatMap((v) => (Array.isArray(v) ? v : [String(v)])),
          answered,
        )
        break
      case 'consent':
        q.options = optionBars(
          ['同意', '未同意'],
          values.map((v) => formatAnswer(field, v)),
          answered,
        )
        break
      case 'number':
      case 'rating': {
        const nums = values
          .map(Number)
          .filter(Number.isFinite)
          .sort((a, b) => a - b)
        q.mean = nums.length ? round(nums.reduce((s, x) => s + x, 0) / nums.length, 2) : null
        q.median = median(nums)
        q.min = nums.length ? nums[0] : null
        q.max = nums.length ? nums[nums.length - 1] : null
        q.distribution =
          field.type === 'rating'
            ? Array.from({ length: field.scale }, (_, i) =>
                bar(String(i + 1), nums.filter((x) => x === i + 1).length, nums.length),
              )
            : numberBars(nums)
        break
      }
      case 'building':
        q.options = topBars(
          values.map((v) => formatAnswer(field, { building: (v as BuildingAnswer).building })),
          answered,
        )
        break
      case 'date':
        q.options = topBars(values.map(String), answered, (a, b) => a.localeCompare(b))
        break
      case 'hidden':
        q.options = topBars(values.map(String), answered)
        break
      case 'text':
      case 'longtext':
        if (!hidden(field)) q.samples = values.slice(0, SAMPLES).map(String)
        break
      case 'phone':
        break
    }
    return q
  })
  return { total: responses.length, questions }
}
