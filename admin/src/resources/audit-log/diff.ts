export type Change = 'added' | 'removed' | 'changed' | 'same' | 'context'
export type DiffRow = { key: string; before: unknown; after: unknown; change: Change }

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Field-by-field comparison of an audit entry's before and after. An update's `after` holds
 * only what the write sent, so before-only fields are `context` (untouched), not removals;
 * a create has no before (all `added`) and a delete no after (all `removed`).
 * @example diffRows({ title: 'a', status: 'x' }, { title: 'b' })
 * // [{ key: 'title', before: 'a', after: 'b', change: 'changed' },
 * //  { key: 'status', before: 'x', after: undefined, change: 'context' }]
 */
export const diffRows = (before: unknown, after: unknown): DiffRow[] => {
  if (!isObject(before) && !isObject(after)) {
    if (before == null && after == null) return []
    return [
      {
        key: '',
        before,
        after,
        change:
          before == null
            ? 'added'
            : after == null
              ? 'removed'
              : same(before, after)
                ? 'same'
                : 'changed',
      },
    ]
  }
  const b = isObject(before) ? before : null
  const a = isObject(after) ? after : null
  const rows: DiffRow[] = []
  for (const key of Object.keys(a ?? {})) {
    const change: Change = !b || !(key in b) ? 'added' : same(b[key], a![key]) ? 'same' : 'changed'
    rows.push({ key, before: b?.[key], after: a![key], change })
  }
  for (const key of Object.keys(b ?? {})) {
    if (a && key in a) continue
    rows.push({ key, before: b![key], after: undefined, change: a ? 'context' : 'removed' })
  }
  const rank: Record<Change, number> = { changed: 0, added: 1, removed: 2, same: 3, context: 4 }
  return rows.sort((x, y) => rank[x.change] - rank[y.change])
}

/**
 * A value as one line of text: strings as they are, null as a dash, epoch-ms `…At` fields as
 * a date via `formatTime`, everything else as JSON.
 * @example showValue('deadlineAt', 1751299199999, formatDateTime) // '2025/06/30 23:59'
 */
export const showValue = (key: string, value: unknown, formatTime: (ms: number) => string) => {
  if (value === undefined) return ''
  if (value === null) return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' && /At$/.test(key) && value > 1e11) return formatTime(value)
  return JSON.stringify(value)
}
