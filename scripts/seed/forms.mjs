// Demo forms: the 小哥驿站 rider survey in 慧华苑 (open, two versions, 30 responses), a town-wide
// satisfaction poll that is closed, and a draft sign-up sheet. Answers are generated to pass the
// same validator the worker uses (worker/domain/forms).
//
// Ids owned here: forms 1–99, form_versions 1–999, form_responses 1–99,999.
import { insertRows } from '../lib/sql.mjs'
import { CODE_ALPHABET, rng } from '../lib/random.mjs'

export const order = 50

const DAY = 86_400_000
const HOUR = 3_600_000

const PLATFORMS = ['美团', '饿了么', '闪送', '其他']
const NEEDS = ['手机充电', '电瓶车充电', '热水饮水', '休息座椅', '微波炉热饭', '卫生间']
const TIMES = ['早上 7–10 点', '中午 11–14 点', '下午 14–17 点', '晚上 17–21 点', '夜里 21 点以后']

const RIDER_V1 = [
  {
    key: 'platform',
    label: '您主要在哪个平台接单？',
    type: 'single',
    required: true,
    options: PLATFORMS,
  },
  {
    key: 'hours',
    label: '平均每天在路上几个小时？',
    type: 'number',
    required: true,
    min: 1,
    max: 24,
    integer: true,
  },
  {
    key: 'needs',
    label: '驿站最需要提供什么？',
    type: 'multiple',
    required: true,
    options: NEEDS,
    maxPicks: 3,
    help: '最多选 3 项',
  },
  {
    key: 'charge_spots',
    label: '电瓶车充电，一次大约要充几小时？',
    type: 'number',
    min: 0,
    max: 12,
    integer: true,
    condition: { field: 'needs', op: 'includes', value: '电瓶车充电' },
  },
  {
    key: 'when',
    label: '您一般什么时候最需要歇脚？',
    type: 'single',
    required: true,
    options: TIMES,
  },
  { key: 'score', label: '您对附近现有歇脚地方的满意度', type: 'rating', required: true, scale: 5 },
  {
    key: 'phone',
    label: '手机号',
    type: 'phone',
    required: true,
    help: '只用于驿站开放时短信通知，不会公开',
  },
  {
    key: 'agree',
    label: '我同意慧华苑居委会为建设驿站使用以上信息',
    type: 'consent',
    required: true,
  },
]
// Version 2 added a suggestion box and a hidden source field after the first ten answers.
const RIDER_V2 = [
  ...RIDER_V1.slice(0, 6),
  { key: 'advice', label: '您对驿站还有什么建议？', type: 'longtext', maxLength: 500 },
  ...RIDER_V1.slice(6),
  { key: 'src', label: '来源', type: 'hidden' },
]

const SATISFACTION = [
  {
    key: 'nbhd',
    label: '您住在哪个居民区？',
    type: 'single',
    required: true,
    options: [
      '慧华苑',
      '学林苑',
      '和泰苑',
      '大华一村',
      '乾溪新村',
      '共康雅苑',
      '祁连二村',
      '馨佳园',
    ],
  },
  {
    key: 'score',
    label: '对今年社区治理工作的总体满意度',
    type: 'rating',
    required: true,
    scale: 5,
  },
  { key: 'best', label: '做得最好的一件事', type: 'text', maxLength: 100 },
]

const SIGNUP = [
  { key: 'child', label: '孩子姓名', type: 'text', required: true, maxLength: 20 },
  { key: 'age', label: '孩子年龄', type: 'number', required: true, min: 6, max: 14, integer: true },
  { key: 'home', label: '住址', type: 'building', required: true },
  { key: 'phone', label: '家长手机号', type: 'phone', required: true },
  {
    key: 'weeks',
    label: '希望参加的周次',
    type: 'multiple',
    required: true,
    options: ['第 1 周', '第 2 周', '第 3 周', '第 4 周'],
    minPicks: 1,
  },
  { key: 'agree', label: '我已阅读并同意安全须知', type: 'consent', required: true },
]

const receipt = (r) => {
  const code = Array.from({ length: 8 }, () => r.pick(CODE_ALPHABET)).join('')
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** The demo rows (also used to check the answers against the worker's validator). */
export const formsData = (now) => {
  const r = rng('forms')
  const forms = [
    {
      id: 1,
      town_id: 1,
      neighborhood_id: 1,
      slug: 'rider-station',
      title: '小哥驿站需求调查',
      description:
        '慧华苑准备在社区会客厅旁边建一个“小哥驿站”，给外卖、快递小哥歇脚、充电、喝水。\n请花一分钟告诉我们您最需要什么。',
      status: 'open',
      opens_at: now - 14 * DAY,
      closes_at: now + 16 * DAY,
      max_responses: 200,
      one_per_phone: 1,
      current_version: 2,
      created_by: 3,
      created_at: now - 15 * DAY,
      updated_at: now - 9 * DAY,
    },
    {
      id: 2,
      town_id: 1,
      neighborhood_id: null,
      slug: 'satisfaction-2025',
      title: '2025 年度社区治理满意度测评',
      description: '大场镇各居民区居民均可填写。',
      status: 'closed',
      opens_at: now - 60 * DAY,
      closes_at: now - 30 * DAY,
      max_responses: null,
      one_per_phone: 0,
      current_version: 1,
      created_by: 2,
      created_at: now - 61 * DAY,
      updated_at: now - 30 * DAY,
    },
    {
      id: 3,
      town_id: 1,
      neighborhood_id: 1,
      slug: 'summer-care',
      title: '暑托班意向登记',
      description: '了解家长需求，名额以正式报名为准。',
      status: 'draft',
      opens_at: null,
      closes_at: null,
      max_responses: 60,
      one_per_phone: 1,
      current_version: 1,
      created_by: 3,
      created_at: now - 2 * DAY,
      updated_at: now - 2 * DAY,
    },
  ]
  const versions = [
    { id: 1, form_id: 1, version: 1, fields: RIDER_V1, created_by: 3, created_at: now - 15 * DAY },
    { id: 2, form_id: 1, version: 2, fields: RIDER_V2, created_by: 3, created_at: now - 9 * DAY },
    {
      id: 3,
      form_id: 2,
      version: 1,
      fields: SATISFACTION,
      created_by: 2,
      created_at: now - 61 * DAY,
    },
    { id: 4, form_id: 3, version: 1, fields: SIGNUP, created_by: 3, created_at: now - 2 * DAY },
  ]

  const responses = []
  const phones = new Set()
  for (let i = 0; i < 30; i++) {
    const version = i < 10 ? 1 : 2
    const createdAt =
      version === 1
        ? now - 14 * DAY + i * 9 * HOUR
        : now - 9 * DAY + (i - 10) * 10 * HOUR + r.int(0, 50) * 60_000
    let phone
    do
      phone = `1${r.pick(['38', '39', '58', '59', '86', '87', '77'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`
    while (phones.has(phone))
    phones.add(phone)
    const needs = NEEDS.filter(() => r.chance(0.4)).slice(0, 3)
    if (!needs.length)
      needs.push(
        r.weighted([
          [NEEDS[1], 3],
          [NEEDS[0], 2],
          [NEEDS[2], 1],
        ]),
      )
    const answers = {
      platform: r.weighted([
        [PLATFORMS[0], 5],
        [PLATFORMS[1], 4],
        [PLATFORMS[2], 1],
        [PLATFORMS[3], 1],
      ]),
      hours: r.int(6, 13),
      needs,
      ...(needs.includes('电瓶车充电') ? { charge_spots: r.int(2, 6) } : {}),
      when: r.weighted(TIMES.map((t, k) => [t, [1, 4, 2, 4, 1][k]])),
      score: r.weighted([
        [1, 2],
        [2, 4],
        [3, 3],
        [4, 1],
        [5, 1],
      ]),
      ...(version === 2 && r.chance(0.5)
        ? {
            advice: r.pick([
              '希望晚上也开着',
              '能不能放个微波炉',
              '充电桩要有防火措施',
              '门口留几个停车位',
              '有空调就太好了',
            ]),
          }
        : {}),
      phone,
      agree: true,
      ...(version === 2 ? { src: r.pick(['poster', 'poster', 'wechat']) } : {}),
    }
    responses.push({
      id: i + 1,
      form_id: 1,
      version,
      answers,
      phone,
      receipt: receipt(r),
      created_at: createdAt,
    })
  }
  for (let i = 0; i < 12; i++) {
    responses.push({
      id: 31 + i,
      form_id: 2,
      version: 1,
      answers: {
        nbhd: r.pick(SATISFACTION[0].options),
        score: r.weighted([
          [3, 2],
          [4, 5],
          [5, 3],
        ]),
        ...(r.chance(0.5)
          ? { best: r.pick(['加装电梯推进快', '楼道整治干净了', '停车更有序']) }
          : {}),
      },
      phone: null,
      receipt: receipt(r),
      created_at: now - 55 * DAY + i * DAY,
    })
  }

  return { forms, versions, responses }
}

export const seed = (ctx) => {
  const { forms, versions, responses } = formsData(ctx.now)
  return [
    ...insertRows('forms', forms),
    ...insertRows('form_versions', versions),
    ...insertRows('form_responses', responses),
  ]
}
