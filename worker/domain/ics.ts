import { showableDate } from './dates'

// iCalendar (RFC 5545) files for a registration: one VEVENT, times in UTC, text escaped and lines
// folded at 75 octets (without splitting a UTF-8 character), CRLF line ends.

export type CalendarEvent = {
  uid: string
  title: string
  startsAt: number
  endsAt: number
  place?: string
  description?: string
  url?: string
  /** When the file was made (DTSTAMP); defaults to now. */
  stamp?: number
}

/**
 * Whether an event's times can be written at all (domain/dates rule 2): a stored time no `Date`
 * holds has no calendar file.
 */
export const calendarable = (event: Pick<CalendarEvent, 'startsAt' | 'endsAt'>) =>
  showableDate(event.startsAt) !== null && showableDate(event.endsAt) !== null

/** `20260701T010000Z` */
const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

/**
 * TEXT values: backslash, semicolon, comma and line breaks escaped. A lone CR is a line break
 * too: left raw it would end the content line early and could start a property of its own.
 */
export const escapeText = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')

const encoder = new TextEncoder()

/** Folds a content line into 75-octet pieces, continuation lines starting with a space. */
export const foldLine = (line: string) => {
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = encoder.encode(ch).length
    // The first line may hold 75 octets; continuations 74 plus their leading space.
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += size
  }
  out.push(current)
  return out.join('\r\n ')
}

/**
 * A calendar with one event, as the text of an .ics file.
 * @example icsCalendar({ uid: 'reg-12@jushou', title: '暑托班', startsAt, endsAt, place: '活动室' })
 */
export const icsCalendar = (event: CalendarEvent) => {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//jushou//activities//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utc(event.stamp ?? Date.now())}`,
    `DTSTART:${utc(event.startsAt)}`,
    `DTEND:${utc(event.endsAt)}`,
    `SUMMARY:${escapeText(event.title)}`,
    ...(event.place ? [`LOCATION:${escapeText(event.place)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
