// The public routes of activities: /a/<id-or-slug> (activity, per-session form, QR, poster),
// /r/<token> (receipt, cancel, .ics), /c/<code> (what the check-in QR opens) and /v (volunteers).
// Registration posts are idempotent (hidden `key` / Idempotency-Key header); the same endpoint
// answers JSON when JSON is posted, for integrations and the flash-crowd bench.
import { Hono, type Context } from 'hono'
import { checkChild } from '../../domain/privacy/children'
import { childStatements } from '../../db/queries/privacy/children'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../../env'
import {
  activityByKey,
  activityPageData,
  loadSessionWithActivity,
  registrationByCheckinCode,
  registrationByToken,
  sessionForPost,
  sessionsOf,
  type SessionWithActivity,
  volunteerView,
} from '../../db/queries/activities/read'
import { volunteerCodeOf } from '../../db/queries/activities/register'
import { cancelRegistration } from '../../db/queries/activities/waitlist'
import { checkIn } from '../../db/queries/activities/check-in'
import { createRegistration } from '../../api/activities/register'
import { registrationOptIn } from '../../db/queries/notify/outbox'
import { optedIn } from '../notify/opt-in'
import {
  cancellable,
  checkInRefusal,
  DUPLICATE_PHONE,
  normalizeVolunteerCode,
} from '../../domain/capacity'
import { answersFromForm, type Field } from '../../domain/forms'
import { calendarable, icsCalendar } from '../../domain/ics'
import { MOBILE_PHONE, normalizePhone } from '../../domain/masking'
import { loadUser, SESSION_COOKIE, type CurrentUser } from '../../lib/auth'
import { ApiError, validationError } from '../../lib/errors'
import { IDEMPOTENCY_KEY } from '../../lib/idempotency'
import { clientAddress } from '../../lib/client-address'
import { hit, retryAfterSeconds } from '../../db/queries/rate-limit'
import { inScope } from '../../lib/scope'
import { newFormKey, registeredTokens, rememberRegistration, withLang } from '../common'
import { notFound, tooManyPage } from '../errors'
import { bracketed, formatDate, langOf, t, type Lang } from '../i18n'
import { renderPage } from '../layout'
import { qrResponse, renderPoster } from '../poster'
import {
  ActivityView,
  CancelConfirm,
  CheckinView,
  QUESTION_PREFIX,
  ReceiptView,
  RegisterForm,
  staffSignInHref,
  timeRange,
  VolunteerForm,
  VolunteerView,
  type FormValues,
  type RegistrationContext,
} from './views'

type C = Context<AppEnv>

/** Per client address: generous, since a community room or a school shares one address. */
export const REGISTRATION_LIMIT = { limit: 60, windowMs: 10 * 60_000 }
/** Volunteer lookups per client address: codes cannot be walked through. */
export const VOLUNTEER_LOOKUP_LIMIT = { limit: 20, windowMs: 10 * 60_000 }

const wantsJson = (c: C) => (c.req.header('content-type') ?? '').includes('application/json')

const origin = (c: C) => new URL(c.req.url).origin
const link = (c: C) => (path: string) => withLang(c, path)

/** The signed-in staff member, if any (pages do not require one). */
const staffOf = async (c: C): Promise<CurrentUser | null> => {
  const token = getCookie(c, SESSION_COOKIE)
  return token ? loadUser(c.var.db, token, c.env) : null
}

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

export const activityPages = new Hono<AppEnv>()

activityPages.get('/a/:key', async (c) => {
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
      link={link(c)}
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
      link={link(c)}
      now={Date.now()}
    />,
  )

activityPages.get('/a/:key/s/:sid', async (c) => {
  const s = await sessionOf(c)
  if (!s) return notFound()
  return formPage(c, langOf(c), s, {})
})

activityPages.post('/a/:key/s/:sid', async (c) => {
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

activityPages.get('/a/:key/qr.svg', async (c) => {
  const activity = await activityByKey(c.var.db, c.req.param('key'))
  if (!activity) return notFound()
  return qrResponse(c, `${origin(c)}/a/${activity.slug}`, activity.title)
})

activityPages.get('/a/:key/poster', async (c) => {
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
    url: `${origin(c)}/a/${activity.slug}`,
    call: t(lang, 'ap.heading'),
    steps: [t(lang, 'ap.step1'), t(lang, 'ap.step2'), t(lang, 'ap.step3')],
  })
})

// ── /r/<token>: the receipt ──

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
      checkinUrl={`${origin(c)}/c/${ctx.reg.checkinCode}`}
      volunteerCode={volunteerCode}
      flash={flash}
      link={link(c)}
    />,
  )
}

activityPages.get('/r/:token', async (c) => {
  const ctx = await registrationByToken(c.var.db, c.req.param('token'))
  if (!ctx) return notFound()
  return receipt(c, ctx, c.req.query('done') === 'cancelled' ? 'cancelled' : undefined)
})

activityPages.get('/r/:token/cancel', async (c) => {
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
activityPages.post('/r/:token/cancel', async (c) => {
  const ctx = await registrationByToken(c.var.db, c.req.param('token'))
  if (!ctx) return notFound()
  const body = await c.req.parseBody()
  const back = withLang(c, `/r/${ctx.reg.token}`)
  if (body.confirm !== 'yes') return c.redirect(withLang(c, `/r/${ctx.reg.token}/cancel`), 303)
  if (!cancellable(ctx.reg.status)) return c.redirect(back, 303)
  await cancelRegistration(c.var.db, ctx.reg, 'resident')
  return c.redirect(`${back}${back.includes('?') ? '&' : '?'}done=cancelled`, 303)
})

activityPages.get('/r/:token/calendar.ics', async (c) => {
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
    url: `${origin(c)}/r/${reg.token}`,
  })
  return c.body(ics, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="activity-${reg.id}.ics"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
})

// ── /c/<code>: what the check-in QR opens ──

const checkinPage = async (
  c: C,
  ctx: RegistrationContext,
  message?: { ok: boolean; text: string },
  status: 200 | 409 = 200,
) => {
  const lang = langOf(c)
  const user = await staffOf(c)
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

activityPages.get('/c/:code', async (c) => {
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

activityPages.post('/c/:code', async (c) => {
  const ctx = await registrationByCheckinCode(c.var.db, c.req.param('code'))
  if (!ctx) return notFound()
  const user = await staffOf(c)
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

// ── /v: the volunteer view ──

activityPages.get('/v', (c) => {
  const lang = langOf(c)
  return renderPage(
    c,
    { lang, title: t(lang, 'vol.title') },
    <VolunteerForm lang={lang} action={withLang(c, '/v')} />,
  )
})

activityPages.post('/v', async (c) => {
  const lang = langOf(c)
  const n = await hit(c.var.db, `volunteer:${clientAddress(c)}`, VOLUNTEER_LOOKUP_LIMIT)
  if (n > VOLUNTEER_LOOKUP_LIMIT.limit)
    return tooManyPage(
      c,
      lang,
      retryAfterSeconds(VOLUNTEER_LOOKUP_LIMIT.windowMs),
      'common.rate_limited_body',
    )
  const body = await c.req.parseBody()
  const phone = normalizePhone(typeof body.phone === 'string' ? body.phone : '')
  const code = normalizeVolunteerCode(typeof body.code === 'string' ? body.code : '')
  const found =
    MOBILE_PHONE.test(phone) && code ? await volunteerView(c.var.db, phone, code) : undefined
  if (!found)
    return renderPage(
      c,
      { lang, title: t(lang, 'vol.title'), status: 400 },
      <VolunteerForm
        lang={lang}
        action={withLang(c, '/v')}
        phone={phone}
        error={t(lang, 'vol.wrong')}
      />,
    )
  return renderPage(
    c,
    { lang, title: t(lang, 'vol.title') },
    <VolunteerView
      lang={lang}
      name={found.volunteer.name}
      shifts={found.shifts.map((s) => ({
        ...s,
        waitlistPosition: s.waitlistPosition === null ? null : Number(s.waitlistPosition),
      }))}
      now={Date.now()}
      link={link(c)}
    />,
  )
})
