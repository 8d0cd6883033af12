import { DUE_SOON_DAYS } from './cells'
import { DAY_MS, weekStart } from './days'

// 每周一对接: every Monday each neighborhood gets a summary of its week, which staff read (and
// annotate) and the town reads for all its neighborhoods on one page. The rules:
// 1. A week starts Monday 00:00 in Shanghai. The cron job makes the summary of the current week
//    for every neighborhood that has none yet: once per neighborhood and week, whenever the job
//    runs during that week (a missed run is caught up by the next).
// 2. Every figure is counted from the week's start, not from when the job ran, so a summary
//    says the same whenever it was made:
//    done        checklist items (of any project) done in the 7 days before the week started;
//    due         items not done, of open projects, due in the DUE_SOON_DAYS from the week's start;
//    overdue     items not done, of open projects, due before the week started;
//    new topics  topics filed in the 7 days before the week started;
//    disputed    public programme steps residents disputed in those 7 days.
// 3. The summary lists at most LIST_MAX of each (the counts are complete).

export const LIST_MAX = 20

/**
 * The windows of the summary of the week holding `now`.
 * @example weekWindows(now).lastWeekFrom // Monday a week before this week's Monday
 */
export const weekWindows = (now: number) => {
  const start = weekStart(now)
  return {
    weekStart: start,
    lastWeekFrom: start - 7 * DAY_MS,
    dueBefore: start + DUE_SOON_DAYS * DAY_MS,
  }
}
export type WeekWindows = ReturnType<typeof weekWindows>

/** A week's staff note: plain text, at most this long. */
export const NOTE_MAX = 2000
