// `/t/<code>`: what became of a topic, for whoever holds its 查询码 (the submitter's own code or
// that of a resident who seconded it). Public data only: no names, phones, staff or internal notes.
import { Hono } from 'hono'
import { parseClaimants } from '../db/queries/partners/public'
import { publicClaimantLines } from '../domain/partners/claim-workflow'
import type { AppEnv } from '../env'
import { normalizeTrackingCode, TRACKING_CODE } from '../domain/tracking-code'
import { noteAfterStatus } from '../domain/topic-workflow'
import {
  trackingLookup,
  type PublicEvent,
  type PublicProject,
  type TrackingView,
} from '../db/queries/resident/tracking'
import { colon, formatDate, langOf, nameIn, t, type Lang, type MessageKey } from './i18n'
import { LangField, renderPage, TextField } from './layout'
import { notFound, tooManyPage } from './errors'
import { batchHit, isOverdue, waitAfter, withLang, type PageContext } from './common'

const statusWords = (lang: Lang, status: string | null) =>
  status ? t(lang, `status.${status}` as MessageKey) : ''

/**
 * Why a blocked or late project is late, in the committee's latest public update; said plainly
 * when there is none yet. Nothing for a project on time.
 */
export const DelayReason = ({
  lang,
  project,
  latest,
}: {
  lang: Lang
  project: { status: string; deadlineAt: number | null }
  latest?: { at: number; body: string } | null
}) =>
  project.status === 'blocked' || isOverdue(project) ? (
    <p class="notice">
      {latest
        ? t(lang, 'project.latest', { date: formatDate(latest.at, lang), text: latest.body })
        : t(lang, 'project.no_reason')}
    </p>
  ) : null

/** A project's public progress: owning body, deadline, checklist, public updates. */
export const ProjectBlock = ({
  lang,
  project,
  heading = `${t(lang, 'track.project')}${colon(lang)}${project.title}`,
}: {
  lang: Lang
  project: PublicProject
  /** The block's heading; on the project's own page, the page's h1 names it already. */
  heading?: string
}) => {
  const overdue = isOverdue(project)
  return (
    <section class="box" aria-labelledby="project">
      <h2 id="project">{heading}</h2>
      <p>
        <span class="tag">{t(lang, `pstatus.${project.status}` as MessageKey)}</span>{' '}
        {overdue && <span class="tag late">{t(lang, 'track.overdue')}</span>}
      </p>
      <DelayReason lang={lang} project={project} latest={project.updates[0]} />
      {project.owningBody && (
        <p class="meta">
          {t(lang, 'track.owner')}
          {colon(lang)}
          {project.owningBody}
        </p>
      )}
      {publicClaimantLines(parseClaimants(project.claimants), lang).map((line) => (
        <p class="meta">{line}</p>
      ))}
      {project.deadlineAt !== null && (
        <p class="meta">
          {t(lang, 'track.deadline')}
          {colon(lang)}
          {formatDate(project.deadlineAt, lang)}
        </p>
      )}
      {project.checklistTotal > 0 && (
        <>
          <p>
            {t(lang, 'track.progress', {
              done: project.checklistDone,
              total: project.checklistTotal,
            })}
          </p>
          <progress
            value={project.checklistDone}
            max={project.checklistTotal}
            aria-label={t(lang, 'track.progress', {
              done: project.checklistDone,
              total: project.checklistTotal,
            })}
          />
          <h3>{t(lang, 'track.checklist')}</h3>
          <ul>
            {project.checklist.map((i) => (
              <li>
                {i.done ? '✓ ' : '○ '}
                {i.title}
              </li>
            ))}
          </ul>
        </>
      )}
      {project.updates.length > 0 && (
        <>
          <h3>{t(lang, 'track.updates')}</h3>
          <ol class="log">
            {project.updates.map((u) => (
              <li>
                <span class="meta">{formatDate(u.at, lang)}</span> {u.body}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

/** A timeline line: the status reached (or 说明) and its public note, never the word twice. */
const EventWords = ({ lang, event: e }: { lang: Lang; event: PublicEvent }) => {
  const word = e.toStatus ? statusWords(lang, e.toStatus) : t(lang, 'event.note')
  const note = noteAfterStatus(word, e.publicNote)
  return (
    <>
      {word}
      {note && colon(lang)}
      {note}
    </>
  )
}

const TrackingPage = ({
  c,
  lang,
  code,
  view,
}: {
  c: PageContext
  lang: Lang
  code: string
  view: TrackingView
}) => {
  const { topic, mergedInto, project } = view
  return (
    <>
      <h1>{t(lang, 'track.title')}</h1>
      <p class="meta">{t(lang, 'track.code', { code })}</p>
      <section class="box" aria-labelledby="topic">
        <h2 id="topic">{topic.title}</h2>
        <p class="meta">
          {nameIn(lang, topic.categoryName, topic.categoryNameEn) ?? ''}
          {topic.categoryName ? ' · ' : ''}
          {formatDate(topic.createdAt, lang)}
          {' · '}
          {t(lang, 'board.supporters', { n: topic.supportCount })}
        </p>
        {view.via === 'topic' && topic.description && <p>{topic.description}</p>}
        {view.via === 'topic' && topic.location && <p class="meta">{topic.location}</p>}
        {view.via === 'support' && <p class="meta">{t(lang, 'track.supporting')}</p>}
        <p>
          {t(lang, 'track.status')}
          {colon(lang)}
          <strong>{statusWords(lang, topic.status)}</strong>
        </p>
        {topic.status === 'referred' && topic.referredTo && (
          <p>{t(lang, 'track.referred_to', { to: topic.referredTo })}</p>
        )}
        {topic.publicReply && (
          <p class="notice">
            {t(lang, 'track.reply')}
            {colon(lang)}
            {topic.publicReply}
          </p>
        )}
      </section>
      {mergedInto && (
        <section class="box" aria-labelledby="merged">
          <h2 id="merged">{t(lang, 'track.merged')}</h2>
          <p>
            <strong>{mergedInto.title}</strong>
          </p>
          <p>
            {t(lang, 'track.status')}
            {colon(lang)}
            {statusWords(lang, mergedInto.status)}
          </p>
          {mergedInto.publicReply && (
            <p class="notice">
              {t(lang, 'track.reply')}
              {colon(lang)}
              {mergedInto.publicReply}
            </p>
          )}
        </section>
      )}
      {project && <ProjectBlock lang={lang} project={project} />}
      {project?.status === 'done' &&
        (view.evaluated ? (
          <p class="notice">{t(lang, 'track.evaluated')}</p>
        ) : !view.voice ? (
          <p class="notice">{t(lang, 'eval.no_voice')}</p>
        ) : (
          <p>
            <a class="btn wide" href={withLang(c, `/t/${code}/evaluate`)}>
              {t(lang, 'track.evaluate')}
            </a>
          </p>
        ))}
      {view.events.length > 0 && (
        <section aria-labelledby="timeline">
          <h2 id="timeline">{t(lang, 'track.timeline')}</h2>
          <ol class="log">
            {view.events.map((e) => (
              <li>
                <span class="meta">{formatDate(e.at, lang, true)}</span>{' '}
                <EventWords lang={lang} event={e} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {(view.moreEvents || project?.moreUpdates) && (
        <p>
          <a class="tap" href={withLang(c, `/t/${code}?all=1`)}>
            {t(lang, 'track.show_all')}
          </a>
        </p>
      )}
      <p>
        <a class="tap" href={withLang(c, `/b/${topic.neighborhoodSlug}`)}>
          {t(lang, 'receipt.board')}
        </a>
      </p>
    </>
  )
}

/** The "type your code" form, on `/t` and on the 404 page. */
const LookupForm = ({
  c,
  lang,
  value = '',
  error,
}: {
  c: PageContext
  lang: Lang
  value?: string
  error?: string
}) => (
  <form method="get" action="/t">
    <LangField c={c} />
    <TextField
      lang={lang}
      name="code"
      label={t(lang, 'track.lookup_field')}
      hint={t(lang, 'track.lookup_hint')}
      value={value}
      error={error}
      autocomplete="off"
      required
    />
    <button type="submit" class="wide">
      {t(lang, 'track.lookup_submit')}
    </button>
  </form>
)

/** The 404 of an unknown 查询码, with the lookup form to try again. */
export const unknownCode = (c: PageContext, lang: Lang, typed: string) =>
  notFound({ extra: <LookupForm c={c} lang={lang} value={typed} /> })

export const track = new Hono<AppEnv>()

track.get('/t', (c) => {
  const lang = langOf(c)
  const typed = c.req.query('code')
  if (typed)
    return c.redirect(withLang(c, `/t/${encodeURIComponent(normalizeTrackingCode(typed))}`), 303)
  return renderPage(
    c,
    { lang, title: t(lang, 'track.lookup') },
    <>
      <h1>{t(lang, 'track.lookup')}</h1>
      <LookupForm c={c} lang={lang} />
    </>,
  )
})

track.get('/t/:code', async (c) => {
  const lang = langOf(c)
  const code = normalizeTrackingCode(c.req.param('code'))
  const all = c.req.query('all') === '1'
  // Counted and looked up in one batch; over the limit, the lookup's answer is thrown away. A
  // text that cannot be a code costs no lookup and is not counted.
  const { view, hits } = TRACKING_CODE.test(code)
    ? await trackingLookup(c.var.db, code, { all, hit: batchHit(c, 'track') })
    : { view: null, hits: 0 }
  const wait = waitAfter('track', hits)
  if (wait) return tooManyPage(c, lang, wait)
  if (!view) return unknownCode(c, lang, c.req.param('code'))
  return renderPage(
    c,
    { lang, title: t(lang, 'track.title') },
    <TrackingPage c={c} lang={lang} code={code} view={view} />,
  )
})
