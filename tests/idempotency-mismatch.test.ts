import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createActivity, createWorld, registerJson } from './helpers'
import {
  clientAddress,
  getPage,
  inputValue,
  postPage,
  receiptCode,
  residentCategory,
  residentChannel,
  residentProject,
  residentTopic,
} from './pages-fixtures'
import { createForm, responseCount, riderAnswers, submit } from './forms-fixtures'
import { createDb } from '../worker/db/client'
import { ApiError } from '../worker/lib/errors'
import { once, requestHash } from '../worker/lib/idempotency'

// An idempotency key means one request: the same key with the same request replays the first
// result; the same key with a different request is a 422 `idempotency_mismatch`, and nothing is
// created or replayed. Every keyed endpoint: the API's Idempotency-Key header, and the resident
// pages' hidden-field keys.

let world: Awaited<ReturnType<typeof createWorld>>
beforeAll(async () => {
  world = await createWorld()
})

const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n

describe('once', () => {
  const db = () => createDb(env.DB)

  it('replays the same request and refuses a different one with 422', async () => {
    let runs = 0
    const work = async () => ({ status: 201, body: { n: ++runs } })
    const first = await once(db(), 'mismatch-key-1', 'test', { a: 1, b: [1, 2] }, work)
    // The same request with its keys in another order is the same request.
    const again = await once(db(), 'mismatch-key-1', 'test', { b: [1, 2], a: 1 }, work)
    expect(again).toMatchObject({ body: first.body, replayed: true })
    const other = once(db(), 'mismatch-key-1', 'test', { a: 2, b: [1, 2] }, work)
    await expect(other).rejects.toBeInstanceOf(ApiError)
    await expect(other).rejects.toMatchObject({ code: 'idempotency_mismatch', status: 422 })
    expect(runs).toBe(1)
  })

  it('refuses a different request while the first is still running', async () => {
    let release = () => {}
    const slow = once(db(), 'mismatch-key-2', 'test', { a: 1 }, async () => {
      await new Promise<void>((r) => {
        release = r
      })
      return { status: 201, body: 'first' }
    })
    await new Promise((r) => setTimeout(r, 50))
    await expect(
      once(db(), 'mismatch-key-2', 'test', { a: 2 }, async () => ({ status: 201, body: 'x' })),
    ).rejects.toMatchObject({ code: 'idempotency_mismatch' })
    release()
    expect((await slow).body).toBe('first')
  })

  it('replays a key stored before hashes were kept', async () => {
    await env.DB.prepare(
      `INSERT INTO idempotency_keys (key, scope, status, body, created_at) VALUES ('test:mismatch-old-1', 'test', 201, '"old"', ?)`,
    )
      .bind(Date.now())
      .run()
    const r = await once(db(), 'mismatch-old-1', 'test', { any: 'thing' }, async () => ({
      status: 201,
      body: 'new',
    }))
    expect(r).toMatchObject({ body: 'old', replayed: true })
  })

  it('hashes canonical JSON', async () => {
    expect(await requestHash({ a: 1, b: { c: 2, d: 3 } })).toBe(
      await requestHash({ b: { d: 3, c: 2 }, a: 1 }),
    )
    expect(await requestHash({ a: 1 })).not.toBe(await requestHash({ a: '1' }))
    expect(await requestHash([1, 2])).not.toBe(await requestHash([2, 1]))
  })
})

describe('POST /api/topics with Idempotency-Key', () => {
  it('answers 422 for the key reused with another body, and files nothing', async () => {
    const headers = { 'Idempotency-Key': 'mismatch-topic-key-1' }
    const body = { neighborhoodId: world.neighborhoodIds[0], title: '幂等一号' }
    const a = await api('/api/topics', { cookie: world.cookies.staff, body, headers })
    expect(a.status, JSON.stringify(a.body)).toBe(201)
    const same = await api('/api/topics', { cookie: world.cookies.staff, body, headers })
    expect(same.status).toBe(201)
    expect(same.body.id).toBe(a.body.id)
    const other = await api('/api/topics', {
      cookie: world.cookies.staff,
      body: { ...body, title: '幂等二号' },
      headers,
    })
    expect(other.status, JSON.stringify(other.body)).toBe(422)
    expect(other.body.code).toBe('idempotency_mismatch')
    expect(await count(`SELECT COUNT(*) AS n FROM topics WHERE title = '幂等二号'`)).toBe(0)
  })
})

describe('POST /api/registrations (staff) with Idempotency-Key', () => {
  it('answers 422 for the key reused with another body', async () => {
    const { sessions } = await createActivity(world.cookies.staff, world.neighborhoodIds[0])
    const send = (name: string) =>
      api('/api/registrations', {
        cookie: world.cookies.staff,
        headers: { 'idempotency-key': 'mismatch-staff-reg-1' },
        body: { sessionId: sessions[0].id, name, phone: '13200000011', partySize: 1 },
      })
    const a = await send('老王')
    expect(a.status, JSON.stringify(a.body)).toBe(201)
    expect((await send('老王')).body.id).toBe(a.body.id)
    const other = await send('老李')
    expect(other.status, JSON.stringify(other.body)).toBe(422)
    expect(other.body.code).toBe('idempotency_mismatch')
  })
})

describe('registration (/a/:slug/s/:sid)', () => {
  it('JSON: answers 422 for the key reused with another body', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const sid = sessions[0].id
    const key = 'mismatch-json-reg-1'
    const body = { name: '张三', phone: '13300000001', partySize: 1 }
    const a = await registerJson(activity.slug, sid, body, { key })
    expect(a.status, JSON.stringify(a.body)).toBe(201)
    const same = await registerJson(activity.slug, sid, body, { key })
    expect(same.body.id).toBe(a.body.id)
    for (const changed of [
      { ...body, name: '李四' },
      { ...body, phone: '13300000002' },
      { ...body, partySize: 2 },
    ]) {
      const r = await registerJson(activity.slug, sid, changed, { key })
      expect(r.status, JSON.stringify(r.body)).toBe(422)
      expect(r.body.code).toBe('idempotency_mismatch')
    }
    expect(await count('SELECT COUNT(*) AS n FROM registrations WHERE session_id = ?', sid)).toBe(1)
  })

  it('form: answers 422 with the form again (values kept, a fresh key) and registers nothing new', async () => {
    const { activity, sessions } = await createActivity(
      world.cookies.staff,
      world.neighborhoodIds[0],
    )
    const sid = sessions[0].id
    const path = `/a/${activity.slug}/s/${sid}`
    const fields = {
      key: 'mismatch-form-reg-1',
      name: '王五',
      phone: '13300000003',
      partySize: '1',
    }
    const first = await postPage(path, fields, clientAddress())
    expect(first.status, first.text.slice(0, 300)).toBe(303)
    const same = await postPage(path, fields, clientAddress())
    expect(same.res.headers.get('location')).toBe(first.res.headers.get('location'))
    const other = await postPage(path, { ...fields, name: '赵六' }, clientAddress())
    expect(other.status).toBe(422)
    expect(other.text).toContain('赵六')
    expect(inputValue(other.text, 'key')).not.toBe(fields.key)
    expect(await count('SELECT COUNT(*) AS n FROM registrations WHERE session_id = ?', sid)).toBe(1)
  })
})

describe('needs form (/q/:code)', () => {
  it('answers 422 for the hidden key reused with another need, and files nothing', async () => {
    const n = world.neighborhoodIds[0]
    const categoryId = await residentCategory()
    const channel = await residentChannel(n)
    const key = inputValue((await getPage(`/q/${channel.code}`)).text, 'key')!
    const need = {
      key,
      title: '幂等路灯坏了',
      details: '',
      categoryId: String(categoryId),
      where: '',
      name: '',
      phone: '',
      confirmed: '1',
    }
    const first = await postPage(`/q/${channel.code}`, need, clientAddress())
    expect(first.status, first.text.slice(0, 300)).toBe(200)
    const code = receiptCode(first.text)
    expect(code).toBeTruthy()
    const same = await postPage(`/q/${channel.code}`, need, clientAddress())
    expect(receiptCode(same.text)).toBe(code)
    const other = await postPage(
      `/q/${channel.code}`,
      { ...need, title: '幂等井盖松了' },
      clientAddress(),
    )
    expect(other.status).toBe(422)
    expect(other.text).toContain('幂等井盖松了')
    expect(inputValue(other.text, 'key')).not.toBe(key)
    expect(await count(`SELECT COUNT(*) AS n FROM topics WHERE title = '幂等井盖松了'`)).toBe(0)
  })
})

describe('survey (/s/:slug)', () => {
  it('answers 422 for the hidden key reused with other answers, and stores nothing', async () => {
    const form = await createForm(world.cookies.staff, { neighborhoodId: world.neighborhoodIds[0] })
    const key = 'mismatch-survey-key-1'
    const first = await submit(form.slug, riderAnswers(), { key, headers: clientAddress() })
    expect(first.status, first.text.slice(0, 300)).toBe(303)
    const same = await submit(form.slug, riderAnswers(), { key, headers: clientAddress() })
    expect(same.res.headers.get('location')).toBe(first.res.headers.get('location'))
    const other = await submit(form.slug, riderAnswers({ hours: '11' }), {
      key,
      headers: clientAddress(),
    })
    expect(other.status, other.text.slice(0, 300)).toBe(422)
    expect(inputValue(other.text, '_key')).not.toBe(key)
    expect(await responseCount(form.id)).toBe(1)
  })
})

describe('evaluation (/t/:code/evaluate)', () => {
  it('answers 422 for the hidden key reused with another rating', async () => {
    const n = world.neighborhoodIds[0]
    const topic = await residentTopic(n, { status: 'done' })
    await residentProject(n, { status: 'done', topicIds: [topic.id] })
    const rating = {
      key: 'mismatch-eval-key-1',
      resolved: 'solved',
      satisfaction: '4',
      comment: '',
    }
    const first = await postPage(`/t/${topic.code}/evaluate`, rating, clientAddress())
    expect(first.status, first.text.slice(0, 300)).toBe(200)
    const same = await postPage(`/t/${topic.code}/evaluate`, rating, clientAddress())
    expect(same.status).toBe(200)
    const other = await postPage(
      `/t/${topic.code}/evaluate`,
      { ...rating, satisfaction: '1' },
      clientAddress(),
    )
    expect(other.status).toBe(422)
    const stored = await env.DB.prepare(
      'SELECT satisfaction FROM evaluations WHERE tracking_code = ?',
    )
      .bind(topic.code)
      .all<{ satisfaction: number }>()
    expect(stored.results).toEqual([{ satisfaction: 4 }])
  })
})
