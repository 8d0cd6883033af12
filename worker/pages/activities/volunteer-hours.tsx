// /v: a volunteer's hours and shifts, found by phone and volunteer code.
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { volunteerView } from '../../db/queries/activities/read'
import { normalizeVolunteerCode } from '../../domain/capacity'
import { MOBILE_PHONE, normalizePhone } from '../../domain/masking'
import { clientAddress } from '../../lib/client-address'
import { hit, retryAfterSeconds } from '../../db/queries/rate-limit'
import { linkFor, withLang } from '../common'
import { tooManyPage } from '../errors'
import { langOf, t } from '../i18n'
import { renderPage } from '../layout'
import { VolunteerForm, VolunteerView } from './volunteer-views'

/** Volunteer lookups per client address: codes cannot be walked through. */
export const VOLUNTEER_LOOKUP_LIMIT = { limit: 20, windowMs: 10 * 60_000 }

export const volunteerPages = new Hono<AppEnv>()

volunteerPages.get('/v', (c) => {
  const lang = langOf(c)
  return renderPage(
    c,
    { lang, title: t(lang, 'vol.title') },
    <VolunteerForm lang={lang} action={withLang(c, '/v')} />,
  )
})

volunteerPages.post('/v', async (c) => {
  const lang = langOf(c)
  const n = await hit(c.var.db, `volunteer:${clientAddress(c)}`, VOLUNTEER_LOOKUP_LIMIT)
  if (n > VOLUNTEER_LOOKUP_LIMIT.limit)
    return tooManyPage(
      c,
      lang,
      retryAfterSeconds(VOLUNTEER_LOOKUP_LIMIT.windowMs),
      'common.rate_limited_body',
    )
  const body = await c.req.parseBody()
  const phone = normalizePhone(typeof body.phone === 'string' ? body.phone : '')
  const code = normalizeVolunteerCode(typeof body.code === 'string' ? body.code : '')
  const found =
    MOBILE_PHONE.test(phone) && code ? await volunteerView(c.var.db, phone, code) : undefined
  if (!found)
    return renderPage(
      c,
      { lang, title: t(lang, 'vol.title'), status: 400 },
      <VolunteerForm
        lang={lang}
        action={withLang(c, '/v')}
        phone={phone}
        error={t(lang, 'vol.wrong')}
      />,
    )
  return renderPage(
    c,
    { lang, title: t(lang, 'vol.title') },
    <VolunteerView
      lang={lang}
      name={found.volunteer.name}
      shifts={found.shifts.map((s) => ({
        ...s,
        waitlistPosition: s.waitlistPosition === null ? null : Number(s.waitlistPosition),
      }))}
      now={Date.now()}
      link={linkFor(c)}
    />,
  )
})
