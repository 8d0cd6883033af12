// `/privacy`: the privacy notice (who collects what, why, how long, who sees it, where it is
// stored, how to ask for a copy or deletion, a contact), in Chinese and English. The retention
// periods shown are the ones in force in this deployment (its settings, else the defaults).
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { NOTICE_VERSION } from '../domain/privacy/consent'
import { RETENTION_RULES, type RetainedKind, retentionPolicy } from '../domain/privacy/retention'
import { PURGE_KIND_LABEL } from '../domain/vocabulary'
import { normalizeTrackingCode, TRACKING_CODE } from '../domain/tracking-code'
import { withdrawTopicContact } from '../db/queries/privacy/consents'
import { colon, langHref, langOf, type Lang, t } from './i18n'
import { messagePage, renderPage, TextField } from './layout'
import { noticeText } from './privacy-text'
import { minutesOf, overLimit, readForm, withLang, type PageContext } from './common'

/** The kinds a resident's page names (sign-in sessions are staff's). */
const SHOWN: RetainedKind[] = [
  'topic_contact',
  'registration',
  'child',
  'form_response',
  'meeting_attendee',
  'one_time_code',
  'rate_limit',
  'idempotency',
]

export const privacyPages = new Hono<AppEnv>()

privacyPages.get('/privacy', (c) => {
  const lang = langOf(c)
  const n = noticeText(lang)
  const policy = retentionPolicy(c.env as unknown as Record<string, unknown>)
  const contact = (c.env as { PRIVACY_CONTACT?: string }).PRIVACY_CONTACT?.trim()
  const list = (items: string[]) => (
    <ul>
      {items.map((i) => (
        <li>{i}</li>
      ))}
    </ul>
  )
  return renderPage(
    c,
    { lang, title: n.title },
    <>
      <h1>{n.title}</h1>
      <p>{n.intro}</p>
      <h2>{n.collect.title}</h2>
      {list(n.collect.items)}
      <h2>{n.retention.title}</h2>
      <p>{n.retention.intro}</p>
      <ul id="retention">
        {SHOWN.map((kind) => {
          const p = policy[kind]
          return (
            <li data-kind={kind}>
              {PURGE_KIND_LABEL[kind][lang]}
              {colon(lang)}
              {n.retention.keep} {RETENTION_RULES[kind].from[lang]}{' '}
              <strong>
                {p.amount} {n.units[p.unit]}
              </strong>
              {t(lang, 'common.comma')}
              {n.retention.purge}
            </li>
          )
        })}
      </ul>
      <h2>{n.who.title}</h2>
      {list(n.who.items)}
      <h2>{n.where.title}</h2>
      {list(n.where.items)}
      <h2 id="rights">{n.rights.title}</h2>
      {list(n.rights.items)}
      <p>
        <a class="tap" href={langHref(lang, '/privacy/withdraw')}>
          {t(lang, 'withdraw.title')}
        </a>
      </p>
      <h2>{n.contact.title}</h2>
      <p>{contact || n.contact.fallback}</p>
      <p class="meta">
        {n.version}
        {colon(lang)}
        {NOTICE_VERSION}
      </p>
    </>,
  )
})

// ── withdrawing the consent to be contacted about a topic (the holder of its tracking code) ──

const WithdrawForm = (p: { c: PageContext; lang: Lang; code: string; error?: string }) => {
  return (
    <>
      <h1>{t(p.lang, 'withdraw.title')}</h1>
      <p>{t(p.lang, 'withdraw.intro')}</p>
      <form method="post" action={withLang(p.c, '/privacy/withdraw')}>
        <TextField
          lang={p.lang}
          name="code"
          label={t(p.lang, 'withdraw.field')}
          hint={t(p.lang, 'withdraw.hint')}
          value={p.code}
          error={p.error}
          required
          autocomplete="off"
        />
        <button type="submit" class="wide">
          {t(p.lang, 'withdraw.submit')}
        </button>
      </form>
      <p>{t(p.lang, 'withdraw.other')}</p>
      <a class="tap" href={withLang(p.c, '/me')}>
        {t(p.lang, 'withdraw.other_link')}
      </a>
    </>
  )
}

privacyPages.get('/privacy/withdraw', (c) => {
  const lang = langOf(c)
  return renderPage(
    c,
    { lang, title: t(lang, 'withdraw.title') },
    <WithdrawForm c={c} lang={lang} code={c.req.query('code') ?? ''} />,
  )
})

privacyPages.post('/privacy/withdraw', async (c) => {
  const lang = langOf(c)
  const typed = (await readForm(c)).code ?? ''
  const again = (error: string, status: 400 | 404 | 429 = 400) =>
    renderPage(
      c,
      { lang, title: t(lang, 'withdraw.title'), status },
      <WithdrawForm c={c} lang={lang} code={typed} error={error} />,
    )
  const wait = await overLimit(c, 'track')
  if (wait) return again(t(lang, 'withdraw.wait', { minutes: minutesOf(wait) }), 429)
  const code = normalizeTrackingCode(typed.trim())
  if (!TRACKING_CODE.test(code)) return again(t(lang, 'withdraw.bad'))
  if (!(await withdrawTopicContact(c.var.db, code, 'web')))
    return again(t(lang, 'withdraw.unknown'), 404)
  return messagePage(c, {
    lang,
    title: t(lang, 'withdraw.done'),
    body: t(lang, 'withdraw.done_body'),
  })
})
