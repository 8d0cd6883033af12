import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { api, createTown, createUser, fileTopic, signIn } from './helpers'

// GET /api/topics checks the session in the same D1 batch as the list, building the list for the
// scope this isolate last saw on the session (lib/auth.ts batchAsUser). These tests change the
// session or the user between two lists and expect the second to follow the change, never the
// remembered scope.

const list = (cookie?: string) =>
  api<{ neighborhoodId: number; submitterName: string | null }[]>('/api/topics?range=[0,99]', {
    cookie,
  })

const totalOf = (res: Response) => Number(res.headers.get('content-range')!.split('/')[1])

const setup = async () => {
  const {
    neighborhoodIds: [n1, n2],
  } = await createTown(2)
  await fileTopic(n1, { title: '一号小区路灯' })
  await fileTopic(n2, { title: '二号小区电梯' })
  await fileTopic(n2, { title: '二号小区停车' })
  await env.DB.prepare(
    "UPDATE topics SET submitter_name = '王建国' WHERE neighborhood_id IN (?, ?)",
  )
    .bind(n1, n2)
    .run()
  const user = await createUser('staff', { neighborhoodIds: [n1] })
  const cookie = await signIn(user.username)
  const first = await list(cookie)
  expect(first.status).toBe(200)
  expect(first.body.map((t) => t.neighborhoodId)).toEqual([n1])
  return { n1, n2, user, cookie }
}

describe('the topic list and its session check in one batch', () => {
  it('follows a scope changed since the last list: rows and total of the new neighborhood', async () => {
    const { n2, user, cookie } = await setup()
    await env.DB.prepare('UPDATE user_neighborhoods SET neighborhood_id = ? WHERE user_id = ?')
      .bind(n2, user.id)
      .run()
    const after = await list(cookie)
    expect(after.status).toBe(200)
    expect(new Set(after.body.map((t) => t.neighborhoodId))).toEqual(new Set([n2]))
    expect(totalOf(after.res)).toBe(2)
  })

  // Phones are masked for every role (#17.6); names show the role change.
  it('masks names as soon as the user becomes a viewer', async () => {
    const { user, cookie } = await setup()
    expect((await list(cookie)).body[0].submitterName).toBe('王建国')
    await env.DB.prepare("UPDATE users SET role = 'viewer' WHERE id = ?").bind(user.id).run()
    expect((await list(cookie)).body[0].submitterName).toBe('王**')
  })

  it('answers 401 once the session is revoked by logout', async () => {
    const { cookie } = await setup()
    expect((await api('/api/auth/logout', { method: 'POST', cookie })).status).toBe(200)
    const after = await list(cookie)
    expect(after.status).toBe(401)
    expect(after.body).toMatchObject({ code: 'unauthorized', message: '请先登录' })
  })

  it('answers 401 once the session is revoked from elsewhere, the user disabled, or the session idle', async () => {
    const revoked = await setup()
    await env.DB.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ?')
      .bind(Date.now(), revoked.user.id)
      .run()
    expect((await list(revoked.cookie)).status).toBe(401)

    const disabled = await setup()
    await env.DB.prepare('UPDATE users SET disabled = 1 WHERE id = ?').bind(disabled.user.id).run()
    expect((await list(disabled.cookie)).status).toBe(401)

    const idle = await setup()
    const idleMs = Number(env.SESSION_IDLE_MINUTES) * 60_000
    await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?')
      .bind(Date.now() - idleMs - 1000, idle.user.id)
      .run()
    expect((await list(idle.cookie)).status).toBe(401)
  })

  it('slides the idle expiry of a session it checks', async () => {
    const { user, cookie } = await setup()
    const old = Date.now() - 5 * 60_000
    await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?')
      .bind(old, user.id)
      .run()
    expect((await list(cookie)).status).toBe(200)
    const row = await env.DB.prepare('SELECT last_seen_at FROM sessions WHERE user_id = ?')
      .bind(user.id)
      .first<{ last_seen_at: number }>()
    expect(row!.last_seen_at).toBeGreaterThan(old)
  })

  it('answers 401 without a cookie or with a made-up one', async () => {
    expect((await list()).status).toBe(401)
    expect((await list('jushou_session=forged')).status).toBe(401)
  })
})
