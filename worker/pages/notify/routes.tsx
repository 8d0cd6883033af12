// /u/<token>: the unsubscribe link every email carries. GET shows what will stop (a link
// scanner's GET changes nothing); the POST withdraws the recipient's notify consents for that
// medium (recorded as withdrawn via 'link') and skips what is still waiting. Works without JS.
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { messageByToken, stopMessages } from '../../db/queries/notify/unsubscribe'
import { maskPhone } from '../../domain/masking'
import { langOf } from '../i18n'
import { messagePage, renderPage } from '../layout'
import { notifyWords } from './words'

const TOKEN = /^[0-9a-f]{32}$/

const mask = (to: string, medium: string) =>
  medium === 'sms' ? (maskPhone(to) ?? '') : to.replace(/^(.).*(@.*)$/, '$1***$2')

export const notifyPages = new Hono<AppEnv>()
  .get('/u/:token', async (c) => {
    const lang = langOf(c)
    const w = notifyWords(lang)
    const token = c.req.param('token')
    const m = TOKEN.test(token) ? await messageByToken(c.var.db, token) : undefined
    if (!m) return messagePage(c, { lang, status: 404, title: w.stopTitle, body: w.unknown })
    return renderPage(
      c,
      { lang, title: w.stopTitle },
      <>
        <h1>{w.stopTitle}</h1>
        <p>{w.stopIntro(mask(m.recipient, m.medium), m.townName ?? '')}</p>
        <form method="post" action={`/u/${token}${lang === 'en' ? '?lang=en' : ''}`}>
          <button type="submit" class="wide">
            {w.stopButton}
          </button>
        </form>
      </>,
    )
  })
  .post('/u/:token', async (c) => {
    const lang = langOf(c)
    const w = notifyWords(lang)
    const token = c.req.param('token')
    const m = TOKEN.test(token) ? await messageByToken(c.var.db, token) : undefined
    if (!m) return messagePage(c, { lang, status: 404, title: w.stopTitle, body: w.unknown })
    await stopMessages(c.var.db, {
      phone: m.recipient,
      medium: m.medium,
      via: 'link',
      at: Date.now(),
    })
    return messagePage(c, { lang, title: w.stopTitle, body: w.stopped })
  })
