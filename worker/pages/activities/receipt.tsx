// /r/<token>: a registration's receipt, its cancellation (which promotes the next in line) and
// its calendar file.
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { registrationByToken } from '../../db/queries/activities/read'
import { volunteerCodeOf } from '../../db/queries/activities/register'
import { cancelRegistration } from '../../db/queries/activities/waitlist'
import { cancellable } from '../../domain/capacity'
import { calendarable, icsCalendar } from '../../domain/ics'
import { linkFor, originOf, type PageContext as C, withLang } from '../common'
import { notFound } from '../errors'
import { bracketed, langOf, t } from '../i18n'
import { renderPage } from '../layout'
import { CancelConfirm, ReceiptView } from './receipt-views'
import type { RegistrationContext } from './views'

export const receiptPages = new Hono<AppEnv>()

const receipt = async (c: C, ctx: RegistrationContext, flash?: 'cancelled') => {
  const lang = langOf(c)
  const volunteerCode =
    ctx.activity.kind === 'volunteer' ? await volunteerCodeOf(c.var.db, ctx.reg.phone) : null
  return renderPage(
    c,
    { lang, title: ctx.activity.title },
    <ReceiptView
      lang={lang}
      ctx={{
        ...ctx,
        waitlistPosition: ctx.waitlistPosition === null ? null : Number(ctx.waitlistPosition),
      }}
      checkinUrl={`${originOf(c)}/c/${ctx.reg.checkinCode}`}
      volunteerCode={volunteerCode}
      flash={flash}
      link={linkFor(c)}
    />,
  )
}

receiptPages.get('/r/:token', async (c) => {
  const ctx = await registrationByToken(c.var.db, c.req.param('token'))
  if (!ctx) return notFound()
  return receipt(c, ctx, c.req.query('done') === 'cancelled' ? 'cancelled' : undefined)
})

receiptPages.get('/r/:token/cancel', async (c) => {
  const ctx = await registrationByToken(c.var.db, c.req.param('token'))
  if (!ctx) return notFound()
  if (!cancellable(ctx.reg.status)) return c.redirect(withLang(c, `/r/${ctx.reg.token}`), 303)
  const lang = langOf(c)
  return renderPage(
    c,
    { lang, title: t(lang, 'rr.cancel_title') },
    <CancelConfirm
      lang={lang}
      ctx={ctx}
      action={withLang(c, `/r/${ctx.reg.token}/cancel`)}
      back={withLang(c, `/r/${ctx.reg.token}`)}
    />,
  )
})

// Cancels (with the confirmation field) and promotes the next in line, in one atomic batch.
receiptPages.post('/r/:token/cancel', async (c) => {
  const ctx = await registrationByToken(c.var.db, c.req.param('token'))
  if (!ctx) return notFound()
  const body = await c.req.parseBody()
  const back = withLang(c, `/r/${ctx.reg.token}`)
  if (body.confirm !== 'yes') return c.redirect(withLang(c, `/r/${ctx.reg.token}/cancel`), 303)
  if (!cancellable(ctx.reg.status)) return c.redirect(back, 303)
  await cancelRegistration(c.var.db, ctx.reg, 'resident')
  return c.redirect(`${back}${back.includes('?') ? '&' : '?'}done=cancelled`, 303)
})

receiptPages.get('/r/:token/calendar.ics', async (c) => {
  const ctx = await registrationByToken(c.var.db, c.req.param('token'))
  if (!ctx || !calendarable(ctx.session)) return notFound()
  const { activity: a, session: s, reg } = ctx
  const ics = icsCalendar({
    uid: `registration-${reg.id}@jushou`,
    title: s.label ? `${a.title}${bracketed(langOf(c), s.label)}` : a.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    place: a.place,
    description: a.description.slice(0, 500),
    url: `${originOf(c)}/r/${reg.token}`,
  })
  return c.body(ics, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="activity-${reg.id}.ics"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
})
