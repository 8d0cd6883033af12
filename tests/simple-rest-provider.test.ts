import { SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import simpleRestProvider from 'ra-data-simple-rest'
import { fetchUtils, HttpError, type DataProvider } from 'ra-core'
import { createWorld, ORIGIN } from './helpers'

// The stock react-admin provider, unchanged, against the worker: proof that the admin can use
// `simpleRestProvider('/api')` as is. The http client is ra-core's `fetchJson`, step for step,
// over SELF.fetch with the session cookie (in the browser, the cookie rides along by itself).
const httpClientFor =
  (cookie: string) =>
  async (url: string, options: fetchUtils.Options = {}) => {
    const headers = fetchUtils.createHeadersFromOptions(options)
    headers.set('cookie', cookie)
    const response = await SELF.fetch(url, { ...options, headers } as RequestInit)
    const body = await response.text()
    let json: any
    try {
      json = JSON.parse(body)
    } catch {
      // not JSON, as in fetchJson
    }
    if (response.status < 200 || response.status >= 300)
      throw new HttpError(json?.message || response.statusText, response.status, json)
    return { status: response.status, headers: response.headers, body, json }
  }

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let staff: DataProvider
let admin: DataProvider
let viewer: DataProvider

beforeAll(async () => {
  w = await createWorld()
  staff = simpleRestProvider(`${ORIGIN}/api`, httpClientFor(w.cookies.staff))
  admin = simpleRestProvider(`${ORIGIN}/api`, httpClientFor(w.cookies.admin))
  viewer = simpleRestProvider(`${ORIGIN}/api`, httpClientFor(w.cookies.viewer))
})

describe('ra-data-simple-rest on channels', () => {
  it('creates, lists with sort/range/filter, reads one and many', async () => {
    const [n1, n2] = w.neighborhoodIds
    const labels = ['A 楼道', 'B 意见箱', 'C 议事角', 'D 会客厅']
    const created = []
    for (const label of labels) {
      const { data } = await staff.create('channels', {
        data: { neighborhoodId: n1, kind: 'qr', label },
      })
      created.push(data)
    }
    expect(created[0]).toMatchObject({
      id: expect.any(Number),
      label: 'A 楼道',
      code: expect.stringMatching(/^[A-Z0-9]{8}$/),
    })
    await admin.create('channels', { data: { neighborhoodId: n2, kind: 'box', label: 'Z 外区' } })

    const page2 = await staff.getList('channels', {
      pagination: { page: 2, perPage: 2 },
      sort: { field: 'label', order: 'DESC' },
      filter: { kind: 'qr' },
    })
    expect(page2.total).toBe(4)
    expect(page2.data.map((c) => c.label)).toEqual(['B 意见箱', 'A 楼道'])

    const filtered = await staff.getList('channels', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: { q: '议事' },
    })
    expect(filtered).toEqual({ data: [created[2]], total: 1 })

    const one = await staff.getOne('channels', { id: created[1].id })
    expect(one.data).toEqual(created[1])
    const many = await staff.getMany('channels', { ids: [created[0].id, created[3].id] })
    expect(many.data.map((c) => c.id).sort()).toEqual([created[0].id, created[3].id].sort())
  })

  it('updates one and many, deletes one and many', async () => {
    const [n1] = w.neighborhoodIds
    const make = async (label: string) =>
      (await staff.create('channels', { data: { neighborhoodId: n1, kind: 'visit', label } })).data
    const [a, b, c, d] = [
      await make('走访1'),
      await make('走访2'),
      await make('走访3'),
      await make('走访4'),
    ]

    const updated = await staff.update('channels', {
      id: a.id,
      data: { ...a, label: '走访一' },
      previousData: a,
    })
    expect(updated.data).toMatchObject({ id: a.id, label: '走访一', code: a.code })

    const many = await staff.updateMany('channels', { ids: [b.id, c.id], data: { active: false } })
    expect(many.data!.sort()).toEqual([b.id, c.id].sort())
    const after = await staff.getMany('channels', { ids: [b.id, c.id] })
    expect(after.data.every((x) => x.active === false)).toBe(true)

    const deleted = await staff.delete('channels', { id: d.id, previousData: d })
    expect(deleted.data).toMatchObject({ id: d.id, label: '走访4' })
    const deletedMany = await staff.deleteMany('channels', { ids: [b.id, c.id] })
    expect(deletedMany.data!.sort()).toEqual([b.id, c.id].sort())
    const left = await staff.getMany('channels', { ids: [a.id, b.id, c.id, d.id] })
    expect(left.data.map((x) => x.id)).toEqual([a.id])
  })

  it('surfaces API errors as HttpError with the status and body', async () => {
    const [, n2] = w.neighborhoodIds
    const { data: outside } = await admin.create('channels', {
      data: { neighborhoodId: n2, kind: 'phone', label: '电话' },
    })
    await expect(staff.getOne('channels', { id: outside.id })).rejects.toMatchObject({
      status: 404,
    })
    await expect(
      viewer.create('channels', {
        data: { neighborhoodId: w.neighborhoodIds[0], kind: 'qr', label: 'x' },
      }),
    ).rejects.toMatchObject({ status: 403, body: { code: 'forbidden' } })
    await expect(
      staff.create('channels', { data: { neighborhoodId: w.neighborhoodIds[0], kind: 'qr' } }),
    ).rejects.toMatchObject({
      status: 400,
      body: { errors: { label: expect.any(String) } },
    })
  })
})

describe('ra-data-simple-rest on categories', () => {
  it('runs the full CRUD cycle for an admin', async () => {
    const names = [
      ['安全', 'Safety', 3],
      ['文体', 'Culture', 1],
      ['养老', 'Elderly care', 2],
    ] as const
    const ids = []
    for (const [name, nameEn, sortOrder] of names)
      ids.push((await admin.create('categories', { data: { name, nameEn, sortOrder } })).data.id)
    const list = await admin.getList('categories', {
      pagination: { page: 1, perPage: 2 },
      sort: { field: 'sortOrder', order: 'ASC' },
      filter: { active: true },
    })
    expect(list.total).toBe(3)
    expect(list.data.map((c) => c.name)).toEqual(['文体', '养老'])
    const { data: one } = await admin.getOne('categories', { id: ids[0] })
    expect(one).toEqual({
      id: ids[0],
      name: '安全',
      nameEn: 'Safety',
      sortOrder: 3,
      active: true,
      version: 1,
    })
    const { data: updated } = await admin.update('categories', {
      id: one.id,
      data: { ...one, active: false },
      previousData: one,
    })
    expect(updated.active).toBe(false)
    await admin.delete('categories', { id: ids[2], previousData: { id: ids[2] } })
    const rest = await staff.getList('categories', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    })
    expect(rest.data.map((c) => c.id)).toEqual([ids[0], ids[1]])
    await expect(
      staff.update('categories', { id: one.id, data: one, previousData: one }),
    ).rejects.toMatchObject({ status: 403 })
  })
})

describe('ra-data-simple-rest on grids', () => {
  it('answers getManyReference by neighborhoodId', async () => {
    const [n1, n2] = w.neighborhoodIds
    for (const name of ['1号楼', '2号楼', '3号楼'])
      await staff.create('grids', { data: { neighborhoodId: n1, name } })
    await admin.create('grids', { data: { neighborhoodId: n2, name: '外区1号楼' } })
    const ref = await admin.getManyReference('grids', {
      target: 'neighborhoodId',
      id: n1,
      pagination: { page: 1, perPage: 2 },
      sort: { field: 'name', order: 'DESC' },
      filter: {},
    })
    expect(ref.total).toBe(3)
    expect(ref.data.map((g) => g.name)).toEqual(['3号楼', '2号楼'])
    expect(ref.data.every((g) => g.neighborhoodId === n1)).toBe(true)
    // Out of scope yields an empty page, not other neighborhoods' rows.
    const outside = await staff.getManyReference('grids', {
      target: 'neighborhoodId',
      id: n2,
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    })
    expect(outside).toEqual({ data: [], total: 0 })
  })
})
