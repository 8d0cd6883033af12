import { shanghaiDay, shanghaiDayStart } from './format'

// THE admin's date and time inputs: every date or time field of a form or filter goes through
// `dayInput` or `dateTimeInput`, so what the API returns (epoch ms) shows in the input and comes
// back unchanged. Days and times are Asia/Shanghai (UTC+8 all year), whatever the browser's zone.
//
// react-admin's DateInput and DateTimeInput apply `format` TWICE: useInput formats the form value,
// then the input formats that again to seed its uncontrolled <input>. A format that only took
// numbers turned its own 'YYYY-MM-DD' into '' — the project edit form's 截止日期 showed empty —
// so each format here also passes its own output through unchanged.

const DAY = 86_400_000
const OFFSET = 8 * 3_600_000
const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/

/**
 * What a picked day means as epoch ms: `start` its first millisecond (a programme's start), `end`
 * its last (a deadline: "by the end of that day"), `until` the next midnight (an exclusive upper
 * bound of a filter, shown as the last day it includes).
 */
export type DayMeaning = 'start' | 'end' | 'until'

const OFFSET_OF: Record<DayMeaning, number> = { start: 0, end: DAY - 1, until: DAY }

/**
 * `format`/`parse` for a DateInput (or `<input type="date">`) over an epoch-ms field. A cleared
 * input gives null (the form field is emptied); `dayFilter` gives undefined (the filter dropped).
 * @example <DateInput source="deadlineAt" {...dayInput('end')} />
 */
export const dayInput = (meaning: DayMeaning = 'start') => dayOf(meaning, null)

/**
 * `dayInput` for a list filter: a cleared input drops the filter.
 * @example <DateInput source="createdTo" {...dayFilter('until')} />
 */
export const dayFilter = (meaning: DayMeaning = 'start') => dayOf(meaning, undefined)

const dayOf = <E extends null | undefined>(meaning: DayMeaning, empty: E) => ({
  format: (v: unknown): string =>
    typeof v === 'number' && Number.isFinite(v)
      ? shanghaiDay(meaning === 'until' ? v - 1 : v)
      : typeof v === 'string' && DAY_TEXT.test(v)
        ? v
        : '',
  parse: (v: string | null | undefined): number | E =>
    v && DAY_TEXT.test(v) ? shanghaiDayStart(v) + OFFSET_OF[meaning] : empty,
})

/**
 * Epoch ms → the Shanghai `YYYY-MM-DDTHH:mm` a datetime-local input shows ('' for none).
 * @example toDateTimeText(Date.UTC(2025, 11, 3, 11)) // '2025-12-03T19:00'
 */
export const toDateTimeText = (ms: number | null | undefined) =>
  typeof ms === 'number' && Number.isFinite(ms)
    ? new Date(ms + OFFSET).toISOString().slice(0, 16)
    : ''

/**
 * A datetime-local value read as Shanghai time → epoch ms (null for empty or unreadable).
 * @example fromDateTimeText('2025-12-03T19:00') // Date.UTC(2025, 11, 3, 11)
 */
export const fromDateTimeText = (text: string | null | undefined) => {
  const m = DATE_TIME_TEXT.exec(text ?? '')
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - OFFSET : null
}

/**
 * `format`/`parse` for a DateTimeInput (or a TextInput of type datetime-local) over epoch ms.
 * @example <DateTimeInput source="opensAt" {...dateTimeInput} />
 */
export const dateTimeInput = {
  format: (v: unknown): string =>
    typeof v === 'string' && DATE_TIME_TEXT.test(v)
      ? v.slice(0, 16)
      : toDateTimeText(typeof v === 'number' ? v : null),
  parse: (v: string | null | undefined) => fromDateTimeText(v),
}
