import { env, SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { createActivity, createWorld, ORIGIN, testPhone, VIA_CLOUDFLARE } from './helpers'
import {
  clientAddress,
  getPage,
  inputValue,
  receiptCode,
  residentCategory,
  residentChannel,
} from './pages-fixtures'
import { createForm } from './forms-fixtures'

// Residents can always get back to what is theirs (issue 13, point 5): the needs receipt has an
// address of its own (no resubmission on back or reload, bookmarkable, no code in it); a second
// registration with the same phone leads back to the first; a one-per-phone survey says so first.

let w: Awaited<ReturnType<typeof createWorld>>
beforeAll(async () => {
  w = await createWorld()
})

/** A raw form POST (no redirect followed), as the browser sends it. */
const post = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
  SELF.fetch(`${ORIGIN}${path}`, {
    ...VIA_CLOUDFLARE,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })

const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]

describe('the needs receipt', () => {
  it('is a redirect to an address without the code, shown again on reload from the cookie', async () => {
    const categoryId = String(await residentCategory())
    const { code: channel } = await residentChannel(w.neighborhoodIds[0])
    const headers = clientAddress()
    const form = await getPage(`/q/${channel}?lang=en`, headers)
    const fields = {
      key: inputValue(form.text, 'key')!,
      title: '三号楼门禁坏了',
      categoryId,
    }
    const res = await post(`/q/${channel}?lang=en`, fields, headers)
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toBe(`/q/${channel}/receipt?lang=en`)
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i)

    const cookie = cookieOf(res)
    const receipt = await getPage(location, { ...headers, cookie })
    expect(receipt.status).toBe(200)
    expect(receipt.res.headers.get('cache-control')).toBe('no-store')
    const code = receiptCode(receipt.text)!
    const stored = await env.DB.prepare('SELECT tracking_code AS c FROM topics WHERE title = ?')
      .bind('三号楼门禁坏了')
      .first<{ c: string }>()
    expect(code).toBe(stored!.c)
    expect(location).not.toContain(code)
    // Reload (or back): the same receipt, nothing filed again.
    expect(receiptCode((await getPage(location, { ...headers, cookie })).text)).toBe(code)
    // A resend of the same post (a double tap) lands on the same receipt.
    const again = await post(`/q/${channel}?lang=en`, fields, { ...headers, cookie })
    expect(again.status).toBe(303)
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM topics WHERE title = ?')
      .bind('三号楼门禁坏了')
      .first<{ n: number }>()
    expect(count!.n).toBe(1)

    // The link opened elsewhere (shared, forwarded) shows no code.
    const elsewhere = await getPage(location, clientAddress())
    expect(elsewhere.status).toBe(200)
    expect(elsewhere.text).not.toContain(code)
    expect(receiptCode(elsewhere.text)).toBeUndefined()
    expect(elsewhere.text).toContain('A receipt shows only on the phone that sent it')

    // A second need from the same phone: the new code first, the earlier one still listed.
    const second = await getPage(`/n/${await slugOf(w.neighborhoodIds[0])}/new`, headers)
    const res2 = await post(
      `/n/${await slugOf(w.neighborhoodIds[0])}/new`,
      { key: inputValue(second.text, 'key')!, title: '小区东门路灯不亮', categoryId },
      { ...headers, cookie },
    )
    expect(res2.status).toBe(303)
    expect(res2.headers.get('location')).toBe(`/n/${await slugOf(w.neighborhoodIds[0])}/receipt`)
    const both = await getPage(res2.headers.get('location')!, {
      ...headers,
      cookie: cookieOf(res2),
    })
    const newest = receiptCode(both.text)!
    expect(newest).not.toBe(code)
    expect(both.text).toContain(`href="/t/${code}"`)
  })
})

const slugOf = async (id: number) =>
  (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
    .bind(id)
    .first<{ slug: string }>())!.slug

describe('registering again with a phone already registered', () => {
  const register = (slug: string, sid: number, phone: string, cookie = '') =>
    post(
      `/a/${slug}/s/${sid}`,
      { key: `k${crypto.randomUUID().replace(/-/g, '')}`, name: '王芳', phone },
      { ...clientAddress(), ...(cookie && { cookie }) },
    )

  it('links back to the registration made in this browser, and says where else to look', async () => {
    const { activity, sessions } = await createActivity(w.cookies.staff, w.neighborhoodIds[0])
    const sid = sessions[0].id
    const first = await register(activity.slug, sid, testPhone(8801))
    expect(first.status).toBe(303)
    const link = first.headers.get('location')!
    const cookie = cookieOf(first)

    const again = await register(activity.slug, sid, testPhone(8801), cookie)
    expect(again.status).toBe(409)
    const page = await again.text()
    expect(page).toContain('这个手机号已经报名了这一场')
    expect(page).toContain(`<a class="btn" href="${link}">打开我的报名回执</a>`)
    expect(page).toContain('联系居委会工作人员')

    // Another phone's browser gets no one else's link, but still the way to find it.
    const stranger = await register(activity.slug, sid, testPhone(8801))
    const text = await stranger.text()
    expect(stranger.status).toBe(409)
    expect(text).not.toContain(link)
    expect(text).toContain('联系居委会工作人员')
  })
})

describe('a survey with one answer per phone', () => {
  it('says so on its first page, before anything is filled in', async () => {
    const once = await createForm(w.cookies.staff, {
      neighborhoodId: w.neighborhoodIds[0],
      onePerPhone: true,
    })
    const page = await getPage(`/s/${once.slug}`)
    expect(page.status).toBe(200)
    const notice = page.text.indexOf('每个手机号只能填写一次')
    expect(notice).toBeGreaterThan(0)
    expect(notice).toBeLessThan(page.text.indexOf('<form'))
    const free = await createForm(w.cookies.staff, { neighborhoodId: w.neighborhoodIds[0] })
    expect((await getPage(`/s/${free.slug}`)).text).not.toContain('每个手机号只能填写一次')
  })
})
