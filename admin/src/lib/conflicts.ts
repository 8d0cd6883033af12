// Edits that met a newer version on the server (409 `conflict` with the `current` record): the
// data provider publishes them here, the layout's ConflictDialog shows what differs and lets
// the user reapply their changes on top of the current version. Plain logic, no React.

type Fields = Record<string, unknown>

/** The field a resource's records carry their version in: forms call it `revision`. */
export const versionField = (resource: string) => (resource === 'forms' ? 'revision' : 'version')

/** What one refused update was about. */
export type Conflict = {
  resource: string
  id: string | number
  /** The record as the user read it before editing. */
  read: Fields
  /** The fields the user changed, with their values. */
  mine: Fields
  /** The record as it is now on the server. */
  current: Fields
}

/** One field of a conflict, for the dialog. */
export type FieldDiff = {
  field: string
  read: unknown
  mine: unknown
  current: unknown
  /** Someone else changed it too (to something else than the user did). */
  clash: boolean
}

// Records come back from the server with derived and bookkeeping fields too.
const IGNORED = new Set(['version', 'revision', 'updatedAt'])

const same = (a: unknown, b: unknown) =>
  a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * The fields of `data` (what an update sends) that differ from `read`: the user's changes.
 * @example changesOf({ title: 'B', status: 'x' }, { title: 'A', status: 'x' }) // { title: 'B' }
 */
export const changesOf = (data: Fields, read: Fields): Fields =>
  Object.fromEntries(Object.entries(data).filter(([k, v]) => !IGNORED.has(k) && !same(v, read[k])))

/**
 * The fields to show: each one the user changed (with what they read, what they wrote and what
 * it is now, flagged when someone else changed it too), then those only others changed.
 * @example diffOf({ resource: 'topics', id: 1, read: { title: 'A' }, mine: { title: 'B' }, current: { title: 'C' } })
 * // [{ field: 'title', read: 'A', mine: 'B', current: 'C', clash: true }]
 */
export const diffOf = ({ read, mine, current }: Conflict): FieldDiff[] => {
  const yours = Object.keys(mine).map((field) => ({
    field,
    read: read[field],
    mine: mine[field],
    current: current[field],
    clash: !same(current[field], read[field]) && !same(current[field], mine[field]),
  }))
  const theirs = Object.keys(current)
    .filter((f) => !IGNORED.has(f) && !(f in mine) && f in read && !same(current[f], read[f]))
    .map((field) => ({
      field,
      read: read[field],
      mine: read[field],
      current: current[field],
      clash: false,
    }))
  return [...yours, ...theirs]
}

/**
 * The update that reapplies the user's changes on top of the current version: the current
 * record with their changes, naming the current version.
 * @example reapplied(conflict) // { id, data: { ...current, ...mine }, previousData: current }
 */
export const reapplied = ({ id, mine, current }: Conflict) => ({
  id,
  data: { ...current, ...mine },
  previousData: current,
})

type Listener = (conflict: Conflict) => void
const listeners = new Set<Listener>()

/** Tells the dialog (if mounted) about a refused update. */
export const publishConflict = (conflict: Conflict) => {
  for (const listener of listeners) listener(conflict)
}

/**
 * Listens for refused updates; returns the unsubscribe function (for a React effect).
 * @example useEffect(() => onConflict(setConflict), [])
 */
export const onConflict = (listener: Listener) => {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The `current` record of a 409 conflict from the API (react-admin's HttpError), if it is one. */
export const conflictCurrent = (error: unknown): Fields | null => {
  const e = error as { status?: number; body?: { code?: string; current?: unknown } } | undefined
  const current = e?.body?.current
  return e?.status === 409 && e.body?.code === 'conflict' && current && typeof current === 'object'
    ? (current as Fields)
    : null
}
