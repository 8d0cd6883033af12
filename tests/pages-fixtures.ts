// Fixtures and request helpers for the resident-page tests (tests/pages-*.test.ts).
import { env, SELF } from 'cloudflare:test'
import { ORIGIN, VIA_CLOUDFLARE } from './helpers'
import { newTrackingCode } from '../worker/domain/tracking-code'
import { storedTokens } from '../worker/domain/similar-topics'

let seq = 0
const next = () => ++seq

/** An active category; returns its id. */
export const residentCategory = async (
  name = `类别${next()}-${Math.random().toString(36).slice(2, 6)}`,
) => {
  const row = await env.DB.prepare(
    'INSERT INTO categories (name, name_en, sort_order, active) VALUES (?, ?, 0, 1) RETURNING id',
  )
    .bind(name, `Category ${name}`)
    .first<{ id: number }>()
  return row!.id
}

/** A channel (QR point by default) in a neighborhood; returns its id and code. */
export const residentChannel = async (
  neighborhoodId: number,
  { kind = 'qr', label = '12号楼1单元 楼道留言板', active = true } = {},
) => {
  const code = `TQ${Date.now().toString(36).slice(-4).toUpperCase()}${next()}`.slice(0, 16)
  const row = await env.DB.prepare(
    'INSERT INTO channels (neighborhood_id, kind, label, code, active, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
  )
    .bind(neighborhoodId, kind, label, code, active ? 1 : 0, Date.now())
    .first<{ id: number }>()
  return { id: row!.id, code }
}

/** A topic row in a given state (as staff would have moved it); returns id and tracking code. */
export const residentTopic = async (
  neighborhoodId: number,
  fields: {
    title?: string
    description?: string
    categoryId?: number | null
    status?: string
    projectId?: number | null
    mergedIntoId?: number | null
    publicReply?: string | null
    submitterName?: string | null
    submitterPhone?: string | null
    supportCount?: number
    /** Leave the tokens out, as for a topic filed before migration 0004. */
    untokenized?: boolean
  } = {},
) => {
  const n = next()
  const title = fields.title ?? `议题${n}`
  const code = newTrackingCode()
  const now = Date.now()
  const row = await env.DB.prepare(
    `INSERT INTO topics (neighborhood_id, category_id, title, description, status, tracking_code,
      submitter_name, submitter_phone, public_reply, merged_into_id, project_id, support_count,
      created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .bind(
      neighborhoodId,
      fields.categoryId ?? null,
      title,
      fields.description ?? '',
      fields.status ?? 'submitted',
      code,
      fields.submitterName ?? null,
      fields.submitterPhone ?? null,
      fields.publicReply ?? null,
      fields.mergedIntoId ?? null,
      fields.projectId ?? null,
      fields.supportCount ?? 0,
      now,
      now,
    )
    .first<{ id: number }>()
  if (!fields.untokenized)
    await env.DB.prepare('INSERT INTO topic_token_sets (topic_id, tokens) VALUES (?, ?)')
      .bind(row!.id, storedTokens({ title, description: fields.description }))
      .run()
  return { id: row!.id, code }
}

/** A timeline event on a topic. */
export const residentEvent = async (
  topicId: number,
  e: {
    kind?: string
    toStatus?: string | null
    publicNote?: string | null
    internalNote?: string | null
    at?: number
  },
) =>
  env.DB.prepare(
    'INSERT INTO topic_events (topic_id, at, kind, to_status, public_note, internal_note) VALUES (?, ?, ?, ?, ?, ?)',
  )
    .bind(
      topicId,
      e.at ?? Date.now(),
      e.kind ?? 'transition',
      e.toStatus ?? null,
      e.publicNote ?? null,
      e.internalNote ?? null,
    )
    .run()

/** A project with checklist items (`[title, done]`) and public/internal updates; links topics. */
export const residentProject = async (
  neighborhoodId: number,
  p: {
    title?: string
    status?: string
    owningBody?: string
    deadlineAt?: number | null
    checklist?: [string, boolean][]
    updates?: [string, boolean][]
    topicIds?: number[]
  } = {},
) => {
  const now = Date.now()
  const row = await env.DB.prepare(
    `INSERT INTO projects (neighborhood_id, title, owning_body, deadline_at, status, created_at, updated_at, done_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .bind(
      neighborhoodId,
      p.title ?? `项目${next()}`,
      p.owningBody ?? '居民区党总支',
      p.deadlineAt ?? null,
      p.status ?? 'in_progress',
      now,
      now,
      p.status === 'done' ? now : null,
    )
    .first<{ id: number }>()
  const id = row!.id
  for (const [i, [title, done]] of (p.checklist ?? []).entries())
    await env.DB.prepare(
      'INSERT INTO checklist_items (project_id, title, done, sort_order, created_at) VALUES (?, ?, ?, ?, ?)',
    )
      .bind(id, title, done ? 1 : 0, i, now)
      .run()
  for (const [body, pub] of p.updates ?? [])
    await env.DB.prepare(
      'INSERT INTO project_updates (project_id, at, body, public) VALUES (?, ?, ?, ?)',
    )
      .bind(id, now, body, pub ? 1 : 0)
      .run()
  for (const topicId of p.topicIds ?? []) {
    await env.DB.prepare('INSERT INTO project_topics (project_id, topic_id) VALUES (?, ?)')
      .bind(id, topicId)
      .run()
    await env.DB.prepare('UPDATE topics SET project_id = ? WHERE id = ?').bind(id, topicId).run()
  }
  return id
}

/** Sets a project's status (as the staff API would). */
export const setProjectStatus = (id: number, status: string) =>
  env.DB.prepare('UPDATE projects SET status = ? WHERE id = ?').bind(status, id).run()

export type PageResponse = {
  status: number
  text: string
  res: Response
  /** When a needs-form POST redirected to its receipt: the POST's own answer (303). */
  posted?: Response
}

/** GETs a page like a browser (no redirects followed). */
export const getPage = async (
  path: string,
  headers: Record<string, string> = {},
): Promise<PageResponse> => {
  const res = await SELF.fetch(`${ORIGIN}${path}`, {
    ...VIA_CLOUDFLARE,
    headers,
    redirect: 'manual',
  })
  return { status: res.status, text: await res.text(), res }
}

/** POSTs an HTML form (urlencoded) like a browser does. */
export const postPage = async (
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<PageResponse> => {
  const res = await SELF.fetch(`${ORIGIN}${path}`, {
    ...VIA_CLOUDFLARE,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })
  // A filed need answers 303 to its receipt, which a browser follows with the cookie it sets.
  const location = res.status === 303 ? res.headers.get('location') : null
  if (location && /\/receipt(\?|$)/.test(location)) {
    const filed = res.headers.get('set-cookie')?.split(';')[0]
    const cookie = [headers.cookie, filed].filter(Boolean).join('; ')
    const receipt = await getPage(location, { ...headers, cookie })
    return { ...receipt, posted: res }
  }
  return { status: res.status, text: await res.text(), res }
}

/** The value of the first input named `name` in a page (hidden or not). */
export const inputValue = (html: string, name: string) => {
  const tag = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0]
  return tag?.match(/value="([^"]*)"/)?.[1]
}

/** The tracking code shown big on a receipt. */
export const receiptCode = (html: string) =>
  html.match(/<p class="code" id="code">([^<]+)<\/p>/)?.[1]

/** A distinct client address per test, so rate limits of one test do not touch another. */
export const clientAddress = () => ({
  'cf-connecting-ip': `198.51.100.${next() % 250}-${Math.random().toString(36).slice(2, 8)}`,
})
