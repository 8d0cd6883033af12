import { env, SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  allowedTransitions,
  checkTransition,
  pathTo,
  sourcesOf,
} from '../worker/domain/topic-workflow'
import { ApiError, raise } from '../worker/lib/errors'
import { createDb } from '../worker/db/client'
import { moveStatements } from '../worker/db/queries/topics/moves'
import { runGuarded } from '../worker/lib/guarded'
import { api, createWorld, fileTopic } from './helpers'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
beforeAll(async () => {
  w = await createWorld()
})

const row = (id: number) =>
  env.DB.prepare('SELECT * FROM topics WHERE id = ?').bind(id).first<Record<string, any>>()
const events = (id: number) =>
  env.DB.prepare('SELECT * FROM topic_events WHERE topic_id = ? ORDER BY id')
    .bind(id)
    .all<Record<string, any>>()
    .then((r) => r.results)
const auditRows = (id: number) =>
  env.DB.prepare(`SELECT * FROM audit_log WHERE resource = 'topics' AND record_id = ? ORDER BY id`)
    .bind(String(id))
    .all<Record<string, any>>()
    .then((r) => r.results)
const supportCodes = (id: number) =>
  env.DB.prepare(
    'SELECT tracking_code, source FROM supports WHERE topic_id = ? ORDER BY tracking_code',
  )
    .bind(id)
    .all<{ tracking_code: string; source: string }>()
    .then((r) => r.results)

describe('topic state machine', () => {
  it('allows the main line and the side exits only from submitted/accepted', () => {
    expect(allowedTransitions('submitted')).toEqual([
      'accepted',
      'adopted',
      'merged',
      'declined',
      'referred',
    ])
    expect(allowedTransitions('accepted')).toEqual(['adopted', 'merged', 'declined', 'referred'])
    expect(allowedTransitions('adopted')).toEqual(['in_progress'])
    expect(allowedTransitions('in_progress')).toEqual(['done'])
    for (const s of ['done', 'merged', 'declined', 'referred'] as const)
      expect(allowedTransitions(s)).toEqual([])
    expect(sourcesOf('merged')).toEqual(['submitted', 'accepted'])
  })

  it('refuses illegal moves with a Chinese message and names what is needed', () => {
    expect(checkTransition('done', 'accepted', {})).toMatchObject({
      code: 'illegal_transition',
      message: '「已完成」的议题不能再改变状态',
    })
    expect(checkTransition('adopted', 'declined', {})?.message).toContain('只能改为「实施中」')
    expect(checkTransition('submitted', 'accepted', {})).toMatchObject({
      errors: { note: expect.any(String) },
    })
    expect(checkTransition('submitted', 'declined', { note: '  ' })).toMatchObject({
      errors: { note: expect.any(String) },
    })
    expect(checkTransition('accepted', 'referred', {})).toMatchObject({
      errors: { referredTo: expect.any(String) },
    })
    expect(checkTransition('accepted', 'referred', { referredTo: '房管办' })).toBeNull()
    expect(() => raise(checkTransition('merged', 'done', {}))).toThrow(ApiError)
    expect(pathTo('adopted', 'done')).toEqual(['in_progress', 'done'])
    expect(pathTo('done', 'in_progress')).toEqual([])
  })
})

describe('POST /api/topics/:id/transition', () => {
  it('accepts with a public reply: status, accepted_at, event and audit row', async () => {
    const t = await fileTopic(w.neighborhoodIds[0])
    const r = await api(`/api/topics/${t.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'accepted', note: '已收到，下周现场查看', internalNote: '联系物业' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({
      id: t.id,
      status: 'accepted',
      publicReply: '已收到，下周现场查看',
    })
    expect(r.body.acceptedAt).toBeGreaterThan(0)
    expect(r.body.allowedTransitions).toEqual(['adopted', 'merged', 'declined', 'referred'])
    const ev = (await events(t.id)).at(-1)!
    expect(ev).toMatchObject({
      kind: 'accepted',
      from_status: 'submitted',
      to_status: 'accepted',
      public_note: '已收到，下周现场查看',
      internal_note: '联系物业',
      actor_user_id: w.users.staff.id,
    })
    const audits = await auditRows(t.id)
    expect(audits.at(-1)).toMatchObject({ action: 'transition', user_id: w.users.staff.id })
    expect(JSON.parse(audits.at(-1)!.before)).toEqual({ status: 'submitted' })
    expect(JSON.parse(audits.at(-1)!.after)).toMatchObject({ status: 'accepted' })
  })

  it('returns 409 illegal_transition and changes nothing for an illegal move', async () => {
    const t = await fileTopic(w.neighborhoodIds[0])
    const r = await api(`/api/topics/${t.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'done' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    expect(r.body.code).toBe('illegal_transition')
    expect(r.body.message).toContain('不能从「待受理」改为「已完成」')
    expect((await row(t.id))!.status).toBe('submitted')
    expect(await events(t.id)).toHaveLength(1)
    expect(await auditRows(t.id)).toHaveLength(0)
  })

  it('returns 400 with field errors when the reply, reason or department is missing', async () => {
    const t = await fileTopic(w.neighborhoodIds[0])
    for (const [to, field] of [
      ['accepted', 'note'],
      ['declined', 'note'],
      ['referred', 'referredTo'],
    ]) {
      const r = await api(`/api/topics/${t.id}/transition`, {
        cookie: w.cookies.staff,
        body: { to },
      })
      expect(r.status, JSON.stringify(r.body)).toBe(400)
      expect(r.body.errors[field]).toBeTruthy()
    }
    const bad = await api(`/api/topics/${t.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'closed' },
    })
    expect(bad.status, JSON.stringify(bad.body)).toBe(400)
    expect(bad.body.errors.to).toBeTruthy()
    expect((await row(t.id))!.status).toBe('submitted')
  })

  it('declines with a public reason and refers to a named department', async () => {
    const a = await fileTopic(w.neighborhoodIds[0])
    const declined = await api(`/api/topics/${a.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'declined', note: '属于个人私事，不在居委处理范围' },
    })
    expect(declined.status, JSON.stringify(declined.body)).toBe(200)
    expect(declined.body).toMatchObject({
      status: 'declined',
      publicReply: '属于个人私事，不在居委处理范围',
      allowedTransitions: [],
    })
    const b = await fileTopic(w.neighborhoodIds[0])
    const referred = await api(`/api/topics/${b.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'referred', referredTo: '镇城运中心' },
    })
    expect(referred.status, JSON.stringify(referred.body)).toBe(200)
    expect(referred.body).toMatchObject({ status: 'referred', referredTo: '镇城运中心' })
  })

  it('moves an adopted topic on to in_progress and done, setting done_at', async () => {
    const t = await fileTopic(w.neighborhoodIds[0], { status: 'adopted' })
    const a = await api(`/api/topics/${t.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'in_progress' },
    })
    expect(a.status, JSON.stringify(a.body)).toBe(200)
    const b = await api(`/api/topics/${t.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'done', note: '已完工' },
    })
    expect(b.status, JSON.stringify(b.body)).toBe(200)
    expect(b.body.status).toBe('done')
    expect(b.body.doneAt).toBeGreaterThan(0)
  })

  it('answers 404 for a topic outside the caller scope and 403 for a viewer, changing nothing', async () => {
    const other = await fileTopic(w.neighborhoodIds[1])
    const r = await api(`/api/topics/${other.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'accepted', note: '好' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(404)
    const mine = await fileTopic(w.neighborhoodIds[0])
    const v = await api(`/api/topics/${mine.id}/transition`, {
      cookie: w.cookies.viewer,
      body: { to: 'accepted', note: '好' },
    })
    expect(v.status, JSON.stringify(v.body)).toBe(403)
    expect((await row(other.id))!.status).toBe('submitted')
    expect((await row(mine.id))!.status).toBe('submitted')
  })
})

describe('moveStatements', () => {
  it('fails the whole batch when a topic changed after the checks (guard), writing nothing', async () => {
    const t = await fileTopic(w.neighborhoodIds[0], { status: 'done' })
    const db = createDb(env.DB)
    const statements = moveStatements(
      db,
      { id: w.users.staff.id },
      [t.id],
      'accepted',
      { note: '收到' },
      {
        action: 'transition',
        now: Date.now(),
      },
    )
    await expect(runGuarded(db, statements)).rejects.toMatchObject({ code: 'conflict' })
    expect((await row(t.id))!.status).toBe('done')
    expect(await events(t.id)).toHaveLength(1)
    expect(await auditRows(t.id)).toHaveLength(0)
  })
})

describe('POST /api/topics/bulk-transition', () => {
  it('moves every id in one go, with an event and an audit row each', async () => {
    const ts = await Promise.all([1, 2, 3].map(() => fileTopic(w.neighborhoodIds[0])))
    const ids = ts.map((t) => t.id)
    const r = await api('/api/topics/bulk-transition', {
      cookie: w.cookies.staff,
      body: { ids, to: 'accepted', note: '已受理，将在议事会讨论' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.data.map((t: any) => [t.id, t.status])).toEqual(ids.map((id) => [id, 'accepted']))
    for (const id of ids) {
      expect((await events(id)).at(-1)).toMatchObject({
        kind: 'accepted',
        from_status: 'submitted',
      })
      expect(await auditRows(id)).toHaveLength(1)
    }
  })

  it('changes nothing when one id is illegal, and names it in errors (409)', async () => {
    const ok = await fileTopic(w.neighborhoodIds[0])
    const done = await fileTopic(w.neighborhoodIds[0], { status: 'done' })
    const r = await api('/api/topics/bulk-transition', {
      cookie: w.cookies.staff,
      body: { ids: [ok.id, done.id], to: 'accepted', note: '收到' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    expect(r.body.code).toBe('illegal_transition')
    expect(Object.keys(r.body.errors)).toEqual([String(done.id)])
    expect((await row(ok.id))!.status).toBe('submitted')
    expect(await events(ok.id)).toHaveLength(1)
  })

  it('answers 404 when one id is outside the scope, changing nothing', async () => {
    const mine = await fileTopic(w.neighborhoodIds[0])
    const other = await fileTopic(w.neighborhoodIds[1])
    const r = await api('/api/topics/bulk-transition', {
      cookie: w.cookies.staff,
      body: { ids: [mine.id, other.id], to: 'accepted', note: '收到' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(404)
    expect(r.body.errors).toEqual({ [other.id]: '议题不存在' })
    expect((await row(mine.id))!.status).toBe('submitted')
  })

  it('handles more ids than one statement may bind (chunks of the IN-list)', async () => {
    const now = Date.now()
    const stmt = env.DB.prepare(
      `INSERT INTO topics (neighborhood_id, title, tracking_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
    )
    const rows = await env.DB.batch(
      Array.from({ length: 230 }, (_, i) =>
        stmt.bind(w.neighborhoodIds[0], `批量${i}`, `BLK-${String(i).padStart(3, '0')}`, now, now),
      ),
    )
    const ids = rows.map((r) => (r.results[0] as { id: number }).id)
    const r = await api('/api/topics/bulk-transition', {
      cookie: w.cookies.admin,
      body: { ids, to: 'declined', note: '重复提交' },
    })
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200)
    expect(r.body.data).toHaveLength(230)
    const n = await env.DB.prepare(
      `SELECT count(*) AS n FROM topics WHERE title LIKE '批量%' AND status = 'declined'`,
    ).first<{ n: number }>()
    expect(n!.n).toBe(230)
    const ev = await env.DB.prepare(
      `SELECT count(*) AS n FROM topic_events WHERE kind = 'declined' AND public_note = '重复提交'`,
    ).first<{ n: number }>()
    expect(ev!.n).toBe(230)
  })
})

describe('POST /api/topics/:id/merge', () => {
  const support = (topicId: number, code: string) =>
    env.DB.prepare(`INSERT INTO supports (topic_id, tracking_code, created_at) VALUES (?, ?, ?)`)
      .bind(topicId, code, Date.now())
      .run()

  it('merges: the source submitter and its supporters follow the target, events on both', async () => {
    const source = await fileTopic(w.neighborhoodIds[0], { title: '3号楼电梯异响' })
    const target = await fileTopic(w.neighborhoodIds[0], {
      title: '加装电梯维护',
      status: 'accepted',
    })
    await support(source.id, 'SUP-AAA')
    await support(source.id, 'SUP-BBB')
    await support(target.id, 'SUP-AAA') // already following the target: not counted twice
    await env.DB.prepare('UPDATE topics SET support_count = 1 WHERE id = ?').bind(target.id).run()
    const r = await api(`/api/topics/${source.id}/merge`, {
      cookie: w.cookies.staff,
      body: { targetId: target.id },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({ id: target.id, supportCount: 3 })
    expect(await row(source.id)).toMatchObject({ status: 'merged', merged_into_id: target.id })
    expect(await supportCodes(target.id)).toEqual(
      [
        { tracking_code: source.trackingCode, source: 'merged' },
        { tracking_code: 'SUP-AAA', source: 'support' },
        { tracking_code: 'SUP-BBB', source: 'merged' },
      ].sort((a, b) => a.tracking_code.localeCompare(b.tracking_code)),
    )
    expect((await events(source.id)).at(-1)).toMatchObject({
      kind: 'merged',
      from_status: 'submitted',
      to_status: 'merged',
    })
    expect((await events(target.id)).at(-1)).toMatchObject({ kind: 'merged_in' })
    expect((await events(target.id)).at(-1)!.public_note).toContain('3号楼电梯异响')
    expect((await auditRows(source.id)).at(-1)).toMatchObject({ action: 'merge' })
    expect((await auditRows(target.id)).at(-1)).toMatchObject({ action: 'merge_in' })
  })

  it('refuses self-merge (400), a closed target (409), a target in another neighborhood (409)', async () => {
    const a = await fileTopic(w.neighborhoodIds[0])
    const self = await api(`/api/topics/${a.id}/merge`, {
      cookie: w.cookies.staff,
      body: { targetId: a.id },
    })
    expect(self.status, JSON.stringify(self.body)).toBe(400)
    expect(self.body.errors.targetId).toBeTruthy()
    const done = await fileTopic(w.neighborhoodIds[0], { status: 'done' })
    const closed = await api(`/api/topics/${a.id}/merge`, {
      cookie: w.cookies.staff,
      body: { targetId: done.id },
    })
    expect(closed.status, JSON.stringify(closed.body)).toBe(409)
    expect(closed.body.code).toBe('illegal_transition')
    const far = await fileTopic(w.neighborhoodIds[1])
    const cross = await api(`/api/topics/${a.id}/merge`, {
      cookie: w.cookies.admin,
      body: { targetId: far.id },
    })
    expect(cross.status, JSON.stringify(cross.body)).toBe(409)
    const out = await api(`/api/topics/${a.id}/merge`, {
      cookie: w.cookies.staff,
      body: { targetId: far.id },
    })
    expect(out.status, JSON.stringify(out.body)).toBe(404)
    expect((await row(a.id))!.status).toBe('submitted')
  })

  it('refuses to merge a topic that is already adopted (409, nothing changed)', async () => {
    const adopted = await fileTopic(w.neighborhoodIds[0], { status: 'adopted' })
    const target = await fileTopic(w.neighborhoodIds[0])
    const r = await api(`/api/topics/${adopted.id}/merge`, {
      cookie: w.cookies.staff,
      body: { targetId: target.id },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    expect(await supportCodes(target.id)).toEqual([])
  })
})

describe('POST /api/topics/bulk-merge', () => {
  it('merges many sources into one target, all or nothing', async () => {
    const target = await fileTopic(w.neighborhoodIds[0])
    const s1 = await fileTopic(w.neighborhoodIds[0])
    const s2 = await fileTopic(w.neighborhoodIds[0], { status: 'accepted' })
    const bad = await fileTopic(w.neighborhoodIds[0], { status: 'declined' })
    const refused = await api('/api/topics/bulk-merge', {
      cookie: w.cookies.staff,
      body: { ids: [s1.id, bad.id], targetId: target.id },
    })
    expect(refused.status, JSON.stringify(refused.body)).toBe(409)
    expect(Object.keys(refused.body.errors)).toEqual([String(bad.id)])
    expect((await row(s1.id))!.status).toBe('submitted')
    const r = await api('/api/topics/bulk-merge', {
      cookie: w.cookies.staff,
      body: { ids: [s1.id, s2.id], targetId: target.id, note: '同一问题' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.supportCount).toBe(2)
    expect((await row(s2.id))!.merged_into_id).toBe(target.id)
    expect((await events(s2.id)).at(-1)).toMatchObject({
      from_status: 'accepted',
      public_note: '同一问题',
    })
  })
})

describe('POST /api/topics/:id/unmerge', () => {
  const support = (topicId: number, code: string, createdAt = Date.now()) =>
    env.DB.prepare(
      `INSERT INTO supports (topic_id, tracking_code, source, created_at) VALUES (?, ?, ?, ?)`,
    )
      .bind(topicId, code, code.startsWith('OLD-') ? 'merged' : 'support', createdAt)
      .run()

  it('undoes a merge: the status it was merged from, followers back off the target, events and audit', async () => {
    const source = await fileTopic(w.neighborhoodIds[0], {
      title: '5号楼楼道灯坏了',
      status: 'accepted',
    })
    const target = await fileTopic(w.neighborhoodIds[0], { title: '楼道灯普遍不亮' })
    await support(source.id, 'UNM-AAA')
    await support(source.id, 'UNM-BBB')
    await support(target.id, 'UNM-AAA') // followed the target already: stays
    await support(target.id, 'OLD-CCC', Date.now() - 60_000) // brought in by an earlier merge: stays
    await env.DB.prepare('UPDATE topics SET support_count = 2 WHERE id = ?').bind(target.id).run()
    const before = await supportCodes(target.id)
    const merged = await api(`/api/topics/${source.id}/merge`, {
      cookie: w.cookies.staff,
      body: { targetId: target.id },
    })
    expect(merged.body.supportCount).toBe(4)

    const r = await api(`/api/topics/${source.id}/unmerge`, { cookie: w.cookies.staff, body: {} })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({ id: source.id, status: 'accepted', mergedIntoId: null })
    expect(await row(target.id)).toMatchObject({ support_count: 2 })
    expect(await supportCodes(target.id)).toEqual(before)
    expect((await events(source.id)).at(-1)).toMatchObject({
      kind: 'unmerged',
      from_status: 'merged',
      to_status: 'accepted',
    })
    expect((await events(target.id)).at(-1)).toMatchObject({ kind: 'merged_out' })
    expect((await events(target.id)).at(-1)!.public_note).toContain('5号楼楼道灯坏了')
    expect((await auditRows(source.id)).at(-1)).toMatchObject({ action: 'unmerge' })
    // Back in the workflow: it can be merged again (or moved on).
    expect(r.body.allowedTransitions).toEqual(['adopted', 'merged', 'declined', 'referred'])
    // Its resident's code shows the topic itself again.
    const track = await SELF.fetch(`http://localhost/t/${source.trackingCode}`)
    expect(await track.text()).toContain('5号楼楼道灯坏了')
  })

  it('refuses a topic that is not merged (409), a viewer (403) and another neighborhood (404)', async () => {
    const open = await fileTopic(w.neighborhoodIds[0])
    const r = await api(`/api/topics/${open.id}/unmerge`, { cookie: w.cookies.staff, body: {} })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    expect(r.body.code).toBe('illegal_transition')
    const source = await fileTopic(w.neighborhoodIds[0])
    const target = await fileTopic(w.neighborhoodIds[0])
    await api(`/api/topics/${source.id}/merge`, {
      cookie: w.cookies.staff,
      body: { targetId: target.id },
    })
    expect(
      (await api(`/api/topics/${source.id}/unmerge`, { cookie: w.cookies.viewer, body: {} }))
        .status,
    ).toBe(403)
    const far = await fileTopic(w.neighborhoodIds[1])
    expect(
      (await api(`/api/topics/${far.id}/unmerge`, { cookie: w.cookies.staff, body: {} })).status,
    ).toBe(404)
    expect((await row(source.id))!.status).toBe('merged')
  })
})
