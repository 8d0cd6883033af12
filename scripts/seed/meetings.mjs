// Demo meetings (议事会): in 慧华苑, 学林苑 and 乾溪新村, meetings held before their projects were
// adopted, each with a show of hands per agenda item and a decision that agrees with what the
// core seed's topics went on to become (立项 into the project adopted the next day, 不予采纳 and
// 转办 of topics declined or referred afterwards, 暂缓 of topics still accepted), the sentence
// citing the meeting on each topic's timeline, door sign-ins and short minutes; plus one upcoming
// 慧华苑 meeting with an agenda of three open topics (`UPCOMING_MEETING`, for the README).
//
// Ids owned here: meetings 1–99, meeting_items 1–999, meeting_attendees 1–9,999, topic_events
// 5,000,001–5,000,999.
import { insertRows } from '../lib/sql.mjs'
import { CHANNEL_CODE_ALPHABET, CHANNEL_CODE_LENGTH, rng } from '../lib/random.mjs'
import { NEIGHBORHOOD_STAFF } from './core.mjs'

export const order = 70

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const SHANGHAI = 8 * HOUR
const FIRST_EVENT_ID = 5_000_001

/** 19:00 in Shanghai of the day before the one `ms` falls on. */
const eveningBefore = (ms) => Math.floor((ms + SHANGHAI) / DAY) * DAY - SHANGHAI - DAY + 19 * HOUR

/** `12 月 3 日`, as worker/domain/meetings/decision.ts says it. */
const meetingDay = (ms) => {
  const d = new Date(ms + SHANGHAI)
  return `${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日`
}

const KIND_WORD = { council: '议事会', grid: '楼组议事', hearing: '听证会', review: '评议会' }
const DECISION_WORD = { adopt: '立项', defer: '暂缓', refer: '转办', decline: '不予采纳' }

/** The public sentence of worker/domain/meetings/decision.ts `decisionSentence`. */
const sentence = (meeting, t, item) => {
  const cite =
    `经 ${meetingDay(meeting.startsAt)}${KIND_WORD[meeting.kind]}` +
    `（到会 ${t.present} 人，赞成 ${t.inFavour}、反对 ${t.against}、弃权 ${t.abstain}）` +
    `决定${DECISION_WORD[item.decision]}`
  const detail =
    item.decision === 'adopt'
      ? `，纳入项目「${item.projectTitle}」`
      : item.decision === 'refer'
        ? `至${item.referredTo}`
        : ''
  return `${cite}${detail}${item.note ? `：${item.note}` : ''}`
}

/** Where the demo meetings are held, by neighborhood id. */
const PLACES = {
  1: '慧华苑居委会二楼会议室',
  2: '学林苑社区会客厅',
  5: '乾溪新村党群服务站',
}

/** The upcoming meeting of 慧华苑, for the README and the browser tests. */
export const UPCOMING_MEETING = { id: 1, neighborhoodId: 1, code: 'MTG4HHYA' }

const meetingCode = (id) =>
  id === UPCOMING_MEETING.id
    ? UPCOMING_MEETING.code
    : rng(`meeting:${id}`).code(CHANNEL_CODE_LENGTH, CHANNEL_CODE_ALPHABET)

/** A tally that a decision of `kind` could come from, for `present` people. */
const handsFor = (r, decision, present) => {
  const share =
    decision === 'adopt'
      ? r.int(65, 90)
      : decision === 'decline'
        ? r.int(10, 30)
        : decision === 'refer'
          ? r.int(55, 80)
          : r.int(35, 55)
  const inFavour = Math.round((present * share) / 100)
  const rest = present - inFavour
  const against = Math.round(rest * (r.int(40, 80) / 100))
  const abstain = Math.max(0, rest - against - r.int(0, 2))
  return { present, inFavour, against, abstain }
}

const NAMES = ['张阿姨', '李老师', '王先生', '陈阿婆', '刘师傅', '周大爷']

/**
 * The demo meetings as statements (needs ctx.state.core from the core seed).
 * @example const statements = seed(ctx)
 */
export const seed = (ctx) => {
  const core = ctx.state.core
  if (!core) return []
  const now = ctx.now
  const r = rng('meetings')
  const used = new Set()
  const meetings = []
  const items = []
  const attendees = []
  const events = []
  const host = (nid) => NEIGHBORHOOD_STAFF.find((u) => u.neighborhoodIds[0] === nid)

  const eventAt = (topic, kind) => topic.events.find((e) => e.kind === kind)?.at ?? null
  const latestFiled = (topics) => Math.max(...topics.map((t) => t.createdAt))

  // What the core seed's topics went on to become, as decisions a meeting could have taken the
  // evening before: a project adopting its topics, a topic declined, a topic referred.
  const decisionsOf = (nid) =>
    [
      ...core.projects
        .filter((p) => p.nid === nid && p.topics.length)
        .map((p) => ({ at: p.createdAt, topics: p.topics, decision: 'adopt', project: p })),
      ...core.topics
        .filter((t) => t.nid === nid && (t.status === 'declined' || t.status === 'referred'))
        .map((t) => ({
          at: eventAt(t, t.status),
          topics: [t],
          decision: t.status === 'declined' ? 'decline' : 'refer',
        })),
    ]
      .filter((d) => d.at !== null && d.at < now - DAY)
      .sort((a, b) => b.at - a.at)

  // Meetings held: per neighborhood, the latest evenings before such decisions, each taking up
  // every decision of the next three days whose topics were filed before it, and deferring one
  // accepted topic.
  let meetingId = UPCOMING_MEETING.id + 1
  for (const nid of [1, 2, 5]) {
    const decisions = decisionsOf(nid)
    const taken = new Set()
    let held = 0
    for (const anchor of decisions) {
      if (held === 3) break
      if (taken.has(anchor)) continue
      const startsAt = eveningBefore(anchor.at)
      const fits = (d) =>
        !taken.has(d) &&
        d.at > startsAt + 2 * HOUR &&
        d.at < startsAt + 3 * DAY &&
        latestFiled(d.topics) < startsAt - HOUR &&
        d.topics.every((t) => !used.has(t.id))
      const group = decisions.filter(fits)
      if (!group.includes(anchor)) continue
      for (const d of group) taken.add(d)
      const deferred = core.topics.find(
        (t) =>
          t.nid === nid &&
          t.status === 'accepted' &&
          !used.has(t.id) &&
          t.createdAt < startsAt - DAY,
      )
      const agenda = [
        ...group.flatMap((d) =>
          d.topics.map((topic) => ({ topic, decision: d.decision, project: d.project })),
        ),
        ...(deferred ? [{ topic: deferred, decision: 'defer' }] : []),
      ]
      held++
      const chair = host(nid)
      const kind = nid === 2 ? 'grid' : 'council'
      const meeting = {
        id: meetingId++,
        nid,
        gridId: kind === 'grid' ? nid * 10 + 1 : null,
        kind,
        startsAt,
        endsAt: startsAt + 2 * HOUR,
        chair,
      }
      const present = r.int(16, 34)
      meeting.present = present
      agenda.forEach(({ topic, decision, project: p }, k) => {
        used.add(topic.id)
        const tally = handsFor(r, decision, Math.max(8, present - r.int(0, 3)))
        const item = {
          decision,
          projectTitle: p?.title ?? null,
          referredTo: decision === 'refer' ? topic.referredTo : null,
          note:
            decision === 'decline'
              ? topic.publicReply
              : decision === 'defer'
                ? '先征求相关楼组居民意见，下次议事会再议'
                : null,
        }
        const decidedAt = meeting.endsAt - (agenda.length - k) * 5 * MINUTE
        items.push({
          id: items.length + 1,
          meeting_id: meeting.id,
          topic_id: topic.id,
          sort_order: k + 1,
          present: tally.present,
          in_favour: tally.inFavour,
          against: tally.against,
          abstain: tally.abstain,
          decision,
          project_id: p?.id ?? null,
          referred_to: item.referredTo,
          note: item.note,
          confirmed_low_support: 0,
          decided_at: decidedAt,
          decided_by: chair.id,
          updated_at: decidedAt,
        })
        events.push({
          id: FIRST_EVENT_ID + events.length,
          topic_id: topic.id,
          at: decidedAt,
          actor_user_id: chair.id,
          kind: 'meeting',
          from_status: null,
          to_status: null,
          public_note: sentence(meeting, tally, item),
          internal_note: null,
        })
      })
      meeting.minutes =
        `${chair.displayName.split(' ').pop()}主持，${present} 位居民到会，` +
        `就「${agenda[0].topic.title}」等 ${agenda.length} 个议题逐项举手表决。`
      meetings.push(meeting)
      // Most people scanned the door QR; a few left a name and phone (with consent).
      const scanned = present - r.int(1, 5)
      for (let k = 0; k < scanned; k++) {
        const named = k < 3
        attendees.push({
          id: attendees.length + 1,
          meeting_id: meeting.id,
          name: named ? NAMES[(meeting.id + k) % NAMES.length] : null,
          phone: named ? `139${String(meeting.id * 1000 + k).padStart(8, '0')}` : null,
          consent_at: named ? startsAt - 10 * MINUTE + k * MINUTE : null,
          source: 'qr',
          client_key: null,
          created_at: startsAt - 20 * MINUTE + k * 40_000,
        })
      }
    }
  }

  // The next 慧华苑 meeting: three open topics most neighbours support.
  const upcomingAt = eveningBefore(now) + 6 * DAY
  const open = core.topics
    .filter(
      (t) =>
        t.nid === UPCOMING_MEETING.neighborhoodId &&
        ['submitted', 'accepted'].includes(t.status) &&
        !used.has(t.id),
    )
    .sort((a, b) => b.supports.length - a.supports.length || a.id - b.id)
    .slice(0, 3)
  meetings.push({
    id: UPCOMING_MEETING.id,
    nid: UPCOMING_MEETING.neighborhoodId,
    gridId: null,
    kind: 'council',
    startsAt: upcomingAt,
    endsAt: upcomingAt + 2 * HOUR,
    chair: host(UPCOMING_MEETING.neighborhoodId),
    minutes: '',
    upcoming: true,
  })
  open.forEach((topic, k) => {
    items.push({
      id: items.length + 1,
      meeting_id: UPCOMING_MEETING.id,
      topic_id: topic.id,
      sort_order: k + 1,
      present: null,
      in_favour: null,
      against: null,
      abstain: null,
      decision: null,
      project_id: null,
      referred_to: null,
      note: null,
      confirmed_low_support: 0,
      decided_at: null,
      decided_by: null,
      updated_at: now - DAY,
    })
  })

  const meetingRows = meetings
    .sort((a, b) => a.id - b.id)
    .map((m) => ({
      id: m.id,
      neighborhood_id: m.nid,
      grid_id: m.gridId,
      kind: m.kind,
      title: `${meetingDay(m.startsAt)}${KIND_WORD[m.kind]}`,
      starts_at: m.startsAt,
      ends_at: m.endsAt,
      place: PLACES[m.nid],
      host: m.chair.displayName,
      status: m.upcoming ? 'planned' : 'held',
      code: meetingCode(m.id),
      headcount: m.upcoming ? null : m.present,
      minutes: m.minutes,
      created_by: m.chair.id,
      created_at: m.startsAt - 7 * DAY,
      updated_at: m.upcoming ? m.startsAt - 7 * DAY : m.endsAt,
    }))
  return [
    ...insertRows('meetings', meetingRows),
    ...insertRows('meeting_items', items),
    ...insertRows('meeting_attendees', attendees),
    ...insertRows('topic_events', events),
  ]
}
