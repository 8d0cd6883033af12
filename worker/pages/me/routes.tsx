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
import { notFound, tooManyPage } from '../errors'
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
    <h2>{t(lang, 'me.off_title')}</h2>
    <p>{t(lang, 'me.off_body')}</p>
  </div>
)

/** What the forms of this page are given: the request, the language, what was typed. */
type FormProps = { c: PageContext; lang: Lang; phone?: string; error?: string }

/** The phone form: asks for a code. */
export const PhoneForm = ({ c, lang, phone = '', error }: FormProps) => {
  return (
    <form method="post" action={withLang(c, '/me/code')} novalidate>
      <PhoneField
        lang={lang}
        label={t(lang, 'me.phone')}
        hint={t(lang, 'me.phone_hint')}
        value={phone}
        error={error}
        required
      />
      <button type="submit" class="wide">
        {t(lang, 'me.send')}
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
  return (
    <>
      <h1>{t(lang, 'me.code_title')}</h1>
      {!error && (
        <p class="notice" role="status">
          {t(lang, 'me.code_sent', { masked: maskPhone(phone)! })}
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
          label={t(lang, 'me.code')}
          hint={t(lang, 'me.code_hint')}
          value={code}
          error={error}
          required
        />
        <button type="submit" class="wide">
          {t(lang, 'me.verify')}
        </button>
      </form>
      <form method="post" action={withLang(c, '/me/code')} class="row">
        <input type="hidden" name="phone" value={phone} />
        <button type="submit" class="alt">
          {t(lang, 'me.resend')}
        </button>
        <a class="tap" href={withLang(c, '/me')}>
          {t(lang, 'me.other_phone')}
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
  const [r, data] = await Promise.all([
    recordsOfPhone(c.var.db, phone),
    dataOfPhone(c.var.db, phone),
  ])
  return renderPage(
    c,
    { lang, title: t(lang, 'me.records_title') },
    <>
      <h1>{t(lang, 'me.records_title')}</h1>
      <p>{t(lang, 'me.records_for', { masked: maskPhone(phone)! })}</p>
      {r.verifiedAt !== null && (
        <p class="notice">
          {t(lang, 'me.verified_since', { day: formatDate(r.verifiedAt, lang) })}
        </p>
      )}
      <Records
        title={t(lang, 'me.topics')}
        none={t(lang, 'me.none')}
        rows={r.topics.map((x) => ({
          heading: x.title,
          meta: `${t(lang, 'me.code_label', { code: x.code })} · ${formatDate(x.createdAt, lang)} · ${statusWords(lang, x.status)}`,
          href: withLang(c, `/t/${x.code}`),
          link: t(lang, 'me.track_link'),
        }))}
      />
      <Records
        title={t(lang, 'me.supports')}
        none={t(lang, 'me.none')}
        rows={r.supports.map((x) => ({
          heading: x.title,
          meta: `${t(lang, 'me.code_label', { code: x.code })} · ${formatDate(x.createdAt, lang)} · ${statusWords(lang, x.status)}${x.verified ? ` · ${t(lang, 'me.voice')}` : ''}`,
          href: withLang(c, `/t/${x.code}`),
          link: t(lang, 'me.track_link'),
        }))}
      />
      <Records
        title={t(lang, 'me.registrations')}
        none={t(lang, 'me.none')}
        rows={r.registrations.map((x) => ({
          heading: x.activity,
          meta: `${x.session ? `${x.session} · ` : ''}${formatDate(x.startsAt, lang, true)} · ${t(lang, `rs.${x.status}` as MessageKey)}`,
          href: withLang(c, `/r/${x.token}`),
          link: t(lang, 'me.manage'),
        }))}
      />
      <Records
        title={t(lang, 'me.responses')}
        none={t(lang, 'me.none')}
        rows={r.responses.map((x) => ({
          heading: x.form,
          meta: formatDate(x.createdAt, lang, true),
          href: withLang(c, `/s/${x.slug}/r/${x.receipt}`),
          link: t(lang, 'me.receipt'),
        }))}
      />
      <MyData c={c} lang={lang} data={data} />
      <p class="meta">{t(lang, 'me.session_note')}</p>
      <form method="post" action={withLang(c, '/me/sign-out')}>
        <button type="submit" class="alt">
          {t(lang, 'me.sign_out')}
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
  return renderPage(
    c,
    { lang, title: t(lang, 'me.title'), status },
    <>
      <h1>{t(lang, 'me.title')}</h1>
      <p>{t(lang, 'me.intro')}</p>
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
  const sender = otpSender(c.env)
  if (!sender) return startPage(c, lang)
  const code = newOtp()
  const issued = await issueCode(c.var.db, phone, code, clientAddress(c))
  if ('refused' in issued) {
    c.header('Retry-After', String(retryAfterSeconds(3600_000)))
    return messagePage(c, {
      lang,
      status: 429,
      title:
        issued.refused === 'phone'
          ? t(lang, 'me.limit_phone_title')
          : t(lang, 'me.limit_address_title'),
      body: t(lang, 'me.limit_body'),
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
      title: t(lang, 'me.send_failed_title'),
      body: sent.retryable ? t(lang, 'me.send_failed_retry') : t(lang, 'me.send_failed_permanent'),
      extra: <PhoneForm c={c} lang={lang} phone={phone} />,
    })
  return renderPage(
    c,
    { lang, title: t(lang, 'me.code_title') },
    <CodeForm c={c} lang={lang} phone={phone} />,
  )
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
  if (!phone) return startPage(c, lang, form.phone ?? '', t(lang, 'me.err_phone'), 422)
  return sendCode(c, lang, phone)
})

mePages.post('/me/verify', async (c) => {
  const lang = langOf(c)
  const form = await readForm(c)
  const phone = phoneOf(form.phone ?? '')
  if (!phone) return startPage(c, lang, form.phone ?? '', t(lang, 'me.err_phone'), 422)
  const typed = form.code ?? ''
  const again = (error: string) =>
    renderPage(
      c,
      { lang, title: t(lang, 'me.code_title'), status: 422 },
      <CodeForm c={c} lang={lang} phone={phone} code={typed} error={error} />,
    )
  const code = normalizeOtp(typed)
  if (!OTP_FORMAT.test(code)) return again(t(lang, 'me.err_code_format'))
  const result = await tryCode(c.var.db, phone, code)
  if (!result.ok)
    return again(
      result.reason === 'wrong'
        ? result.left > 0
          ? t(lang, 'me.err_code_wrong', { left: result.left })
          : t(lang, 'me.err_code_wrong_last')
        : result.reason === 'expired'
          ? t(lang, 'me.err_code_expired')
          : result.reason === 'used_up'
            ? t(lang, 'me.err_code_used_up')
            : t(lang, 'me.err_code_none'),
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
  const form = await readForm(c)
  const code = normalizeTrackingCode(form.code ?? '')
  const wait = await overLimit(c, 'track')
  if (wait) return tooManyPage(c, lang, wait)
  if (!TRACKING_CODE.test(code))
    return notFound({ title: 'me.support_phone_title', body: 'me.unknown_code' })
  const phone = phoneOf(form.phone ?? '')
  if (!phone)
    return renderPage(
      c,
      { lang, title: t(lang, 'me.support_phone_title'), status: 422 },
      <>
        <h1>{t(lang, 'me.support_phone_title')}</h1>
        <ErrorSummary lang={lang} errors={{ phone: t(lang, 'me.err_phone') }} />
        <SupportPhoneForm
          c={c}
          lang={lang}
          code={code}
          phone={form.phone ?? ''}
          notify={optedIn(form)}
          error={t(lang, 'me.err_phone')}
        />
      </>,
    )
  const notify = optedIn(form) ? { lang, at: Date.now() } : undefined
  if (!(await setSupportPhone(c.var.db, code, phone, notify)))
    return messagePage(c, {
      lang,
      status: 409,
      title: t(lang, 'me.support_phone_title'),
      body: t(lang, 'me.support_phone_verified'),
    })
  const sender = otpSender(c.env)
  return renderPage(
    c,
    { lang, title: t(lang, 'me.support_phone_title') },
    <>
      <h1>{t(lang, 'me.support_phone_title')}</h1>
      <p class="notice" role="status">
        {t(lang, 'me.support_phone_saved')}
      </p>
      {sender ? (
        <>
          <p>{t(lang, 'me.support_phone_verify_now')}</p>
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
  return (
    <form method="post" action={withLang(c, '/me/support-phone')} novalidate class="box">
      <h2>{t(lang, 'me.support_phone_title')}</h2>
      <p class="hint">{t(lang, 'me.support_phone_intro')}</p>
      <input type="hidden" name="code" value={code} />
      <PhoneField lang={lang} label={t(lang, 'me.phone')} value={phone} error={error} required />
      <NotifyOptIn lang={lang} checked={notify} />
      <button type="submit" class="alt">
        {t(lang, 'me.support_phone_save')}
      </button>
    </form>
  )
}
