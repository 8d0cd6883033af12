import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld } from './helpers'
import { naturalCompare } from '../worker/domain/collation'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World

beforeAll(async () => {
  w = await createWorld()
})

const q = (params: Record<string, unknown>) =>
  '?' +
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)])).toString()

const shuffled = <T>(xs: T[]) => {
  // a fixed permutation: every test run sees the same input
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = (i * 7919 + 13) % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

describe('naturalCompare (worker/domain/collation.ts)', () => {
  it('orders Chinese ordinals as people count: 第一 … 第九, 第十, 第十一, 第二十', () => {
    const names = [
      '第一楼组',
      '第二楼组',
      '第三楼组',
      '第四楼组',
      '第五楼组',
      '第六楼组',
      '第七楼组',
      '第八楼组',
      '第九楼组',
      '第十楼组',
      '第十一楼组',
      '第十二楼组',
      '第二十楼组',
      '第二十一楼组',
      '第一百零五楼组',
    ]
    expect(shuffled(names).sort(naturalCompare)).toEqual(names)
  })

  it('orders digits by value, full-width ones too: 1号楼, 2号楼, 10号楼, 11号楼', () => {
    const names = ['1号楼', '２号楼', '3号楼', '9号楼', '10号楼', '11号楼', '100号楼']
    expect(shuffled(names).sort(naturalCompare)).toEqual(names)
  })

  it('compares number by number along the name: 1号楼2单元 before 1号楼10单元 before 2号楼1单元', () => {
    const names = ['1号楼2单元', '1号楼10单元', '2号楼1单元', '10号楼1单元']
    expect(shuffled(names).sort(naturalCompare)).toEqual(names)
  })

  it('puts a number before text at the same place, and a shorter name first', () => {
    expect(naturalCompare('1号楼', 'A座')).toBeLessThan(0)
    expect(naturalCompare('第三楼组', '第三楼组东')).toBeLessThan(0)
  })

  it('is a consistent order: antisymmetric, and 0 only for the same name', () => {
    const names = [
      '第二楼组',
      '2楼组',
      '二楼组',
      '第十楼组',
      '东区',
      '西区',
      'A座',
      '1号楼',
      '１号楼',
    ]
    for (const a of names)
      for (const b of names) {
        expect(Math.sign(naturalCompare(a, b)) + Math.sign(naturalCompare(b, a))).toBe(0)
        if (a !== b) expect(naturalCompare(a, b)).not.toBe(0)
      }
  })
})

describe('GET /api/grids sorted by name', () => {
  it('lists the grids of a neighborhood in natural order, paged, both directions', async () => {
    const [n1] = w.neighborhoodIds
    const names = ['第一楼组', '第二楼组', '第三楼组', '第九楼组', '第十楼组', '第十一楼组']
    for (const name of shuffled(names)) {
      const res = await api('/api/grids', {
        cookie: w.cookies.staff,
        body: { neighborhoodId: n1, name },
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
    const page = (sort: string, range: [number, number]) =>
      api(`/api/grids${q({ sort: ['name', sort], range, filter: { neighborhoodId: n1 } })}`, {
        cookie: w.cookies.staff,
      })
    const first = await page('ASC', [0, 3])
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body.map((g: { name: string }) => g.name)).toEqual(names.slice(0, 4))
    expect(first.res.headers.get('content-range')).toBe('grids 0-3/6')
    const rest = await page('ASC', [4, 9])
    expect(rest.body.map((g: { name: string }) => g.name)).toEqual(names.slice(4))
    expect(rest.res.headers.get('content-range')).toBe('grids 4-5/6')
    const desc = await page('DESC', [0, 9])
    expect(desc.body.map((g: { name: string }) => g.name)).toEqual([...names].reverse())
  })

  it('sorts only what the caller may see (the scope filter still applies)', async () => {
    const [n1, n2] = w.neighborhoodIds
    const other = await api('/api/grids', {
      cookie: w.cookies.town,
      body: { neighborhoodId: n2, name: '第五楼组' },
    })
    expect(other.status, JSON.stringify(other.body)).toBe(201)
    const list = await api(`/api/grids${q({ sort: ['name', 'ASC'], range: [0, 99] })}`, {
      cookie: w.cookies.staff,
    })
    expect(list.body.length).toBeGreaterThan(0)
    expect(list.body.every((g: { neighborhoodId: number }) => g.neighborhoodId === n1)).toBe(true)
  })
})
