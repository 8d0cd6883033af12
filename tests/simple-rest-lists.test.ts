import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld, fileTopic } from './helpers'

let world: Awaited<ReturnType<typeof createWorld>>

beforeAll(async () => {
  world = await createWorld()
})

describe('getMany: filter={"id":[...]} without a range', () => {
  it('answers every id asked for, past one page and past 100 bound parameters', async () => {
    const ids: number[] = []
    for (let i = 0; i < 130; i++) ids.push((await fileTopic(world.neighborhoodIds[0])).id)
    const r = await api(`/api/topics?filter=${encodeURIComponent(JSON.stringify({ id: ids }))}`, {
      cookie: world.cookies.staff,
    })
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200)
    expect(r.body.map((t: { id: number }) => t.id).sort((a: number, b: number) => a - b)).toEqual(
      ids,
    )
    expect(r.res.headers.get('content-range')).toBe('topics 0-129/130')
  })

  it('still limits a scoped user to their neighborhoods', async () => {
    const other = await fileTopic(world.neighborhoodIds[1])
    const mine = await fileTopic(world.neighborhoodIds[0])
    const r = await api(
      `/api/topics?filter=${encodeURIComponent(JSON.stringify({ id: [other.id, mine.id] }))}`,
      {
        cookie: world.cookies.staff,
      },
    )
    expect(r.status).toBe(200)
    expect(r.body.map((t: { id: number }) => t.id)).toEqual([mine.id])
  })

  it('answers all ids of a plain resource list (channels)', async () => {
    const ids: number[] = []
    for (let i = 0; i < 30; i++) {
      const row = await env.DB.prepare(
        `INSERT INTO channels (neighborhood_id, kind, label, code, created_at) VALUES (?, 'qr', ?, ?, ?) RETURNING id`,
      )
        .bind(world.neighborhoodIds[0], `${i}号楼 楼道留言板`, `GETMANY${i}`, Date.now())
        .first<{ id: number }>()
      ids.push(row!.id)
    }
    const r = await api(`/api/channels?filter=${encodeURIComponent(JSON.stringify({ id: ids }))}`, {
      cookie: world.cookies.admin,
    })
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200)
    expect(r.body).toHaveLength(30)
  })
})
