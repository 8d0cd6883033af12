// The activity with its sessions (/a/<id-or-slug>) and a session's registration form.
import { NotifyOptIn } from '../notify/opt-in'
import { ChildFieldsBlock, type ChildValues } from '../privacy-children'
import { registrationWindow } from '../../domain/capacity'
import type { Field } from '../../domain/forms'
import { FormFields, type FieldValues } from '../forms/fields'
import { formatDate, t, type Lang } from '../i18n'
import { ErrorSummary, PhoneField, Select, TextField } from '../layout'
import { QUESTION_PREFIX, sessionName, type Activity, type Session } from './views'

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
