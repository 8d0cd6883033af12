// /c/<code>: what a registration's check-in QR opens. Anyone sees whose registration it is;
// signed-in staff of the activity's neighborhood check it in there.
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { registrationByCheckinCode } from '../../db/queries/activities/read'
import { checkIn } from '../../db/queries/activities/check-in'
import { checkInRefusal } from '../../domain/capacity'
import { signedInUser } from '../../lib/auth'
import { inScope } from '../../lib/scope'
import { type PageContext as C, withLang } from '../common'
import { notFound } from '../errors'
import { langOf, t } from '../i18n'
import { renderPage } from '../layout'
import { CheckinView } from './checkin-view'
import { staffSignInHref, type RegistrationContext } from './views'

export const checkinPages = new Hono<AppEnv>()

const checkinPage = async (
  c: C,
  ctx: RegistrationContext,
  message?: { ok: boolean; text: string },
  status: 200 | 409 = 200,
) => {
  const lang = langOf(c)
  const user = await signedInUser(c)
  const staff = !!user && inScope(user, ctx.activity.neighborhoodId)
  return renderPage(
    c,
    { lang, title: t(lang, 'ci.title'), status },
    <CheckinView
      lang={lang}
      ctx={ctx}
      staff={staff}
      action={withLang(c, `/c/${ctx.reg.checkinCode}`)}
      message={message}
      listUrl={staff ? withLang(c, `/staff/checkin/${ctx.session.id}`) : undefined}
      signInUrl={staffSignInHref(withLang(c, `/c/${ctx.reg.checkinCode}`))}
    />,
  )
}

checkinPages.get('/c/:code', async (c) => {
  const ctx = await registrationByCheckinCode(c.var.db, c.req.param('code'))
  if (!ctx) return notFound()
  const lang = langOf(c)
  const done = c.req.query('done') === '1' && ctx.reg.status === 'checked_in'
  return checkinPage(
    c,
    ctx,
    done
      ? { ok: true, text: t(lang, 'ci.done', { name: ctx.reg.name, n: ctx.reg.partySize }) }
      : undefined,
  )
})

checkinPages.post('/c/:code', async (c) => {
  const ctx = await registrationByCheckinCode(c.var.db, c.req.param('code'))
  if (!ctx) return notFound()
  const user = await signedInUser(c)
  if (!user || !inScope(user, ctx.activity.neighborhoodId) || user.role === 'viewer')
    return checkinPage(c, ctx)
  const lang = langOf(c)
  const refusal = checkInRefusal(ctx.reg.status, lang)
  if (refusal)
    return checkinPage(c, ctx, { ok: false, text: t(lang, 'ci.refused', { reason: refusal }) }, 409)
  const db = c.var.db
  if (!(await checkIn(db, user, ctx.reg))) {
    const now = (await registrationByCheckinCode(db, ctx.reg.checkinCode))!
    const reason = checkInRefusal(now.reg.status, lang) ?? ''
    return checkinPage(c, now, { ok: false, text: t(lang, 'ci.refused', { reason }) }, 409)
  }
  return c.redirect(withLang(c, `/c/${ctx.reg.checkinCode}?done=1`), 303)
})
