// The staff check-in page for phones: /staff/checkin/<sessionId>. Signed-in staff in scope find
// a registration by the last four phone digits or the name and check it in with one tap; after
// the session ends, the rest can be marked no-show in bulk. Scanning a registration's QR opens
// /c/<code> (routes.tsx), which links back here. Server-rendered, no JavaScript.
import { Hono, type Context } from 'hono'
import { and, asc, eq, gt, lt } from 'drizzle-orm'
import type { AppEnv } from '../../env'
import { activities, activitySessions } from '../../db/schema'
import type { RegistrationStatus } from '../../domain/vocabulary'
import {
  checkinList,
  registrationInSession,
  sessionWithCounts,
} from '../../db/queries/activities/read'
import { checkIn, markNoShows } from '../../db/queries/activities/check-in'
import { checkInRefusal } from '../../domain/capacity'
import { maskedFields, maskName, maskPhone } from '../../domain/masking'
import { signedInUser, type CurrentUser } from '../../lib/auth'
import { inScope, scopeWhere } from '../../lib/scope'
import { withLang } from '../common'
import { notFound } from '../errors'
import { colon, langOf, t, type Lang } from '../i18n'
import { LangField, messagePage, renderPage } from '../layout'
import { staffSignInHref, timeRange } from './views'

type C = Context<AppEnv>

type SessionRow = NonNullable<Awaited<ReturnType<typeof sessionWithCounts>>>

/** The 401 page: sign in to the admin, which comes back to `back` (a GET page of these). */
const signInFirst = (c: C, back: string) => {
  const lang = langOf(c)
  return messagePage(c, {
    lang,
    status: 401,
    title: t(lang, 'sc.login_title'),
    body: t(lang, 'sc.login_body'),
    extra: (
      <a class="btn" href={staffSignInHref(withLang(c, back))}>
        {t(lang, 'ci.login')}
      </a>
    ),
  })
}

/** The staff member and the session in their scope, or the sign-in page; else not found. */
const guard = async (c: C): Promise<{ user: CurrentUser; row: SessionRow } | Response> => {
  const id = Number(c.req.param('sid'))
  const valid = Number.isSafeInteger(id) && id > 0
  const user = await signedInUser(c)
  if (!user) return signInFirst(c, valid ? `/staff/checkin/${id}` : '/staff/checkin')
  const row = valid ? await sessionWithCounts(c.var.db, id) : undefined
  if (!row || !inScope(user, row.a.neighborhoodId)) return notFound()
  return { user, row }
}

type Item = Awaited<ReturnType<typeof checkinList>>[number]

const CheckinList = (p: {
  c: C
  lang: Lang
  row: SessionRow
  items: Item[]
  q: string
  canWrite: boolean
  /** Names as the API shows them to this role (viewers: 王*). */
  maskNames: boolean
  message?: { ok: boolean; text: string }
  base: string
  link: (path: string) => string
  now: number
}) => {
  const { lang, row, items } = p
  const s = row.s
  const ended = s.endsAt <= p.now
  const status = (st: RegistrationStatus) => t(lang, `rs.${st}`)
  return (
    <>
      <h1>{t(lang, 'sc.title')}</h1>
      <p class="meta">
        {row.a.title} · {s.label ? `${s.label} · ` : ''}
        {timeRange(s, lang)}
      </p>
      <p class="notice" role="status">
        {t(lang, 'sc.counts', {
          checked: Number(row.checkedInCount),
          waiting: Number(row.confirmedCount),
          taken: Number(row.seatsTaken),
          cap: s.capacity,
        })}
      </p>
      {p.message && (
        <p class={p.message.ok ? 'notice' : 'box summary'} role={p.message.ok ? 'status' : 'alert'}>
          {p.message.text}
        </p>
      )}
      <p class="hint">{t(lang, 'sc.scan')}</p>
      <form method="get" action={p.base}>
        <label for="f-q">{t(lang, 'sc.search')}</label>
        <div class="row">
          <input
            id="f-q"
            name="q"
            value={p.q}
            inputmode="search"
            autocomplete="off"
            maxlength={30}
          />
          <button type="submit">{t(lang, 'sc.search_button')}</button>
        </div>
        <LangField c={p.c} />
      </form>
      <h2>{t(lang, 'sc.list')}</h2>
      {items.length === 0 && <p>{t(lang, 'sc.none')}</p>}
      <ul class="cards">
        {items.map(({ reg }) => (
          <li class="box">
            <h3>
              {p.maskNames ? maskName(reg.name) : reg.name}{' '}
              <span class="tag">{status(reg.status)}</span>
            </h3>
            <p class="meta">
              {maskPhone(reg.phone)} · {t(lang, 'rr.party_n', { n: reg.partySize })} · #{reg.seq}
            </p>
            {p.canWrite && reg.status === 'confirmed' && (
              <form
                method="post"
                action={p.link(
                  `${p.base}/r/${reg.id}${p.q ? `?q=${encodeURIComponent(p.q)}` : ''}`,
                )}
              >
                <button
                  class="wide"
                  type="submit"
                  aria-label={`${t(lang, 'ci.button')} ${reg.name}`}
                >
                  {t(lang, 'ci.button')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {p.canWrite && ended && Number(row.confirmedCount) > 0 && (
        <form method="post" action={p.link(`${p.base}/no-show`)}>
          <p class="hint">{t(lang, 'sc.no_show_hint')}</p>
          <button class="wide alt" type="submit">
            {t(lang, 'sc.no_show')}
          </button>
        </form>
      )}
    </>
  )
}

const page = async (
  c: C,
  user: CurrentUser,
  row: SessionRow,
  message?: { ok: boolean; text: string },
  status: 200 | 409 = 200,
) => {
  const lang = langOf(c)
  const q = (c.req.query('q') ?? '').slice(0, 30)
  const masked = maskedFields(user.role, 'registrations')
  const items = await checkinList(c.var.db, row.s.id, q, {
    phone: !masked.includes('phone'),
    name: !masked.includes('name'),
  })
  return renderPage(
    c,
    { lang, title: t(lang, 'sc.title'), status },
    <CheckinList
      c={c}
      lang={lang}
      row={row}
      items={items}
      q={q}
      canWrite={user.role !== 'viewer'}
      maskNames={masked.includes('name')}
      message={message}
      base={`/staff/checkin/${row.s.id}`}
      link={(path) => withLang(c, path)}
      now={Date.now()}
    />,
  )
}

export const staffCheckinPages = new Hono<AppEnv>()

// The staff's way in on a phone: the sessions in scope under way or starting within 7 days.
staffCheckinPages.get('/staff/checkin', async (c) => {
  const user = await signedInUser(c)
  if (!user) return signInFirst(c, '/staff/checkin')
  const lang = langOf(c)
  const now = Date.now()
  const rows = await c.var.db
    .select({ s: activitySessions, title: activities.title })
    .from(activitySessions)
    .innerJoin(activities, eq(activities.id, activitySessions.activityId))
    .where(
      and(
        scopeWhere(user, activities.neighborhoodId),
        gt(activitySessions.endsAt, now - 12 * 3600_000),
        lt(activitySessions.startsAt, now + 7 * 86400_000),
        eq(activities.status, 'published'),
      ),
    )
    .orderBy(asc(activitySessions.startsAt))
    .limit(50)
  return renderPage(
    c,
    { lang, title: t(lang, 'sc.title') },
    <>
      <h1>{t(lang, 'sc.sessions')}</h1>
      <p class="hint">{t(lang, 'sc.sessions_hint')}</p>
      {rows.length === 0 && <p>{t(lang, 'sc.no_sessions')}</p>}
      <ul class="cards">
        {rows.map(({ s, title }) => (
          <li class="box">
            <a class="tap" href={withLang(c, `/staff/checkin/${s.id}`)}>
              {title} · {s.label ? `${s.label} · ` : ''}
              {timeRange(s, lang)}
            </a>
          </li>
        ))}
      </ul>
    </>,
  )
})

staffCheckinPages.get('/staff/checkin/:sid', async (c) => {
  const g = await guard(c)
  if (g instanceof Response) return g
  const lang = langOf(c)
  const done = Number(c.req.query('done'))
  const noShow = c.req.query('noshow')
  let message: { ok: boolean; text: string } | undefined
  if (done) {
    const item = await registrationInSession(c.var.db, g.row.s.id, done)
    if (item)
      message = {
        ok: true,
        text: t(lang, 'ci.done', { name: item.reg.name, n: item.reg.partySize }),
      }
  } else if (noShow !== undefined)
    message = { ok: true, text: t(lang, 'sc.no_show_done', { n: Number(noShow) || 0 }) }
  return page(c, g.user, g.row, message)
})

staffCheckinPages.post('/staff/checkin/:sid/r/:rid', async (c) => {
  const g = await guard(c)
  if (g instanceof Response) return g
  const lang = langOf(c)
  const rid = Number(c.req.param('rid'))
  const item = Number.isSafeInteger(rid)
    ? await registrationInSession(c.var.db, g.row.s.id, rid)
    : undefined
  if (!item || g.user.role === 'viewer') return notFound()
  const refusal = checkInRefusal(item.reg.status, lang)
  if (refusal)
    return page(
      c,
      g.user,
      g.row,
      {
        ok: false,
        text: t(lang, 'ci.refused', { reason: `${item.reg.name}${colon(lang)}${refusal}` }),
      },
      409,
    )
  if (!(await checkIn(c.var.db, g.user, item.reg)))
    return page(
      c,
      g.user,
      (await sessionWithCounts(c.var.db, g.row.s.id))!,
      { ok: false, text: t(lang, 'ci.refused', { reason: item.reg.name }) },
      409,
    )
  const q = c.req.query('q')
  return c.redirect(
    withLang(
      c,
      `/staff/checkin/${g.row.s.id}?done=${rid}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
    ),
    303,
  )
})

staffCheckinPages.post('/staff/checkin/:sid/no-show', async (c) => {
  const g = await guard(c)
  if (g instanceof Response) return g
  const lang = langOf(c)
  const now = Date.now()
  if (g.user.role === 'viewer' || g.row.s.endsAt > now)
    return page(c, g.user, g.row, { ok: false, text: t(lang, 'sc.no_show_hint') }, 409)
  const marked = await markNoShows(c.var.db, g.user, g.row.s.id, now)
  return c.redirect(withLang(c, `/staff/checkin/${g.row.s.id}?noshow=${marked.length}`), 303)
})
