// /v: the volunteer lookup form and a volunteer's hours and shifts.
import type { Child } from 'hono/jsx'
import { hoursOf } from '../../domain/capacity'
import { t, type Lang } from '../i18n'
import { PhoneField, TextField } from '../layout'
import { type RegistrationContext, sessionName, statusText } from './views'

/** `/v`: the volunteer lookup form (phone + the code from their receipts). */
export const VolunteerForm = (p: {
  lang: Lang
  action: string
  phone?: string
  error?: string
  children?: Child
}) => (
  <>
    <h1>{t(p.lang, 'vol.title')}</h1>
    <p>{t(p.lang, 'vol.intro')}</p>
    {p.children}
    <form method="post" action={p.action}>
      <PhoneField
        lang={p.lang}
        maxLength={20}
        label={t(p.lang, 'vol.phone')}
        value={p.phone}
        error={p.error}
        required
      />
      <TextField
        lang={p.lang}
        name="code"
        label={t(p.lang, 'vol.code')}
        hint={t(p.lang, 'vol.code_hint')}
        maxLength={10}
        required
      />
      <button class="wide" type="submit">
        {t(p.lang, 'vol.submit')}
      </button>
    </form>
  </>
)

/** The volunteer view: total hours, upcoming shifts (with their manage links), past shifts. */
export const VolunteerView = (p: {
  lang: Lang
  name: string
  shifts: RegistrationContext[]
  now: number
  link: (path: string) => string
}) => {
  const { lang, now } = p
  const minutes = p.shifts.reduce(
    (m, s) => (s.reg.status === 'checked_in' ? m + (s.reg.creditedMinutes ?? 0) : m),
    0,
  )
  const done = p.shifts.filter((s) => s.reg.status === 'checked_in')
  const upcoming = p.shifts.filter(
    (s) =>
      (s.reg.status === 'confirmed' || s.reg.status === 'waitlisted') && s.session.endsAt > now,
  )
  return (
    <>
      <h1>{t(lang, 'vol.title')}</h1>
      <p class="meta">{p.name}</p>
      <div class="box">
        <p class="code">{t(lang, 'vol.hours', { h: hoursOf(minutes) })}</p>
        <p>{t(lang, 'vol.shifts_done', { n: done.length })}</p>
      </div>
      <h2>{t(lang, 'vol.upcoming')}</h2>
      {upcoming.length === 0 && <p>{t(lang, 'vol.none')}</p>}
      <ul class="cards">
        {upcoming.map((s) => (
          <li class="box">
            <h3>{s.activity.title}</h3>
            <p class="meta">{sessionName(s.session, lang)}</p>
            <p>
              <span class="tag">{statusText(lang, s.reg.status)}</span>{' '}
              <a class="tap" href={p.link(`/r/${s.reg.token}`)}>
                {t(lang, 'rr.cancel')} / {t(lang, 'rr.qr')}
              </a>
            </p>
          </li>
        ))}
      </ul>
      <h2>{t(lang, 'vol.history')}</h2>
      {done.length === 0 && <p>{t(lang, 'vol.none')}</p>}
      <ul class="cards">
        {done.map((s) => (
          <li class="box">
            <h3>{s.activity.title}</h3>
            <p class="meta">
              {sessionName(s.session, lang)} ·{' '}
              {t(lang, 'vol.hours_n', { h: hoursOf(s.reg.creditedMinutes) })}
            </p>
          </li>
        ))}
      </ul>
    </>
  )
}
