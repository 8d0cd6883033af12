import { beforeAll, describe, expect, it } from 'vitest'
import { api, createActivity, createWorld, fileTopic, registerJson } from './helpers'

// Search that never fails: `q` on every list (and the merge dialog, which lists topics with `q`)
// takes any characters and any length up to 100, literally; D1 refuses LIKE patterns over 50
// bytes, so a search of 17 Chinese characters used to answer 500. Longer than 100: 400 on `q`.

let world: Awaited<ReturnType<typeof createWorld>>
let n1: number
let activityId: number
let sessionId: number

const LONG_CJK = '小区东门的路灯坏了很久晚上回家看不清路' // 19 characters, 57 bytes
const ODD = ['100%', 'a_b', "O'Brien", '"引号"', '🚲🚲', '\\', '[abc]', '%_%']
const list = (path: string, filter: Record<string, unknown>) =>
  `${path}?filter=${encodeURIComponent(JSON.stringify(filter))}`

/** Every list with `q`, by the role that may read it. */
const lists = () => [
  '/api/topics',
  '/api/projects',
  '/api/registrations',
  '/api/volunteers',
  '/api/activities',
  '/api/form-responses',
  '/api/forms',
  '/api/channels',
  '/api/grids',
  '/api/users',
  '/api/towns',
  '/api/neighborhoods',
  '/api/categories',
  '/api/saved-views',
  '/api/partners',
  '/api/claims',
  '/api/help-wanted',
  '/api/meetings',
  '/api/programmes',
]

beforeAll(async () => {
  world = await createWorld()
  n1 = world.neighborhoodIds[0]
  await fileTopic(n1, { title: LONG_CJK })
  await fileTopic(n1, { title: '电梯 100% 坏了' })
  await fileTopic(n1, { title: '电梯 1000 坏了' })
  await fileTopic(n1, { title: 'a_b 楼' })
  await fileTopic(n1, { title: 'axb 楼' })
  await fileTopic(n1, { title: '骑车 🚲🚲 的人' })
  const { activity, sessions } = await createActivity(world.cookies.staff, n1)
  activityId = activity.id
  sessionId = sessions[0].id
  const r = await registerJson(activity.slug, sessionId, {
    name: '欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜',
    phone: '13900000001',
    partySize: 1,
  })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
})

describe('q on every list', () => {
  it('answers 200 for 17+ Chinese characters, %, _, quotes, emoji and backslashes', async () => {
    for (const path of lists())
      for (const q of [LONG_CJK, `${LONG_CJK}${LONG_CJK}`, ...ODD]) {
        const r = await api(list(path, { q }), { cookie: world.cookies.admin })
        expect(r.status, `${path} q=${q}: ${JSON.stringify(r.body)}`).toBe(200)
      }
  })

  it('finds exactly what was typed: % and _ are plain characters', async () => {
    const titles = async (q: string) => {
      const r = await api(list('/api/topics', { q, neighborhoodId: n1 }), {
        cookie: world.cookies.staff,
      })
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      return r.body.map((t: { title: string }) => t.title).sort()
    }
    expect(await titles(LONG_CJK)).toEqual([LONG_CJK])
    expect(await titles('100%')).toEqual(['电梯 100% 坏了'])
    expect(await titles('a_b')).toEqual(['a_b 楼'])
    expect(await titles('🚲🚲')).toEqual(['骑车 🚲🚲 的人'])
    expect(await titles('A_B')).toEqual(['a_b 楼'])
  })

  it('finds a registration by a long name', async () => {
    const r = await api(
      list('/api/registrations', { activityId, q: '欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜' }),
      { cookie: world.cookies.staff },
    )
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toHaveLength(1)
  })

  it('answers 400 on q, in words, for more than 100 characters', async () => {
    for (const path of ['/api/topics', '/api/registrations', '/api/users', '/api/partners']) {
      const r = await api(list(path, { q: '路'.repeat(200) }), { cookie: world.cookies.admin })
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(400)
      expect(r.body.errors.q).toMatch(/100/)
    }
    const ok = await api(list('/api/topics', { q: '路'.repeat(100) }), {
      cookie: world.cookies.admin,
    })
    expect(ok.status).toBe(200)
  })

  it('the export takes the same searches', async () => {
    const r = await api(`${list('/api/topics/export', { q: LONG_CJK })}&format=csv`, {
      cookie: world.cookies.staff,
    })
    expect(r.status, r.text.slice(0, 300)).toBe(200)
    expect(r.text).toContain(LONG_CJK)
  })
})

describe('the staff check-in page', () => {
  it('searches 30 Chinese characters without failing', async () => {
    const r = await api(
      `/staff/checkin/${sessionId}?q=${encodeURIComponent('欧阳娜娜'.repeat(8))}`,
      { cookie: world.cookies.staff },
    )
    expect(r.status, r.text.slice(0, 300)).toBe(200)
    const found = await api(
      `/staff/checkin/${sessionId}?q=${encodeURIComponent('欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜欧阳')}`,
      { cookie: world.cookies.staff },
    )
    expect(found.status).toBe(200)
    expect(found.text).toContain('欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜')
  })
})
