import type { StepState } from '../vocabulary'
import { cellState, countStates, emptyCounts, type StateCounts } from './cells'

// The neighborhood × step matrix of a programme, built from its rows as stored: one row per
// neighborhood (applied or not), one column per step, each cell the state of that neighborhood's
// item for that step (cells.ts), with counts per row, per column and in all. A neighborhood the
// programme was not applied to, or a step added later and not yet added to its project, has an
// empty cell (null), counted nowhere.

export type MatrixInput = {
  steps: { id: number }[]
  neighborhoods: { id: number; name: string; slug: string; projectId: number | null }[]
  items: {
    itemId: number
    projectId: number
    neighborhoodId: number
    stepId: number
    done: boolean | number
    doneAt: number | null
    dueAt: number | null
    ownerUserId: number | null
    confirmed: number
    disputed: number
    evidence: boolean | number
  }[]
  now: number
}

export type MatrixCell = {
  itemId: number
  projectId: number
  state: StepState
  dueAt: number | null
  doneAt: number | null
  ownerUserId: number | null
  confirmed: number
  disputed: number
  /** Staff recorded evidence when marking it done. */
  evidence: boolean
}

/**
 * The matrix: `rows[i].cells[j]` is neighborhood i's cell for step j (null when it has none).
 * @example buildMatrix({ steps, neighborhoods, items, now }).columns[0].counts.done // 5
 */
export const buildMatrix = ({ steps, neighborhoods, items, now }: MatrixInput) => {
  const byKey = new Map(items.map((i) => [`${i.neighborhoodId}:${i.stepId}`, i]))
  const columns = steps.map((s) => ({ stepId: s.id, counts: emptyCounts(), disputed: 0 }))
  const totals: StateCounts = emptyCounts()
  const rows = neighborhoods.map((n) => {
    const cells = steps.map((s, j): MatrixCell | null => {
      const item = byKey.get(`${n.id}:${s.id}`)
      if (!item) return null
      const state = cellState(item, now)
      columns[j].counts[state]++
      if (item.disputed > 0) columns[j].disputed++
      totals[state]++
      return {
        itemId: item.itemId,
        projectId: item.projectId,
        state,
        dueAt: item.dueAt,
        doneAt: item.doneAt,
        ownerUserId: item.ownerUserId,
        confirmed: item.confirmed,
        disputed: item.disputed,
        evidence: Boolean(item.evidence),
      }
    })
    const present = cells.filter((c): c is MatrixCell => c !== null)
    return {
      neighborhoodId: n.id,
      name: n.name,
      slug: n.slug,
      projectId: n.projectId,
      cells,
      counts: countStates(present.map((c) => c.state)),
      disputed: present.filter((c) => c.disputed > 0).length,
    }
  })
  return { rows, columns, totals }
}
