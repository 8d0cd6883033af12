import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_ACTION_LABEL, CHANNEL_KIND_LABEL } from '../worker/domain/vocabulary'
import { api, createActivity, createWorld, fileTopic, registerJson } from './helpers'

// The audit log is readable and complete: an export showing phone numbers is logged (who, what
// filter, how many rows); before/after come with names and words (居民区 慧华苑, 类型 二维码,
// 启用 是); every action kind written has a name.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let n1: number
let n1Name: string

const auditRows = async (action: string, resource: string) =>
  (
    await env.DB.prepare(
      'SELECT user_id, record_id, after FROM audit_log WHERE action = ? AND resource = ? ORDER BY id',
    )
      .bind(action, resource)
      .all<{ user_id: number; record_id: string | null; after: string }>()
  ).results

const listAudit = async (filter: Record<string, unknown>) => {
  const r = await api(
    `/api/audit-log?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent('["id","DESC"]')}`,
    { cookie: w.cookies.admin },
  )
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body as any[]
}

beforeAll(async () => {
  w = await createWorld()
  n1 = w.neighborhoodIds[0]
  n1Name = (await env.DB.prepare('SELECT name FROM neighborhoods WHERE id = ?')
    .bind(n1)
    .first<{ name: string }>())!.name
})

describe('exports with phone numbers are logged', () => {
  it('logs who exported which filter and how many rows; a masked export is not logged', async () => {
    await api('/api/topics', {
      cookie: w.cookies.staff,
      body: {
        neighborhoodId: n1,
        title: '楼道灯坏了',
        submitterName: '张三',
        submitterPhone: '13912345678',
        consent: true,
      },
    })
    await fileTopic(n1, { title: '楼道灯也坏了' })
    const filter = { neighborhoodId: n1, q: '楼道' }
    const path = `/api/topics/export?format=csv&filter=${encodeURIComponent(JSON.stringify(filter))}`
    expect((await api(path, { cookie: w.cookies.staff })).status).toBe(200)
    const [row, ...more] = await auditRows('export', 'topics')
    expect(more).toEqual([])
    expect(row.user_id).toBe(w.users.staff.id)
    expect(JSON.parse(row.after)).toEqual({
      format: 'csv',
      rows: 2,
      filter,
      columns: ['联系电话'],
    })
    // A viewer's export shows the phones masked: nothing personal left the building.
    expect((await api(path, { cookie: w.cookies.viewer })).status).toBe(200)
    expect(await auditRows('export', 'topics')).toHaveLength(1)
    // The audit screen names the action.
    const [entry] = await listAudit({ action: 'export' })
    expect(entry.userName).toBe('测试staff')
    expect(AUDIT_ACTION_LABEL[entry.action as 'export'].zh).toBe('导出个人信息')
  })

  it('logs registration and form-response exports too', async () => {
    const { activity, sessions } = await createActivity(w.cookies.staff, n1)
    const reg = await registerJson(activity.slug, sessions[0].id, {
      name: '李四',
      phone: '13600000001',
      partySize: 1,
    })
    expect(reg.status, JSON.stringify(reg.body)).toBe(201)
    const a = { body: activity }
    const filter = encodeURIComponent(JSON.stringify({ activityId: a.body.id }))
    const r = await api(`/api/registrations/export?format=xlsx&filter=${filter}`, {
      cookie: w.cookies.staff,
    })
    expect(r.status).toBe(200)
    const [row] = await auditRows('export', 'registrations')
    expect(JSON.parse(row.after)).toMatchObject({
      format: 'xlsx',
      rows: 1,
      filter: { activityId: a.body.id },
      columns: ['手机号'],
    })
  })
})

describe('before and after read as names and words', () => {
  it('shows 居民区 by name, 类型 in words (二维码点位) and 启用 as 是 — the raw values stay alongside', async () => {
    const c = await api('/api/channels', {
      cookie: w.cookies.staff,
      body: { neighborhoodId: n1, kind: 'qr', label: '3号楼 楼道留言板', active: true },
    })
    expect(c.status, JSON.stringify(c.body)).toBe(201)
    const [entry] = await listAudit({ resource: 'channels', recordId: [String(c.body.id)] })
    expect(entry.action).toBe('create')
    expect(entry.after).toMatchObject({ neighborhoodId: n1, kind: 'qr', active: true })
    expect(entry.labels.after).toMatchObject({
      neighborhoodId: { zh: n1Name },
      kind: CHANNEL_KIND_LABEL.qr,
      active: { zh: '是', en: 'Yes' },
    })
    expect(entry.labels.after.label).toBeUndefined()
  })

  it('names the topics of a merge and the statuses of a move', async () => {
    const a = await fileTopic(n1, { title: '垃圾房太臭' })
    const b = await fileTopic(n1, { title: '垃圾房很臭' })
    const r = await api(`/api/topics/${b.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'merged', targetId: a.id },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const entries = await listAudit({ resource: 'topics', recordId: [String(a.id), String(b.id)] })
    const mergeIn = entries.find((e) => e.action === 'merge_in')
    expect(mergeIn.labels.after.mergedIds).toEqual({ zh: '垃圾房很臭', en: '垃圾房很臭' })
    expect(AUDIT_ACTION_LABEL.merge_in.zh).toBe('有议题合并进来')
    const merged = entries.find((e) => e.action === 'merge')
    expect(merged.labels.before.status.zh).toBe('待受理')
    expect(merged.labels.after.status.zh).toBe('已合并')
  })
})

describe('phones in the log', () => {
  it('are masked as on every staff screen, for the administrator too (#17.6)', async () => {
    const created = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: {
        neighborhoodId: n1,
        title: '楼下水管漏水',
        channelKind: 'phone',
        submitterName: '钱阿姨',
        submitterPhone: '13722223333',
        consent: true,
      },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const stored = await auditRows('create', 'topics')
    expect(stored.some((r) => r.after.includes('13722223333'))).toBe(true)
    const [entry] = await listAudit({
      resource: 'topics',
      action: 'create',
      recordId: [String(created.body.id)],
    })
    expect(entry.after).toMatchObject({ submitterName: '钱阿姨', submitterPhone: '137****3333' })
    expect(JSON.stringify(entry)).not.toContain('13722223333')
  })
})
