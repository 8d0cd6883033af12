// The demo town: 大场镇 with 8 neighborhoods, staff of every role, categories, channels, ~150
// topics over the last 90 days in every status with their timelines and supports, and projects
// in every status with checklists, public updates and evaluations.
//
// Id ranges owned here: towns 1; neighborhoods 1–8; grids n*10+g; users 1–4 and 10–25;
// categories 1–12; channels n*100+k; projects 1–99; topics, topic_events, supports,
// checklist_items, project_updates, evaluations 1–99,999. Other modules use ids above those.
import { insertRows } from '../lib/sql.mjs'
import { hashPassword } from '../lib/password.mjs'
import { rng, seedChannelCode } from '../lib/random.mjs'
import { loadStoredTokens } from '../lib/topic-tokens.mjs'

export const order = 0

export const DEMO_PASSWORD = 'jushou-demo'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export const TOWN = { id: 1, name: '大场镇' }

export const NEIGHBORHOODS = [
  { id: 1, name: '慧华苑', slug: 'huihuayuan', buildings: 32 },
  { id: 2, name: '学林苑', slug: 'xuelinyuan', buildings: 24 },
  { id: 3, name: '和泰苑', slug: 'hetaiyuan', buildings: 28 },
  { id: 4, name: '大华一村', slug: 'dahuayicun', buildings: 40 },
  { id: 5, name: '乾溪新村', slug: 'qianxixincun', buildings: 36 },
  { id: 6, name: '共康雅苑', slug: 'gongkangyayuan', buildings: 22 },
  { id: 7, name: '祁连二村', slug: 'qilianercun', buildings: 30 },
  { id: 8, name: '馨佳园', slug: 'xinjiayuan', buildings: 26 },
]

/** The demo committee's phone of a neighborhood (printed on its posters); not a real number. */
const committeePhone = (neighborhoodId) => `021-6600 ${1000 + neighborhoodId}`

const GRID_NAMES = ['第一楼组', '第二楼组', '第三楼组']
export const GRIDS = NEIGHBORHOODS.flatMap((n) => {
  const per = Math.ceil(n.buildings / GRID_NAMES.length)
  return GRID_NAMES.map((label, g) => ({
    id: n.id * 10 + g + 1,
    neighborhoodId: n.id,
    name: `${label}（${g * per + 1}–${Math.min((g + 1) * per, n.buildings)}号楼）`,
  }))
})

/** The four demo logins printed by `npm start`; all use DEMO_PASSWORD. */
export const DEMO_USERS = [
  { id: 1, username: 'admin', displayName: '系统管理员', role: 'admin' },
  { id: 2, username: 'town', displayName: '大场镇专班 王晓峰', role: 'town', townIds: [1] },
  { id: 3, username: 'staff', displayName: '慧华苑居委 李敏', role: 'staff', neighborhoodIds: [1] },
  {
    id: 4,
    username: 'viewer',
    displayName: '慧华苑观察员 赵静',
    role: 'viewer',
    neighborhoodIds: [1],
  },
]

const SECRETARIES = ['陈建国', '周秀英', '沈卫东', '顾美华', '陆志明', '朱丽萍', '蒋国平', '钱慧芳']
const WORKERS = ['张婷', '黄磊', '吴佳怡', '徐晨', '孙浩', '胡晓燕', '马俊', '杨雪']

/** Two more staff per neighborhood (党总支书记, 社工): project owners. Same password. */
export const NEIGHBORHOOD_STAFF = NEIGHBORHOODS.flatMap((n, i) => [
  {
    id: 10 + i * 2,
    username: `${n.slug}.shuji`,
    displayName: `${n.name}党总支书记 ${SECRETARIES[i]}`,
    role: 'staff',
    neighborhoodIds: [n.id],
  },
  {
    id: 11 + i * 2,
    username: `${n.slug}.shegong`,
    displayName: `${n.name}社工 ${WORKERS[i]}`,
    role: 'staff',
    neighborhoodIds: [n.id],
  },
])

export const USERS = [...DEMO_USERS, ...NEIGHBORHOOD_STAFF]

/** Staff who act in a neighborhood (the demo `staff` works in 慧华苑). */
const staffOf = (neighborhoodId) =>
  USERS.filter((u) => u.role === 'staff' && u.neighborhoodIds.includes(neighborhoodId))

export const CATEGORIES = [
  { id: 1, name: '环境卫生', nameEn: 'Sanitation' },
  { id: 2, name: '设施维修', nameEn: 'Repairs' },
  { id: 3, name: '停车', nameEn: 'Parking' },
  { id: 4, name: '充电桩', nameEn: 'E-bike charging' },
  { id: 5, name: '加装电梯', nameEn: 'Lift retrofit' },
  { id: 6, name: '绿化', nameEn: 'Greenery' },
  { id: 7, name: '安全', nameEn: 'Safety' },
  { id: 8, name: '养老', nameEn: 'Elderly care' },
  { id: 9, name: '托幼', nameEn: 'Childcare' },
  { id: 10, name: '物业', nameEn: 'Property management' },
  { id: 11, name: '邻里', nameEn: 'Neighbours' },
  { id: 12, name: '其他', nameEn: 'Other' },
]

const CHANNEL_KINDS = [
  // [k, kind, label(n), grid index or null]
  [1, 'qr', (n) => `${n.id === 1 ? 12 : 3 + n.id}号楼1单元 楼道留言板`, 0],
  [2, 'qr', (n) => `${Math.floor(n.buildings * 0.6)}号楼2单元 楼道留言板`, 1],
  [3, 'box', () => '意见箱（居委会门口）', null],
  [4, 'qr', () => '议事角', null],
  [5, 'qr', () => '社区会客厅', null],
  [6, 'web', () => '网上提交', null],
  [7, 'phone', () => '居委会电话', null],
  [8, 'visit', () => '上门走访', null],
  [9, 'staff', () => '居委代录', null],
]

/** Every demo channel; `code` is what /q/<code> takes. Codes are stable across runs. */
export const CHANNELS = NEIGHBORHOODS.flatMap((n) =>
  CHANNEL_KINDS.map(([k, kind, label, grid]) => ({
    id: n.id * 100 + k,
    neighborhoodId: n.id,
    gridId: grid === null ? null : n.id * 10 + grid + 1,
    kind,
    label: label(n),
    code: seedChannelCode(n.id * 100 + k),
  })),
)

// ── topic texts ── {b} building, {b2} another building, {u} unit, {f} floor
const tpl = (categoryId, title, description, location) => ({
  categoryId,
  title,
  description,
  location,
})
export const TOPIC_TEMPLATES = [
  tpl(
    1,
    '{b}号楼楼道堆物影响通行',
    '{b}号楼{u}单元2楼到5楼楼道里堆了纸箱、旧家具和花盆，老人上下楼不方便，也有消防隐患，希望居委会协调清理。',
    '{b}号楼{u}单元',
  ),
  tpl(
    1,
    '垃圾厢房异味大',
    '{b}号楼旁边的垃圾厢房天热时味道很大，湿垃圾桶经常满出来，希望增加清运次数并定期冲洗。',
    '{b}号楼旁垃圾厢房',
  ),
  tpl(
    1,
    '绿化带里宠物粪便多',
    '中心绿地和{b}号楼前绿化带里狗粪便很多，孩子在旁边玩不卫生，希望加强宣传并设置拾便袋箱。',
    '中心绿地',
  ),
  tpl(
    1,
    '大件垃圾长期无人清运',
    '东门围墙边堆了旧沙发和床垫一个多月了，下雨后发霉发臭，希望物业尽快联系清运。',
    '小区东门围墙边',
  ),
  tpl(
    2,
    '路灯不亮',
    '小区东门到{b}号楼的路灯坏了一个多月，晚上很黑，老人走路害怕，希望尽快修好。',
    '东门至{b}号楼道路',
  ),
  tpl(
    2,
    '{b}号楼单元门门禁损坏',
    '{b}号楼{u}单元门禁坏了，门关不上，外来人员随便进出，希望尽快维修。',
    '{b}号楼{u}单元',
  ),
  tpl(
    2,
    '{b}号楼顶楼漏水',
    '我家住{b}号楼顶楼，下雨天天花板渗水，墙皮都掉了，希望安排屋面防水维修。',
    '{b}号楼{f}楼',
  ),
  tpl(
    2,
    '楼道声控灯不亮',
    '{b}号楼{u}单元3楼到6楼的声控灯都不亮了，晚上上下楼看不清，希望更换。',
    '{b}号楼{u}单元',
  ),
  tpl(
    2,
    '雨后路面积水严重',
    '{b}号楼到{b2}号楼之间的路面一下雨就积水，老人走路容易滑倒，希望疏通雨水井。',
    '{b}号楼南侧道路',
  ),
  tpl(
    3,
    '非机动车乱停堵塞通道',
    '{b}号楼门口电瓶车、自行车乱停，把人行通道都堵了，推婴儿车过不去。',
    '{b}号楼门口',
  ),
  tpl(
    3,
    '晚上车辆停进消防通道',
    '小区车位不够，晚上很多车停在主干道两侧和消防通道上，万一有事消防车进不来。',
    '小区主干道',
  ),
  tpl(
    3,
    '外来车辆占用小区车位',
    '最近很多外来车辆白天停进小区，居民下班回来没地方停，希望加强门岗管理。',
    '南门停车场',
  ),
  tpl(
    4,
    '电瓶车楼道充电有隐患',
    '{b}号楼有住户把电瓶车推进楼道充电，还有人从窗口拉电线飞线充电，非常危险，希望增设充电桩。',
    '{b}号楼{u}单元',
  ),
  tpl(
    4,
    '希望增设电瓶车充电桩',
    '小区只有一个充电棚，十几个插座远远不够，晚上排队充电，希望再建一个充电点。',
    '{b}号楼北侧空地',
  ),
  tpl(
    4,
    '充电桩收费标准不清楚',
    '新装的充电桩按小时收费，价格没有公示，希望公开收费标准。',
    '充电棚',
  ),
  tpl(
    5,
    '{b}号楼加装电梯意愿征询',
    '{b}号楼老人多，住五六楼的爬楼很吃力，希望居委会牵头组织加装电梯意愿征询。',
    '{b}号楼',
  ),
  tpl(
    5,
    '加装电梯低层住户有顾虑',
    '{b}号楼准备加装电梯，一楼二楼住户担心采光和噪音，希望开协调会把方案讲清楚。',
    '{b}号楼',
  ),
  tpl(
    5,
    '加装电梯费用分摊方案',
    '希望公开{b}号楼加装电梯费用分摊的计算方式，各楼层怎么出钱说清楚。',
    '{b}号楼',
  ),
  tpl(
    6,
    '树木遮挡低层采光',
    '{b}号楼南面的香樟树长得太高，一楼二楼白天都要开灯，希望修剪。',
    '{b}号楼南侧',
  ),
  tpl(
    6,
    '公共绿地被私自种菜',
    '{b}号楼后面的公共绿地被个别居民圈起来种菜，还浇粪肥，味道很大。',
    '{b}号楼后绿地',
  ),
  tpl(
    6,
    '中心绿地希望改造',
    '中心绿地草坪坑坑洼洼，没有座椅，希望改造成老人能坐、孩子能玩的地方。',
    '中心绿地',
  ),
  tpl(
    7,
    '高空抛物',
    '{b}号楼经常有人从楼上扔垃圾、烟头，楼下晾的衣服被弄脏，还差点砸到人。',
    '{b}号楼楼下',
  ),
  tpl(
    7,
    '消防通道被占用',
    '{b}号楼旁边的消防通道长期被杂物和车辆占用，希望清理并划线。',
    '{b}号楼消防通道',
  ),
  tpl(
    7,
    '独居老人燃气安全',
    '{b}号楼{f}楼独居老人经常忘记关火，邻居很担心，希望帮助安装燃气报警器。',
    '{b}号楼',
  ),
  tpl(7, '小区围墙有缺口', '北面围墙有个缺口，外来人员从这里进出，希望修补。', '北侧围墙'),
  tpl(
    8,
    '希望增设老年助餐点',
    '小区老人多，子女上班中午没人做饭，希望在小区里设一个助餐点。',
    '社区活动室',
  ),
  tpl(
    8,
    '老年活动室开放时间太短',
    '老年活动室只上午开放，下午老人没地方去，希望延长开放时间。',
    '老年活动室',
  ),
  tpl(8, '楼梯希望加装扶手', '{b}号楼楼梯没有扶手，老人上下楼不安全，希望加装。', '{b}号楼{u}单元'),
  tpl(
    8,
    '老人智能手机使用培训',
    '很多老人不会用手机挂号、付款，希望社区开智能手机课。',
    '社区会客厅',
  ),
  tpl(
    9,
    '暑托班名额不够',
    '去年暑托班报名几分钟就满了，希望今年增加名额或多开一个班。',
    '社区活动中心',
  ),
  tpl(
    9,
    '儿童游乐设施老旧',
    '小区里的滑梯生锈，有螺丝松动，孩子玩很危险，希望更换。',
    '儿童游乐区',
  ),
  tpl(9, '希望开设四点半课堂', '双职工家庭孩子放学没人接，希望社区开设四点半课堂。', '社区会客厅'),
  tpl(10, '物业报修响应慢', '报修水管漏水一个星期没人来，电话打过去说在排队。', '{b}号楼{u}单元'),
  tpl(10, '物业费收支希望公示', '希望物业把去年物业费和停车费的收支情况张贴公示。', '物业办公室'),
  tpl(10, '保安夜间巡逻不到位', '晚上很少看到保安巡逻，最近有电瓶车电瓶被偷。', '小区内'),
  tpl(11, '楼上噪音扰民', '{b}号楼{f}楼楼上每天晚上11点以后还有拖椅子、跳绳的声音。', '{b}号楼'),
  tpl(11, '遛狗不牵绳', '小区里有人遛狗不牵绳，大狗追着孩子跑，很吓人。', '中心绿地'),
  tpl(11, '广场舞音量太大', '晚上广场舞音响声音很大，一直到9点多，影响学生写作业。', '小区广场'),
  tpl(12, '快递柜不够用', '快递柜经常满，快递员把包裹放在地上，容易丢失。', '南门快递柜'),
  tpl(
    12,
    '希望定期开居民议事会',
    '希望居委会定期召开居民议事会，让大家一起商量小区的事。',
    '社区会客厅',
  ),
  tpl(12, '公告栏信息更新不及时', '楼下公告栏还贴着去年的通知，希望及时更新。', '{b}号楼一楼'),
]

/**
 * One topic text with its placeholders filled from `r` (a seeded rng) and a neighborhood.
 * @example fillTemplate(TOPIC_TEMPLATES[0], rng('x'), NEIGHBORHOODS[0])
 */
export const fillTemplate = (template, r, neighborhood) => {
  const b = r.int(1, neighborhood.buildings)
  const values = { b, b2: Math.min(b + 1, neighborhood.buildings), u: r.int(1, 3), f: r.int(2, 6) }
  const fill = (text) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k]))
  return {
    title: fill(template.title),
    description: fill(template.description),
    location: fill(template.location),
  }
}

// ── projects ── [neighborhood, category, title, status, owning body, checklist, deadline offset (days)]
const PROJECTS = [
  [
    1,
    5,
    '12号楼加装电梯',
    'in_progress',
    '慧华苑居民区党总支',
    ['完成意愿征询（签字率达到三分之二）', '方案公示', '规划审批', '施工进场', '竣工验收'],
    45,
  ],
  [
    1,
    4,
    '非机动车集中充电棚建设',
    'done',
    '慧华苑居民区党总支',
    ['选址征求意见', '供电扩容', '充电棚搭建', '安全验收'],
    -20,
  ],
  [
    1,
    6,
    '中心绿地微更新',
    'planned',
    '上海大学美术学院团队',
    ['居民共创工作坊', '设计方案公示', '施工'],
    75,
  ],
  [
    1,
    1,
    '楼道堆物清理专项行动',
    'done',
    '慧华苑居委会',
    ['张贴告示', '逐楼上门沟通', '集中清运', '回头看检查'],
    -30,
  ],
  [
    1,
    8,
    '老年助餐点试运行',
    'blocked',
    '慧华苑居委会',
    ['场地确认', '供餐单位招募', '食品安全备案', '试运行'],
    -5,
  ],
  [
    2,
    4,
    '增设电瓶车充电桩',
    'in_progress',
    '学林苑居民区党支部',
    ['选址', '报电力公司审批', '安装调试'],
    -10,
  ],
  [
    2,
    2,
    '路灯维修与增亮',
    'done',
    '学林苑物业服务中心',
    ['排查损坏路灯', '更换灯具', '夜间巡查'],
    -32,
  ],
  [2, 9, '儿童游乐区改造', 'planned', '学林苑居委会', ['征集家长意见', '设施选型', '安装'], 60],
  [
    3,
    3,
    '停车位挖潜与划线',
    'in_progress',
    '和泰苑业委会',
    ['车位现状摸排', '方案征求意见', '划线施工'],
    20,
  ],
  [
    3,
    1,
    '垃圾厢房除臭改造',
    'done',
    '和泰苑物业服务中心',
    ['加装除臭设备', '增加冲洗频次', '效果回访'],
    -25,
  ],
  [
    4,
    2,
    '5号楼屋面防水修缮',
    'in_progress',
    '大华一村物业服务中心',
    ['现场勘察', '维修资金申请', '施工', '淋水试验'],
    30,
  ],
  [
    4,
    7,
    '高空抛物监控探头安装',
    'planned',
    '大华一村居民区党总支',
    ['点位确认', '征求住户意见', '安装调试'],
    -3,
  ],
  [
    5,
    5,
    '3号楼、7号楼加装电梯意愿征询',
    'blocked',
    '乾溪新村居民区党支部',
    ['入户征询', '低层住户协调会', '签字确认'],
    -12,
  ],
  [
    5,
    11,
    '文明养宠公约',
    'done',
    '乾溪新村居委会',
    ['起草公约', '居民议事会讨论', '张贴发布'],
    -35,
  ],
  [
    6,
    10,
    '物业服务提升',
    'in_progress',
    '共康雅苑居委会',
    ['满意度调查', '约谈物业', '整改跟踪'],
    40,
  ],
  [6, 9, '暑托班场地协调', 'cancelled', '共康雅苑居委会', ['场地调研', '签订使用协议'], 10],
  [7, 7, '消防通道清障', 'done', '祁连二村居民区党总支', ['通道摸排', '清理杂物', '划线立牌'], -28],
  [
    8,
    12,
    '社区会客厅议事角布置',
    'planned',
    '馨佳园居委会',
    ['征集布置意见', '采购桌椅', '启用'],
    50,
  ],
]

const ACCEPT_REPLIES = [
  '已收到，居委会将在本周内上门查看。',
  '感谢反映，已转物业核实处理，结果会在这里公开。',
  '已受理，将提交下次居民议事会讨论。',
  '已受理，网格员将现场查看后答复。',
]
const DECLINE_REASONS = [
  '该位置属于市政道路，不在小区管理范围，已告知可拨打12345反映。',
  '经现场查看，问题已由物业处理完毕。',
  '属于个人之间的纠纷，建议通过人民调解途径解决，居委会可协助联系。',
  '经居民议事会讨论，多数居民不同意，暂不采纳。',
]
const REFERRALS = [
  '大场镇城管中队',
  '宝山区房管局大场房管所',
  '国网上海宝山供电公司',
  '大场派出所',
  '宝山区绿化市容局',
  '大场镇社区卫生服务中心',
]
const INTERNAL_NOTES = [
  '已电话联系居民，约好周三上门。',
  '物业表示需要业委会同意。',
  '同类问题上月也有反映。',
  null,
  null,
]
const SUBMITTERS = [
  '张阿姨',
  '李老师',
  '王先生',
  '陈阿婆',
  '刘师傅',
  '赵女士',
  '周大爷',
  '吴先生',
  '孙阿姨',
  '徐老伯',
  '朱女士',
  '胡先生',
  '沈阿姨',
  '顾老师',
  '陆先生',
]
const EVAL_COMMENTS = {
  solved: ['解决得很好，谢谢居委会！', '现在方便多了。', '效率很高，点赞。', ''],
  partly: ['比以前好一些，但还有地方没弄好。', '希望后续继续跟进。', ''],
  not: ['问题还在，希望再看看。', '效果不明显。'],
}

/**
 * The demo data as statements. Times are relative to ctx.now; ids are fixed.
 * Puts the generated topics and projects on ctx.state.core for later modules.
 */
export const seed = async (ctx) => {
  // The needs form's look-alike check reads these (migrations/0004_topic_tokens.sql).
  const storedTokens = await loadStoredTokens()
  const now = ctx.now
  const r = rng('core')
  const nextCode = ctx.trackingCodes('core')
  const at = (daysAgo, jitterHours = 10) =>
    now - daysAgo * DAY - r.int(0, jitterHours * 60) * MINUTE
  const clamp = (t) => Math.min(t, now - 5 * MINUTE)
  const hood = (id) => NEIGHBORHOODS.find((n) => n.id === id)
  const channelsOf = (nid) => CHANNELS.filter((c) => c.neighborhoodId === nid)

  // A topic in memory; ids are given after sorting by creation time, so ids follow time and a
  // merge target always has a smaller id than the topics merged into it.
  const makeTopic = (nid, template, createdAt, extra = {}) => {
    const n = hood(nid)
    const text = fillTemplate(template, r, n)
    const channel = r.weighted(channelsOf(nid).map((c) => [c, c.kind === 'qr' ? 3 : 1]))
    const byStaff = ['phone', 'visit', 'staff'].includes(channel.kind)
    const named = byStaff || r.chance(0.35)
    return {
      nid,
      template,
      ...text,
      categoryId: template.categoryId,
      gridId:
        channel.gridId ??
        (r.chance(0.6) ? r.pick(GRIDS.filter((g) => g.neighborhoodId === nid)).id : null),
      channelId: channel.id,
      createdBy: byStaff ? r.pick(staffOf(nid)).id : null,
      submitterName: named ? r.pick(SUBMITTERS) : null,
      submitterPhone: named
        ? `1${r.pick(['38', '39', '58', '59', '86', '89', '37'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`
        : null,
      createdAt,
      trackingCode: nextCode(),
      events: [],
      supports: [],
      ...extra,
    }
  }
  const event = (topic, t, kind, from, to, publicNote = null, actor = null, internalNote = null) =>
    topic.events.push({ at: clamp(t), kind, from, to, publicNote, internalNote, actor })
  const submitEvent = (topic) =>
    event(topic, topic.createdAt, 'submitted', null, 'submitted', null, topic.createdBy)
  const accept = (topic, t) => {
    topic.acceptedAt = clamp(t)
    topic.publicReply = r.pick(ACCEPT_REPLIES)
    event(
      topic,
      t,
      'accepted',
      'submitted',
      'accepted',
      topic.publicReply,
      r.pick(staffOf(topic.nid)).id,
      r.pick(INTERNAL_NOTES),
    )
  }

  const topics = []
  const projects = []

  // Projects and the topics adopted into them.
  PROJECTS.forEach(([nid, categoryId, title, status, owningBody, checklist, deadlineDays], i) => {
    const owner = r.pick(staffOf(nid))
    const deadlineAt = now + deadlineDays * DAY
    // A done project finished a little before its deadline; others started well before theirs.
    const doneAt =
      status === 'done' ? deadlineAt - r.int(1, 6) * DAY - r.int(0, 600) * MINUTE : null
    const createdAt =
      status === 'done'
        ? doneAt - r.int(18, 30) * DAY
        : Math.min(
            at(
              {
                planned: r.int(3, 20),
                in_progress: r.int(20, 55),
                blocked: r.int(30, 60),
                cancelled: r.int(15, 30),
              }[status],
            ),
            deadlineAt - 10 * DAY,
          )
    const startedAt = Math.min(createdAt + r.int(2, 8) * DAY, doneAt ?? now - HOUR)
    const project = {
      id: i + 1,
      nid,
      categoryId,
      title,
      status,
      owningBody,
      owner,
      createdAt,
      startedAt,
      doneAt,
      deadlineAt,
      checklist,
      topics: [],
    }
    projects.push(project)
    if (status === 'cancelled') return
    const pool = TOPIC_TEMPLATES.filter((t) => t.categoryId === categoryId)
    const count = status === 'planned' ? r.int(1, 2) : r.int(2, 3)
    for (let k = 0; k < count; k++) {
      const topic = makeTopic(
        nid,
        pool[k % pool.length],
        createdAt - r.int(3, 14) * DAY - r.int(0, 600) * MINUTE,
      )
      if (k === 0 && /^\d+号楼/.test(title))
        topic.title = topic.title.replace(/^\d+号楼/, title.match(/^\d+号楼/)[0])
      submitEvent(topic)
      accept(topic, topic.createdAt + r.int(4, 40) * HOUR)
      topic.project = project
      topic.adoptedAt = createdAt
      event(
        topic,
        createdAt,
        'adopted',
        'accepted',
        'adopted',
        `已纳入项目「${title}」，由${owningBody}负责。`,
        owner.id,
      )
      topic.status = 'adopted'
      if (['in_progress', 'blocked', 'done'].includes(status)) {
        event(
          topic,
          startedAt,
          'in_progress',
          'adopted',
          'in_progress',
          '项目已启动，进展会在这里公开。',
          owner.id,
        )
        topic.status = 'in_progress'
      }
      if (status === 'done') {
        topic.doneAt = doneAt
        event(
          topic,
          doneAt,
          'done',
          'in_progress',
          'done',
          '项目已完成，欢迎对结果进行评议。',
          owner.id,
        )
        topic.status = 'done'
      }
      project.topics.push(topic)
      topics.push(topic)
    }
  })

  // Topics not (yet) in a project. 慧华苑 (the demo staff's neighborhood) gets the most.
  const neighborhoodWeights = NEIGHBORHOODS.map((n) => [n.id, n.id === 1 ? 3 : 1])
  const free = { submitted: 40, accepted: 30, declined: 13, referred: 14 }
  for (const [status, count] of Object.entries(free)) {
    for (let k = 0; k < count; k++) {
      const nid = r.weighted(neighborhoodWeights)
      const ageDays =
        status === 'submitted' ? (r.chance(0.7) ? r.int(0, 6) : r.int(7, 25)) : r.int(4, 85)
      const topic = makeTopic(nid, r.pick(TOPIC_TEMPLATES), at(ageDays, 14))
      submitEvent(topic)
      topic.status = 'submitted'
      if (
        status === 'accepted' ||
        status === 'referred' ||
        (status === 'declined' && r.chance(0.4))
      )
        accept(topic, topic.createdAt + r.int(3, 60) * HOUR)
      const from = topic.acceptedAt ? 'accepted' : 'submitted'
      const decidedAt = (topic.acceptedAt ?? topic.createdAt) + r.int(6, 72) * HOUR
      if (status === 'declined') {
        topic.publicReply = r.pick(DECLINE_REASONS)
        event(
          topic,
          decidedAt,
          'declined',
          from,
          'declined',
          topic.publicReply,
          r.pick(staffOf(nid)).id,
        )
      }
      if (status === 'referred') {
        topic.referredTo = r.pick(REFERRALS)
        topic.publicReply = `已转办至${topic.referredTo}，请留意后续答复。`
        event(
          topic,
          decidedAt,
          'referred',
          from,
          'referred',
          topic.publicReply,
          r.pick(staffOf(nid)).id,
        )
      }
      topic.status = status
      topics.push(topic)
    }
  }

  // Duplicates merged into an earlier open topic of the same neighborhood and kind.
  const openTargets = topics.filter(
    (t) =>
      ['submitted', 'accepted', 'adopted', 'in_progress'].includes(t.status) &&
      t.createdAt < now - DAY,
  )
  for (let k = 0; k < 12; k++) {
    const target = r.pick(openTargets)
    const createdAt = Math.max(
      target.createdAt + 30 * MINUTE,
      Math.min(target.createdAt + r.int(1, 10) * DAY, now - r.int(2, 20) * HOUR),
    )
    const topic = makeTopic(target.nid, target.template, createdAt)
    submitEvent(topic)
    topic.status = 'merged'
    topic.mergedInto = target
    topic.publicReply = `与议题 ${target.trackingCode} 反映的是同一件事，已合并，后续进展请关注该议题。`
    const mergedAt = createdAt + r.int(2, 30) * HOUR
    const mergedBy = r.pick(staffOf(target.nid)).id
    event(topic, mergedAt, 'merged', 'submitted', 'merged', topic.publicReply, mergedBy)
    topic.mergedAt = mergedAt
    topic.mergedBy = mergedBy
    target.supports.push({ code: topic.trackingCode, source: 'merged', at: clamp(mergedAt) })
    topics.push(topic)
  }

  // Supports ("我也需要") with their own tracking codes.
  for (const topic of topics) {
    const max =
      { submitted: 5, accepted: 8, adopted: 10, in_progress: 14, done: 16 }[topic.status] ?? 0
    const n = r.int(0, max)
    const until = topic.doneAt ?? now
    for (let k = 0; k < n; k++)
      topic.supports.push({
        code: nextCode(),
        source: 'support',
        at: clamp(topic.createdAt + r.next() * (until - topic.createdAt)),
      })
  }

  topics.sort((a, b) => a.createdAt - b.createdAt)
  topics.forEach((t, i) => {
    t.id = i + 1
  })
  // The target's timeline says what was merged into it (as the merge endpoint writes it).
  for (const t of topics.filter((t) => t.mergedInto))
    event(
      t.mergedInto,
      t.mergedAt,
      'merged_in',
      null,
      null,
      `「${t.title}」已合并到本议题`,
      t.mergedBy,
    )
  for (const t of topics) t.events.sort((a, b) => a.at - b.at)
  ctx.state.core = { topics, projects }

  // ── rows ──
  const rows = {
    topic_events: [],
    supports: [],
    project_topics: [],
    checklist_items: [],
    project_updates: [],
    evaluations: [],
  }
  /** Supporters who rate a project, by code: their phone was verified when they supported. */
  const verifiedAt = new Map()
  const topicRows = topics.map((t) => ({
    id: t.id,
    neighborhood_id: t.nid,
    grid_id: t.gridId,
    category_id: t.categoryId,
    channel_id: t.channelId,
    title: t.title,
    description: t.description,
    location: t.location,
    status: t.status,
    tracking_code: t.trackingCode,
    submitter_name: t.submitterName,
    submitter_phone: t.submitterPhone,
    consent_at: t.submitterName || t.submitterPhone ? t.createdAt : null,
    public_reply: t.publicReply ?? null,
    referred_to: t.referredTo ?? null,
    merged_into_id: t.mergedInto?.id ?? null,
    project_id: t.project?.id ?? null,
    support_count: t.supports.length,
    created_by: t.createdBy,
    created_at: t.createdAt,
    updated_at: Math.max(t.createdAt, ...t.events.map((e) => e.at)),
    accepted_at: t.acceptedAt ?? null,
    adopted_at: t.adoptedAt ?? null,
    done_at: t.doneAt ?? null,
  }))
  const tokenSets = topics.map((t) => ({
    topic_id: t.id,
    tokens: storedTokens({ title: t.title, description: t.description }),
  }))
  for (const t of topics) {
    for (const e of t.events)
      rows.topic_events.push({
        id: rows.topic_events.length + 1,
        topic_id: t.id,
        at: e.at,
        actor_user_id: e.actor,
        kind: e.kind,
        from_status: e.from,
        to_status: e.to,
        public_note: e.publicNote,
        internal_note: e.internalNote,
      })
    for (const s of t.supports.sort((a, b) => a.at - b.at))
      rows.supports.push({
        id: rows.supports.length + 1,
        topic_id: t.id,
        tracking_code: s.code,
        source: s.source,
        client_key: null,
        created_at: s.at,
      })
    if (t.project) rows.project_topics.push({ project_id: t.project.id, topic_id: t.id })
  }

  const UPDATES = {
    planned: ['项目已立项，正在制定实施方案，欢迎居民提出意见。'],
    in_progress: ['方案已公示，无异议。', '施工单位已进场，预计按期完成。'],
    blocked: ['因部分居民意见不一致，项目暂缓，居委会正在逐户沟通协调。'],
    done: ['方案已公示。', '施工完成，已组织验收。', '项目已完成，欢迎参与监督评议。'],
    cancelled: ['经协调，场地无法落实，项目取消，将另行寻找替代方案。'],
  }
  for (const p of projects) {
    const end = p.doneAt ?? now
    p.checklist.forEach((title, k) => {
      const dueAt =
        p.createdAt + Math.round(((k + 1) / p.checklist.length) * (p.deadlineAt - p.createdAt))
      const done =
        p.status === 'done' ||
        (p.status === 'in_progress' && k < Math.ceil(p.checklist.length / 2)) ||
        (p.status === 'blocked' && k === 0)
      rows.checklist_items.push({
        id: rows.checklist_items.length + 1,
        project_id: p.id,
        title,
        owner_user_id: k % 2 ? p.owner.id : r.pick(staffOf(p.nid)).id,
        due_at: dueAt,
        done: done ? 1 : 0,
        done_at: done
          ? clamp(Math.max(p.createdAt + HOUR, Math.min(dueAt, end) - r.int(0, 48) * HOUR))
          : null,
        sort_order: k + 1,
        created_at: p.createdAt,
      })
    })
    const notes = UPDATES[p.status]
    notes.forEach((body, k) => {
      rows.project_updates.push({
        id: rows.project_updates.length + 1,
        project_id: p.id,
        at: clamp(p.createdAt + Math.round(((k + 1) / (notes.length + 1)) * (end - p.createdAt))),
        author_user_id: p.owner.id,
        body,
        public: 1,
      })
    })
    if (p.status === 'in_progress' || p.status === 'blocked')
      rows.project_updates.push({
        id: rows.project_updates.length + 1,
        project_id: p.id,
        at: clamp(end - r.int(1, 5) * DAY),
        author_user_id: p.owner.id,
        body: '内部：维修资金申请已报镇里，等待审批。',
        public: 0,
      })
    if (p.status === 'done') {
      // One voice per resident (worker/domain/voice.ts): filers rate with their code; a
      // supporter who rates has a verified phone.
      const codes = p.topics.flatMap((t) => [
        [t.trackingCode, null],
        ...t.supports.map((s) => [s.code, s.source === 'support' ? s : null]),
      ])
      for (const [code, support] of codes) {
        if (!r.chance(0.6)) continue
        if (support) verifiedAt.set(code, support.at)
        const resolved = r.weighted([
          ['solved', 6],
          ['partly', 3],
          ['not', 1],
        ])
        const satisfaction = { solved: r.int(4, 5), partly: r.int(3, 4), not: r.int(1, 2) }[
          resolved
        ]
        rows.evaluations.push({
          id: rows.evaluations.length + 1,
          project_id: p.id,
          tracking_code: code,
          source: support ? 'verified' : 'code',
          resolved,
          satisfaction,
          comment: r.pick(EVAL_COMMENTS[resolved]),
          created_at: clamp(p.doneAt + r.int(2, 24 * 14) * HOUR),
        })
      }
    }
  }

  for (const row of rows.supports) row.phone_verified_at = verifiedAt.get(row.tracking_code) ?? null
  const passwords = Object.fromEntries(USERS.map((u) => [u.id, hashPassword(DEMO_PASSWORD)]))
  const base = now - 120 * DAY
  const submissions = (channelId) => topics.filter((t) => t.channelId === channelId).length
  return [
    ...insertRows('towns', [{ id: TOWN.id, name: TOWN.name, created_at: base }]),
    ...insertRows(
      'neighborhoods',
      NEIGHBORHOODS.map((n) => ({
        id: n.id,
        town_id: TOWN.id,
        name: n.name,
        slug: n.slug,
        contact_phone: committeePhone(n.id),
        created_at: base,
      })),
    ),
    ...insertRows(
      'grids',
      GRIDS.map((g) => ({ id: g.id, neighborhood_id: g.neighborhoodId, name: g.name })),
    ),
    ...insertRows(
      'users',
      USERS.map((u) => ({
        id: u.id,
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        password_hash: passwords[u.id].hash,
        password_salt: passwords[u.id].salt,
        password_iterations: passwords[u.id].iterations,
        disabled: 0,
        created_at: base,
        updated_at: base,
      })),
    ),
    ...insertRows(
      'user_towns',
      USERS.flatMap((u) => (u.townIds ?? []).map((t) => ({ user_id: u.id, town_id: t }))),
    ),
    ...insertRows(
      'user_neighborhoods',
      USERS.flatMap((u) =>
        (u.neighborhoodIds ?? []).map((n) => ({ user_id: u.id, neighborhood_id: n })),
      ),
    ),
    ...insertRows(
      'categories',
      CATEGORIES.map((c, i) => ({
        id: c.id,
        name: c.name,
        name_en: c.nameEn,
        sort_order: (i + 1) * 10,
        active: 1,
      })),
    ),
    ...insertRows(
      'channels',
      CHANNELS.map((c) => {
        const n = submissions(c.id)
        return {
          id: c.id,
          neighborhood_id: c.neighborhoodId,
          grid_id: c.gridId,
          kind: c.kind,
          label: c.label,
          code: c.code,
          scans: c.kind === 'qr' || c.kind === 'web' ? n * 3 + rng(`scans:${c.id}`).int(5, 40) : 0,
          submissions: n,
          active: 1,
          created_at: base,
        }
      }),
    ),
    ...insertRows(
      'projects',
      projects.map((p) => ({
        id: p.id,
        neighborhood_id: p.nid,
        title: p.title,
        description: `${p.owningBody}牵头，回应居民反映的${CATEGORIES[p.categoryId - 1].name}问题。`,
        owner_user_id: p.owner.id,
        owning_body: p.owningBody,
        deadline_at: p.deadlineAt,
        status: p.status,
        created_by: p.owner.id,
        created_at: p.createdAt,
        updated_at: p.doneAt ?? clamp(Math.max(p.startedAt, now - r.int(1, 9) * DAY)),
        done_at: p.doneAt,
      })),
    ),
    ...insertRows('topics', topicRows),
    ...insertRows('topic_token_sets', tokenSets),
    ...insertRows('project_topics', rows.project_topics),
    ...insertRows('topic_events', rows.topic_events),
    ...insertRows('supports', rows.supports),
    ...insertRows('checklist_items', rows.checklist_items),
    ...insertRows('project_updates', rows.project_updates),
    ...insertRows('evaluations', rows.evaluations),
  ]
}
