// A history before the core seed's 90 days, so that the 台账 compares this period with the same
// period last year on real figures: topics from about 25 months to 3 months ago, all closed
// (done, declined, referred or merged) with their timelines, projects done (some after their
// deadline) with evaluations, "me too" supports, and past activities with check-ins and
// volunteer hours. Nothing here is open, so the boards and the open-topic lists stay as the core
// seed makes them.
//
// Ids owned here: topics, topic_events, supports, evaluations, registrations 6,000,001–6,999,999;
// projects 6,101–6,999; activities 6,001–6,099; activity_sessions 6,001–6,999.
import { insertRows } from '../lib/sql.mjs'
import { rng } from '../lib/random.mjs'
import {
  CHANNELS,
  NEIGHBORHOODS,
  NEIGHBORHOOD_STAFF,
  TOPIC_TEMPLATES,
  fillTemplate,
} from './core.mjs'

export const order = 85

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const TOPICS = 320
const FIRST = 6_000_001

const DECLINE = ['不属于居委会办理范围，已向居民解释。', '经议事会讨论，大多数居民暂不同意。']
const REFER = ['物业公司', '街镇城管中队', '区房管局', '供电公司']
const ACTIVITIES = [
  ['event', '敬老助餐日'],
  ['event', '亲子绘本共读'],
  ['event', '传统文化进社区：剪纸'],
  ['event', '垃圾分类知识竞赛'],
  ['event', '小学生爱心暑托班'],
  ['event', '邻里节百家宴'],
  ['volunteer', '楼道清洁志愿日'],
  ['volunteer', '垃圾分类志愿值守'],
  ['volunteer', '助老上门服务'],
  ['volunteer', '社区花园养护'],
]

/** The seed's statements; times relative to ctx.now. */
export const seed = (ctx) => {
  const r = rng('history')
  const nextCode = ctx.trackingCodes('history')
  const now = ctx.now
  const staff = (nid) => NEIGHBORHOOD_STAFF.filter((u) => u.neighborhoodIds.includes(nid))
  const rows = {
    topics: [],
    topic_events: [],
    supports: [],
    projects: [],
    project_topics: [],
    evaluations: [],
    activities: [],
    activity_sessions: [],
    registrations: [],
  }
  const event = (topicId, at, actor, from, to, note = null) =>
    rows.topic_events.push({
      id: FIRST + rows.topic_events.length,
      topic_id: topicId,
      at,
      actor_user_id: actor,
      kind: to,
      from_status: from,
      to_status: to,
      public_note: note,
      internal_note: null,
    })

  // Topics, oldest first, about as many each month; done ones wait for a project below.
  const adopted = []
  for (let k = 0; k < TOPICS; k++) {
    const id = FIRST + k
    const n = r.pick(NEIGHBORHOODS)
    const template = r.pick(TOPIC_TEMPLATES)
    const text = fillTemplate(template, r, n)
    const channel = r.pick(CHANNELS.filter((c) => c.neighborhoodId === n.id))
    const createdAt = now - 760 * DAY + Math.floor(((k + r.next()) / TOPICS) * 665 * DAY)
    const actor = r.pick(staff(n.id)).id
    const acceptedAt = createdAt + r.int(1, 5) * DAY + r.int(0, 600) * MINUTE
    const fate = r.weighted([
      ['done', 50],
      ['declined', 16],
      ['referred', 12],
      ['merged', 10],
    ])
    const topic = {
      id,
      neighborhood_id: n.id,
      grid_id: null,
      category_id: template.categoryId,
      channel_id: channel.id,
      title: text.title,
      description: text.description,
      location: text.location,
      status: fate,
      tracking_code: nextCode(),
      public_reply: '已受理，我们会尽快处理。',
      referred_to: null,
      merged_into_id: null,
      project_id: null,
      support_count: 0,
      created_at: createdAt,
      updated_at: acceptedAt,
      accepted_at: acceptedAt,
      adopted_at: null,
      done_at: null,
    }
    rows.topics.push(topic)
    event(id, createdAt, null, null, 'submitted')
    event(id, acceptedAt, actor, 'submitted', 'accepted', topic.public_reply)
    const decidedAt = acceptedAt + r.int(2, 20) * DAY
    if (fate === 'declined') {
      topic.public_reply = r.pick(DECLINE)
      event(id, decidedAt, actor, 'accepted', 'declined', topic.public_reply)
    } else if (fate === 'referred') {
      topic.referred_to = r.pick(REFER)
      event(id, decidedAt, actor, 'accepted', 'referred', `请向${topic.referred_to}了解办理进展。`)
    } else if (fate === 'merged') {
      const target = [...rows.topics]
        .reverse()
        .find((t) => t.neighborhood_id === n.id && t.id !== id && t.status === 'done')
      if (!target) {
        topic.status = 'declined'
        event(id, decidedAt, actor, 'accepted', 'declined', r.pick(DECLINE))
      } else {
        topic.merged_into_id = target.id
        event(
          id,
          decidedAt,
          actor,
          'accepted',
          'merged',
          `与「${target.title}」是同一件事，请关注它的进展。`,
        )
      }
    } else adopted.push({ topic, at: decidedAt, actor })
    topic.updated_at = decidedAt
    for (let s = r.chance(0.45) ? r.int(1, 4) : 0; s > 0; s--) {
      rows.supports.push({
        id: FIRST + rows.supports.length,
        topic_id: id,
        tracking_code: nextCode(),
        source: 'support',
        client_key: null,
        created_at: createdAt + r.int(1, 72) * HOUR,
      })
      topic.support_count++
    }
  }

  // Projects: the adopted topics of a neighborhood, one to three at a time, done a few weeks or
  // months later, some after their deadline; then evaluated by the topics' codes.
  const pending = new Map()
  for (const a of adopted) {
    const list = pending.get(a.topic.neighborhood_id) ?? []
    list.push(a)
    pending.set(a.topic.neighborhood_id, list)
  }
  for (const [nid, list] of pending) {
    while (list.length) {
      const group = list.splice(0, r.int(1, 3))
      const first = group[0]
      const id = 6101 + rows.projects.length
      const createdAt = Math.max(...group.map((g) => g.at))
      const deadlineAt = createdAt + r.int(30, 90) * DAY
      const doneAt = Math.min(
        createdAt + r.int(15, 110) * DAY,
        now - 92 * DAY - r.int(0, 30) * HOUR,
      )
      rows.projects.push({
        id,
        neighborhood_id: nid,
        title: `${first.topic.title.replace(/(影响|问题|不亮|坏了).*$/, '')}整治`,
        description: '',
        owner_user_id: first.actor,
        owning_body: `${NEIGHBORHOODS.find((n) => n.id === nid).name}居民区党总支`,
        deadline_at: r.chance(0.85) ? deadlineAt : null,
        status: 'done',
        created_by: first.actor,
        created_at: createdAt,
        updated_at: doneAt,
        done_at: Math.max(doneAt, createdAt + DAY),
      })
      const project = rows.projects[rows.projects.length - 1]
      for (const { topic, actor } of group) {
        topic.project_id = id
        topic.adopted_at = createdAt
        topic.done_at = project.done_at
        topic.updated_at = project.done_at
        rows.project_topics.push({ project_id: id, topic_id: topic.id })
        event(topic.id, createdAt, actor, 'accepted', 'adopted', `项目「${project.title}」`)
        event(
          topic.id,
          createdAt + DAY,
          actor,
          'adopted',
          'in_progress',
          `项目「${project.title}」开始实施`,
        )
        event(
          topic.id,
          project.done_at,
          actor,
          'in_progress',
          'done',
          `项目「${project.title}」已完成`,
        )
        // Ratings: the filer's own code (a support code has no voice, domain/voice.ts), and now
        // and then a paper rating sheet typed in by staff.
        const ratings = [
          ...(r.chance(0.7) ? [{ code: topic.tracking_code, source: 'code' }] : []),
          ...Array.from({ length: r.chance(0.4) ? r.int(1, 3) : 0 }, () => ({
            code: null,
            source: 'paper',
          })),
        ]
        for (const { code, source } of ratings) {
          const satisfaction = r.weighted([
            [5, 50],
            [4, 30],
            [3, 12],
            [2, 5],
            [1, 3],
          ])
          rows.evaluations.push({
            id: FIRST + rows.evaluations.length,
            project_id: id,
            tracking_code: code,
            source,
            resolved: satisfaction >= 4 ? 'solved' : satisfaction === 3 ? 'partly' : 'not',
            satisfaction,
            comment: '',
            created_at: project.done_at + r.int(1, 20) * DAY,
          })
        }
      }
    }
  }

  // Past activities with check-ins (people and party sizes) and volunteer hours.
  for (let a = 0; a < 24; a++) {
    const [kind, title] = ACTIVITIES[a % ACTIVITIES.length]
    const n = NEIGHBORHOODS[a % NEIGHBORHOODS.length]
    const id = 6001 + a
    const startDay = now - 740 * DAY + Math.floor(((a + r.next()) / 24) * 640 * DAY)
    rows.activities.push({
      id,
      neighborhood_id: n.id,
      kind,
      slug: `history-${id}`,
      title,
      description: '',
      place: '社区会客厅',
      audience: '',
      opens_at: null,
      closes_at: null,
      status: 'published',
      questions: '[]',
      created_by: r.pick(staff(n.id)).id,
      created_at: startDay - 14 * DAY,
      updated_at: startDay - 14 * DAY,
    })
    for (let s = 0; s < r.int(1, 3); s++) {
      const sessionId = 6001 + rows.activity_sessions.length
      const startsAt = startDay + s * 7 * DAY + 9 * HOUR
      const minutes = kind === 'volunteer' ? 120 : 90
      rows.activity_sessions.push({
        id: sessionId,
        activity_id: id,
        label: s ? `第${s + 1}场` : '',
        starts_at: startsAt,
        ends_at: startsAt + minutes * MINUTE,
        capacity: 40,
        max_party: kind === 'volunteer' ? 1 : 3,
        created_at: startDay - 14 * DAY,
        updated_at: startDay - 14 * DAY,
      })
      const people = r.int(6, 14)
      for (let p = 0; p < people; p++) {
        const regId = FIRST + rows.registrations.length
        const came = r.chance(0.85)
        rows.registrations.push({
          id: regId,
          session_id: sessionId,
          activity_id: id,
          name: '居民',
          // Volunteers come back: a small pool of phones per neighborhood.
          phone: `1376${String(n.id).padStart(2, '0')}${String(kind === 'volunteer' ? p : 50 + p).padStart(5, '0')}`,
          party_size: kind === 'volunteer' ? 1 : r.int(1, 3),
          answers: '{}',
          status: came ? 'checked_in' : 'no_show',
          seq: p + 1,
          token: `hist${regId}`,
          checkin_code: `histc${regId}`,
          source: 'web',
          created_at: startsAt - r.int(2, 10) * DAY,
          confirmed_at: startsAt - r.int(2, 10) * DAY,
          checked_in_at: came ? startsAt + r.int(0, 20) * MINUTE : null,
          checked_in_by: came ? r.pick(staff(n.id)).id : null,
          credited_minutes: came && kind === 'volunteer' ? minutes : null,
        })
      }
    }
  }

  return [
    // Projects first: topics name theirs (foreign keys are checked per statement).
    ...insertRows('projects', rows.projects),
    ...insertRows('topics', rows.topics),
    ...insertRows('topic_events', rows.topic_events),
    ...insertRows('supports', rows.supports),
    ...insertRows('project_topics', rows.project_topics),
    ...insertRows('evaluations', rows.evaluations),
    ...insertRows('activities', rows.activities),
    ...insertRows('activity_sessions', rows.activity_sessions),
    ...insertRows('registrations', rows.registrations),
  ]
}
