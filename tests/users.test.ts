import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createTown, createUser, createWorld, signIn } from './helpers'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let other: { townId: number; neighborhoodIds: number[] }
let otherStaff: { id: number; username: string }

beforeAll(async () => {
  w = await createWorld()
  other = await createTown(1)
  otherStaff = await createUser('staff', { neighborhoodIds: other.neighborhoodIds })
})

const q = (params: Record<string, unknown>) =>
  '?' +
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)])).toString()

const newStaff = (n: number) => ({
  username: `zhang.san${n}`,
  displayName: '张三',
  role: 'staff',
  password: 'long-enough-pw',
  neighborhoodIds: [w.neighborhoodIds[0]],
})

const ids = (body: { id: number }[]) => body.map((u) => u.id)

describe('GET /api/users', () => {
  it('lists accounts without any password field, with scope ids', async () => {
    const r = await api(
      `/api/users${q({ filter: { id: [w.users.staff.id, w.users.town.id] }, sort: ['id', 'ASC'] })}`,
      { cookie: w.cookies.admin },
    )
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toEqual([
      {
        id: w.users.town.id,
        username: w.users.town.username,
        displayName: '测试town',
        role: 'town',
        disabled: false,
        townIds: [w.townId],
        neighborhoodIds: [],
        createdAt: expect.any(Number),
        version: expect.any(Number),
      },
      {
        id: w.users.staff.id,
        username: w.users.staff.username,
        displayName: '测试staff',
        role: 'staff',
        disabled: false,
        townIds: [],
        neighborhoodIds: [w.neighborhoodIds[0]],
        createdAt: expect.any(Number),
        version: expect.any(Number),
      },
    ])
    expect(r.text).not.toMatch(/password/i)
  })

  it("lets every role list for owner pickers, but not other towns' staff", async () => {
    for (const role of ['viewer', 'staff', 'town'] as const) {
      const r = await api(`/api/users${q({ range: [0, 99] })}`, { cookie: w.cookies[role] })
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      expect(ids(r.body)).toEqual(
        expect.arrayContaining([
          w.users.admin.id,
          w.users.staff.id,
          w.users.town.id,
          w.users.viewer.id,
        ]),
      )
      expect(ids(r.body)).not.toContain(otherStaff.id)
    }
    expect((await api(`/api/users/${otherStaff.id}`, { cookie: w.cookies.town })).status).toBe(404)
    expect((await api(`/api/users/${otherStaff.id}`, { cookie: w.cookies.admin })).status).toBe(200)
  })

  it('filters by role, neighborhood and text', async () => {
    const byRole = await api(`/api/users${q({ filter: { role: 'viewer' }, range: [0, 99] })}`, {
      cookie: w.cookies.admin,
    })
    expect(byRole.body.every((u: { role: string }) => u.role === 'viewer')).toBe(true)
    const byNbhd = await api(
      `/api/users${q({ filter: { neighborhoodId: other.neighborhoodIds[0] } })}`,
      { cookie: w.cookies.admin },
    )
    expect(ids(byNbhd.body)).toEqual([otherStaff.id])
    // The town user reaches the second neighborhood through their town.
    const n2 = await api(`/api/users${q({ filter: { neighborhoodId: w.neighborhoodIds[1] } })}`, {
      cookie: w.cookies.admin,
    })
    expect(ids(n2.body)).toEqual([w.users.town.id])
    const text = await api(`/api/users${q({ filter: { q: otherStaff.username } })}`, {
      cookie: w.cookies.admin,
    })
    expect(ids(text.body)).toEqual([otherStaff.id])
  })
})

describe('POST /api/users', () => {
  it('creates a user with a hashed password and scope, audited, and they can sign in', async () => {
    const body = newStaff(1)
    const r = await api('/api/users', { cookie: w.cookies.admin, body })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({
      username: body.username,
      role: 'staff',
      neighborhoodIds: body.neighborhoodIds,
      townIds: [],
      disabled: false,
    })
    expect(r.text).not.toMatch(/password/i)
    const row = await env.DB.prepare(
      'SELECT password_hash, password_iterations FROM users WHERE id = ?',
    )
      .bind(r.body.id)
      .first<{ password_hash: string; password_iterations: number }>()
    expect(row!.password_hash).not.toContain(body.password)
    expect(row!.password_iterations).toBe(Number(env.PASSWORD_ITERATIONS))
    const audit = await env.DB.prepare(
      "SELECT action, after FROM audit_log WHERE resource = 'users' AND record_id = ?",
    )
      .bind(String(r.body.id))
      .first<{ action: string; after: string }>()
    expect(audit!.action).toBe('create')
    expect(audit!.after).not.toContain(body.password)
    const cookie = await signIn(body.username, body.password)
    const me = await api('/api/auth/me', { cookie })
    expect(me.body).toMatchObject({ role: 'staff', neighborhoodIds: body.neighborhoodIds })
  })

  it('returns 403 for non-admins', async () => {
    for (const role of ['town', 'staff', 'viewer'] as const)
      expect((await api('/api/users', { cookie: w.cookies[role], body: newStaff(2) })).status).toBe(
        403,
      )
  })

  it('returns 400 for a short password, a missing scope or unknown ids; 409 for a taken username', async () => {
    const short = await api('/api/users', {
      cookie: w.cookies.admin,
      body: { ...newStaff(3), password: 'short' },
    })
    expect(short.status).toBe(400)
    expect(short.body.errors).toHaveProperty('password')
    const noScope = await api('/api/users', {
      cookie: w.cookies.admin,
      body: { ...newStaff(3), neighborhoodIds: [] },
    })
    expect(noScope.status).toBe(400)
    expect(noScope.body.errors).toHaveProperty('neighborhoodIds')
    const townNoTowns = await api('/api/users', {
      cookie: w.cookies.admin,
      body: { ...newStaff(3), role: 'town' },
    })
    expect(townNoTowns.status).toBe(400)
    expect(townNoTowns.body.errors).toHaveProperty('townIds')
    const unknown = await api('/api/users', {
      cookie: w.cookies.admin,
      body: { ...newStaff(3), neighborhoodIds: [99999] },
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors.neighborhoodIds).toContain('99999')
    const taken = await api('/api/users', {
      cookie: w.cookies.admin,
      body: { ...newStaff(3), username: w.users.staff.username.toUpperCase() },
    })
    expect(taken.status, JSON.stringify(taken.body)).toBe(409)
    expect(taken.body.errors).toHaveProperty('username')
  })

  it('keeps only the scope the role uses', async () => {
    const r = await api('/api/users', {
      cookie: w.cookies.admin,
      body: {
        ...newStaff(4),
        role: 'town',
        townIds: [w.townId, w.townId],
        neighborhoodIds: [w.neighborhoodIds[0]],
      },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({ townIds: [w.townId], neighborhoodIds: [] })
  })
})

describe('PUT /api/users/:id', () => {
  it('changes role, scope and name; the next request sees the new scope', async () => {
    const { body: u } = await api('/api/users', { cookie: w.cookies.admin, body: newStaff(5) })
    const cookie = await signIn(u.username, 'long-enough-pw')
    const r = await api(`/api/users/${u.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { ...u, displayName: '张三丰', role: 'viewer', neighborhoodIds: w.neighborhoodIds },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({
      displayName: '张三丰',
      role: 'viewer',
      neighborhoodIds: [...w.neighborhoodIds].sort((a, b) => a - b),
    })
    const me = await api('/api/auth/me', { cookie })
    expect(me.body).toMatchObject({ role: 'viewer', displayName: '张三丰' })
    expect(me.body.neighborhoodIds.sort()).toEqual([...w.neighborhoodIds].sort())
  })

  it('resets the password and signs the user out everywhere', async () => {
    const { body: u } = await api('/api/users', { cookie: w.cookies.admin, body: newStaff(6) })
    const cookie = await signIn(u.username, 'long-enough-pw')
    const r = await api(`/api/users/${u.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { password: 'a-new-password' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect((await api('/api/auth/me', { cookie })).status).toBe(401)
    await expect(signIn(u.username, 'long-enough-pw')).rejects.toThrow()
    expect(await signIn(u.username, 'a-new-password')).toMatch(/=/)
    const short = await api(`/api/users/${u.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { password: 'short' },
    })
    expect(short.status).toBe(400)
    // An empty password from the edit form leaves it unchanged. (The form sends the record as it
    // read it after the reset: the one from before is a stale version.)
    const { body: read } = await api(`/api/users/${u.id}`, { cookie: w.cookies.admin })
    const blank = await api(`/api/users/${u.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { ...read, password: '' },
    })
    expect(blank.status, JSON.stringify(blank.body)).toBe(200)
    expect(await signIn(u.username, 'a-new-password')).toMatch(/=/)
  })

  it('disabling revokes every session of that user', async () => {
    const { body: u } = await api('/api/users', { cookie: w.cookies.admin, body: newStaff(7) })
    const c1 = await signIn(u.username, 'long-enough-pw')
    const c2 = await signIn(u.username, 'long-enough-pw')
    const r = await api(`/api/users/${u.id}`, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { disabled: true },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.disabled).toBe(true)
    for (const cookie of [c1, c2]) expect((await api('/api/auth/me', { cookie })).status).toBe(401)
    const live = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL',
    )
      .bind(u.id)
      .first<{ n: number }>()
    expect(live!.n).toBe(0)
    const audit = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE resource = 'users' AND record_id = ? ORDER BY id DESC",
    )
      .bind(String(u.id))
      .first<{ action: string }>()
    expect(audit!.action).toBe('disable')
  })

  it('refuses an admin disabling or demoting themself', async () => {
    const me = `/api/users/${w.users.admin.id}`
    const disable = await api(me, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { disabled: true },
    })
    expect(disable.status, JSON.stringify(disable.body)).toBe(400)
    expect(disable.body.errors).toHaveProperty('disabled')
    const demote = await api(me, {
      method: 'PUT',
      cookie: w.cookies.admin,
      body: { role: 'staff', neighborhoodIds: [w.neighborhoodIds[0]] },
    })
    expect(demote.status).toBe(400)
    expect(demote.body.errors).toHaveProperty('role')
    expect((await api('/api/auth/me', { cookie: w.cookies.admin })).body.role).toBe('admin')
  })

  it('lets an admin reset their own password without losing this session', async () => {
    const admin = await createUser('admin')
    const here = await signIn(admin.username)
    const elsewhere = await signIn(admin.username)
    const r = await api(`/api/users/${admin.id}`, {
      method: 'PUT',
      cookie: here,
      body: { password: 'another-long-one' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect((await api('/api/auth/me', { cookie: here })).status).toBe(200)
    expect((await api('/api/auth/me', { cookie: elsewhere })).status).toBe(401)
  })

  it('returns 403 for non-admins and 404 for unknown ids', async () => {
    const r = await api(`/api/users/${w.users.viewer.id}`, {
      method: 'PUT',
      cookie: w.cookies.town,
      body: { role: 'admin' },
    })
    expect(r.status).toBe(403)
    expect(
      (
        await api('/api/users/99999', {
          method: 'PUT',
          cookie: w.cookies.admin,
          body: { displayName: 'x' },
        })
      ).status,
    ).toBe(404)
  })
})

describe('DELETE /api/users/:id', () => {
  it('is refused with 409: accounts are disabled, not deleted', async () => {
    const r = await api(`/api/users/${w.users.viewer.id}`, {
      method: 'DELETE',
      cookie: w.cookies.admin,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(409)
    expect(
      (await api(`/api/users/${w.users.viewer.id}`, { method: 'DELETE', cookie: w.cookies.staff }))
        .status,
    ).toBe(403)
  })
})
