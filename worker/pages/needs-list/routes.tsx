// `/h/<town>`: the town's public 需求清单 — adopted projects and their open tasks still looking
// for help, by neighborhood, with their categories and what they need; a GET form filters by
// neighborhood and category, pages hold 20 projects. No JavaScript, one D1 batch, well under the
// 14 KB page budget. Public facts only: accepted 达人 are named masked, no staff, no residents.
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { type NeedProject, type NeedsPage, needsPage } from '../../db/queries/partners/needs-list'
import { NO_DATE, showableDate } from '../../domain/dates'
import { publicClaimantLines } from '../../domain/partners/claim-workflow'
import { OFFER_KIND_LABEL, type OfferKind, PROJECT_STATUS_LABEL } from '../../domain/vocabulary'
import { type PageContext, withLang } from '../common'
import { notFound } from '../errors'
import { bracketed, colon, type Lang, langOf, nameIn, t } from '../i18n'
import { renderPage } from '../layout'

/** Projects per page. */
export const NEEDS_PAGE_SIZE = 20
/** Open tasks shown per project; the rest are counted. */
export const NEEDS_TASKS_SHOWN = 5
const MAX_PAGE = 500

/**
 * `YYYY-MM-DD` in Shanghai (UTC+8, no DST) by arithmetic: the page shows a hundred dates, and
 * i18n's formatDate makes an Intl.DateTimeFormat per date, which cost more than the rest of the
 * page (the bench: 0.41 of the floor with it). A time no Date can show reads — (domain/dates).
 */
const formatDate = (ms: number, _lang: Lang) => {
  const date = showableDate(ms)
  const local = date && new Date(date.getTime() + 8 * 3_600_000)
  const day = local && !Number.isNaN(local.getTime()) ? local.toISOString().slice(0, 10) : ''
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : NO_DATE
}

const kindsText = (kinds: OfferKind[], lang: Lang) =>
  kinds.map((k) => OFFER_KIND_LABEL[k][lang]).join(t(lang, 'common.list_sep'))

const Need = ({ lang, kinds, note }: { lang: Lang; kinds: OfferKind[]; note: string }) =>
  kinds.length || note ? (
    <p>
      <strong>{t(lang, 'needslist.needs')}</strong>
      {colon(lang)}
      {kindsText(kinds, lang)}
      {kinds.length && note ? t(lang, 'common.stop') : ''}
      {note}
    </p>
  ) : null

const Card = ({
  lang,
  p,
  categoryNames,
}: {
  lang: Lang
  p: NeedProject
  categoryNames: Map<number, string>
}) => {
  const categories = p.categoryIds.flatMap((id) => categoryNames.get(id) ?? [])
  const shown = p.tasks.slice(0, NEEDS_TASKS_SHOWN)
  return (
    <li class="box">
      <h3>{p.title}</h3>
      <p class="meta">
        {[
          ...categories,
          PROJECT_STATUS_LABEL[p.status][lang],
          ...(p.deadlineAt === null
            ? []
            : [t(lang, 'needslist.deadline', { day: formatDate(p.deadlineAt, lang) })]),
        ].join(' · ')}
      </p>
      {p.looking && <p class="tag">{t(lang, 'needslist.whole_project')}</p>}
      <Need lang={lang} kinds={p.kinds} note={p.note} />
      {publicClaimantLines(p.claimants, lang).map((line) => (
        <p class="meta">{line}</p>
      ))}
      {shown.length > 0 && (
        <>
          <p>
            <strong>{t(lang, 'needslist.tasks')}</strong>
          </p>
          <ul>
            {shown.map((task) => (
              <li>
                {task.title}
                {task.dueAt !== null && (
                  <span class="meta">
                    {bracketed(
                      lang,
                      t(lang, 'needslist.due', { day: formatDate(task.dueAt, lang) }),
                    )}
                  </span>
                )}
                {(task.kinds.length > 0 || task.note) && (
                  <span class="meta">
                    {' '}
                    {t(lang, 'needslist.needs')}
                    {colon(lang)}
                    {kindsText(task.kinds, lang)}
                    {task.kinds.length && task.note ? ' · ' : ''}
                    {task.note}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {p.tasks.length > shown.length && (
            <p class="meta">
              {t(lang, 'needslist.more_tasks', { n: p.tasks.length - shown.length })}
            </p>
          )}
        </>
      )}
    </li>
  )
}

type Query = { n: string; c: string; page: number }

const href = (c: PageContext, townId: number, q: Query) => {
  const params = new URLSearchParams()
  if (q.n) params.set('n', q.n)
  if (q.c) params.set('c', q.c)
  if (q.page > 1) params.set('p', String(q.page))
  const search = params.toString()
  return withLang(c, `/h/${townId}${search ? `?${search}` : ''}`)
}

const NeedsListPage = ({
  c,
  lang,
  data,
  q,
}: {
  c: PageContext
  lang: Lang
  data: NeedsPage
  q: Query
}) => {
  const categoryNames = new Map(data.categories.map((x) => [x.id, nameIn(lang, x.name, x.nameEn)]))
  const groups = new Map<string, NeedProject[]>()
  for (const p of data.projects)
    groups.set(p.neighborhoodSlug, [...(groups.get(p.neighborhoodSlug) ?? []), p])
  const asked = c.req.query('lang')
  return (
    <>
      <h1>{t(lang, 'needslist.title', { town: data.town.name })}</h1>
      <p>{t(lang, 'needslist.intro')}</p>
      <form method="get" action={`/h/${data.town.id}`} class="box">
        {(asked === 'en' || asked === 'zh') && <input type="hidden" name="lang" value={asked} />}
        <label for="f-n">{t(lang, 'needslist.neighborhood')}</label>
        <select id="f-n" name="n">
          <option value="">{t(lang, 'needslist.all')}</option>
          {data.neighborhoods.map((n) => (
            <option value={n.slug} selected={n.slug === q.n}>
              {n.name}
            </option>
          ))}
        </select>
        <label for="f-c">{t(lang, 'needslist.category')}</label>
        <select id="f-c" name="c">
          <option value="">{t(lang, 'needslist.all')}</option>
          {data.categories.map((x) => (
            <option value={String(x.id)} selected={String(x.id) === q.c}>
              {nameIn(lang, x.name, x.nameEn)}
            </option>
          ))}
        </select>
        <button type="submit" class="wide">
          {t(lang, 'needslist.filter')}
        </button>
      </form>
      {data.projects.length === 0 && (
        <p>{t(lang, q.n || q.c ? 'needslist.none_filtered' : 'needslist.none')}</p>
      )}
      {[...groups.values()].map((projects) => (
        <section aria-labelledby={`n-${projects[0].neighborhoodSlug}`}>
          <h2 id={`n-${projects[0].neighborhoodSlug}`}>{projects[0].neighborhoodName}</h2>
          <ul class="cards">
            {projects.map((p) => (
              <Card lang={lang} p={p} categoryNames={categoryNames} />
            ))}
          </ul>
          <p>
            <a class="tap" href={withLang(c, `/b/${projects[0].neighborhoodSlug}`)}>
              {t(lang, 'needslist.board')}
            </a>
          </p>
        </section>
      ))}
      {(q.page > 1 || data.more) && (
        <nav class="row" aria-label={t(lang, 'needslist.page', { n: q.page })}>
          {q.page > 1 && (
            <a class="tap" href={href(c, data.town.id, { ...q, page: q.page - 1 })}>
              {t(lang, 'needslist.prev')}
            </a>
          )}
          <span>{t(lang, 'needslist.page', { n: q.page })}</span>
          {data.more && (
            <a class="tap" href={href(c, data.town.id, { ...q, page: q.page + 1 })}>
              {t(lang, 'needslist.next')}
            </a>
          )}
        </nav>
      )}
    </>
  )
}

const positive = (value: string | undefined) => {
  const n = Number(value)
  return Number.isSafeInteger(n) && n > 0 ? n : undefined
}

export const needsListPages = new Hono<AppEnv>().get('/h/:town', async (c) => {
  const lang = langOf(c)
  const townId = positive(c.req.param('town'))
  const slug = c.req.query('n') ?? ''
  const categoryId = positive(c.req.query('c'))
  const page = Math.min(positive(c.req.query('p')) ?? 1, MAX_PAGE)
  const data =
    townId === undefined
      ? null
      : await needsPage(
          c.var.db,
          townId,
          { neighborhood: slug || undefined, categoryId },
          (page - 1) * NEEDS_PAGE_SIZE,
          NEEDS_PAGE_SIZE,
        )
  if (!data)
    return notFound({ title: 'needslist.not_found_title', body: 'needslist.not_found_body' })
  const q = { n: slug, c: categoryId ? String(categoryId) : '', page }
  return renderPage(
    c,
    { lang, title: t(lang, 'needslist.title', { town: data.town.name }) },
    <NeedsListPage c={c} lang={lang} data={data} q={q} />,
  )
})
