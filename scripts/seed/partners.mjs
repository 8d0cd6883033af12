// Demo partners (共建单位) of 大场镇 and their hands raised (认领): a party branch in every
// neighborhood, partner units (大场医院, 山姆会员店), university clubs (上海大学), social
// organisations, 达人 teams, property managers and owners' committees, each with offers (资源清单);
// what some core projects still need (the public 需求清单 at /h/1); accepted, pending and declined
// claims, with the public updates an accepted one writes (认领单位：…); a 达人 (沈阿姨, from the
// activities seed) leading a micro-project of her own and the 亲子手工课; and the demo partner
// login `partner` (大场医院, DEMO_PASSWORD), which sees only the needs list, its claims and the
// projects it joined.
//
// Core projects and tasks are named by title (subqueries), not by id, so this module does not
// depend on the order the core seed numbers them in.
//
// Ids owned here: users 30; partners 1–99; partner_offers 1–999; project_needs, claims and
// activity_leads 1–999; projects 7,001–7,099; checklist_items and project_updates
// 7,000,001–7,099,999.
import { insertRows, lit } from '../lib/sql.mjs'
import { hashPassword } from '../lib/password.mjs'
import { DEMO_PASSWORD, NEIGHBORHOODS, TOWN } from './core.mjs'

export const order = 90

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The demo partner login (README): a 大场医院 login, password DEMO_PASSWORD. */
export const PARTNER_LOGIN = { id: 30, username: 'partner', displayName: '大场医院 王医生' }

const BRANCH_NAMES = {
  huihuayuan: '慧华苑居民区党总支',
  xuelinyuan: '学林苑居民区党支部',
  hetaiyuan: '和泰苑居民区党支部',
  dahuayicun: '大华一村居民区党总支',
  qianxixincun: '乾溪新村居民区党支部',
  gongkangyayuan: '共康雅苑居民区党支部',
  qilianercun: '祁连二村居民区党总支',
  xinjiayuan: '馨佳园居民区党支部',
}

// [id, kind, name, neighborhood id or null, contact, phone, note]
const PARTNERS = [
  ...NEIGHBORHOODS.map((n) => [
    n.id,
    'party_branch',
    BRANCH_NAMES[n.slug],
    n.id,
    '',
    null,
    '在职党员双报到、党员志愿服务',
  ]),
  [11, 'unit', '大场医院', null, '王医生', '021-56600000', '全科、康复科医生每月下社区'],
  [12, 'unit', '山姆会员店（大场店）', null, '李经理', '13900010002', '企业社会责任项目'],
  [13, 'unit', '宝山供电公司大场供电所', null, '张工', '13900010003', ''],
  [21, 'student_club', '上海大学美术学院团队', null, '陈老师', '13900010004', '公共空间设计'],
  [22, 'student_club', '上海大学青年志愿者协会', null, '小林', '13900010005', '12 个社团'],
  [23, 'student_club', '上海大学社会学院赋能团队', null, '周老师', '13900010006', '调研与培训'],
  [31, 'social_org', '乐龄社工服务社', null, '顾社工', '13900010007', '为老服务'],
  [32, 'social_org', '绿色家园环保社', null, '沈老师', '13900010008', '垃圾分类、社区花园'],
  [41, 'talent_team', '慧华苑手工达人团', 1, '沈阿姨', '13900010009', '达人工作坊'],
  [42, 'talent_team', '乾溪新村修理达人队', 5, '陆师傅', '13900010010', '小家电、水电维修'],
  [51, 'property', '慧华苑物业服务中心', 1, '钱经理', '13900010011', ''],
  [52, 'property', '学林苑物业服务中心', 2, '孙经理', '13900010012', ''],
  [61, 'owners_committee', '慧华苑业委会', 1, '吴主任', '13900010013', ''],
  [62, 'owners_committee', '和泰苑业委会', 3, '郑主任', '13900010014', ''],
]

// [partner id, kind, title, quantity, availability, category ids]
const OFFERS = [
  ...NEIGHBORHOODS.flatMap((n) => [
    [n.id, 'volunteers', '党员志愿者', '10–20 人', '周末', [1, 11]],
    [n.id, 'venue', '党群服务站活动室', '30 人', '工作日白天', [11, 8]],
  ]),
  [11, 'service', '义诊和健康讲座', '每月 1 次', '每月第一个周六上午', [8]],
  [11, 'volunteers', '医护志愿者', '5 人', '周末', [8, 7]],
  [12, 'goods', '食品和日用品', '每季度 5000 元以内', '提前两周联系', [8, 9, 11]],
  [12, 'funds', '小额公益资助', '单个项目 1 万元以内', '每年 3 月、9 月申报', [6, 9]],
  [13, 'service', '充电设施和线路勘察', '按项目', '工作日', [4, 7]],
  [21, 'service', '景观和公共空间设计', '每学期 2 个项目', '学期中', [6, 12]],
  [21, 'volunteers', '美院学生志愿者', '8 人', '周末', [6, 11]],
  [22, 'volunteers', '青年志愿者', '30 人', '寒暑假、周末', [9, 11, 1]],
  [23, 'service', '居民需求调研、议事培训', '每学期 3 次', '学期中', [11, 10]],
  [31, 'service', '助老服务、助餐点运营指导', '长期', '工作日', [8]],
  [32, 'volunteers', '环保志愿者', '15 人', '周末', [1, 6]],
  [32, 'goods', '分类垃圾桶、堆肥箱', '20 套', '提前一周', [1, 6]],
  [41, 'service', '手工课和楼道美化', '每月 2 次', '周六下午', [11, 9]],
  [42, 'service', '小家电和水电维修', '每月 1 次便民日', '每月 15 日', [2]],
  [51, 'service', '设施维修', '长期', '工作日', [2, 10]],
  [51, 'venue', '物业会议室', '20 人', '工作日晚上', [10, 11]],
  [52, 'service', '设施维修', '长期', '工作日', [2, 10]],
  [61, 'funds', '维修资金使用协调', '按规定程序', '业主大会后', [2, 5]],
  [62, 'funds', '公共收益补贴停车改造', '2 万元', '本年度', [3]],
]

const project = (title) => `(SELECT id FROM projects WHERE title = ${lit(title)} AND id < 100)`
const task = (projectTitle, taskTitle) =>
  `(SELECT id FROM checklist_items WHERE project_id = ${project(projectTitle)} AND title = ${lit(taskTitle)})`

// What core projects (and some of their tasks) still ask of partners.
// [id, project title, task title or null, kinds, note]
const NEEDS = [
  [1, '老年助餐点试运行', null, ['service', 'goods', 'venue'], '需要供餐单位、食材和就餐场地'],
  [2, '老年助餐点试运行', '供餐单位招募', ['service'], '每天午餐约 60 份'],
  [3, '中心绿地微更新', null, ['service', 'volunteers'], '需要景观设计和共创工作坊志愿者'],
  [4, '儿童游乐区改造', null, ['goods', 'funds'], '游乐设施约 3 万元'],
  [5, '停车位挖潜与划线', null, ['service'], '需要测绘和划线施工'],
  [6, '5号楼屋面防水修缮', null, ['funds', 'service'], ''],
  [7, '高空抛物监控探头安装', null, ['goods', 'funds'], '8 个探头'],
  [
    8,
    '3号楼、7号楼加装电梯意愿征询',
    null,
    ['volunteers', 'service'],
    '需要熟悉政策的志愿者入户讲解',
  ],
  [9, '社区会客厅议事角布置', null, ['goods', 'venue'], '桌椅、展板'],
  [10, '增设电瓶车充电桩', '安装调试', ['service'], ''],
]

// Hands raised for core projects. `offer` names one of the partner's OFFERS by title.
const CLAIMS = [
  {
    id: 1,
    project: '老年助餐点试运行',
    task: '供餐单位招募',
    partner: 12,
    status: 'accepted',
    person: '李经理',
    offer: '食品和日用品',
    message: '可提供食材',
    daysAgo: 20,
  },
  {
    id: 2,
    project: '老年助餐点试运行',
    task: '食品安全备案',
    partner: 11,
    status: 'accepted',
    person: '王医生',
    offer: '义诊和健康讲座',
    message: '协助健康证办理',
    daysAgo: 18,
  },
  {
    id: 3,
    project: '中心绿地微更新',
    partner: 21,
    status: 'accepted',
    person: '陈老师',
    offer: '景观和公共空间设计',
    message: '出设计方案',
    daysAgo: 30,
  },
  {
    id: 4,
    project: '12号楼加装电梯',
    task: '规划审批',
    partner: 1,
    status: 'accepted',
    person: '陈建国',
    message: '党员分头做工作',
    daysAgo: 40,
  },
  {
    id: 5,
    project: '3号楼、7号楼加装电梯意愿征询',
    task: '低层住户协调会',
    partner: 5,
    status: 'accepted',
    person: '陆志明',
    daysAgo: 15,
  },
  {
    id: 6,
    project: '增设电瓶车充电桩',
    task: '安装调试',
    partner: 13,
    status: 'accepted',
    person: '张工',
    offer: '充电设施和线路勘察',
    message: '派人勘察线路',
    daysAgo: 12,
  },
  {
    id: 7,
    project: '增设电瓶车充电桩',
    partner: 2,
    status: 'accepted',
    person: '周秀英',
    daysAgo: 25,
  },
  {
    id: 8,
    project: '社区会客厅议事角布置',
    task: '启用',
    partner: 11,
    status: 'pending',
    person: '王医生',
    offer: '义诊和健康讲座',
    message: '启用当天来做健康咨询',
    daysAgo: 2,
  },
  {
    id: 9,
    project: '儿童游乐区改造',
    task: '征集家长意见',
    partner: 22,
    status: 'pending',
    person: '小林',
    offer: '青年志愿者',
    message: '暑假带队入户',
    daysAgo: 3,
  },
  {
    id: 10,
    project: '12号楼加装电梯',
    task: '施工进场',
    partner: 51,
    status: 'pending',
    person: '钱经理',
    offer: '设施维修',
    message: '协调施工期间停车',
    daysAgo: 1,
  },
  {
    id: 11,
    project: '高空抛物监控探头安装',
    partner: 4,
    status: 'pending',
    person: '沈卫东',
    daysAgo: 4,
  },
  {
    id: 12,
    project: '5号楼屋面防水修缮',
    task: '施工',
    partner: 12,
    status: 'declined',
    person: '李经理',
    offer: '小额公益资助',
    note: '需要专业施工单位',
    daysAgo: 10,
  },
  {
    id: 13,
    project: '停车位挖潜与划线',
    partner: 62,
    status: 'accepted',
    person: '郑主任',
    offer: '公共收益补贴停车改造',
    daysAgo: 22,
  },
  {
    id: 14,
    project: '中心绿地微更新',
    task: '居民共创工作坊',
    partner: 32,
    status: 'withdrawn',
    person: '沈老师',
    offer: '环保志愿者',
    daysAgo: 28,
  },
]

/** 沈阿姨 (volunteer 1 of the activities seed: 编织, 手工达人) leads a micro-project. */
const MICRO = {
  id: 7001,
  title: '楼道手工装饰微改造',
  checklist: ['征集楼道居民意见', '手工作品制作', '布置与回访'],
}

const raw = (sql) => `${sql.trim()};`

export const seed = (ctx) => {
  const now = ctx.now
  const secret = hashPassword(DEMO_PASSWORD)
  const partnerName = Object.fromEntries(PARTNERS.map((p) => [p[0], p[2]]))
  const statements = [
    ...insertRows(
      'partners',
      PARTNERS.map(([id, kind, name, nid, contact, phone, note]) => ({
        id,
        town_id: TOWN.id,
        neighborhood_id: nid,
        kind,
        name,
        contact_name: contact,
        contact_phone: phone,
        note,
        active: 1,
        created_by: 2,
        created_at: now - 100 * DAY,
        updated_at: now - 30 * DAY,
      })),
    ),
    ...insertRows(
      'partner_offers',
      OFFERS.map(([partnerId, kind, title, quantity, availability, categoryIds], i) => ({
        id: i + 1,
        partner_id: partnerId,
        kind,
        title,
        quantity,
        availability,
        category_ids: categoryIds,
        active: 1,
        created_at: now - 90 * DAY,
        updated_at: now - 30 * DAY,
      })),
    ),
    ...insertRows('users', [
      {
        id: PARTNER_LOGIN.id,
        username: PARTNER_LOGIN.username,
        display_name: PARTNER_LOGIN.displayName,
        role: 'partner',
        password_hash: secret.hash,
        password_salt: secret.salt,
        password_iterations: secret.iterations,
        disabled: 0,
        created_at: now - 60 * DAY,
        updated_at: now - 60 * DAY,
      },
    ]),
    ...insertRows('user_partners', [{ user_id: PARTNER_LOGIN.id, partner_id: 11 }]),
    // 沈阿姨's micro-project in 慧华苑, with its checklist.
    ...insertRows('projects', [
      {
        id: MICRO.id,
        neighborhood_id: 1,
        title: MICRO.title,
        description: '手工达人沈阿姨带楼道居民用旧物做装饰，让楼道更温馨。',
        owner_user_id: 3,
        owning_body: '慧华苑居委会',
        deadline_at: now + 30 * DAY,
        status: 'in_progress',
        created_by: 3,
        created_at: now - 21 * DAY,
        updated_at: now - 2 * DAY,
        done_at: null,
      },
    ]),
    ...insertRows(
      'checklist_items',
      MICRO.checklist.map((title, k) => ({
        id: 7_000_001 + k,
        project_id: MICRO.id,
        title,
        owner_user_id: 3,
        due_at: now + (k * 10 - 5) * DAY,
        done: k === 0 ? 1 : 0,
        done_at: k === 0 ? now - 6 * DAY : null,
        sort_order: k + 1,
        created_at: now - 21 * DAY,
      })),
    ),
  ]
  for (const [id, title, taskTitle, kinds, note] of NEEDS)
    statements.push(
      raw(`INSERT OR IGNORE INTO project_needs (id, project_id, checklist_item_id, kinds, note, open,
        updated_by, updated_at)
      SELECT ${id}, ${project(title)}, ${taskTitle ? task(title, taskTitle) : 'NULL'}, ${lit(kinds)},
        ${lit(note)}, 1, 3, ${now - 20 * DAY}
      WHERE ${project(title)} IS NOT NULL`),
    )
  const claims = [
    ...CLAIMS,
    // 沈阿姨 (volunteer 1) is 主理人 of the micro-project.
    {
      id: 15,
      project: MICRO.title,
      volunteer: 1,
      status: 'accepted',
      message: '我来当主理人',
      note: '谢谢沈阿姨',
      daysAgo: 20,
    },
  ]
  let updateId = 7_000_001
  for (const c of claims) {
    const projectId = c.project === MICRO.title ? String(MICRO.id) : project(c.project)
    const taskId = c.task ? task(c.project, c.task) : 'NULL'
    const offerId = c.offer
      ? `(SELECT id FROM partner_offers WHERE partner_id = ${c.partner} AND title = ${lit(c.offer)})`
      : 'NULL'
    const raisedAt = now - c.daysAgo * DAY
    const decidedAt = c.status === 'pending' ? null : raisedAt + 2 * DAY + 3 * HOUR
    // The demo partner login raised 大场医院's hands itself; staff recorded the others.
    const byPartner = c.partner === 11
    statements.push(
      raw(`INSERT OR IGNORE INTO claims (id, project_id, checklist_item_id, partner_id, volunteer_id,
        neighborhood_id, status, person_name, offer_id, message, decision_note, source, created_by,
        created_at, decided_by, decided_at, updated_at)
      SELECT ${c.id}, p.id, ${taskId}, ${lit(c.partner)}, ${lit(c.volunteer)}, p.neighborhood_id,
        ${lit(c.status)}, ${lit(c.person ?? '')}, ${offerId}, ${lit(c.message ?? '')},
        ${lit(c.note)}, ${lit(byPartner ? 'partner' : 'staff')},
        ${byPartner ? PARTNER_LOGIN.id : 2}, ${raisedAt}, ${decidedAt === null ? 'NULL' : 2},
        ${lit(decidedAt)}, ${decidedAt ?? raisedAt}
      FROM projects p WHERE p.id = ${projectId}`),
    )
    if (c.status !== 'accepted') continue
    // What accepting wrote on the project's public timeline (domain/partners claimUpdateNote).
    const who = c.partner ? `认领单位：${partnerName[c.partner]}` : '主理人：达人 沈**'
    const what = c.task ? `任务「${c.task}」` : '本项目'
    statements.push(
      raw(`INSERT OR IGNORE INTO project_updates (id, project_id, at, author_user_id, body, public)
      SELECT ${updateId++}, p.id, ${decidedAt}, 2, ${lit(`${who} 认领了${what}`)}, 1
      FROM projects p WHERE p.id = ${projectId}`),
    )
  }
  // Leads of the activities seed's activities: 沈阿姨 leads the 亲子手工课 (activity 2) with the
  // 上海大学青年志愿者协会; 绿色家园环保社 leads the 垃圾分类志愿值守 (activity 3).
  statements.push(
    ...insertRows('activity_leads', [
      {
        id: 1,
        activity_id: 2,
        partner_id: null,
        volunteer_id: 1,
        created_by: 3,
        created_at: now - 10 * DAY,
      },
      {
        id: 2,
        activity_id: 2,
        partner_id: 22,
        volunteer_id: null,
        created_by: 3,
        created_at: now - 10 * DAY,
      },
      {
        id: 3,
        activity_id: 3,
        partner_id: 32,
        volunteer_id: null,
        created_by: 3,
        created_at: now - 30 * DAY,
      },
    ]),
  )
  return statements
}
