import { useEffect, useState } from 'react'
import { fetchUtils, useLogoutIfAccessDenied } from 'react-admin'
import type { Range } from './period'

/** GET /api/stats/summary, as the server sends it (rates are percentages 0–100). */
export type Summary = {
  byStatus: Record<string, number>
  byCategory: { categoryId: number | null; name: string; n: number }[]
  byNeighborhood: { neighborhoodId: number; name: string; n: number }[]
  overTime: { day: string; n: number }[]
  /** Topics created in the period, merged duplicates apart. */
  collected: number
  /** Merged duplicates among the period's topics (not in `collected`). */
  merged: number
  /** Projects started in the period (立项). */
  adopted: number
  /** Projects finished in the period (完成). */
  done: number
  adoptedTopics: number
  adoptionRate: number | null
  medianDaysToAccept: number | null
  medianDaysToAdopt: number | null
  medianDaysToFinish: number | null
  satisfaction: number | null
  evaluations: number
  /** One line per figure saying what it counts, in both languages. */
  definitions: Record<
    'collected' | 'adopted' | 'done' | 'adoptionRate' | 'satisfaction',
    { zh: string; en: string }
  >
  sentence: string
}

/**
 * The dashboard figures for a period and, optionally, one neighborhood. Keeps the previous
 * figures on screen while the next ones load; a 401 signs the user out as elsewhere.
 * @example const { data, error, isPending } = useSummary({ from, to }, 3)
 */
export const useSummary = (range: Range | null, neighborhoodId?: number) => {
  const [state, setState] = useState<{ data?: Summary; error?: Error; isPending: boolean }>({
    isPending: true,
  })
  const logoutIfAccessDenied = useLogoutIfAccessDenied()
  // The bounds, not the range object: a new object for the same period asks nothing again.
  const from = range?.from
  const to = range?.to

  useEffect(() => {
    if (from === undefined || to === undefined) return
    const params = new URLSearchParams({ from: String(from), to: String(to) })
    if (neighborhoodId) params.set('neighborhoodId', String(neighborhoodId))
    let live = true
    setState((s) => ({ ...s, isPending: true }))
    fetchUtils
      .fetchJson(`/api/stats/summary?${params}`, { credentials: 'same-origin' })
      .then(({ json }) => live && setState({ data: json as Summary, isPending: false }))
      .catch((error: Error) => {
        if (!live) return
        logoutIfAccessDenied(error)
        setState((s) => ({ ...s, error, isPending: false }))
      })
    return () => {
      live = false
    }
  }, [from, to, neighborhoodId, logoutIfAccessDenied])

  return state
}
