import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createActivity, createUser, createWorld, registerJson } from './helpers'
import { createForm, riderAnswers, submitOk } from './forms-fixtures'
import {
  getPage,
  inputValue,
  postPage,
  residentCategory,
  residentChannel,
  residentProject,
  residentTopic,
} from './pages-fixtures'
import { cleanText } from '../worker/domain/text'
import { escapeText } from '../worker/domain/ics'

// Smaller holes, one test each: owners the caller can see, deleting answers, control characters
// in resident text, CR in .ics files, one QR scan per client per window, the /staff/* body limit,
// a draft form's poster and QR, and viewers' saved views.

let world: Awaited<ReturnType<typeof createWorld>>
let n1: number
let n2: number

beforeAll(async () => {
  world = await createWorld()
  ;[n1, n2] = world.neighborhoodIds
})

describe('owners must be users the caller can see', () => {
  it('answers the same 400 for a user of another town and a user that does not exist', async () => {
    const other = await createTown2Staff()
    const answers = []
    for (const ownerUserId of [other, 9_999_999]) {
      const r = await api('/api/projects', {
        cookie: world.cookies.staff,
        body: { neighborhoodId: n1, title: '加装电梯', ownerUserId },
      })
      expect(r.status, JSON.stringify(r.body)).toBe(400)
      answers.push(r.body)
    }
    expect(answers[0]).toEqual(answers[1])
    expect(answers[0].errors.ownerUserId).toBeTruthy()
  })

  it('checks checklist owners (in a new project, a new item and an edit) and project edits', async () => {
    const other = await createTown2Staff()
    const created = await api('/api/projects', {
      cookie: world.cookies.staff,
      body: {
        neighborhoodId: n1,
        title: '修路灯',
        checklist: [{ title: '勘察', ownerUserId: other }],
      },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(400)
    expect(created.body.errors['checklist.0.ownerUserId']).toBeTruthy()
    const ok = await api('/api/projects', {
      cookie: world.cookies.staff,
      body: { neighborhoodId: n1, title: '修路灯', ownerUserId: world.users.staff.id },
    })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    const edit = await api(`/api/projects/${ok.body.id}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { ownerUserId: other },
    })
    expect(edit.status, JSON.stringify(edit.body)).toBe(400)
    const item = await api('/api/checklist-items', {
      cookie: world.cookies.staff,
      body: { projectId: ok.body.id, title: '施工', ownerUserId: other },
    })
    expect(item.status, JSON.stringify(item.body)).toBe(400)
    expect(item.body.errors.ownerUserId).toBeTruthy()
    // An admin sees everyone, so may name them.
    const byAdmin = await api(`/api/projects/${ok.body.id}`, {
      method: 'PUT',
      cookie: world.cookies.admin,
      body: { ownerUserId: other },
    })
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(200)
  })
})

/** A staff user of a neighborhood in another town. */
const createTown2Staff = async () => {
  const row = await env.DB.prepare(
    'INSERT INTO towns (name, created_at) VALUES (?, 0) RETURNING id',
  )
    .bind(`别的镇${Math.random().toString(36).slice(2, 8)}`)
    .first<{ id: number }>()
  const nb = await env.DB.prepare(
    "INSERT INTO neighborhoods (town_id, name, slug, created_at) VALUES (?, '别的居民区', ?, 0) RETURNING id",
  )
    .bind(row!.id, `other-${Math.random().toString(36).slice(2, 8)}`)
    .first<{ id: number }>()
  return (await createUser('staff', { neighborhoodIds: [nb!.id] })).id
}

describe("deleting a form's responses", () => {
  it('follows the rule for deleting a form with responses: admins only', async () => {
    const form = await createForm(world.cookies.staff, { neighborhoodId: n1 })
    await submitOk(form.slug, riderAnswers())
    const list = await api(
      `/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ formId: form.id }))}`,
      { cookie: world.cookies.staff },
    )
    const id = list.body[0].id
    const staff = await api(`/api/form-responses/${id}`, {
      method: 'DELETE',
      cookie: world.cookies.staff,
    })
    expect(staff.status, JSON.stringify(staff.body)).toBe(403)
    const town = await api(`/api/form-responses/${id}`, {
      method: 'DELETE',
      cookie: world.cookies.town,
    })
    expect(town.status).toBe(403)
    const admin = await api(`/api/form-responses/${id}`, {
      method: 'DELETE',
      cookie: world.cookies.admin,
    })
    expect(admin.status, JSON.stringify(admin.body)).toBe(200)
  })
})

describe('control characters in resident text', () => {
  it('cleanText strips NUL, C0 (not \\n \\t), C1, zero-width space and unbalanced bidi', () => {
    expect(cleanText('路\u0000灯\u0007坏\u001b了')).toBe('路灯坏了')
    expect(cleanText('第一行\r\n第二行\r第三行\t完')).toBe('第一行\n第二行\n第三行\t完')
    expect(cleanText('\u200B\u200B\uFEFF')).toBe('')
    expect(cleanText(' \u200D\u2060 ')).toBe('')
    expect(cleanText('a\u0085b\u007fc')).toBe('abc')
    expect(cleanText('电梯\u202E坏了')).toBe('电梯坏了')
    expect(cleanText('\u2067电梯')).toBe('电梯')
    expect(cleanText('\u202C电梯\u202B')).toBe('电梯')
    // Balanced embeddings and isolates stay; emoji joiners stay.
    expect(cleanText('a\u202Bשלום\u202Cb')).toBe('a\u202Bשלום\u202Cb')
    expect(cleanText('a\u2067ש\u2069b')).toBe('a\u2067ש\u2069b')
    expect(cleanText('👨\u200D👩\u200D👧')).toBe('👨\u200D👩\u200D👧')
    expect(cleanText('  小区 东门  ')).toBe('小区 东门')
  })

  it('the needs form refuses a zero-width-only title and stores a cleaned one', async () => {
    const categoryId = await residentCategory()
    const channel = await residentChannel(n1)
    const form = await getPage(`/q/${channel.code}`)
    const base = { categoryId: String(categoryId), where: '', name: '', phone: '' }
    const blank = await postPage(`/q/${channel.code}`, {
      ...base,
      key: inputValue(form.text, 'key')!,
      title: '\u200B\u200B\u200B',
      details: '',
    })
    expect(blank.status).toBe(400)
    expect(blank.text).toContain('f-title')
    const again = await getPage(`/q/${channel.code}?again=1`)
    const r = await postPage(`/q/${channel.code}`, {
      ...base,
      key: inputValue(again.text, 'key')!,
      title: '东门\u0000路灯\u202E坏了',
      details: '晚上\u0007很黑\r\n老人怕摔',
      confirmed: '1',
    })
    expect(r.status, r.text.slice(0, 400)).toBeLessThan(400)
    const row = await env.DB.prepare(
      'SELECT title, description FROM topics WHERE neighborhood_id = ? ORDER BY id DESC LIMIT 1',
    )
      .bind(n1)
      .first<{ title: string; description: string }>()
    expect(row).toEqual({ title: '东门路灯坏了', description: '晚上很黑\n老人怕摔' })
  })

  it('registration names and survey text answers are cleaned', async () => {
    const { activity, sessions } = await createActivity(world.cookies.staff, n1)
    const reg = await registerJson(activity.slug, sessions[0].id, {
      name: '王\u0000芳\u202E',
      phone: '13900000077',
      partySize: 1,
    })
    expect(reg.status, JSON.stringify(reg.body)).toBe(201)
    const name = await env.DB.prepare('SELECT name FROM registrations WHERE session_id = ?')
      .bind(sessions[0].id)
      .first<{ name: string }>()
    expect(name!.name).toBe('王芳')
    const blank = await registerJson(activity.slug, sessions[0].id, {
      name: '\u200B',
      phone: '13900000078',
      partySize: 1,
    })
    expect(blank.status).toBe(400)

    const form = await createForm(world.cookies.staff, {
      neighborhoodId: n1,
      fields: [
        { key: 'say', label: '您的建议', type: 'longtext', required: true },
        { key: 'who', label: '称呼', type: 'text' },
      ],
    })
    await submitOk(form.slug, { say: '多\u0000装\u202E路灯\r\n谢谢', who: '\u200B' })
    const answers = await env.DB.prepare('SELECT answers FROM form_responses WHERE form_id = ?')
      .bind(form.id)
      .first<{ answers: string }>()
    expect(JSON.parse(answers!.answers)).toEqual({ say: '多装路灯\n谢谢' })
  })

  it('evaluation comments are cleaned', async () => {
    const topic = await residentTopic(n2, { status: 'done' })
    const projectId = await residentProject(n2, { status: 'done', topicIds: [topic.id] })
    const page = await getPage(`/t/${topic.code}/evaluate`)
    const r = await postPage(`/t/${topic.code}/evaluate`, {
      key: inputValue(page.text, 'key') ?? 'eval-clean-key',
      resolved: 'solved',
      satisfaction: '5',
      comment: '修\u0000得\u202E好',
    })
    expect(r.status, r.text.slice(0, 300)).toBe(200)
    const row = await env.DB.prepare('SELECT comment FROM evaluations WHERE project_id = ?')
      .bind(projectId)
      .first<{ comment: string }>()
    expect(row!.comment).toBe('修得好')
  })
})

describe('.ics files', () => {
  it('escape a lone CR as a line break, not a raw one', () => {
    expect(escapeText('一楼\r二楼')).toBe('一楼\\n二楼')
    expect(escapeText('a\r\nb\nc')).toBe('a\\nb\\nc')
  })
})

describe('QR scans', () => {
  it('count once per client per window', async () => {
    const channel = await residentChannel(n1)
    const scans = async () =>
      (await env.DB.prepare('SELECT scans FROM channels WHERE id = ?')
        .bind(channel.id)
        .first<{ scans: number }>())!.scans
    const one = { 'cf-connecting-ip': '203.0.113.7' }
    for (let i = 0; i < 5; i++) expect((await getPage(`/q/${channel.code}`, one)).status).toBe(200)
    expect(await scans()).toBe(1)
    await getPage(`/q/${channel.code}`, { 'cf-connecting-ip': '203.0.113.8' })
    expect(await scans()).toBe(2)
  })
})

describe('/staff/* posts', () => {
  it('have a body limit (413)', async () => {
    const { sessions } = await createActivity(world.cookies.staff, n1)
    const r = await api(`/staff/checkin/${sessions[0].id}/no-show`, {
      method: 'POST',
      cookie: world.cookies.staff,
      body: `x=${'a'.repeat(200_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(r.status).toBe(413)
  })
})

describe('a draft form', () => {
  it('has no public poster or QR (404) until it is published', async () => {
    const form = await createForm(world.cookies.staff, { neighborhoodId: n1, status: 'draft' })
    for (const path of [`/s/${form.slug}/poster`, `/s/${form.slug}/qr.svg`])
      expect((await api(path)).status, path).toBe(404)
    const open = await api(`/api/forms/${form.id}`, {
      method: 'PUT',
      cookie: world.cookies.staff,
      body: { status: 'open' },
    })
    expect(open.status, JSON.stringify(open.body)).toBe(200)
    for (const path of [`/s/${form.slug}/poster`, `/s/${form.slug}/qr.svg`])
      expect((await api(path)).status, path).toBe(200)
  })
})

describe('saved views', () => {
  it('a viewer cannot create, change or delete one (403); staff can', async () => {
    const body = { resource: 'topics', name: '我的视图', params: { filter: {} } }
    const viewer = await api('/api/saved-views', { cookie: world.cookies.viewer, body })
    expect(viewer.status).toBe(403)
    const staff = await api('/api/saved-views', { cookie: world.cookies.staff, body })
    expect(staff.status).toBe(201)
    const list = await api('/api/saved-views', { cookie: world.cookies.viewer })
    expect(list.status).toBe(200)
  })
})
