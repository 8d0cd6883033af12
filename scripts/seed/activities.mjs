// Demo activities of 慧华苑 (neighborhood 1):
// 1. 暑托班（七月班）: 30 seats, registration opens in a few minutes (the rush to come), for
//    children (a guardian registers the child; #17) with extra questions (allergies, pick-up);
// 2. 亲子手工课: open now, 12 seats nearly taken by families (parties of 1–3) and a waitlist of 4,
//    so cancelling one registration visibly promotes the next in line;
// 3. 垃圾分类志愿值守: a volunteer activity with two past shifts (checked in, hours credited, one
//    no-show) and two upcoming ones; its volunteers carry skills and 达人 tags.
// Registration tokens are deterministic (local demo only); `DEMO_REGISTRATIONS` names a few for
// the e2e test and the README.
//
// Ids owned here: activities 1–99, activity_sessions 1–999, registrations 1–99,999,
// volunteers 1–9,999.
import { insertRows } from '../lib/sql.mjs'
import { CODE_ALPHABET, rng } from '../lib/random.mjs'

export const order = 60

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Shanghai midnight (UTC+8) of the day `ms` falls on, as epoch ms. */
const shanghaiDay = (ms) => Math.floor((ms + 8 * HOUR) / DAY) * DAY - 8 * HOUR

// 亲子手工课 in arrival order: the first seven families fill the 12 seats, four wait.
const FAMILIES = [
  ['王芳', 2],
  ['李娜', 1],
  ['张伟', 3],
  ['刘洋', 2],
  ['陈静', 1],
  ['杨磊', 2],
  ['周杰', 1],
  ['赵敏', 2],
  ['黄丽', 3],
  ['吴婷', 1],
  ['徐斌', 2],
]
const VOLUNTEERS = [
  ['沈阿姨', '13901000001', ['垃圾分类指导', '编织'], ['手工达人', '楼组长']],
  ['陆师傅', '13901000002', ['水电维修'], ['修理达人']],
  ['小陈（上大学生）', '13901000003', ['摄影', '排版'], ['青年志愿者']],
  ['顾老师', '13901000004', ['书法', '辅导作业'], ['文化达人', '退休教师']],
  ['朱大姐', '13901000005', ['垃圾分类指导'], ['环保达人']],
  ['蒋先生', '13901000006', ['急救'], ['平安志愿者']],
]

export const SUMMER_CLASS_SLUG = 'shutuoban'
export const CRAFT_CLASS_SLUG = 'qinzi-shougong'
export const VOLUNTEER_SLUG = 'lajifenlei'

/** The demo volunteers' phones and codes (for the volunteer view at /v). */
export const volunteerCode = (id) => rng(`volunteer:${id}`).code(6, CODE_ALPHABET)

const token = (kind, id) =>
  rng(`registration-${kind}:${id}`).code(kind === 'manage' ? 32 : 16, TOKEN_ALPHABET)

/**
 * Registrations the e2e test and README refer to, in 亲子手工课: 王芳 (confirmed, 2 people) and
 * 赵敏 (first on the waitlist, 2 people): when 王芳 cancels, 赵敏 moves up.
 */
export const DEMO_REGISTRATIONS = {
  craftConfirmed: { id: 200, name: '王芳', phone: '13902000001', token: token('manage', 200) },
  craftFirstWaiting: { id: 207, name: '赵敏', phone: '13902000008', token: token('manage', 207) },
}

// An activity for children (#17): the guardian's part of the form asks the child's name and age
// or school year itself, so the questions add only what this class needs; the health note is
// marked sensitive (masked but for the class's staff, exported only with a reason).
const QUESTIONS = [
  {
    key: 'allergy',
    type: 'longtext',
    label: '过敏或需要老师特别注意的情况',
    required: false,
    maxLength: 200,
    sensitive: true,
  },
  { key: 'pickup', type: 'consent', label: '我确认每天按时接送孩子', required: true },
]

/** The rows of the demo, dated from `now`. */
export const activitiesData = (now) => {
  const today = shanghaiDay(now)
  // Opens at the next 5-minute mark at least 5 minutes away: the demo shows the "opens at" page.
  const opensSoon = Math.ceil((now + 5 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE
  const activities = [
    {
      id: 1,
      neighborhood_id: 1,
      kind: 'event',
      slug: SUMMER_CLASS_SLUG,
      title: '暑托班（七月班）',
      description:
        '面向本小区小学生的暑期托管：上午作业辅导，下午阅读、手工和体育活动。\n\n每份报名限 1 名孩子，有两个孩子的家庭请分别报名。名额按提交先后确认，满额后进入候补。',
      place: '慧华苑社区活动中心二楼',
      audience: '本小区 6–12 岁小学生',
      opens_at: opensSoon,
      closes_at: opensSoon + 7 * DAY,
      status: 'published',
      questions: QUESTIONS,
      for_children: 1,
      created_by: 3,
      created_at: now - 10 * DAY,
      updated_at: now - 2 * DAY,
    },
    {
      id: 2,
      neighborhood_id: 1,
      kind: 'event',
      slug: CRAFT_CLASS_SLUG,
      title: '亲子手工课：做一盏兔子灯',
      description:
        '社区达人沈阿姨带大家用彩纸和竹条做兔子灯，材料由居委会准备。每个家庭最多 3 人。',
      place: '慧华苑社区会客厅',
      audience: '亲子家庭',
      opens_at: now - 3 * DAY,
      closes_at: null,
      status: 'published',
      questions: [],
      created_by: 3,
      created_at: now - 5 * DAY,
      updated_at: now - 3 * DAY,
    },
    {
      id: 3,
      neighborhood_id: 1,
      kind: 'volunteer',
      slug: VOLUNTEER_SLUG,
      title: '垃圾分类志愿值守',
      description: '在垃圾厢房旁指导居民分类投放，每班 2 小时。志愿时长按签到记录累计。',
      place: '慧华苑 3 号、12 号垃圾厢房',
      audience: '居民志愿者、学生',
      opens_at: null,
      closes_at: null,
      status: 'published',
      questions: [],
      created_by: 3,
      created_at: now - 30 * DAY,
      updated_at: now - 30 * DAY,
    },
  ]
  const session = (id, activityId, label, startsAt, hours, capacity, maxParty) => ({
    id,
    activity_id: activityId,
    label,
    starts_at: startsAt,
    ends_at: startsAt + hours * HOUR,
    capacity,
    max_party: maxParty,
    created_at: now - 10 * DAY,
    updated_at: now - 10 * DAY,
  })
  const sessions = [
    session(1, 1, '7月第1–2周 全天班', today + 14 * DAY + 8.5 * HOUR, 8.5, 30, 1),
    session(2, 2, '周六上午', today + 9 * DAY + 9.5 * HOUR, 2, 12, 3),
    session(3, 3, '早班', today - 6 * DAY + 7 * HOUR, 2, 3, 1),
    session(4, 3, '晚班', today - 6 * DAY + 18 * HOUR, 2, 3, 1),
    session(5, 3, '早班', today + 1 * DAY + 7 * HOUR, 2, 3, 1),
    session(6, 3, '晚班', today + 1 * DAY + 18 * HOUR, 2, 3, 1),
  ]

  const registrations = []
  const reg = (id, s, seq, name, phone, partySize, status, extra = {}) => {
    const createdAt = extra.createdAt ?? now - 2 * DAY + seq * 7 * MINUTE
    registrations.push({
      id,
      session_id: s.id,
      activity_id: s.activity_id,
      name,
      phone,
      party_size: partySize,
      answers: {},
      status,
      seq,
      token: token('manage', id),
      checkin_code: token('checkin', id),
      source: 'web',
      created_at: createdAt,
      confirmed_at: status === 'waitlisted' ? null : createdAt,
      promoted_at: null,
      cancelled_at: null,
      cancelled_by: null,
      checked_in_at: extra.checkedInAt ?? null,
      checked_in_by: extra.checkedInAt ? 3 : null,
      credited_minutes: extra.minutes ?? null,
    })
  }
  // 亲子手工课: families in arrival order, confirmed while their party fits, then the waitlist.
  const craft = sessions[1]
  let taken = 0
  FAMILIES.forEach(([name, party], i) => {
    const status = party <= craft.capacity - taken ? 'confirmed' : 'waitlisted'
    if (status === 'confirmed') taken += party
    reg(200 + i, craft, i + 1, name, `139020000${String(i + 1).padStart(2, '0')}`, party, status)
  })
  const firstWaiting = registrations.find((r) => r.status === 'waitlisted')
  if (
    firstWaiting.id !== DEMO_REGISTRATIONS.craftFirstWaiting.id ||
    registrations[0].status !== 'confirmed'
  )
    throw new Error('seed activities: DEMO_REGISTRATIONS no longer match FAMILIES')
  // Volunteers: past shifts checked in (one no-show), upcoming shifts registered.
  let nextId = 300
  const shift = (s, seq, v, status, minutes = null) =>
    reg(
      nextId++,
      s,
      seq,
      v[0],
      v[1],
      1,
      status,
      status === 'checked_in'
        ? { checkedInAt: s.starts_at + 3 * MINUTE, minutes, createdAt: s.starts_at - 3 * DAY }
        : { createdAt: now - DAY + seq * MINUTE },
    )
  shift(sessions[2], 1, VOLUNTEERS[0], 'checked_in', 120)
  shift(sessions[2], 2, VOLUNTEERS[4], 'checked_in', 120)
  shift(sessions[2], 3, VOLUNTEERS[2], 'no_show')
  shift(sessions[3], 1, VOLUNTEERS[0], 'checked_in', 150)
  shift(sessions[3], 2, VOLUNTEERS[1], 'checked_in', 120)
  shift(sessions[4], 1, VOLUNTEERS[0], 'confirmed')
  shift(sessions[4], 2, VOLUNTEERS[3], 'confirmed')
  shift(sessions[5], 1, VOLUNTEERS[5], 'confirmed')
  shift(sessions[5], 2, VOLUNTEERS[2], 'confirmed')

  const volunteers = VOLUNTEERS.map(([name, phone, skills, tags], i) => ({
    id: i + 1,
    phone,
    name,
    neighborhood_id: 1,
    code: volunteerCode(i + 1),
    skills,
    tags,
    note: '',
    created_at: now - 60 * DAY + i * DAY,
    updated_at: now - 6 * DAY,
  }))
  return {
    // Every row names for_children (insertRows takes the columns from the first row).
    activities: activities.map((a) => ({ for_children: 0, ...a })),
    sessions,
    registrations,
    volunteers,
  }
}

export const seed = (ctx) => {
  const { activities, sessions, registrations, volunteers } = activitiesData(ctx.now)
  return [
    ...insertRows('activities', activities),
    ...insertRows('activity_sessions', sessions),
    ...insertRows('registrations', registrations),
    ...insertRows('volunteers', volunteers),
  ]
}
