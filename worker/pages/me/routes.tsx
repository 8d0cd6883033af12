// 查找我的记录 /me: a resident proves a phone with a one-time SMS code and then sees that phone's
// tracking codes, "me too"s, registrations (manage links) and survey receipts. The same proof
// makes the phone's supports voices (domain/voice.ts). Without an SMS provider the page says how
// the committee helps instead (staff can also verify a phone in person: api/verified-phones.ts).
// Also here: leaving a phone with a "me too" (POST /me/support-phone, from the support receipt),
// with its own unticked "有进展时短信通知我".
// No JavaScript; every error keeps what was typed.
import { Hono } from 'hono'
import { NotifyOptIn, optedIn } from '../notify/opt-in'
import type { AppEnv } from '../../env'
import { maskPhone } from '../../domain/masking'
import { normalizeTrackingCode, TRACKING_CODE } from '../../domain/tracking-code'
import { newOtp, normalizeOtp, OTP_FORMAT, otpText, phoneOf } from '../../domain/verification/otp'
import { issueCode, markVerified, tryCode } from '../../db/queries/verification/codes'
import { recordsOfPhone, setSupportPhone } from '../../db/queries/verification/records'
import { retryAfterSeconds } from '../../db/queries/rate-limit'
import { clientAddress } from '../../lib/client-address'
import { providersFromEnv } from '../../lib/providers'
import { formatDate, langOf, t, type Lang, type MessageKey } from '../i18n'
import { ErrorSummary, messagePage, PhoneField, renderPage, TextField } from '../layout'
import { overLimit, readForm, withLang, type PageContext } from '../common'
import { tooManyPage } from '../errors'
import { meWords } from './i18n'
import { MyData } from './data'
import { dataOfPhone } from '../../db/queries/privacy/erase'
import { endPhoneSession, startPhoneSession, verifiedPhoneOf } from './session'

/** The SMS provider and the approved template of the code message, when both are configured. */
const otpSender = (env: Env) => {
  const sms = providersFromEnv(env).sms
  return sms && env.SMS_OTP_TEMPLATE_ID ? { sms, templateId: env.SMS_OTP_TEMPLATE_ID } : null
}

/** Without an SMS provider: how the committee helps instead. */
const Offline = ({ lang }: { lang: Lang }) => (
  <div class="box">
    <h2>{meWords[lang].offTitle}</h2>
    <p>{meWords[lang].offBody}</p>
  </div>
)

/** What the forms of this page are given: the request, the language, what was typed. */
type FormProps = { c: PageContext; lang: Lang; phone?: string; error?: string }

/** The phone form: asks for a code. */
export const PhoneForm = ({ c, lang, phone = '', error }: FormProps) => {
  const w = meWords[lang]
  return (
    <form method="post" action={withLang(c, '/me/code')} novalidate>
      <PhoneField
        lang={lang}
        label={w.phone}
        hint={w.phoneHint}
        value={phone}
        error={error}
        required
      />
      <button type="submit" class="wide">
        {w.send}
      </button>
    </form>
  )
}

const CodeForm = ({
  c,
  lang,
  phone,
  code = '',
  error,
}: FormProps & { phone: string; code?: string }) => {
  const w = meWords[lang]
  return (
    <>
      <h1>{w.codeTitle}</h1>
      {!error && (
        <p class="notice" role="status">
          {w.codeSent(maskPhone(phone)!)}
        </p>
      )}
      <ErrorSummary lang={lang} errors={error ? { code: error } : {}} />
      <form method="post" action={withLang(c, '/me/verify')} novalidate>
        <input type="hidden" name="phone" value={phone} />
        <TextField
          lang={lang}
          name="code"
          inputMode="numeric"
          autocomplete="one-time-code"
          label={w.code}
          hint={w.codeHint}
          value={code}
          error={error}
          required
        />
        <button type="submit" class="wide">
          {w.verify}
        </button>
      </form>
      <form method="post" action={withLang(c, '/me/code')} class="row">
        <input type="hidden" name="phone" value={phone} />
        <button type="submit" class="alt">
          {w.resend}
        </button>
        <a class="tap" href={withLang(c, '/me')}>
          {w.otherPhone}
        </a>
      </form>
    </>
  )
}

const statusWords = (lang: Lang, status: string) => t(lang, `status.${status}` as MessageKey)

type RecordRow = { heading: string; meta: string; href: string; link: string }

/** One kind of record on the records page: a heading, then a card per record (or "none"). */
const Records = ({ title, none, rows }: { title: string; none: string; rows: RecordRow[] }) => (
  <>
    <h2>{title}</h2>
    {rows.length === 0 && <p class="meta">{none}</p>}
    <ul class="cards">
      {rows.map((x) => (
        <li class="box">
          <h3>{x.heading}</h3>
          <p class="meta">{x.meta}</p>
          <a class="tap" href={x.href}>
            {x.link}
          </a>
        </li>
      ))}
    </ul>
  </>
)

const RecordsPage = async (c: PageContext, lang: Lang, phone: string) => {
  const w = meWords[lang]
  const [r, data] = await Promise.all([
    recordsOfPhone(c.var.db, phone),
    dataOfPhone(c.var.db, phone),
  ])
  return renderPage(
    c,
    { lang, title: w.recordsTitle },
    <>
      <h1>{w.recordsTitle}</h1>
      <p>{w.recordsFor(maskPhone(phone)!)}</p>
      {r.verifiedAt !== null && (
        <p class="notice">{w.verifiedSince(formatDate(r.verifiedAt, lang))}</p>
      )}
      <Records
        title={w.topics}
        none={w.none}
        rows={r.topics.map((x) => ({
          heading: x.title,
          meta: `${w.codeLabel(x.code)} · ${formatDate(x.createdAt, lang)} · ${statusWords(lang, x.status)}`,
          href: withLang(c, `/t/${x.code}`),
          link: w.trackLink,
        }))}
      />
      <Records
        title={w.supports}
        none={w.none}
        rows={r.supports.map((x) => ({
          heading: x.title,
          meta: `${w.codeLabel(x.code)} · ${formatDate(x.createdAt, lang)} · ${statusWords(lang, x.status)}${x.verified ? ` · ${w.voice}` : ''}`,
          href: withLang(c, `/t/${x.code}`),
          link: w.trackLink,
        }))}
      />
      <Records
        title={w.registrations}
        none={w.none}
        rows={r.registrations.map((x) => ({
          heading: x.activity,
          meta: `${x.session ? `${x.session} · ` : ''}${formatDate(x.startsAt, lang, true)} · ${t(lang, `rs.${x.status}` as MessageKey)}`,
          href: withLang(c, `/r/${x.token}`),
          link: w.manage,
        }))}
      />
      <Records
        title={w.responses}
        none={w.none}
        rows={r.responses.map((x) => ({
          heading: x.form,
          meta: formatDate(x.createdAt, lang, true),
          href: withLang(c, `/s/${x.slug}/r/${x.receipt}`),
          link: w.receipt,
        }))}
      />
      <MyData c={c} lang={lang} data={data} />
      <p class="meta">{w.sessionNote}</p>
      <form method="post" action={withLang(c, '/me/sign-out')}>
        <button type="submit" class="alt">
          {w.signOut}
        </button>
      </form>
    </>,
  )
}

const startPage = (
  c: PageContext,
  lang: Lang,
  phone = '',
  error?: string,
  status: 200 | 422 = 200,
) => {
  const w = meWords[lang]
  return renderPage(
    c,
    { lang, title: w.title, status },
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {otpSender(c.env) ? (
        <>
          <ErrorSummary lang={lang} errors={error ? { phone: error } : {}} />
          <PhoneForm c={c} lang={lang} phone={phone} error={error} />
        </>
      ) : (
        <Offline lang={lang} />
      )}
    </>,
  )
}

/**
 * Issues and sends a code for `phone`, answering with the code form, or the page that says why
 * not (limits, the provider's refusal, no provider).
 */
const sendCode = async (c: PageContext, lang: Lang, phone: string) => {
  const w = meWords[lang]
  const sender = otpSender(c.env)
  if (!sender) return startPage(c, lang)
  const code = newOtp()
  const issued = await issueCode(c.var.db, phone, code, clientAddress(c))
  if ('refused' in issued) {
    c.header('Retry-After', String(retryAfterSeconds(3600_000)))
    return messagePage(c, {
      lang,
      status: 429,
      title: issued.refused === 'phone' ? w.limitPhoneTitle : w.limitAddressTitle,
      body: w.limitBody,
      extra: <PhoneForm c={c} lang={lang} phone={phone} />,
    })
  }
  const sent = await sender.sms.send({
    id: issued.id,
    medium: 'sms',
    to: phone,
    templateKey: 'otp',
    templateId: sender.templateId,
    params: { code },
    text: otpText(lang, code),
    lang,
  })
  if (!sent.ok)
    return messagePage(c, {
      lang,
      status: sent.retryable ? 503 : 422,
      title: w.sendFailedTitle,
      body: sent.retryable ? w.sendFailedRetry : w.sendFailedPermanent,
      extra: <PhoneForm c={c} lang={lang} phone={phone} />,
    })
  return renderPage(c, { lang, title: w.codeTitle }, <CodeForm c={c} lang={lang} phone={phone} />)
}

export const mePages = new Hono<AppEnv>()

mePages.get('/me', async (c) => {
  const lang = langOf(c)
  const phone = await verifiedPhoneOf(c)
  return phone ? RecordsPage(c, lang, phone) : startPage(c, lang)
})

mePages.post('/me/code', async (c) => {
  const lang = langOf(c)
  const form = await readForm(c)
  const phone = phoneOf(form.phone ?? '')
  if (!phone) return startPage(c, lang, form.phone ?? '', meWords[lang].errPhone, 422)
  return sendCode(c, lang, phone)
})

mePages.post('/me/verify', async (c) => {
  const lang = langOf(c)
  const w = meWords[lang]
  const form = await readForm(c)
  const phone = phoneOf(form.phone ?? '')
  if (!phone) return startPage(c, lang, form.phone ?? '', w.errPhone, 422)
  const typed = form.code ?? ''
  const again = (error: string) =>
    renderPage(
      c,
      { lang, title: w.codeTitle, status: 422 },
      <CodeForm c={c} lang={lang} phone={phone} code={typed} error={error} />,
    )
  const code = normalizeOtp(typed)
  if (!OTP_FORMAT.test(code)) return again(w.errCodeFormat)
  const result = await tryCode(c.var.db, phone, code)
  if (!result.ok)
    return again(
      result.reason === 'wrong'
        ? w.errCodeWrong(result.left)
        : result.reason === 'expired'
          ? w.errCodeExpired
          : result.reason === 'used_up'
            ? w.errCodeUsedUp
            : w.errCodeNone,
    )
  await markVerified(c.var.db, phone, 'code')
  await startPhoneSession(c, phone)
  return c.redirect(withLang(c, '/me'), 303)
})

mePages.post('/me/sign-out', async (c) => {
  await endPhoneSession(c)
  return c.redirect(withLang(c, '/me'), 303)
})

/** A phone left with a "me too" (the support receipt's form), then the offer to verify it. */
mePages.post('/me/support-phone', async (c) => {
  const lang = langOf(c)
  const w = meWords[lang]
  const form = await readForm(c)
  const code = normalizeTrackingCode(form.code ?? '')
  const wait = await overLimit(c, 'track')
  if (wait) return tooManyPage(c, lang, wait)
  if (!TRACKING_CODE.test(code))
    return messagePage(c, { lang, status: 404, title: w.supportPhoneTitle, body: w.unknownCode })
  const phone = phoneOf(form.phone ?? '')
  if (!phone)
    return renderPage(
      c,
      { lang, title: w.supportPhoneTitle, status: 422 },
      <>
        <h1>{w.supportPhoneTitle}</h1>
        <ErrorSummary lang={lang} errors={{ phone: w.errPhone }} />
        <SupportPhoneForm
          c={c}
          lang={lang}
          code={code}
          phone={form.phone ?? ''}
          notify={optedIn(form)}
          error={w.errPhone}
        />
      </>,
    )
  const notify = optedIn(form) ? { lang, at: Date.now() } : undefined
  if (!(await setSupportPhone(c.var.db, code, phone, notify)))
    return messagePage(c, {
      lang,
      status: 409,
      title: w.supportPhoneTitle,
      body: w.supportPhoneVerified,
    })
  const sender = otpSender(c.env)
  return renderPage(
    c,
    { lang, title: w.supportPhoneTitle },
    <>
      <h1>{w.supportPhoneTitle}</h1>
      <p class="notice" role="status">
        {w.supportPhoneSaved}
      </p>
      {sender ? (
        <>
          <p>{w.supportPhoneVerifyNow}</p>
          <PhoneForm c={c} lang={lang} phone={phone} />
        </>
      ) : (
        <Offline lang={lang} />
      )}
      <p>
        <a class="tap" href={withLang(c, `/t/${code}`)}>
          {t(lang, 'receipt.track')}
        </a>
      </p>
    </>,
  )
})

/** The optional phone of a "me too", offered on its receipt. */
export const SupportPhoneForm = ({
  c,
  lang,
  code,
  phone = '',
  notify = false,
  error,
}: FormProps & { code: string; notify?: boolean }) => {
  const w = meWords[lang]
  return (
    <form method="post" action={withLang(c, '/me/support-phone')} novalidate class="box">
      <h2>{w.supportPhoneTitle}</h2>
      <p class="hint">{w.supportPhoneIntro}</p>
      <input type="hidden" name="code" value={code} />
      <PhoneField lang={lang} label={w.phone} value={phone} error={error} required />
      <NotifyOptIn lang={lang} checked={notify} />
      <button type="submit" class="alt">
        {w.supportPhoneSave}
      </button>
    </form>
  )
}
