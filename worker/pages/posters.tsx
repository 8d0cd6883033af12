// 批量打印: every active QR point of a neighborhood as its poster, one A4 page each, at
// /staff/posters/<neighborhoodId>, for signed-in staff of that neighborhood (the single poster
// of a point stays at /q/<code>/poster, needs.tsx). Each carries the committee's name and phone.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../env'
import { posterPointsOf } from '../db/queries/posters'
import { naturalCompare } from '../domain/collation'
import { signedInUser } from '../lib/auth'
import { inScope } from '../lib/scope'
import { originOf } from './common'
import { notFound } from './errors'
import { langOf, t, type Lang } from './i18n'
import { messagePage } from './layout'
import { contactOf, type PosterProps, renderPosters } from './poster'

/**
 * The poster of a QR point: the call to residents, the point, its address, how to file, and whom
 * to call instead.
 * @example renderPoster(c, qrPointPoster(lang, { label, neighborhood, contactPhone }, url))
 */
export const qrPointPoster = (
  lang: Lang,
  point: { label: string; neighborhood: string; contactPhone: string },
  url: string,
): PosterProps => ({
  lang,
  title: `${point.neighborhood} · ${point.label}`,
  heading: t(lang, 'poster.heading'),
  lines: [`${point.neighborhood} · ${point.label}`],
  url,
  steps: [t(lang, 'poster.step1'), t(lang, 'poster.step2'), t(lang, 'poster.step3')],
  foot: t(lang, 'poster.footer'),
  contact: contactOf(lang, point.neighborhood, point.contactPhone),
})

const signInFirst = (c: Context<AppEnv>, lang: Lang) =>
  messagePage(c, {
    lang,
    status: 401,
    title: t(lang, 'sc.login_title'),
    body: t(lang, 'poster.login_body'),
    extra: (
      <a class="btn" href="/admin/">
        {t(lang, 'ci.login')}
      </a>
    ),
  })

export const posterPages = new Hono<AppEnv>()

posterPages.get('/staff/posters/:neighborhoodId', async (c) => {
  const lang = langOf(c)
  const user = await signedInUser(c)
  if (!user) return signInFirst(c, lang)
  const id = Number(c.req.param('neighborhoodId'))
  if (!Number.isSafeInteger(id) || id <= 0 || !inScope(user, id)) return notFound()
  const found = await posterPointsOf(c.var.db, id)
  if (!found) return notFound()
  const origin = originOf(c)
  const points = [...found.points].sort((a, b) => naturalCompare(a.label, b.label))
  return renderPosters(
    c,
    {
      lang,
      title: t(lang, 'poster.batch_title', { name: found.name }),
      note: points.length
        ? t(lang, 'poster.batch_print', { n: points.length })
        : t(lang, 'poster.batch_empty'),
    },
    points.map((p) =>
      qrPointPoster(
        lang,
        { label: p.label, neighborhood: found.name, contactPhone: found.contactPhone },
        `${origin}/q/${p.code}`,
      ),
    ),
  )
})
