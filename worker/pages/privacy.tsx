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
import { langOf, type Lang } from './i18n'
import { messagePage, renderPage, TextField } from './layout'
import { noticeText, withdrawText } from './privacy-text'
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
              {PURGE_KIND_LABEL[kind][lang]}：{n.retention.keep} {RETENTION_RULES[kind].from[lang]}{' '}
              <strong>
                {p.amount} {n.units[p.unit]}
              </strong>
              {lang === 'en' ? ', ' : '，'}
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
        <a class="tap" href={lang === 'en' ? '/privacy/withdraw?lang=en' : '/privacy/withdraw'}>
          {withdrawText(lang).title}
        </a>
      </p>
      <h2>{n.contact.title}</h2>
      <p>{contact || n.contact.fallback}</p>
      <p class="meta">
        {n.version}：{NOTICE_VERSION}
      </p>
    </>,
  )
})

// ── withdrawing the consent to be contacted about a topic (the holder of its tracking code) ──

const WithdrawForm = (p: { c: PageContext; lang: Lang; code: string; error?: string }) => {
  const w = withdrawText(p.lang)
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <form method="post" action={withLang(p.c, '/privacy/withdraw')}>
        <TextField
          lang={p.lang}
          name="code"
          label={w.field}
          hint={w.hint}
          value={p.code}
          error={p.error}
          required
          autocomplete="off"
        />
        <button type="submit" class="wide">
          {w.submit}
        </button>
      </form>
      <p>{w.other}</p>
      <a class="tap" href={withLang(p.c, '/me')}>
        {w.otherLink}
      </a>
    </>
  )
}

privacyPages.get('/privacy/withdraw', (c) => {
  const lang = langOf(c)
  return renderPage(
    c,
    { lang, title: withdrawText(lang).title },
    <WithdrawForm c={c} lang={lang} code={c.req.query('code') ?? ''} />,
  )
})

privacyPages.post('/privacy/withdraw', async (c) => {
  const lang = langOf(c)
  const w = withdrawText(lang)
  const typed = (await readForm(c)).code ?? ''
  const again = (error: string, status: 400 | 404 | 429 = 400) =>
    renderPage(
      c,
      { lang, title: w.title, status },
      <WithdrawForm c={c} lang={lang} code={typed} error={error} />,
    )
  const wait = await overLimit(c, 'track')
  if (wait) return again(w.wait.replace('{minutes}', String(minutesOf(wait))), 429)
  const code = normalizeTrackingCode(typed.trim())
  if (!TRACKING_CODE.test(code)) return again(w.bad)
  if (!(await withdrawTopicContact(c.var.db, code, 'web'))) return again(w.unknown, 404)
  return messagePage(c, { lang, title: w.done, body: w.doneBody })
})
