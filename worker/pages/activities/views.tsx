// What the activity pages share: the session's time, the registration's details box and its
// check-in QR, the status words. Each page's components are in its own file: activity-views.tsx
// (the activity and its form), receipt-views.tsx, checkin-view.tsx, volunteer-views.tsx.
// Server-rendered, no JavaScript, layout.tsx conventions.
import { raw } from 'hono/html'
import type { activities, activitySessions, registrations } from '../../db/schema'
import { maskPhone } from '../../domain/masking'
import { qrSvg } from '../../lib/qr'
import { formatDate, t, type Lang } from '../i18n'

export type Activity = typeof activities.$inferSelect
export type Session = typeof activitySessions.$inferSelect
export type Registration = typeof registrations.$inferSelect

/** Input names of the extra questions: `q_<key>`, apart from name / phone / partySize. */
export const QUESTION_PREFIX = 'q_'

/** `2026-07-01 09:00–11:30` (Shanghai time); both ends in full when the days differ. */
export const timeRange = (s: { startsAt: number; endsAt: number }, lang: Lang) => {
  const start = formatDate(s.startsAt, lang, true)
  const end = formatDate(s.endsAt, lang, true)
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} – ${end}`
}

export const sessionName = (s: Session, lang: Lang) =>
  s.label ? `${s.label} · ${timeRange(s, lang)}` : timeRange(s, lang)

export type RegistrationContext = {
  reg: Registration
  waitlistPosition: number | null
  session: Session
  activity: Activity
}

/** The check-in QR as inline SVG (one round trip), sized by attributes: the CSP forbids style="". */
export const QrImage = ({
  text,
  title,
  size = 240,
}: {
  text: string
  title: string
  size?: number
}) => raw(qrSvg(text, { title }).replace('<svg ', `<svg width="${size}" height="${size}" `))

export const Details = ({ lang, ctx }: { lang: Lang; ctx: RegistrationContext }) => (
  <dl class="box">
    <dt>{t(lang, 'rr.activity')}</dt>
    <dd>{ctx.activity.title}</dd>
    <dt>{t(lang, 'rr.time')}</dt>
    <dd>{sessionName(ctx.session, lang)}</dd>
    {ctx.activity.place && (
      <>
        <dt>{t(lang, 'rr.where')}</dt>
        <dd>{ctx.activity.place}</dd>
      </>
    )}
    <dt>{t(lang, 'rr.who')}</dt>
    <dd>
      {ctx.reg.name} · {maskPhone(ctx.reg.phone)}
    </dd>
    <dt>{t(lang, 'rr.party')}</dt>
    <dd>{t(lang, 'rr.party_n', { n: ctx.reg.partySize })}</dd>
  </dl>
)

export const statusText = (lang: Lang, status: Registration['status']) => t(lang, `rs.${status}`)

/**
 * The admin's sign-in, which comes back to `back` (a check-in page) instead of opening the
 * desktop dashboard (admin/src/lib/next-after-login.ts allows only these pages).
 * @example staffSignInHref('/staff/checkin/2') // '/admin/?next=%2Fstaff%2Fcheckin%2F2'
 */
export const staffSignInHref = (back: string) => `/admin/?next=${encodeURIComponent(back)}`
