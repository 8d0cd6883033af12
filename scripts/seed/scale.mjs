// Bulk data for benchmarks: only when ctx.scale is set (`node scripts/seed.mjs --scale-topics 10000`).
// Adds neighborhoods up to `scale.neighborhoods` and topics up to `scale.topics` in total, spread
// evenly over all neighborhoods, over the last year. Ids: neighborhoods 9–999, channels
// n*100+k, topics and their events from 100,001 (below history.mjs's 6,000,001 up to ~5.9M
// topics). The statements are made CHUNK topics at a time (topics, then their token sets and
// events), so a district (400 neighborhoods, 1,000,000 topics) is never held in memory whole.
import { insertRows } from '../lib/sql.mjs'
import { rng, seedChannelCode } from '../lib/random.mjs'
import { loadStoredTokens } from '../lib/topic-tokens.mjs'
import { CHANNELS, NEIGHBORHOODS, TOPIC_TEMPLATES, TOWN, fillTemplate } from './core.mjs'

export const order = 900

const DAY = 86_400_000
const NAMES = [
  '场中',
  '联东',
  '大华三村',
  '行知',
  '庆安',
  '美丹',
  '南大',
  '骏丰',
  '丰华',
  '海尚',
  '聚丰园',
  '环镇',
  '长江',
  '华灵',
  '乾溪二村',
  '祁连一村',
  '大华二村',
  '场北',
  '上大',
  '东方',
]
const FIRST_ID = 100_001
const CHUNK = 2_000

export const seed = async (ctx) => {
  if (!ctx.scale) return []
  const storedTokens = await loadStoredTokens()
  const { topics: wantTopics = 10_000, neighborhoods: wantNeighborhoods = 20 } = ctx.scale
  const r = rng('scale')
  const nextCode = ctx.trackingCodes('scale')
  const now = ctx.now
  const extra = []
  for (let id = NEIGHBORHOODS.length + 1; id <= wantNeighborhoods; id++) {
    const name = `${NAMES[(id - NEIGHBORHOODS.length - 1) % NAMES.length]}居民区`
    extra.push({ id, name, slug: `nb-${String(id).padStart(2, '0')}`, buildings: r.int(15, 40) })
  }
  const hoods = [...NEIGHBORHOODS, ...extra]
  const channels = [
    ...CHANNELS,
    ...extra.flatMap((n) => [
      {
        id: n.id * 100 + 1,
        neighborhoodId: n.id,
        kind: 'qr',
        label: `${r.int(1, n.buildings)}号楼1单元 楼道留言板`,
        code: seedChannelCode(n.id * 100 + 1),
      },
      {
        id: n.id * 100 + 6,
        neighborhoodId: n.id,
        kind: 'web',
        label: '网上提交',
        code: seedChannelCode(n.id * 100 + 6),
      },
    ]),
  ]
  const demoTopics = ctx.state.core?.topics.length ?? 0
  const count = Math.max(0, wantTopics - demoTopics)
  const statuses = [
    ['submitted', 4],
    ['accepted', 3],
    ['declined', 1],
    ['referred', 1],
  ]
  const channelsOf = new Map(
    hoods.map((n) => [n.id, channels.filter((c) => c.neighborhoodId === n.id)]),
  )
  /** Topics from..to-1 of `count`, with their token sets and first events. */
  const chunk = (from, to) => {
    const topics = []
    const tokenSets = []
    const events = []
    for (let i = from; i < to; i++) {
      const id = FIRST_ID + i
      const n = hoods[i % hoods.length]
      const template = r.pick(TOPIC_TEMPLATES)
      const text = fillTemplate(template, r, n)
      const status = r.weighted(statuses)
      // Ascending ids, ascending times: like a real table filled over a year.
      const createdAt = now - 365 * DAY + Math.floor(((i + r.next()) / count) * 364 * DAY)
      const decidedAt = status === 'submitted' ? null : createdAt + r.int(1, 72) * 3_600_000
      topics.push({
        id,
        neighborhood_id: n.id,
        grid_id: null,
        category_id: template.categoryId,
        channel_id: r.pick(channelsOf.get(n.id)).id,
        title: text.title,
        description: text.description,
        location: text.location,
        status,
        tracking_code: nextCode(),
        submitter_name: null,
        submitter_phone: null,
        consent_at: null,
        public_reply: status === 'submitted' ? null : '已收到，居委会将跟进处理。',
        referred_to: status === 'referred' ? '大场镇城管中队' : null,
        merged_into_id: null,
        project_id: null,
        support_count: 0,
        created_by: null,
        created_at: createdAt,
        updated_at: decidedAt ?? createdAt,
        accepted_at: status === 'accepted' ? decidedAt : null,
        adopted_at: null,
        done_at: null,
      })
      tokenSets.push({ topic_id: id, tokens: storedTokens(text) })
      events.push({
        id,
        topic_id: id,
        at: createdAt,
        actor_user_id: null,
        kind: 'submitted',
        from_status: null,
        to_status: 'submitted',
        public_note: null,
        internal_note: null,
      })
    }
    // A topic is skipped when its tracking code is taken already: growing a bench's data after a
    // run whose residents filed needs (random codes this generator does not know of). Its token
    // set and event go with it, or they would point at no topic.
    const mine = `topic_id IN (SELECT id FROM topics WHERE id BETWEEN ${FIRST_ID + from} AND ${FIRST_ID + to - 1})`
    return [
      ...insertRows('topics', topics, { chunk: 100 }),
      ...insertRows('topic_token_sets', tokenSets, { chunk: 200, where: mine }),
      ...insertRows('topic_events', events, { chunk: 200, where: mine }),
    ]
  }
  const places = [
    ...insertRows(
      'neighborhoods',
      extra.map((n) => ({
        id: n.id,
        town_id: TOWN.id,
        name: n.name,
        slug: n.slug,
        created_at: now - 400 * DAY,
      })),
    ),
    ...insertRows(
      'channels',
      channels
        .filter((c) => c.neighborhoodId > NEIGHBORHOODS.length)
        .map((c) => ({
          id: c.id,
          neighborhood_id: c.neighborhoodId,
          grid_id: null,
          kind: c.kind,
          label: c.label,
          code: c.code,
          scans: 0,
          submissions: 0,
          active: 1,
          created_at: now - 400 * DAY,
        })),
    ),
  ]
  return (function* statements() {
    yield* places
    for (let from = 0; from < count; from += CHUNK)
      yield* chunk(from, Math.min(count, from + CHUNK))
  })()
}
