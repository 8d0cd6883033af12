import type { FormField } from './types'

// The forms builder's small rules, kept out of the screens so they can be tested alone.

/**
 * A question's key from its label: its latin words (`building_no`), else `q<n>` with the first
 * free number. Staff never need to see it (export columns, link prefill); it is editable under 高级.
 * @example keyFromLabel('您家住几号楼', ['q1']) // 'q2'
 */
export const keyFromLabel = (label: string, taken: readonly string[]) => {
  const latin = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 30)
  if (latin && !taken.includes(latin)) return latin
  let n = 1
  while (taken.includes(`q${n}`)) n++
  return `q${n}`
}

const count = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v))

/**
 * The admin's check of a multiple choice's pick limits, as the server checks them: the least at
 * most the most, neither more than the options. Null when they are fine.
 * @example picksProblem({ options: ['a', 'b'], maxPicks: 3 }) // 'tooManyMax'
 */
export const picksProblem = (f: Partial<FormField>) => {
  const options = (f.options ?? []).filter((o) => o?.trim()).length
  const min = count(f.minPicks)
  const max = count(f.maxPicks)
  if (min !== null && max !== null && min > max) return 'minOverMax'
  if (max !== null && max > options) return 'tooManyMax'
  if (min !== null && min > options) return 'tooManyMin'
  return null
}

/** Whether a form asks for a phone without a required consent question (it cannot be opened). */
export const lacksConsent = (fields: readonly Partial<FormField>[]) =>
  fields.some((f) => f.type === 'phone') &&
  !fields.some((f) => f.type === 'consent' && f.required && !f.condition?.field)
