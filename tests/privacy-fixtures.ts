import { env } from 'cloudflare:test'

// Rows holding personal data, written straight into D1 at chosen times, for the retention and
// deletion tests (they travel in time by running the job at a later `now`).

let n = 0
const next = () => ++n
const one = async <T>(sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<T>())!

export const DAY = 24 * 3600_000

/** A topic with the resident's name and phone, final (`status`) at `finalAt`, with a contact consent. */
export const contactTopic = async (
  neighborhoodId: number,
  phone: string,
  finalAt: number | null,
  status = 'done',
) => {
  const code = `T${next()}-${Math.random().toString(36).slice(2, 8)}`
  const t = await one<{ id: number }>(
    `INSERT INTO topics (neighborhood_id, title, status, tracking_code, submitter_name,
       submitter_phone, consent_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, '王小明', ?, ?, ?, ?) RETURNING id`,
    neighborhoodId,
    `楼道灯不亮${n}`,
    finalAt === null ? 'accepted' : status,
    code,
    phone,
    (finalAt ?? Date.now()) - 10 * DAY,
    (finalAt ?? Date.now()) - 10 * DAY,
    finalAt ?? Date.now(),
  )
  if (finalAt !== null)
    await env.DB.prepare(
      `INSERT INTO topic_events (topic_id, at, kind, from_status, to_status)
       VALUES (?, ?, 'transition', 'accepted', ?)`,
    )
      .bind(t.id, finalAt, status)
      .run()
  await env.DB.prepare(
    `INSERT INTO consents (phone, subject_type, subject_id, purpose, notice_version, given_via, given_at)
     VALUES (?, 'topic', ?, 'contact', '2026-12-05', 'web', ?)`,
  )
    .bind(phone, t.id, Date.now())
    .run()
  return { id: t.id, code }
}

/** An activity with one session ending at `endsAt`; for children when asked. */
export const activityEnding = async (
  neighborhoodId: number,
  endsAt: number,
  opts: { forChildren?: boolean; kind?: string } = {},
) => {
  const a = await one<{ id: number }>(
    `INSERT INTO activities (neighborhood_id, kind, slug, title, status, for_children, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'published', ?, ?, ?) RETURNING id`,
    neighborhoodId,
    opts.kind ?? 'event',
    `pa-${next()}-${Math.random().toString(36).slice(2, 8)}`,
    opts.forChildren ? '暑托班' : '广场舞',
    opts.forChildren ? 1 : 0,
    endsAt - 30 * DAY,
    endsAt - 30 * DAY,
  )
  const s = await one<{ id: number }>(
    `INSERT INTO activity_sessions (activity_id, starts_at, ends_at, capacity, created_at, updated_at)
     VALUES (?, ?, ?, 30, ?, ?) RETURNING id`,
    a.id,
    endsAt - 3 * 3600_000,
    endsAt,
    endsAt - 30 * DAY,
    endsAt - 30 * DAY,
  )
  return { activityId: a.id, sessionId: s.id }
}

/** A registration (a child's when `child` is given: name and phone are the guardian's). */
export const registration = async (
  act: { activityId: number; sessionId: number },
  phone: string,
  status = 'checked_in',
  child?: { name: string; age: string },
) => {
  const k = next()
  const r = await one<{ id: number }>(
    `INSERT INTO registrations (session_id, activity_id, name, phone, party_size, answers, status,
       seq, token, checkin_code, created_at, guardian_relation, child_name, child_age)
     VALUES (?, ?, '李华', ?, 2, '{"diet":"素食"}', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    act.sessionId,
    act.activityId,
    phone,
    status,
    k,
    `tok-${k}-${Math.random()}`,
    `CK${k}${Math.random().toString(36).slice(2, 6)}`,
    Date.now() - 60 * DAY,
    child ? '母亲' : null,
    child?.name ?? null,
    child?.age ?? null,
  )
  return r.id
}

/** A form (closing at `closesAt`) with a text, a phone, a choice and a rating question. */
export const formClosing = async (
  townId: number,
  closesAt: number | null,
  opts: { retentionDays?: number; forChildren?: boolean } = {},
) => {
  const f = await one<{ id: number }>(
    `INSERT INTO forms (town_id, slug, title, status, closes_at, retention_days, for_children,
       created_at, updated_at)
     VALUES (?, ?, '满意度调查', 'closed', ?, ?, ?, ?, ?) RETURNING id`,
    townId,
    `pf-${next()}-${Math.random().toString(36).slice(2, 8)}`,
    closesAt,
    opts.retentionDays ?? null,
    opts.forChildren ? 1 : 0,
    Date.now() - 400 * DAY,
    Date.now() - 400 * DAY,
  )
  const fields = [
    { key: 'name', label: '姓名', type: 'text', required: false },
    { key: 'tel', label: '电话', type: 'phone', required: false },
    { key: 'q', label: '是否满意', type: 'single', required: true, options: ['满意', '不满意'] },
    { key: 'stars', label: '评分', type: 'rating', required: true, scale: 5 },
  ]
  await env.DB.prepare(
    'INSERT INTO form_versions (form_id, version, fields, created_at) VALUES (?, 1, ?, ?)',
  )
    .bind(f.id, JSON.stringify(fields), Date.now() - 400 * DAY)
    .run()
  return f.id
}

export const formResponse = async (formId: number, phone: string, at: number, q = '满意') =>
  (
    await one<{ id: number }>(
      `INSERT INTO form_responses (form_id, version, answers, phone, receipt, created_at)
       VALUES (?, 1, ?, ?, ?, ?) RETURNING id`,
      formId,
      JSON.stringify({ name: '赵六', tel: phone, q, stars: 4 }),
      phone,
      `R${next()}${Math.random().toString(36).slice(2, 8)}`,
      at,
    )
  ).id

/** A meeting at `startsAt` with one signed-in attendee who left a name and phone. */
export const attendee = async (neighborhoodId: number, startsAt: number, phone: string) => {
  const m = await one<{ id: number }>(
    `INSERT INTO meetings (neighborhood_id, kind, title, starts_at, code, created_at, updated_at)
     VALUES (?, 'council', '议事会', ?, ?, ?, ?) RETURNING id`,
    neighborhoodId,
    startsAt,
    `M${next()}${Math.random().toString(36).slice(2, 8)}`,
    startsAt,
    startsAt,
  )
  return (
    await one<{ id: number }>(
      `INSERT INTO meeting_attendees (meeting_id, name, phone, consent_at, created_at)
       VALUES (?, '陈二', ?, ?, ?) RETURNING id`,
      m.id,
      phone,
      startsAt,
      startsAt,
    )
  ).id
}

/** A registered volunteer. */
export const volunteer = async (neighborhoodId: number, phone: string) =>
  (
    await one<{ id: number }>(
      `INSERT INTO volunteers (phone, name, neighborhood_id, code, note, created_at, updated_at)
       VALUES (?, '周志愿', ?, ?, '会修电脑', ?, ?) RETURNING id`,
      phone,
      neighborhoodId,
      `V${next()}${Math.random().toString(36).slice(2, 8)}`,
      Date.now(),
      Date.now(),
    )
  ).id

export const row = <T = Record<string, unknown>>(table: string, id: number) =>
  one<T>(`SELECT * FROM ${table} WHERE id = ?`, id)

export const purgeLog = async (at: number) =>
  (
    await env.DB.prepare('SELECT kind, count FROM purge_log WHERE at = ? ORDER BY id')
      .bind(at)
      .all<{ kind: string; count: number }>()
  ).results
