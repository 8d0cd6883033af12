// /u/<token>: the unsubscribe link every email carries. GET shows what will stop (a link
// scanner's GET changes nothing); the POST withdraws the recipient's notify consents for that
// medium (recorded as withdrawn via 'link') and skips what is still waiting. Works without JS.
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { messageByToken, stopMessages } from '../../db/queries/notify/unsubscribe'
import { maskPhone } from '../../domain/masking'
import { notFound } from '../errors'
import { langHref, langOf, t } from '../i18n'
import { messagePage, renderPage } from '../layout'

const TOKEN = /^[0-9a-f]{32}$/

const mask = (to: string, medium: string) =>
  medium === 'sms' ? (maskPhone(to) ?? '') : to.replace(/^(.).*(@.*)$/, '$1***$2')

export const notifyPages = new Hono<AppEnv>()
  .get('/u/:token', async (c) => {
    const lang = langOf(c)
    const token = c.req.param('token')
    const m = TOKEN.test(token) ? await messageByToken(c.var.db, token) : undefined
    if (!m) return notFound({ title: 'notify.stop_title', body: 'notify.unknown' })
    return renderPage(
      c,
      { lang, title: t(lang, 'notify.stop_title') },
      <>
        <h1>{t(lang, 'notify.stop_title')}</h1>
        <p>
          {t(lang, m.townName ? 'notify.stop_intro_from' : 'notify.stop_intro', {
            to: mask(m.recipient, m.medium),
            sender: m.townName ?? '',
          })}
        </p>
        <form method="post" action={langHref(lang, `/u/${token}`)}>
          <button type="submit" class="wide">
            {t(lang, 'notify.stop_button')}
          </button>
        </form>
      </>,
    )
  })
  .post('/u/:token', async (c) => {
    const lang = langOf(c)
    const token = c.req.param('token')
    const m = TOKEN.test(token) ? await messageByToken(c.var.db, token) : undefined
    if (!m) return notFound({ title: 'notify.stop_title', body: 'notify.unknown' })
    await stopMessages(c.var.db, {
      phone: m.recipient,
      medium: m.medium,
      via: 'link',
      at: Date.now(),
    })
    return messagePage(c, {
      lang,
      title: t(lang, 'notify.stop_title'),
      body: t(lang, 'notify.stopped'),
    })
  })
