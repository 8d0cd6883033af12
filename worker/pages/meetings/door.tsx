// `/m/<code>`: the sign-in page a meeting's door QR opens. A resident taps 签到 and counts as one
// person present; a name and a phone are optional and need the consent tick. One sign-in per
// phone and meeting; the post is idempotent (a hidden key: a double tap or a resend finds the
// first sign-in). No JavaScript; the receipt shows the phone masked. `/m/<code>/qr.svg` is the
// QR the admin prints on the A4 sign-in sheet.
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { doorView, signInAtDoor, type DoorView } from '../../db/queries/meetings/public'
import { normalizeChannelCode } from '../../domain/channel-code'
import { maskPhone } from '../../domain/masking'
import { signInBounds, signInState } from '../../domain/meetings/meeting'
import { MEETING_KIND_LABEL } from '../../domain/vocabulary'
import { IDEMPOTENCY_KEY } from '../../lib/idempotency'
import { qrSvg } from '../../lib/qr'
import { clientAddress } from '../../lib/client-address'
import { retryAfterSeconds } from '../../db/queries/rate-limit'
import { newFormKey, originOf, readForm, withLang, type PageContext } from '../common'
import {
  checkContact,
  ContactBlock,
  contactValues,
  emptyContact,
  type ContactValues,
} from '../contact'
import { notFound, tooManyPage } from '../errors'
import { formatDate, langOf, t, type Lang } from '../i18n'
import { ErrorSummary, messagePage, renderPage } from '../layout'

/** Sign-ins per client address and meeting: a community room shares one address. */
export const DOOR_LIMIT = { limit: 300, windowMs: 10 * 60_000 }
const empty = emptyContact()

const codeOf = (c: PageContext) => normalizeChannelCode(c.req.param('code') ?? '') ?? notFound()

const kindOf = (view: DoorView, lang: Lang) => MEETING_KIND_LABEL[view.meeting.kind][lang]

/** The meeting: what, where, when, who hosts, the agenda and how many signed in. */
const MeetingFacts = ({ lang, view }: { lang: Lang; view: DoorView }) => {
  const m = view.meeting
  return (
    <section class="box" aria-labelledby="meeting">
      <h2 id="meeting">{m.title}</h2>
      <p class="meta">
        {m.neighborhoodName}
        {m.gridName ? ` · ${m.gridName}` : ''}
      </p>
      <p>{t(lang, 'meet.when', { time: formatDate(m.startsAt, lang, true) })}</p>
      {m.place && <p>{t(lang, 'meet.place', { place: m.place })}</p>}
      {m.host && <p>{t(lang, 'meet.host', { host: m.host })}</p>}
      {view.agenda.length > 0 && (
        <>
          <h3>{t(lang, 'meet.agenda')}</h3>
          <ol>
            {view.agenda.map((title) => (
              <li>{title}</li>
            ))}
          </ol>
        </>
      )}
      <p>
        <strong>{t(lang, 'meet.count', { n: m.signIns })}</strong>
      </p>
    </section>
  )
}

const DoorPage = ({
  c,
  lang,
  view,
  values,
  errors,
  now,
  notice,
}: {
  c: PageContext
  lang: Lang
  view: DoorView
  values: ContactValues
  errors: Record<string, string>
  now: number
  /** Said above the form (a form sent again with another answer). */
  notice?: string
}) => {
  const state = signInState(view.meeting, now)
  return (
    <>
      <h1>{t(lang, 'meet.title', { kind: kindOf(view, lang) })}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      {notice && (
        <p class="box summary" role="alert">
          {notice}
        </p>
      )}
      <MeetingFacts lang={lang} view={view} />
      {state === 'open' ? (
        <form method="post" action={withLang(c, `/m/${c.req.param('code')}`)} novalidate>
          <input type="hidden" name="key" value={newFormKey()} />
          <p>{t(lang, 'meet.intro')}</p>
          <ContactBlock
            lang={lang}
            title={t(lang, 'meet.contact_title')}
            privacy={t(lang, 'meet.privacy')}
            values={values}
            errors={errors}
          />
          <button type="submit" class="wide">
            {t(lang, 'meet.submit')}
          </button>
        </form>
      ) : (
        <p class="notice">
          {state === 'not_yet'
            ? t(lang, 'meet.not_yet', {
                time: formatDate(signInBounds(view.meeting).from, lang, true),
              })
            : t(lang, state === 'cancelled' ? 'meet.cancelled' : 'meet.closed')}
        </p>
      )}
      <p>
        <a class="tap" href={withLang(c, `/b/${view.meeting.neighborhoodSlug}`)}>
          {t(lang, 'receipt.board')}
        </a>
      </p>
    </>
  )
}

export const meetingPages = new Hono<AppEnv>()

meetingPages.get('/m/:code', async (c) => {
  const lang = langOf(c)
  const view = (await doorView(c.var.db, codeOf(c))) ?? notFound()
  const title = t(lang, 'meet.title', { kind: kindOf(view, lang) })
  return renderPage(
    c,
    { lang, title },
    <DoorPage c={c} lang={lang} view={view} values={empty} errors={{}} now={Date.now()} />,
  )
})

meetingPages.post('/m/:code', async (c) => {
  const lang = langOf(c)
  const code = codeOf(c)
  const form = await readForm(c)
  const values = contactValues(form)
  const { errors, name, phone } = checkContact(values, lang)
  const now = Date.now()
  if (Object.keys(errors).length) {
    const view = (await doorView(c.var.db, code)) ?? notFound()
    const title = t(lang, 'meet.title', { kind: kindOf(view, lang) })
    return renderPage(
      c,
      { lang, title, status: 400 },
      <DoorPage c={c} lang={lang} view={view} values={values} errors={errors} now={now} />,
    )
  }
  const key = form.key && IDEMPOTENCY_KEY.test(form.key) ? form.key : newFormKey()
  const result = await signInAtDoor(c.var.db, {
    code,
    key,
    name,
    phone,
    consentAt: name || phone ? now : null,
    hit: { key: `meeting:${clientAddress(c)}:${code}`, ...DOOR_LIMIT },
    now,
  })
  const view = result.view ?? notFound()
  const kind = kindOf(view, lang)
  // The form's key sent again with another name or phone: nothing stored, the form again (what
  // was typed kept) under a fresh key.
  if (result.keyReused)
    return renderPage(
      c,
      { lang, title: t(lang, 'meet.title', { kind }), status: 422 },
      <DoorPage
        c={c}
        lang={lang}
        view={view}
        values={values}
        errors={{}}
        now={now}
        notice={t(lang, 'err.stale')}
      />,
    )
  if (result.signedIn)
    return renderPage(
      c,
      { lang, title: t(lang, 'meet.done_title') },
      <>
        <h1>{t(lang, 'meet.done_title')}</h1>
        <p class="notice">{t(lang, 'meet.done', { n: result.signedIn.seq })}</p>
        {result.signedIn.phone && (
          <p>{t(lang, 'meet.done_phone', { phone: maskPhone(result.signedIn.phone) ?? '' })}</p>
        )}
        <MeetingFacts lang={lang} view={view} />
        <p>
          <a class="tap" href={withLang(c, `/b/${view.meeting.neighborhoodSlug}`)}>
            {t(lang, 'receipt.board')}
          </a>
        </p>
      </>,
    )
  if (result.phoneTaken)
    return messagePage(c, {
      lang,
      title: t(lang, 'meet.taken_title'),
      body: t(lang, 'meet.taken'),
    })
  if (result.hits > DOOR_LIMIT.limit) {
    return tooManyPage(c, lang, retryAfterSeconds(DOOR_LIMIT.windowMs, now))
  }
  // Nothing stored: the door is not open (not yet, over, or the meeting was cancelled).
  return renderPage(
    c,
    { lang, title: t(lang, 'meet.title', { kind }), status: 409 },
    <DoorPage c={c} lang={lang} view={view} values={values} errors={{}} now={now} />,
  )
})

meetingPages.get('/m/:code/qr.svg', async (c) => {
  const code = codeOf(c)
  const view = (await doorView(c.var.db, code)) ?? notFound()
  const url = `${originOf(c)}/m/${code}`
  return c.body(qrSvg(url, { title: view.meeting.title }), 200, {
    'Content-Type': 'image/svg+xml; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
})
