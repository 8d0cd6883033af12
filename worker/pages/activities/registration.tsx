// /a/<id-or-slug>: an activity, a session's registration form, its QR code and poster.
// Registration posts are idempotent (hidden `key` / Idempotency-Key header); the same endpoint
// answers JSON when JSON is posted, for integrations and the flash-crowd bench.
import { Hono } from 'hono'
import { checkChild } from '../../domain/privacy/children'
import { childStatements } from '../../db/queries/privacy/children'
import type { AppEnv } from '../../env'
import {
  activityByKey,
  activityPageData,
  loadSessionWithActivity,
  registrationByToken,
  sessionForPost,
  sessionsOf,
  type SessionWithActivity,
} from '../../db/queries/activities/read'
import { createRegistration } from '../../api/activities/register'
import { registrationOptIn } from '../../db/queries/notify/outbox'
import { optedIn } from '../notify/opt-in'
import { DUPLICATE_PHONE } from '../../domain/capacity'
import { answersFromForm, type Field } from '../../domain/forms'
import { normalizePhone } from '../../domain/masking'
import { ApiError, validationError } from '../../lib/errors'
import { IDEMPOTENCY_KEY } from '../../lib/idempotency'
import { clientAddress } from '../../lib/client-address'
import { retryAfterSeconds } from '../../db/queries/rate-limit'
import {
  linkFor,
  newFormKey,
  originOf,
  type PageContext as C,
  registeredTokens,
  rememberRegistration,
  withLang,
} from '../common'
import { notFound, tooManyPage } from '../errors'
import { bracketed, formatDate, langOf, t, type Lang } from '../i18n'
import { renderPage } from '../layout'
import { qrResponse, renderPoster } from '../poster'
import { ActivityView, RegisterForm, type FormValues } from './activity-views'
import { QUESTION_PREFIX, timeRange } from './views'

/** Per client address: generous, since a community room or a school shares one address. */
export const REGISTRATION_LIMIT = { limit: 60, windowMs: 10 * 60_000 }

const wantsJson = (c: C) => (c.req.header('content-type') ?? '').includes('application/json')

const sessionIdOf = (c: C) => {
  const sid = Number(c.req.param('sid'))
  return Number.isSafeInteger(sid) && sid > 0 ? sid : undefined
}

/** The row if it is the session the path names (its activity by id or slug), published or closed. */
const targetOf = (c: C, row: SessionWithActivity | undefined) => {
  const key = (c.req.param('key') ?? '').toLowerCase()
  if (
    !row ||
    row.activity.status === 'draft' ||
    (String(row.activity.id) !== key && row.activity.slug !== key)
  )
    return undefined
  return { ...row, seatsTaken: Number(row.seatsTaken) }
}

/** The session named by the path, with the seats held. */
const sessionOf = async (c: C) => {
  const sid = sessionIdOf(c)
  return sid ? targetOf(c, await loadSessionWithActivity(c.var.db, sid)) : undefined
}

/** The same, and this client's rate-limit hits so far (one counted now), in one D1 batch. */
const sessionAndHits = async (c: C, hit: { key: string; windowMs: number }) => {
  const sid = sessionIdOf(c)
  if (!sid) return { s: undefined, hits: 0 }
  const { row, hits } = await sessionForPost(c.var.db, sid, hit)
  return { s: targetOf(c, row), hits }
}
type Target = NonNullable<Awaited<ReturnType<typeof sessionOf>>>

type RegistrationBody = {
  key?: unknown
  name?: unknown
  phone?: unknown
  partySize?: unknown
  answers?: Record<string, unknown>
  /** The page's language, for refusals (the JSON endpoint answers in Chinese). */
  lang?: Lang
  guardianRelation?: unknown
  childName?: unknown
  childAge?: unknown
  guardianConsent?: unknown
  /** 有进展时短信通知我: a waitlist promotion and the day-before reminder by SMS. */
  notify?: unknown
}

/**
 * Registers once per idempotency key. The key is the registration's own client key (unique per
 * session), so a resend, even a concurrent one, gets the registration the first attempt made,
 * as it is now (its status and waitlist position read by the same statement); nothing else has
 * to be stored, and no claim can be left pending by a request that died.
 */
const register = async (c: C, target: Target, body: RegistrationBody, key: string) => {
  // An activity for children: the guardian's part is checked first and rides in the same batch.
  let extra: ((token: string) => ReturnType<typeof childStatements>) | undefined
  if (target.activity.forChildren) {
    const child = checkChild(body, body.lang ?? 'zh')
    if (!child.ok) throw validationError(child.errors)
    const at = Date.now()
    extra = (token) => childStatements(c.var.db, { token }, child.value, at)
  }
  const { reg, volunteerCode } = await createRegistration(
    c.var.db,
    target,
    {
      clientKey: key,
      name: body.name,
      phone: body.phone,
      partySize: body.partySize,
      answers: body.answers ?? {},
      lang: body.lang,
    },
    'web',
    (token) => [
      ...(extra?.(token) ?? []),
      ...(body.notify === true && typeof body.phone === 'string'
        ? registrationOptIn(c.var.db, {
            token,
            neighborhoodId: target.activity.neighborhoodId,
            phone: body.phone,
            lang: body.lang ?? 'zh',
            at: Date.now(),
          })
        : []),
    ],
  )
  return {
    id: reg.id,
    status: reg.status,
    seq: reg.seq,
    token: reg.token,
    manageUrl: `/r/${reg.token}`,
    volunteerCode,
    waitlistPosition: reg.waitlistPosition === null ? null : Number(reg.waitlistPosition),
  }
}

export const registrationPages = new Hono<AppEnv>()

registrationPages.get('/a/:key', async (c) => {
  const data = await activityPageData(c.var.db, c.req.param('key'))
  if (!data) return notFound()
  const { activity, sessions } = data
  const lang = langOf(c)
  return renderPage(
    c,
    { lang, title: activity.title },
    <ActivityView
      lang={lang}
      activity={activity}
      sessions={sessions}
      now={Date.now()}
      link={linkFor(c)}
    />,
  )
})

/** This browser's own registration for the session with this phone, as its link, if it made one. */
const ownRegistration = async (c: C, sessionId: number, phone: string) => {
  const wanted = normalizePhone(phone)
  const mine = await Promise.all(
    registeredTokens(c).map((token) => registrationByToken(c.var.db, token)),
  )
  const found = mine.find((r) => r?.reg.sessionId === sessionId && r.reg.phone === wanted)
  return found ? withLang(c, `/r/${found.reg.token}`) : undefined
}

const formPage = (
  c: C,
  lang: Lang,
  s: Target,
  opts: {
    values?: FormValues
    errors?: Record<string, string>
    refusal?: string
    /** After a refusal for a phone already registered: how to get back to that registration. */
    recover?: { href?: string }
    key?: string
    status?: 200 | 400 | 409 | 422 | 429
  },
) =>
  renderPage(
    c,
    {
      lang,
      title: t(lang, 'reg.title', { activity: s.activity.title }),
      status: opts.status ?? 200,
    },
    <RegisterForm
      lang={lang}
      activity={s.activity}
      session={s.session}
      seatsLeft={s.session.capacity - s.seatsTaken}
      questions={JSON.parse(s.activity.questions) as Field[]}
      values={opts.values ?? {}}
      errors={opts.errors ?? {}}
      refusal={opts.refusal}
      recover={opts.recover}
      formKey={opts.key ?? newFormKey()}
      action={withLang(c, `/a/${s.activity.slug}/s/${s.session.id}`)}
      link={linkFor(c)}
      now={Date.now()}
    />,
  )

registrationPages.get('/a/:key/s/:sid', async (c) => {
  const s = await sessionOf(c)
  if (!s) return notFound()
  return formPage(c, langOf(c), s, {})
})

registrationPages.post('/a/:key/s/:sid', async (c) => {
  const json = wantsJson(c)
  const { s, hits } = await sessionAndHits(c, {
    key: `registration:${clientAddress(c)}`,
    windowMs: REGISTRATION_LIMIT.windowMs,
  })
  if (!s) {
    if (json) throw new ApiError('not_found', '场次不存在')
    return notFound()
  }
  const lang = langOf(c)
  if (hits > REGISTRATION_LIMIT.limit) {
    const wait = retryAfterSeconds(REGISTRATION_LIMIT.windowMs)
    if (json)
      throw new ApiError('rate_limited', '操作太频繁，请稍后再试', {
        headers: { 'Retry-After': String(wait) },
      })
    return tooManyPage(c, lang, wait, 'common.rate_limited_body')
  }
  if (json) {
    let body: RegistrationBody
    try {
      body = await c.req.json()
    } catch (cause) {
      throw new ApiError('bad_request', '请求体不是有效的 JSON', { cause })
    }
    // null, a list or a bare value is JSON too, but not a registration.
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new ApiError('bad_request', '请求体应为 JSON 对象', { errors: { _: '应为 JSON 对象' } })
    const key = c.req.header('idempotency-key') ?? (typeof body.key === 'string' ? body.key : '')
    if (!IDEMPOTENCY_KEY.test(key))
      throw new ApiError('bad_request', '幂等键无效，请刷新页面后重试')
    return c.json(await register(c, s, { ...body, lang: undefined }, key), 201)
  }
  const posted = await c.req.parseBody({ all: true })
  const one = (v: unknown) =>
    typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
  const questions = JSON.parse(s.activity.questions) as Field[]
  const answers = answersFromForm(questions, posted, QUESTION_PREFIX)
  const values: FormValues = {
    name: one(posted.name),
    phone: one(posted.phone),
    partySize: one(posted.partySize),
    answers,
    child: {
      guardianRelation: one(posted.guardianRelation),
      childName: one(posted.childName),
      childAge: one(posted.childAge),
      guardianConsent: one(posted.guardianConsent),
    },
    notify: optedIn({ notify: one(posted.notify) }),
  }
  const key = one(posted.key)
  // A stale or missing key: show the form again with a fresh one rather than an error page.
  if (!IDEMPOTENCY_KEY.test(key))
    return formPage(c, lang, s, { values, refusal: t(lang, 'err.stale'), status: 400 })
  try {
    const { token } = await register(c, s, { ...values, ...values.child, answers, lang }, key)
    rememberRegistration(c, token)
    return c.redirect(withLang(c, `/r/${token}`), 303)
  } catch (err) {
    if (!(err instanceof ApiError)) throw err
    if (err.code === 'validation_failed') {
      const errors: Record<string, string> = {}
      for (const [k, m] of Object.entries(err.errors ?? {}))
        errors[k.startsWith('answers.') ? QUESTION_PREFIX + k.slice(8) : k] = m
      return formPage(c, lang, s, { values, errors, key, status: 400 })
    }
    // The form's key was used before with other details: nothing registered; the form again,
    // as typed, under a fresh key.
    if (err.code === 'idempotency_mismatch')
      return formPage(c, lang, s, {
        values,
        refusal: t(lang, 'err.stale'),
        key: newFormKey(),
        status: 422,
      })
    // The phone is already registered for this session: not a dead end, the way back to it.
    if (err.code === 'conflict' && err.errors?.phone === DUPLICATE_PHONE)
      return formPage(c, lang, s, {
        values,
        refusal: t(lang, 'reg.duplicate'),
        recover: { href: await ownRegistration(c, s.session.id, values.phone ?? '') },
        key: newFormKey(),
        status: 409,
      })
    if (err.code === 'conflict' || err.code === 'illegal_transition') {
      const fresh = (await sessionOf(c)) ?? s
      return formPage(c, lang, fresh, {
        values,
        refusal: err.message,
        key: newFormKey(),
        status: 409,
      })
    }
    throw err
  }
})

registrationPages.get('/a/:key/qr.svg', async (c) => {
  const activity = await activityByKey(c.var.db, c.req.param('key'))
  if (!activity) return notFound()
  return qrResponse(c, `${originOf(c)}/a/${activity.slug}`, activity.title)
})

registrationPages.get('/a/:key/poster', async (c) => {
  const activity = await activityByKey(c.var.db, c.req.param('key'))
  if (!activity) return notFound()
  const lang = langOf(c)
  const sessions = await sessionsOf(c.var.db, activity.id)
  const first = sessions[0]?.session
  return renderPoster(c, {
    lang,
    heading: activity.title,
    lines: [
      first &&
        `${timeRange(first, lang)}${sessions.length > 1 ? ` …${bracketed(lang, sessions.length)}` : ''}`,
      activity.place,
      activity.opensAt !== null &&
        t(lang, 'ap.opens', { time: formatDate(activity.opensAt, lang, true) }),
    ],
    url: `${originOf(c)}/a/${activity.slug}`,
    call: t(lang, 'ap.heading'),
    steps: [t(lang, 'ap.step1'), t(lang, 'ap.step2'), t(lang, 'ap.step3')],
  })
})
