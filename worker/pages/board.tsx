// `/b/<neighborhood>`: the public board. Projects with progress, deadline, owning body and
// satisfaction (how many ratings, and from where); open topics with their 附议 counts and a
// "我也需要" button. A tick counts once per browser (a random client-id cookie) and topic, and once
// per client address and topic within a window (domain/voice.ts); it is rate limited per client
// address, and gives the resident a 查询码 of their own to follow the topic (rating needs a
// filer's code or a verified phone).
import { Hono } from 'hono'
import { parseClaimants } from '../db/queries/partners/public'
import { publicClaimantLines } from '../domain/partners/claim-workflow'
import type { AppEnv } from '../env'
import { IDEMPOTENCY_KEY } from '../lib/idempotency'
import { SATISFACTION_DEFINITION, showSatisfaction, summarize } from '../domain/evaluation'
import { boardData, type BoardProject, type BoardTopic } from '../db/queries/resident/board'
import { supportContext, supportTopic } from '../db/queries/resident/supports'
import { colon, formatDate, langOf, nameIn, t, type Lang, type MessageKey } from './i18n'
import { renderPage } from './layout'
import { notFound, tooManyPage } from './errors'
import { Receipt } from './receipt'
import { DelayReason } from './track'
import { BoardMeetingsSection } from './meetings/board'
import { SupportPhoneForm } from './me/routes'
import {
  addressKeyOf,
  clientId,
  ensureClientId,
  isOverdue,
  newFormKey,
  batchHit,
  waitAfter,
  readForm,
  withLang,
  type PageContext,
} from './common'

const ProjectCard = ({ lang, p, href }: { lang: Lang; p: BoardProject; href: string }) => {
  const s = summarize({
    count: p.evaluationCount,
    satisfactionSum: p.satisfactionSum,
    solved: p.solved,
    satisfied: p.satisfied,
  })
  const progress = t(lang, 'track.progress', { done: p.checklistDone, total: p.checklistTotal })
  return (
    <li class="box">
      <h3>
        <a href={href}>{p.title}</a>
      </h3>
      <p>
        <span class="tag">{t(lang, `pstatus.${p.status}` as MessageKey)}</span>{' '}
        {isOverdue(p) && <span class="tag late">{t(lang, 'track.overdue')}</span>}
      </p>
      <DelayReason
        lang={lang}
        project={p}
        latest={
          p.latestUpdate !== null && p.latestUpdateAt !== null
            ? { at: p.latestUpdateAt, body: p.latestUpdate }
            : null
        }
      />
      {p.owningBody && (
        <p class="meta">
          {t(lang, 'track.owner')}
          {colon(lang)}
          {p.owningBody}
        </p>
      )}
      {publicClaimantLines(parseClaimants(p.claimants), lang).map((line) => (
        <p class="meta">{line}</p>
      ))}
      {p.status === 'done' && p.doneAt !== null ? (
        <p class="meta">
          {t(lang, 'pstatus.done')}
          {colon(lang)}
          {formatDate(p.doneAt, lang)}
        </p>
      ) : (
        p.deadlineAt !== null && (
          <p class="meta">
            {t(lang, 'track.deadline')}
            {colon(lang)}
            {formatDate(p.deadlineAt, lang)}
          </p>
        )
      )}
      {p.checklistTotal > 0 && (
        <>
          <p class="meta">{progress}</p>
          <progress
            value={p.checklistDone}
            max={p.checklistTotal}
            aria-label={`${p.title} ${progress}`}
          />
        </>
      )}
      {p.status === 'done' && (
        <p>
          {s.count > 0
            ? t(lang, 'board.satisfaction', {
                pct: showSatisfaction(s.satisfactionRate),
                n: s.count,
              })
            : t(lang, 'board.no_evaluations')}
        </p>
      )}
      {p.status === 'done' && s.count > 0 && <p class="meta">{SATISFACTION_DEFINITION[lang]}</p>}
      {p.status === 'done' && s.count > 0 && (
        <p class="meta">
          {t(lang, 'board.rating_sources', {
            code: p.fromCode,
            verified: p.fromVerified,
            paper: p.fromPaper,
          })}
        </p>
      )}
    </li>
  )
}

const TopicCard = ({
  lang,
  topic,
  supported,
  action,
  idemKey,
}: {
  lang: Lang
  topic: BoardTopic
  supported: boolean
  action: string
  idemKey: string
}) => (
  <li class="box">
    <h3>{topic.title}</h3>
    <p class="meta">
      {nameIn(lang, topic.categoryName, topic.categoryNameEn) ?? ''}
      {topic.categoryName ? ' · ' : ''}
      {formatDate(topic.createdAt, lang)} · {t(lang, `status.${topic.status}` as MessageKey)}
    </p>
    <form method="post" action={action} class="row">
      <input type="hidden" name="key" value={idemKey} />
      <input type="hidden" name="topicId" value={String(topic.id)} />
      <button
        type="submit"
        class={supported ? 'alt' : undefined}
        aria-label={`${t(lang, supported ? 'board.supported' : 'board.support')}${colon(lang)}${topic.title}`}
      >
        {t(lang, supported ? 'board.supported' : 'board.support')}
      </button>
      <span>{t(lang, 'board.supporters', { n: topic.supportCount })}</span>
    </form>
  </li>
)

type Board = NonNullable<Awaited<ReturnType<typeof boardData>>>

const BoardPage = ({ c, lang, data }: { c: PageContext; lang: Lang; data: Board }) => {
  const n = data.neighborhood
  const action = withLang(c, `/b/${n.slug}/support`)
  const idemKey = newFormKey()
  return (
    <>
      <h1>{t(lang, 'board.title', { neighborhood: n.name })}</h1>
      <p>{t(lang, 'board.intro')}</p>
      <p>
        <a class="btn wide" href={withLang(c, `/n/${n.slug}/new`)}>
          {t(lang, 'board.new')}
        </a>
      </p>
      <h2>{t(lang, 'board.projects')}</h2>
      {data.active.length + data.done.length === 0 && <p>{t(lang, 'board.no_projects')}</p>}
      <ul class="cards">
        {data.active.map((p) => (
          <ProjectCard lang={lang} p={p} href={withLang(c, `/b/${n.slug}/p/${p.id}`)} />
        ))}
      </ul>
      {data.done.length > 0 && (
        <>
          <h2>{t(lang, 'board.done_count', { n: data.doneCount })}</h2>
          <ul class="cards">
            {data.done.map((p) => (
              <ProjectCard lang={lang} p={p} href={withLang(c, `/b/${n.slug}/p/${p.id}`)} />
            ))}
          </ul>
        </>
      )}
      <BoardMeetingsSection lang={lang} meetings={data.meetings} />
      <h2>{t(lang, 'board.topics')}</h2>
      {data.topics.length === 0 && <p>{t(lang, 'board.no_topics')}</p>}
      <ul class="cards">
        {data.topics.map((topic) => (
          <TopicCard
            lang={lang}
            topic={topic}
            supported={!!topic.supported}
            action={action}
            idemKey={idemKey}
          />
        ))}
      </ul>
      <p>
        <a class="tap" href={withLang(c, `/g/${n.slug}`)}>
          {t(lang, 'confirm.board_link')}
        </a>
      </p>
      <p>
        <a class="tap" href={withLang(c, '/t')}>
          {t(lang, 'track.lookup')}
        </a>
      </p>
      <p>
        <a class="tap" href={withLang(c, '/me')}>
          {t(lang, 'me.footer_link')}
        </a>
      </p>
    </>
  )
}

export const board = new Hono<AppEnv>()

board.get('/b/:slug', async (c) => {
  const lang = langOf(c)
  const data = await boardData(c.var.db, c.req.param('slug'), clientId(c))
  if (!data) return notFound()
  const title = t(lang, 'board.title', { neighborhood: data.neighborhood.name })
  return renderPage(c, { lang, title }, <BoardPage c={c} lang={lang} data={data} />)
})

board.post('/b/:slug/support', async (c) => {
  const db = c.var.db
  const lang = langOf(c)
  const slug = c.req.param('slug')
  const form = await readForm(c)
  const topicId = Number(form.topicId)
  if (!Number.isSafeInteger(topicId) || topicId <= 0) return notFound()
  const key = IDEMPOTENCY_KEY.test(form.key ?? '') ? form.key : newFormKey()
  const receipt = (code: string, counted: boolean) =>
    renderPage(
      c,
      { lang, title: t(lang, 'receipt.support_title') },
      <>
        <Receipt
          lang={lang}
          code={code}
          kind="support"
          trackHref={withLang(c, `/t/${code}`)}
          boardHref={withLang(c, `/b/${slug}`)}
          note={counted ? undefined : t(lang, 'receipt.support_not_counted')}
        />
        <SupportPhoneForm c={c} lang={lang} code={code} />
      </>,
    )

  // A resend is answered from its stored result, even when over the limit.
  const { open, stored, hits } = await supportContext(
    db,
    slug,
    topicId,
    key,
    batchHit(c, 'support'),
  )
  if (stored) return receipt(stored.code, stored.counted !== 0)
  const wait = waitAfter('support', hits)
  if (wait) return tooManyPage(c, lang, wait)
  if (!open) return notFound()
  const supporter = { clientKey: ensureClientId(c), addressKey: await addressKeyOf(c) }
  const supported = await supportTopic(db, topicId, supporter, key)
  // null: the topic closed between the check and the tick.
  return supported ? receipt(supported.trackingCode, supported.counted) : notFound()
})
