import { MEETING_DECISIONS, type MeetingDecision } from '../vocabulary'

// 台账 of meetings for a period and a scope (a neighborhood, a town): what staff report upward.
// Counted over the meetings held (status 'held') that started in [from, to):
// - meetings: how many were held;
// - attendance: residents attending, 人次 (each meeting's attendance, tally.ts rule 4, summed);
// - decided: agenda items decided, and `byDecision` how (立项 / 暂缓 / 转办 / 不予采纳);
// - projects: distinct projects topics were adopted into by those decisions.

export type MeetingFigures = {
  meetings: number
  attendance: number
  decided: number
  byDecision: Record<MeetingDecision, number>
  projects: number
}

/** Figures of one neighborhood (a report's row). */
export type NeighborhoodFigures = MeetingFigures & { neighborhoodId: number; name: string }

export const emptyFigures = (): MeetingFigures => ({
  meetings: 0,
  attendance: 0,
  decided: 0,
  byDecision: Object.fromEntries(MEETING_DECISIONS.map((d) => [d, 0])) as Record<
    MeetingDecision,
    number
  >,
  projects: 0,
})

/**
 * The total of several rows. `projects` adds up: a project belongs to one neighborhood.
 * @example totalOf([a, b]).meetings // a.meetings + b.meetings
 */
export const totalOf = (rows: MeetingFigures[]): MeetingFigures => {
  const total = emptyFigures()
  for (const r of rows) {
    total.meetings += r.meetings
    total.attendance += r.attendance
    total.decided += r.decided
    total.projects += r.projects
    for (const d of MEETING_DECISIONS) total.byDecision[d] += r.byDecision[d]
  }
  return total
}

/**
 * The line staff paste into reports.
 * @example reportSentence(f) // '召开议事会 12 场，到会 260 人次，议定议题 30 个（立项 14、暂缓 6、转办 5、不予采纳 5），立项项目 11 个'
 */
export const reportSentence = (f: MeetingFigures) =>
  `召开议事会 ${f.meetings} 场，到会 ${f.attendance} 人次，议定议题 ${f.decided} 个` +
  `（立项 ${f.byDecision.adopt}、暂缓 ${f.byDecision.defer}、转办 ${f.byDecision.refer}、` +
  `不予采纳 ${f.byDecision.decline}），立项项目 ${f.projects} 个`
