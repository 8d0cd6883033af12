// A resident's copy of everything stored under their phone (PIPL Art. 45), as one table a
// spreadsheet opens: one line per stored value (section, record, field, value), so every kind of
// record fits in the same four columns. The JSON copy holds the same data as stored.
import type { Label, Lang } from '../vocabulary'

/** The sections of a copy, in the order of the page, with their names. */
export const COPY_SECTIONS = {
  topics: { zh: '我反映的问题', en: 'Requests I made' },
  supports: { zh: '我附议的问题', en: 'Requests I supported' },
  registrations: { zh: '活动报名', en: 'Registrations' },
  formResponses: { zh: '问卷回答', en: 'Survey answers' },
  volunteers: { zh: '志愿者登记', en: 'Volunteer record' },
  meetingAttendances: { zh: '会议签到', en: 'Meeting sign-ins' },
  consents: { zh: '我给出的同意', en: 'Consents I gave' },
  messages: { zh: '发给我的通知', en: 'Messages sent to me' },
  requests: { zh: '我的查阅和删除申请', en: 'My requests for a copy or deletion' },
} satisfies Record<string, Label>

export type CopySection = keyof typeof COPY_SECTIONS

export type CopyLine = { section: string; record: number; field: string; value: unknown }

/** `YYYY-MM-DD HH:mm` Shanghai time of an epoch-ms value. */
const shanghai = (ms: number) =>
  new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

/** A stored value as a reader wants it: times (fields ending in `At`) as Shanghai dates, JSON answers unpacked. */
const readable = (field: string, value: unknown): unknown => {
  if (/At$/.test(field) && typeof value === 'number') return shanghai(value)
  if (field === 'answers' && typeof value === 'string') {
    try {
      return JSON.parse(value)
    } catch {
      return value
    }
  }
  return value
}

/**
 * The copy as lines of one table (section name in `lang`, record number within its section,
 * field, value); empty fields are left out, answers give one line per question.
 * @example copyLines({ topics: [{ title: '灯坏了', createdAt: 0 }] }, 'zh') // [{ section: '我反映的问题', record: 1, field: 'title', value: '灯坏了' }, …]
 */
export const copyLines = (
  data: Partial<Record<CopySection, readonly Record<string, unknown>[]>>,
  lang: Lang,
): CopyLine[] => {
  const lines: CopyLine[] = []
  for (const key of Object.keys(COPY_SECTIONS) as CopySection[]) {
    const section = COPY_SECTIONS[key][lang]
    ;(data[key] ?? []).forEach((row, i) => {
      for (const [field, raw] of Object.entries(row)) {
        const value = readable(field, raw)
        if (value === null || value === undefined || value === '') continue
        if (field === 'answers' && value && typeof value === 'object')
          for (const [q, a] of Object.entries(value))
            lines.push({ section, record: i + 1, field: `answers.${q}`, value: a })
        else lines.push({ section, record: i + 1, field, value })
      }
    })
  }
  return lines
}
