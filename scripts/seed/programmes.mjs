// Demo programme (九个一): 大场镇's 美好社区先锋行动 with the nine required steps (规定动作),
// applied to all 8 demo neighborhoods 75 days ago, in every state — done (with evidence), due
// soon, overdue, not started; one neighborhood moved a due date of its own — who holds which post
// in each neighborhood, and residents' confirmations (居民打钩) of the done public steps with
// the tracking codes of the core seed's topics, paper tick sheets and a few objections.
// `DEMO_PROGRAMME` names it for the e2e tests and the README.
//
// Ids owned here: programmes 1–9, programme_steps 1–99, projects 6,001–6,099,
// checklist_items and confirmations 6,000,001–6,099,999.
import { insertRows } from '../lib/sql.mjs'
import { rng } from '../lib/random.mjs'
import { NEIGHBORHOODS, TOWN } from './core.mjs'

export const order = 80

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const SHANGHAI = 8 * HOUR

/** 00:00 in Shanghai of the day `ms` falls on. */
const dayStart = (ms) => Math.floor((ms + SHANGHAI) / DAY) * DAY - SHANGHAI

export const DEMO_PROGRAMME = {
  id: 1,
  name: '美好社区先锋行动·九个一',
  startedDaysAgo: 75,
  lengthDays: 180,
}

// [title, done when, evidence, due (days after the start), post, public]
const STEPS = [
  ['一次需求大走访', '书记带队走访楼组，摸清居民需求，形成走访记录', 'note', 14, 'secretary', true],
  [
    '一张需求清单',
    '梳理走访和渠道收集的需求，形成本居民区任务清单',
    'number',
    21,
    'social_worker',
    true,
  ],
  [
    '一次议事协商会',
    '召开议事会或楼组议事，就清单排出先后，居民举手表决',
    'photo',
    35,
    'director',
    true,
  ],
  [
    '一份项目方案',
    '一项目一方案：目标、分工、时间表、经费，报镇专班备案',
    'note',
    49,
    'project_lead',
    true,
  ],
  ['一家共建单位结对', '与高校、企业或社会组织签订结对共建协议', 'note', 63, 'secretary', true],
  [
    '一支达人队伍',
    '培育社区达人和志愿者骨干，登记在志愿者名册',
    'number',
    77,
    'social_worker',
    true,
  ],
  ['一批民生微实事', '办结一批微更新、微服务项目，全程公开', 'number', 95, 'project_lead', true],
  ['一次成果展示评议', '向居民展示成果，居民现场评议、打钩确认', 'photo', 120, 'director', true],
  ['一本工作台账', '每周一对接、每月一碰头，台账完整可查', 'number', 170, 'liaison', false],
]

// How far along each neighborhood is: the share of past-due steps it has done, and whether it
// starts steps early. 慧华苑 and 学林苑 lead; 大华一村 and 祁连二村 lag behind.
const PACE = { 1: 1, 2: 1, 3: 0.85, 4: 0.55, 5: 0.8, 6: 0.75, 7: 0.5, 8: 0.9 }

const NOTES = [
  '书记带队分三组走访 12 个楼组，入户 86 户，记录需求 41 条。',
  '对照走访记录和楼道留言板，梳理出 23 条需求，排出轻重缓急。',
  '议事角召开协商会，到会居民 31 人，举手确定前三个项目。',
  '方案已报镇专班备案：加装扶手、楼道照明、口袋花园三项。',
  '与上海大学美术学院团队签订结对协议，每月驻点两次。',
  '登记社区达人 18 人，其中手工、修理、书法各有带头人。',
  '办结楼道照明、休闲座椅、垃圾厢房改造等 6 件微实事。',
  '在社区会客厅展示成果，居民现场评议。',
]
const OBJECTIONS = [
  '我们楼没有人来走访过。',
  '清单里漏了 5 号楼电动车充电的事。',
  '议事会通知太晚，很多人不知道。',
  '说的口袋花园还没开工。',
]

/** The seed's statements; times relative to ctx.now. */
export const seed = (ctx) => {
  const r = rng('programmes')
  const now = ctx.now
  const startsAt = dayStart(now) - DEMO_PROGRAMME.startedDaysAgo * DAY
  const endsAt = startsAt + DEMO_PROGRAMME.lengthDays * DAY - 1
  const due = (days) => startsAt + (days + 1) * DAY - 1
  const townUser = 2
  const secretary = (i) => 10 + i * 2
  const worker = (i) => 11 + i * 2
  const holder = (i, post) =>
    ({
      secretary: secretary(i),
      social_worker: worker(i),
      project_lead: worker(i),
      liaison: townUser,
    })[post] ?? (i % 3 === 0 ? secretary(i) : null)

  const programmes = [
    {
      id: DEMO_PROGRAMME.id,
      town_id: TOWN.id,
      name: DEMO_PROGRAMME.name,
      description:
        '结合“六大计划”制定“九个一”规定动作，用好“居民打钩”制度，清单式落实、项目化管理。',
      owning_body: '大场镇“美好社区先锋行动”推进专班',
      starts_at: startsAt,
      ends_at: endsAt,
      created_by: townUser,
      created_at: startsAt - 3 * DAY,
      updated_at: startsAt - 3 * DAY,
    },
  ]
  const steps = STEPS.map(([title, doneWhen, evidence, days, post, pub], j) => ({
    id: j + 1,
    programme_id: DEMO_PROGRAMME.id,
    sort_order: j + 1,
    title,
    done_when: doneWhen,
    evidence,
    due_days: days,
    due_at: null,
    owner_post: post,
    public: pub ? 1 : 0,
    created_at: startsAt - 3 * DAY,
    updated_at: startsAt - 3 * DAY,
  }))
  const posts = NEIGHBORHOODS.flatMap((n, i) =>
    ['secretary', 'director', 'social_worker', 'project_lead', 'liaison'].flatMap((post) => {
      const user = holder(i, post)
      return user === null
        ? []
        : [{ neighborhood_id: n.id, post, user_id: user, updated_at: startsAt - 2 * DAY }]
    }),
  )
  const projects = NEIGHBORHOODS.map((n, i) => ({
    id: 6001 + i,
    neighborhood_id: n.id,
    title: DEMO_PROGRAMME.name,
    description: programmes[0].description,
    owner_user_id: secretary(i),
    owning_body: `${n.name}居民区党总支`,
    deadline_at: endsAt,
    status: 'in_progress',
    created_by: townUser,
    created_at: startsAt + 2 * HOUR,
    updated_at: now - r.int(1, 48) * HOUR,
    programme_id: DEMO_PROGRAMME.id,
  }))

  const items = []
  const evidence = []
  const confirmations = []
  const codesOf = (nid) =>
    (ctx.state.core?.topics ?? []).filter((t) => t.nid === nid).map((t) => t.trackingCode)
  NEIGHBORHOODS.forEach((n, i) => {
    const pace = PACE[n.id] ?? 0.8
    const codes = codesOf(n.id)
    let codeAt = 0
    STEPS.forEach(([title, , kind, days, post, pub], j) => {
      const id = 6_000_001 + i * STEPS.length + j
      // 大华一村 moved its 议事会 a week later (the timetable shows a neighborhood's own date).
      const dueAt = n.id === 4 && j === 2 ? due(days + 7) : due(days)
      const pastDue = dueAt < now
      const soon = !pastDue && dueAt < now + 14 * DAY
      // Done: most past-due steps (by pace), some due soon, an early bird now and then.
      const done = pastDue
        ? j === 0 || r.next() < pace
        : soon
          ? r.next() < pace * 0.6
          : j === 6 && pace === 1
      const doneAt = done
        ? Math.min(dueAt - r.int(0, 6) * DAY - r.int(0, 600) * MINUTE, now - r.int(2, 30) * HOUR)
        : null
      items.push({
        id,
        project_id: 6001 + i,
        title,
        owner_user_id: holder(i, post),
        due_at: dueAt,
        done: done ? 1 : 0,
        done_at: doneAt,
        sort_order: j + 1,
        created_at: startsAt + 2 * HOUR,
        step_id: j + 1,
      })
      if (!done) return
      evidence.push({
        item_id: id,
        note: NOTES[j] ?? '已按要求完成。',
        photo_url:
          kind === 'photo' ? `https://img.example.cn/dachang/${n.slug}/step${j + 1}.jpg` : null,
        number: kind === 'number' ? r.int(6, 45) : null,
        recorded_by: holder(i, post) ?? secretary(i),
        recorded_at: doneAt,
      })
      if (!pub) return
      // Residents' answers: a few tracking codes of the neighborhood, one of them disputing
      // now and then, and for some steps a paper tick sheet from the 楼组长.
      const voices = Math.min(codes.length - codeAt, r.int(2, 6))
      for (let k = 0; k < voices; k++) {
        const disputed = k === 0 && (pace < 0.8 ? r.chance(0.6) : r.chance(0.15))
        confirmations.push({
          id: 6_000_001 + confirmations.length,
          item_id: id,
          neighborhood_id: n.id,
          verdict: disputed ? 'disputed' : 'confirmed',
          source: 'code',
          voice: `code:${codes[codeAt + k]}`,
          people: 1,
          device: null,
          comment: disputed ? r.pick(OBJECTIONS) : '',
          created_by: null,
          created_at: Math.min(doneAt + r.int(3, 240) * HOUR, now - 30 * MINUTE),
        })
      }
      codeAt = (codeAt + voices) % Math.max(1, codes.length)
      if (r.chance(0.5))
        confirmations.push({
          id: 6_000_001 + confirmations.length,
          item_id: id,
          neighborhood_id: n.id,
          verdict: 'confirmed',
          source: 'paper',
          voice: null,
          people: r.int(5, 24),
          device: null,
          comment: '楼组长收回的纸质打钩单',
          created_by: worker(i),
          created_at: Math.min(doneAt + r.int(2, 9) * DAY, now - HOUR),
        })
    })
  })

  return [
    ...insertRows('programmes', programmes),
    ...insertRows('programme_steps', steps),
    ...insertRows('neighborhood_posts', posts),
    ...insertRows('projects', projects),
    ...insertRows('checklist_items', items),
    ...insertRows('step_evidence', evidence),
    ...insertRows('confirmations', confirmations),
  ]
}
