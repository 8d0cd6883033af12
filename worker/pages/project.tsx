// `/b/<neighborhood>/p/<project>`: a project's own public page, opened from its card on the
// board: status (and why it is late, when it is), owning body, deadline or done date, checklist,
// public updates, and the topics residents raised that it took on. Public data only.
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { publicProjectPage } from '../db/queries/resident/board'
import { colon, formatDate, langOf, t, type MessageKey } from './i18n'
import { renderPage } from './layout'
import { notFound } from './errors'
import { ProjectBlock } from './track'
import { withLang } from './common'

export const projectPages = new Hono<AppEnv>()

projectPages.get('/b/:slug/p/:id', async (c) => {
  const lang = langOf(c)
  const id = Number(c.req.param('id'))
  if (!Number.isSafeInteger(id) || id <= 0) return notFound()
  const all = c.req.query('all') === '1'
  const page = await publicProjectPage(c.var.db, c.req.param('slug'), id, all)
  if (!page) return notFound()
  const { neighborhood: n, project, topics } = page
  return renderPage(
    c,
    { lang, title: project.title },
    <>
      <p class="meta">{t(lang, 'board.title', { neighborhood: n.name })}</p>
      <h1>{project.title}</h1>
      {project.description && <p>{project.description}</p>}
      {project.status === 'done' && project.doneAt !== null && (
        <p class="meta">
          {t(lang, 'pstatus.done')}
          {colon(lang)}
          {formatDate(project.doneAt, lang)}
        </p>
      )}
      <ProjectBlock lang={lang} project={project} heading={t(lang, 'track.updates')} />
      {project.moreUpdates && (
        <p>
          <a class="tap" href={withLang(c, `/b/${n.slug}/p/${project.id}?all=1`)}>
            {t(lang, 'track.show_all')}
          </a>
        </p>
      )}
      {topics.length > 0 && (
        <section aria-labelledby="topics">
          <h2 id="topics">{t(lang, 'project.topics')}</h2>
          <ul>
            {topics.map((topic) => (
              <li>
                {topic.title}
                <span class="meta">
                  {' · '}
                  {t(lang, `status.${topic.status}` as MessageKey)}
                  {' · '}
                  {t(lang, 'board.supporters', { n: topic.supportCount })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a class="tap" href={withLang(c, `/b/${n.slug}`)}>
          {t(lang, 'project.back')}
        </a>
      </p>
    </>,
  )
})
