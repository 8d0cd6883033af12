// Partner figures for reporting upward (the district's "54 个居民区党支部举手"). What counts:
// 1. A hand raised in the period is a claim created in [from, to), whatever became of it since.
// 2. Branches that raised hands: distinct partners of kind 党支部 with a hand raised in the period.
// 3. Projects (and tasks) joined: distinct targets of claims accepted, raised in the period.
// 4. Activities led: distinct activities (not cancelled) with a session starting in the period
//    that the partner or 达人 leads (activity_leads); one without sessions counts by its creation.
// 5. Open claims are those still pending now, of the hands raised in the period.

export type PartnerTotals = {
  /** Hands raised (rule 1). */
  claims: number
  accepted: number
  pending: number
  declined: number
  withdrawn: number
  /** Distinct partners with a hand raised. */
  partnersRaised: number
  /** Rule 2. */
  branchesRaised: number
  /** Distinct 达人 with a hand raised. */
  leadsRaised: number
  /** Rule 3. */
  projectsJoined: number
  tasksJoined: number
  /** Rule 4, over partners and 达人 together. */
  activitiesLed: number
}

/**
 * The one line staff paste into reports.
 * @example partnerSentence({ branchesRaised: 54, claims: 120, accepted: 90, pending: 12, projectsJoined: 70 })
 * // '54 个居民区党支部举手，认领 120 次，已接受 90 次，待处理 12 次，共建项目 70 个'
 */
export const partnerSentence = (
  t: Pick<PartnerTotals, 'branchesRaised' | 'claims' | 'accepted' | 'pending' | 'projectsJoined'>,
) =>
  `${t.branchesRaised} 个居民区党支部举手，认领 ${t.claims} 次，已接受 ${t.accepted} 次，` +
  `待处理 ${t.pending} 次，共建项目 ${t.projectsJoined} 个`

/** The claim figures of one group (a neighborhood, a partner, a 达人). */
export type ClaimFigures = {
  claims: number
  accepted: number
  pending: number
  /** Distinct projects with an accepted hand (on the project or one of its tasks). */
  projects: number
  /** Distinct tasks with an accepted hand. */
  tasks: number
  activities: number
}

export const NO_FIGURES: ClaimFigures = {
  claims: 0,
  accepted: 0,
  pending: 0,
  projects: 0,
  tasks: 0,
  activities: 0,
}

/**
 * Joins claim figures and activity counts of the same groups (by key): a group with only one of
 * the two still appears, with zeros for the other.
 * @example mergeByKey([{ key: 1, claims: 2, … }], [{ key: 3, activities: 1 }])
 */
export const mergeByKey = <K, T extends { key: K }>(
  claimRows: (T & Omit<ClaimFigures, 'activities'>)[],
  activityRows: (T & { activities: number })[],
): (T & ClaimFigures)[] => {
  const out = new Map<K, T & ClaimFigures>()
  for (const r of claimRows) out.set(r.key, { ...NO_FIGURES, ...r })
  for (const r of activityRows) {
    const seen = out.get(r.key)
    out.set(r.key, seen ? { ...seen, activities: r.activities } : { ...NO_FIGURES, ...r })
  }
  return [...out.values()]
}
