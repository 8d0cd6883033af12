// The resident pages of activities as components: the activity with its sessions, the
// registration form, the receipt (/r/<token>), the cancel confirmation, the check-in page a QR
// opens, and the volunteer view. Server-rendered, no JavaScript, layout.tsx conventions.
import { NotifyOptIn } from '../notify/opt-in'
import type { Child } from 'hono/jsx'
import { ChildFieldsBlock, type ChildValues } from '../privacy-children'
import { raw } from 'hono/html'
import type { activities, activitySessions, registrations } from '../../db/schema'
import { hoursOf, registrationWindow } from '../../domain/capacity'
import type { Field } from '../../domain/forms'
import { maskPhone } from '../../domain/masking'
import { qrSvg } from '../../lib/qr'
import { FormFields, type FieldValues } from '../forms/fields'
import { formatDate, t, type Lang } from '../i18n'
import { ErrorSummary, PhoneField, Select, TextField } from '../layout'

type Activity = typeof activities.$inferSelect
type Session = typeof activitySessions.$inferSelect
type Registration = typeof registrations.$inferSelect

/** Input names of the extra questions: `q_<key>`, apart from name / phone / partySize. */
export const QUESTION_PREFIX = 'q_'

/** `2026-07-01 09:00–11:30` (Shanghai time); both ends in full when the days differ. */
export const timeRange = (s: { startsAt: number; endsAt: number }, lang: Lang) => {
  const start = formatDate(s.startsAt, lang, true)
  const end = formatDate(s.endsAt, lang, true)
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} – ${end}`
}

const sessionName = (s: Session, lang: Lang) =>
  s.label ? `${s.label} · ${timeRange(s, lang)}` : timeRange(s, lang)

/** The one-line state of an activity's registration window, or nothing when open. */
const WindowNotice = ({ activity, lang, now }: { activity: Activity; lang: Lang; now: number }) => {
  const w = registrationWindow(activity, now)
  if (w === 'not_open')
    return (
      <p class="notice" role="status">
        {t(lang, 'act.opens_at', { time: formatDate(activity.opensAt!, lang, true) })}
      </p>
    )
  if (w === 'closed')
    return (
      <p class="notice" role="status">
        {t(lang, 'act.closed')}
      </p>
    )
  if (w === 'cancelled')
    return (
      <p class="notice" role="status">
        {t(lang, 'act.cancelled')}
      </p>
    )
  return activity.closesAt ? (
    <p class="meta">
      {t(lang, 'act.closes_at', { time: formatDate(activity.closesAt, lang, true) })}
    </p>
  ) : null
}

const Paragraphs = ({ text }: { text: string }) => (
  <>
    {text
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => (
        <p>{p}</p>
      ))}
  </>
)

/** A session with its seats held and how many people (party sizes) wait for one. */
export type SessionSeats = { session: Session; seatsTaken: number; waitlistPeople: number }

/**
 * `/a/<activity>`: what, where, for whom, when registration opens, and each session with the
 * seats left and a link to its form.
 */
export const ActivityView = (p: {
  lang: Lang
  activity: Activity
  sessions: SessionSeats[]
  now: number
  link: (path: string) => string
}) => {
  const { lang, activity: a, now } = p
  const open = registrationWindow(a, now) === 'open'
  const volunteer = a.kind === 'volunteer'
  return (
    <>
      <p class="meta">
        <span class="tag">{t(lang, `act.kind_${a.kind}`)}</span>
      </p>
      <h1>{a.title}</h1>
      {a.place && <p class="meta">{t(lang, 'act.place', { place: a.place })}</p>}
      {a.audience && <p class="meta">{t(lang, 'act.audience', { audience: a.audience })}</p>}
      <WindowNotice activity={a} lang={lang} now={now} />
      {a.description && <Paragraphs text={a.description} />}
      <h2>{t(lang, volunteer ? 'act.shifts' : 'act.sessions')}</h2>
      {p.sessions.length === 0 && <p>{t(lang, 'act.no_sessions')}</p>}
      <ul class="cards">
        {p.sessions.map(({ session: s, seatsTaken, waitlistPeople }) => {
          const left = Math.max(0, s.capacity - seatsTaken)
          const started = s.startsAt <= now
          return (
            <li class="box">
              <h3>{sessionName(s, lang)}</h3>
              <p class="meta">
                {s.endsAt <= now
                  ? t(lang, 'act.ended')
                  : started
                    ? t(lang, 'act.started')
                    : left > 0
                      ? t(lang, 'act.seats_left', { n: left, cap: s.capacity })
                      : t(lang, 'act.full', { n: waitlistPeople })}
                {s.maxParty > 1 && ` · ${t(lang, 'act.max_party', { n: s.maxParty })}`}
              </p>
              {open && !started && (
                <a class={left > 0 ? 'btn' : 'btn alt'} href={p.link(`/a/${a.slug}/s/${s.id}`)}>
                  {t(lang, left > 0 ? 'act.register' : 'act.register_waitlist')}
                </a>
              )}
            </li>
          )
        })}
      </ul>
      {volunteer && (
        <p>
          <a class="tap" href={p.link('/v')}>
            {t(lang, 'act.volunteer_link')}
          </a>
        </p>
      )}
    </>
  )
}

export type FormValues = {
  name?: string
  phone?: string
  partySize?: string
  answers?: FieldValues
  /** An activity for children: the guardian's part (pages/privacy-children.tsx). */
  child?: ChildValues
  /** 有进展时短信通知我 ticked. */
  notify?: boolean
}

/** The registration form of one session; `errors` keyed name / phone / partySize / q_<key>. */
export const RegisterForm = (p: {
  lang: Lang
  activity: Activity
  session: Session
  seatsLeft: number
  questions: Field[]
  values: FormValues
  errors: Record<string, string>
  /** A refusal not tied to a field (not open yet, closed, already registered). */
  refusal?: string
  /** The phone is registered already: its link when this browser made it, and where else to look. */
  recover?: { href?: string }
  formKey: string
  action: string
  link: (path: string) => string
  now: number
}) => {
  const { lang, activity: a, session: s, values: v, errors: e } = p
  const open = registrationWindow(a, p.now) === 'open' && s.startsAt > p.now
  const questionErrors: Record<string, string> = {}
  for (const [k, m] of Object.entries(e))
    if (k.startsWith(QUESTION_PREFIX)) questionErrors[k.slice(QUESTION_PREFIX.length)] = m
  return (
    <>
      <h1>{t(lang, 'reg.title', { activity: a.title })}</h1>
      <p class="meta">{sessionName(s, lang)}</p>
      {a.place && <p class="meta">{t(lang, 'act.place', { place: a.place })}</p>}
      {p.refusal && (
        <div class="box summary" role="alert">
          <p>{p.refusal}</p>
          {p.recover?.href && (
            <p>
              <a class="btn" href={p.recover.href}>
                {t(lang, 'reg.open_mine')}
              </a>
            </p>
          )}
          {p.recover && <p>{t(lang, 'reg.find_link')}</p>}
        </div>
      )}
      <ErrorSummary lang={lang} errors={e} />
      {!open ? (
        <WindowNotice activity={a} lang={lang} now={p.now} />
      ) : (
        <form method="post" action={p.action}>
          {p.seatsLeft <= 0 && <p class="notice">{t(lang, 'reg.waitlist_note')}</p>}
          <input type="hidden" name="key" value={p.formKey} />
          <TextField
            lang={lang}
            name="name"
            label={a.forChildren ? t(lang, 'child.guardian_name') : t(lang, 'reg.name')}
            value={v.name}
            error={e.name}
            required
            maxLength={30}
            autocomplete="name"
          />
          <PhoneField
            lang={lang}
            maxLength={20}
            label={a.forChildren ? t(lang, 'child.guardian_phone') : t(lang, 'reg.phone')}
            hint={t(lang, 'reg.phone_hint')}
            value={v.phone}
            error={e.phone}
            required
          />
          {a.forChildren && <ChildFieldsBlock lang={lang} values={v.child ?? {}} errors={e} />}
          <NotifyOptIn lang={lang} checked={!!v.notify} />
          {s.maxParty > 1 && (
            <Select
              lang={lang}
              name="partySize"
              label={t(lang, 'reg.party')}
              hint={t(lang, 'reg.party_hint', { n: s.maxParty })}
              value={v.partySize ?? '1'}
              error={e.partySize}
              required
              options={Array.from({ length: s.maxParty }, (_, i) => ({
                value: String(i + 1),
                label: String(i + 1),
              }))}
            />
          )}
          {p.questions.length > 0 && (
            <>
              <h2>{t(lang, 'reg.questions')}</h2>
              <FormFields
                fields={p.questions}
                values={v.answers}
                errors={questionErrors}
                lang={lang}
                prefix={QUESTION_PREFIX}
              />
            </>
          )}
          <p class="hint">{t(lang, 'reg.privacy')}</p>
          <button class="wide" type="submit">
            {t(lang, 'reg.submit')}
          </button>
        </form>
      )}
      <p>
        <a class="tap" href={p.link(`/a/${a.slug}`)}>
          {t(lang, 'reg.back')}
        </a>
      </p>
    </>
  )
}

export type RegistrationContext = {
  reg: Registration
  waitlistPosition: number | null
  session: Session
  activity: Activity
}

/** The check-in QR as inline SVG (one round trip), sized by attributes: the CSP forbids style="". */
export const QrImage = ({
  text,
  title,
  size = 240,
}: {
  text: string
  title: string
  size?: number
}) => raw(qrSvg(text, { title }).replace('<svg ', `<svg width="${size}" height="${size}" `))

const Details = ({ lang, ctx }: { lang: Lang; ctx: RegistrationContext }) => (
  <dl class="box">
    <dt>{t(lang, 'rr.activity')}</dt>
    <dd>{ctx.activity.title}</dd>
    <dt>{t(lang, 'rr.time')}</dt>
    <dd>{sessionName(ctx.session, lang)}</dd>
    {ctx.activity.place && (
      <>
        <dt>{t(lang, 'rr.where')}</dt>
        <dd>{ctx.activity.place}</dd>
      </>
    )}
    <dt>{t(lang, 'rr.who')}</dt>
    <dd>
      {ctx.reg.name} · {maskPhone(ctx.reg.phone)}
    </dd>
    <dt>{t(lang, 'rr.party')}</dt>
    <dd>{t(lang, 'rr.party_n', { n: ctx.reg.partySize })}</dd>
  </dl>
)

/**
 * `/r/<token>`: the receipt. Says confirmed or the waitlist position, shows the check-in QR,
 * the calendar file and the way to cancel; volunteers see their code.
 */
export const ReceiptView = (p: {
  lang: Lang
  ctx: RegistrationContext
  checkinUrl: string
  volunteerCode: string | null
  flash?: 'cancelled'
  link: (path: string) => string
}) => {
  const { lang, ctx } = p
  const { reg } = ctx
  const base = `/r/${reg.token}`
  const live = reg.status === 'confirmed' || reg.status === 'waitlisted'
  const body =
    reg.status === 'confirmed'
      ? t(lang, reg.promotedAt ? 'rr.promoted' : 'rr.confirmed')
      : reg.status === 'waitlisted'
        ? t(lang, 'rr.waitlisted', { n: ctx.waitlistPosition ?? 1 })
        : reg.status === 'checked_in'
          ? t(lang, 'rr.checked_in', { time: formatDate(reg.checkedInAt ?? 0, lang, true) })
          : reg.status === 'cancelled'
            ? t(lang, p.flash === 'cancelled' ? 'rr.cancel_done' : 'rr.cancelled')
            : t(lang, 'rr.no_show')
  return (
    <>
      <h1>{t(lang, `rr.title_${reg.status}`)}</h1>
      <p class={reg.status === 'confirmed' ? 'notice' : undefined} role="status">
        {reg.status === 'confirmed' && reg.promotedAt && <>{t(lang, 'rr.promoted')} </>}
        {reg.status === 'confirmed' && reg.promotedAt ? t(lang, 'rr.confirmed') : body}
      </p>
      {ctx.activity.status === 'cancelled' && <p class="box summary">{t(lang, 'act.cancelled')}</p>}
      <Details lang={lang} ctx={ctx} />
      {reg.status === 'confirmed' && (
        <div class="box">
          <h2>{t(lang, 'rr.qr')}</h2>
          <QrImage text={p.checkinUrl} title={t(lang, 'rr.qr')} />
          <p class="hint">{t(lang, 'rr.qr_hint')}</p>
        </div>
      )}
      {live && <p class="hint">{t(lang, 'rr.keep')}</p>}
      {p.volunteerCode && (
        <div class="box">
          <h2>{t(lang, 'rr.volunteer_code')}</h2>
          <p class="code">{p.volunteerCode}</p>
          <p class="hint">{t(lang, 'rr.volunteer_hint')}</p>
          <a class="tap" href={p.link('/v')}>
            {t(lang, 'rr.volunteer_link')}
          </a>
        </div>
      )}
      {live && (
        <div class="row">
          <a class="btn alt" href={`${base}/calendar.ics`} download="activity.ics">
            {t(lang, 'rr.ics')}
          </a>
          <a class="btn alt" href={p.link(`${base}/cancel`)}>
            {t(lang, 'rr.cancel')}
          </a>
        </div>
      )}
      <p>
        <a class="tap" href={p.link(`/a/${ctx.activity.slug}`)}>
          {t(lang, 'reg.back')}
        </a>
      </p>
    </>
  )
}

/** `/r/<token>/cancel`: the confirmation step; the POST carries `confirm=yes`. */
export const CancelConfirm = (p: {
  lang: Lang
  ctx: RegistrationContext
  action: string
  back: string
}) => (
  <>
    <h1>{t(p.lang, 'rr.cancel_title')}</h1>
    <p>{t(p.lang, 'rr.cancel_body')}</p>
    <Details lang={p.lang} ctx={p.ctx} />
    <form method="post" action={p.action}>
      <input type="hidden" name="confirm" value="yes" />
      <button class="wide" type="submit">
        {t(p.lang, 'rr.cancel_confirm')}
      </button>
    </form>
    <a class="btn alt wide" href={p.back}>
      {t(p.lang, 'rr.cancel_keep')}
    </a>
  </>
)

const statusText = (lang: Lang, status: Registration['status']) => t(lang, `rs.${status}`)

/**
 * The admin's sign-in, which comes back to `back` (a check-in page) instead of opening the
 * desktop dashboard (admin/src/lib/next-after-login.ts allows only these pages).
 * @example staffSignInHref('/staff/checkin/2') // '/admin/?next=%2Fstaff%2Fcheckin%2F2'
 */
export const staffSignInHref = (back: string) => `/admin/?next=${encodeURIComponent(back)}`

/**
 * `/c/<code>`: what a scanned check-in QR opens. Staff (signed in, in scope) get the registration
 * and a check-in button; anyone else only a note to show it to staff.
 */
export const CheckinView = (p: {
  lang: Lang
  ctx: RegistrationContext
  staff: boolean
  action: string
  message?: { ok: boolean; text: string }
  listUrl?: string
  /** Where a staff member signs in to come back here. */
  signInUrl: string
}) => {
  const { lang, ctx } = p
  return (
    <>
      <h1>{t(lang, 'ci.title')}</h1>
      {p.message && (
        <p class={p.message.ok ? 'notice' : 'box summary'} role={p.message.ok ? 'status' : 'alert'}>
          {p.message.text}
        </p>
      )}
      <p class="meta">
        {ctx.activity.title} · {sessionName(ctx.session, lang)}
      </p>
      {!p.staff ? (
        <>
          <p>{t(lang, 'ci.show_staff')}</p>
          <p class="hint">{t(lang, 'ci.staff_login')}</p>
          <a class="tap" href={p.signInUrl}>
            {t(lang, 'ci.login')}
          </a>
        </>
      ) : (
        <>
          <div class="box">
            <h2>{ctx.reg.name}</h2>
            <p>
              {maskPhone(ctx.reg.phone)} · {t(lang, 'rr.party_n', { n: ctx.reg.partySize })}
            </p>
            <p>
              <span class="tag">{statusText(lang, ctx.reg.status)}</span>
            </p>
          </div>
          {ctx.reg.status === 'confirmed' && (
            <form method="post" action={p.action}>
              <button class="wide" type="submit">
                {t(lang, 'ci.button')}
              </button>
            </form>
          )}
          {p.listUrl && (
            <a class="tap" href={p.listUrl}>
              {t(lang, 'ci.back')}
            </a>
          )}
        </>
      )}
    </>
  )
}

/** `/v`: the volunteer lookup form (phone + the code from their receipts). */
export const VolunteerForm = (p: {
  lang: Lang
  action: string
  phone?: string
  error?: string
  children?: Child
}) => (
  <>
    <h1>{t(p.lang, 'vol.title')}</h1>
    <p>{t(p.lang, 'vol.intro')}</p>
    {p.children}
    <form method="post" action={p.action}>
      <PhoneField
        lang={p.lang}
        maxLength={20}
        label={t(p.lang, 'vol.phone')}
        value={p.phone}
        error={p.error}
        required
      />
      <TextField
        lang={p.lang}
        name="code"
        label={t(p.lang, 'vol.code')}
        hint={t(p.lang, 'vol.code_hint')}
        maxLength={10}
        required
      />
      <button class="wide" type="submit">
        {t(p.lang, 'vol.submit')}
      </button>
    </form>
  </>
)

/** The volunteer view: total hours, upcoming shifts (with their manage links), past shifts. */
export const VolunteerView = (p: {
  lang: Lang
  name: string
  shifts: RegistrationContext[]
  now: number
  link: (path: string) => string
}) => {
  const { lang, now } = p
  const minutes = p.shifts.reduce(
    (m, s) => (s.reg.status === 'checked_in' ? m + (s.reg.creditedMinutes ?? 0) : m),
    0,
  )
  const done = p.shifts.filter((s) => s.reg.status === 'checked_in')
  const upcoming = p.shifts.filter(
    (s) =>
      (s.reg.status === 'confirmed' || s.reg.status === 'waitlisted') && s.session.endsAt > now,
  )
  return (
    <>
      <h1>{t(lang, 'vol.title')}</h1>
      <p class="meta">{p.name}</p>
      <div class="box">
        <p class="code">{t(lang, 'vol.hours', { h: hoursOf(minutes) })}</p>
        <p>{t(lang, 'vol.shifts_done', { n: done.length })}</p>
      </div>
      <h2>{t(lang, 'vol.upcoming')}</h2>
      {upcoming.length === 0 && <p>{t(lang, 'vol.none')}</p>}
      <ul class="cards">
        {upcoming.map((s) => (
          <li class="box">
            <h3>{s.activity.title}</h3>
            <p class="meta">{sessionName(s.session, lang)}</p>
            <p>
              <span class="tag">{statusText(lang, s.reg.status)}</span>{' '}
              <a class="tap" href={p.link(`/r/${s.reg.token}`)}>
                {t(lang, 'rr.cancel')} / {t(lang, 'rr.qr')}
              </a>
            </p>
          </li>
        ))}
      </ul>
      <h2>{t(lang, 'vol.history')}</h2>
      {done.length === 0 && <p>{t(lang, 'vol.none')}</p>}
      <ul class="cards">
        {done.map((s) => (
          <li class="box">
            <h3>{s.activity.title}</h3>
            <p class="meta">
              {sessionName(s.session, lang)} ·{' '}
              {t(lang, 'vol.hours_n', { h: hoursOf(s.reg.creditedMinutes) })}
            </p>
          </li>
        ))}
      </ul>
    </>
  )
}
