import { env, SELF } from 'cloudflare:test'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld } from './helpers'
import { createForm, RIDER_FIELDS, riderAnswers, slug, submitOk } from './forms-fixtures'

// Staff API: forms CRUD with versions, form-responses, statistics and exports.

let world: Awaited<ReturnType<typeof createWorld>>
let c: Awaited<ReturnType<typeof createWorld>>['cookies']
let n1: number
let n2: number

beforeAll(async () => {
  world = await createWorld()
  c = world.cookies
  ;[n1, n2] = world.neighborhoodIds
})

/** `api` decodes bodies as text (dropping a BOM); exports are checked as bytes. */
const fetchRaw = (path: string, cookie: string) =>
  SELF.fetch(`http://localhost${path}`, { headers: { cookie } })

const auditRows = async (resource: string, recordId: number) =>
  (
    await env.DB.prepare(
      'SELECT action, before, after FROM audit_log WHERE resource = ? AND record_id = ? ORDER BY id',
    )
      .bind(resource, String(recordId))
      .all<{ action: string; before: string | null; after: string | null }>()
  ).results

describe('POST /api/forms', () => {
  it('creates a form with version 1, its fields and public links, audited', async () => {
    const r = await api('/api/forms', {
      cookie: c.staff,
      body: {
        title: '小哥驿站',
        neighborhoodId: n1,
        fields: [{ label: '您的平台', type: 'single', options: ['美团', '饿了么'] }],
      },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({
      title: '小哥驿站',
      neighborhoodId: n1,
      townId: world.townId,
      status: 'draft',
      availability: 'draft',
      version: 1,
      responseCount: 0,
      onePerPhone: false,
      fields: [
        {
          key: 'q1',
          label: '您的平台',
          type: 'single',
          required: false,
          options: ['美团', '饿了么'],
        },
      ],
    })
    expect(r.body.slug).toMatch(/^s-[a-z2-9]{6}$/)
    expect(r.body.publicUrl).toBe(`/s/${r.body.slug}`)
    expect(r.body.qrUrl).toBe(`/s/${r.body.slug}/qr.svg`)
    expect(r.body.posterUrl).toBe(`/s/${r.body.slug}/poster`)
    const audits = await auditRows('forms', r.body.id)
    expect(audits.map((a) => a.action)).toEqual(['create'])
    expect(JSON.parse(audits[0].after!).fields[0].label).toBe('您的平台')
  })

  it('returns 400 with field errors for a bad definition', async () => {
    const r = await api('/api/forms', {
      cookie: c.staff,
      body: {
        title: '',
        neighborhoodId: n1,
        fields: [
          { label: '', type: 'single', options: [] },
          { label: 'x', type: 'nope' },
        ],
      },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(400)
    expect(r.body.errors).toMatchObject({
      title: '请填写标题',
      'fields.0.label': '请填写题目',
      'fields.1.type': '题型无效',
    })
  })

  it('refuses one-per-phone without a required phone question, and closing before opening', async () => {
    const r = await api('/api/forms', {
      cookie: c.staff,
      body: {
        title: 'x',
        neighborhoodId: n1,
        onePerPhone: true,
        opensAt: Date.UTC(2026, 0, 2),
        closesAt: Date.UTC(2026, 0, 1),
        fields: [{ key: 'p', label: '手机', type: 'phone' }],
      },
    })
    expect(r.status).toBe(400)
    expect(Object.keys(r.body.errors).sort()).toEqual(['closesAt', 'onePerPhone'])
  })

  it('accepts ISO times from a date picker and stores epoch ms', async () => {
    const form = await createForm(c.staff, {
      neighborhoodId: n1,
      opensAt: '2026-05-01T01:00:00.000Z',
      closesAt: null,
    })
    expect(form.opensAt).toBe(Date.UTC(2026, 4, 1, 1))
    expect(form.closesAt).toBeNull()
  })

  it('returns 409 when the address is taken', async () => {
    const taken = slug('dup')
    await createForm(c.staff, { neighborhoodId: n1, slug: taken })
    const r = await api('/api/forms', {
      cookie: c.staff,
      body: { title: 'x', neighborhoodId: n1, slug: taken, fields: [] },
    })
    expect(r.status).toBe(409)
    expect(r.body.errors.slug).toBe('这个地址已被别的表单使用')
  })

  it('keeps staff to their neighborhoods and viewers to reading', async () => {
    const other = await api('/api/forms', {
      cookie: c.staff,
      body: { title: 'x', neighborhoodId: n2, fields: [] },
    })
    expect(other.status).toBe(404)
    const viewer = await api('/api/forms', {
      cookie: c.viewer,
      body: { title: 'x', neighborhoodId: n1, fields: [] },
    })
    expect(viewer.status).toBe(403)
    const townWide = await api('/api/forms', {
      cookie: c.staff,
      body: { title: 'x', neighborhoodId: null, fields: [] },
    })
    expect(townWide.status).toBe(400)
  })
})

describe('scope of forms', () => {
  it('lists and reads only forms in scope; town-wide forms for admin and town staff', async () => {
    const mine = await createForm(c.staff, { neighborhoodId: n1 })
    const theirs = await createForm(c.town, { neighborhoodId: n2 })
    const townWide = await createForm(c.town, { neighborhoodId: null })
    expect(townWide).toMatchObject({ neighborhoodId: null, townId: world.townId })
    const ids = async (cookie: string) => {
      const r = await api(`/api/forms?range=[0,499]`, { cookie })
      expect(r.status).toBe(200)
      return (r.body as { id: number }[]).map((f) => f.id)
    }
    const staffIds = await ids(c.staff)
    expect(staffIds).toContain(mine.id)
    expect(staffIds).not.toContain(theirs.id)
    expect(staffIds).not.toContain(townWide.id)
    expect(await ids(c.town)).toEqual(expect.arrayContaining([mine.id, theirs.id, townWide.id]))
    expect(await ids(c.admin)).toEqual(expect.arrayContaining([mine.id, theirs.id, townWide.id]))
    expect((await api(`/api/forms/${theirs.id}`, { cookie: c.staff })).status).toBe(404)
    expect((await api(`/api/forms/${townWide.id}`, { cookie: c.staff })).status).toBe(404)
    expect((await api(`/api/forms/${townWide.id}`, { cookie: c.town })).status).toBe(200)
    expect((await api(`/api/forms/${theirs.id}/stats`, { cookie: c.staff })).status).toBe(404)
    expect((await api(`/api/forms/${theirs.id}/export`, { cookie: c.staff })).status).toBe(404)
    expect(
      (
        await api(
          `/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ formId: theirs.id }))}`,
          { cookie: c.staff },
        )
      ).body,
    ).toEqual([])
  })

  it('sends Content-Range and filters by status and q', async () => {
    const f = await createForm(c.staff, {
      neighborhoodId: n1,
      title: '独一无二的标题 xyz',
      status: 'closed',
    })
    const filter = encodeURIComponent(JSON.stringify({ q: '独一无二', status: ['closed'] }))
    const r = await api(`/api/forms?filter=${filter}&sort=["responseCount","DESC"]`, {
      cookie: c.staff,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.res.headers.get('content-range')).toBe('forms 0-0/1')
    expect(r.body.map((x: { id: number }) => x.id)).toEqual([f.id])
  })
})

describe('PUT /api/forms/:id (versions)', () => {
  it('edits the fields in place while there are no responses', async () => {
    const form = await createForm(c.staff, { neighborhoodId: n1 })
    const r = await api(`/api/forms/${form.id}`, {
      method: 'PUT',
      cookie: c.staff,
      body: { ...form, fields: [...form.fields, { label: '补充', type: 'text' }] },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.version).toBe(1)
    expect(r.body.fields.at(-1)).toMatchObject({ key: 'q1', label: '补充' })
  })

  it('adds a version when a form with responses changes; old responses keep theirs', async () => {
    const form = await createForm(c.staff, { neighborhoodId: n1 })
    await submitOk(form.slug, riderAnswers())
    // Same fields again (as the admin sends the whole record): no new version.
    const same = await api(`/api/forms/${form.id}`, {
      method: 'PUT',
      cookie: c.staff,
      body: { ...form, title: '新标题' },
    })
    expect(same.body).toMatchObject({ version: 1, title: '新标题' })
    const fields = form.fields
      .filter((f) => f.key !== 'opened')
      .map((f) => (f.key === 'hours' ? { ...f, label: '每周跑单几天', max: 7 } : f))
    // The admin sends the record as it read it after the first save (the one from before is a
    // stale revision).
    const v2 = await api(`/api/forms/${form.id}`, {
      method: 'PUT',
      cookie: c.staff,
      body: { ...same.body, fields: [...fields, { key: 'age', label: '年龄', type: 'number' }] },
    })
    expect(v2.status, JSON.stringify(v2.body)).toBe(200)
    expect(v2.body.version).toBe(2)
    await submitOk(form.slug, riderAnswers({ hours: '5', age: '30' } as Record<string, string>))
    const one = await api(`/api/forms/${form.id}`, { cookie: c.staff })
    expect(
      one.body.versions.map((v: { version: number; responseCount: number }) => [
        v.version,
        v.responseCount,
      ]),
    ).toEqual([
      [1, 1],
      [2, 1],
    ])
    expect(one.body.allFields.map((f: { key: string }) => f.key)).toEqual([
      ...fields.map((f) => f.key),
      'age',
      'opened',
    ])
    const list = await api(
      `/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ formId: form.id }))}&sort=["id","ASC"]`,
      { cookie: c.staff },
    )
    expect(list.body.map((r: { version: number }) => r.version)).toEqual([1, 2])
    expect(list.body[0].answers.hours).toBe(10)
    expect(list.body[1].answers).toMatchObject({ hours: 5, age: 30 })
    // A v1 value of 10 would break v2's max of 7: old answers are not re-validated.
    const audits = await auditRows('forms', form.id)
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'update'])
    expect(JSON.parse(audits[2].after!).currentVersion).toBe(2)
  })
})

describe('GET /api/form-responses', () => {
  it('shows answers to staff with the phone masked (revealed by a logged request), masked to viewers, with display text', async () => {
    const form = await createForm(c.staff, { neighborhoodId: n1 })
    await submitOk(form.slug, riderAnswers({ phone: '13912345678' }))
    const path = `/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ formId: form.id }))}`
    const staff = await api(path, { cookie: c.staff })
    expect(staff.status).toBe(200)
    expect(staff.res.headers.get('content-range')).toBe('form-responses 0-0/1')
    expect(staff.body[0]).toMatchObject({
      formId: form.id,
      version: 1,
      answers: { phone: '139****5678', needs: ['充电', '休息'] },
    })
    expect(staff.body[0].display).toMatchObject({
      needs: '充电、休息',
      agree: '同意',
      phone: '139****5678',
    })
    const revealed = await api('/api/privacy/reveal', {
      cookie: c.staff,
      body: { resource: 'form-responses', id: staff.body[0].id, purpose: 'callback' },
    })
    expect(revealed.body).toEqual({ phone: '13912345678' })
    const viewer = await api(path, { cookie: c.viewer })
    expect(viewer.body[0].answers.phone).toBe('139****5678')
    expect(viewer.body[0].display.phone).toBe('139****5678')
    expect(JSON.stringify(viewer.body)).not.toContain('13912345678')
  })

  it('filters by an answer (equal to or included in)', async () => {
    const form = await createForm(c.staff, { neighborhoodId: n1 })
    await submitOk(form.slug, riderAnswers({ platform: '美团', needs: ['饮水'] }))
    await submitOk(form.slug, riderAnswers({ platform: '饿了么', needs: ['充电', '热饭'] }))
    await submitOk(form.slug, riderAnswers({ platform: '饿了么', needs: ['休息'], score: '5' }))
    const q = async (answers: Record<string, unknown>) => {
      const filter = encodeURIComponent(JSON.stringify({ formId: form.id, answers }))
      const r = await api(`/api/form-responses?filter=${filter}`, { cookie: c.staff })
      expect(r.status, JSON.stringify(r.body)).toBe(200)
      return r.body.length
    }
    expect(await q({ platform: '饿了么' })).toBe(2)
    expect(await q({ needs: '热饭' })).toBe(1)
    expect(await q({ platform: '饿了么', needs: ['休息', '饮水'] })).toBe(1)
    expect(await q({ score: 5 })).toBe(1)
    expect(await q({ agree: true })).toBe(3)
    const byTime = async (filter: Record<string, unknown>) =>
      (
        await api(
          `/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ formId: form.id, ...filter }))}`,
          { cookie: c.staff },
        )
      ).body.length
    expect(await byTime({ createdFrom: Date.now() + 60_000 })).toBe(0)
    expect(await byTime({ createdFrom: '', createdTo: Date.now() + 60_000 })).toBe(3)
    const bad = await api(
      `/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ answers: { 'x") OR 1=1 --': 'a' } }))}`,
      { cookie: c.staff },
    )
    expect(bad.status).toBe(400)
  })

  it('deletes a response (audited): admins only, as for a form with answers', async () => {
    const form = await createForm(c.staff, { neighborhoodId: n1 })
    await submitOk(form.slug, riderAnswers())
    const [row] = (
      await api(
        `/api/form-responses?filter=${encodeURIComponent(JSON.stringify({ formId: form.id }))}`,
        { cookie: c.staff },
      )
    ).body
    expect(
      (await api(`/api/form-responses/${row.id}`, { method: 'DELETE', cookie: c.viewer })).status,
    ).toBe(403)
    expect(
      (await api(`/api/form-responses/${row.id}`, { method: 'DELETE', cookie: c.staff })).status,
    ).toBe(403)
    const del = await api(`/api/form-responses/${row.id}`, { method: 'DELETE', cookie: c.admin })
    expect(del.status).toBe(200)
    expect((await api(`/api/form-responses/${row.id}`, { cookie: c.staff })).status).toBe(404)
    expect((await auditRows('form-responses', row.id)).map((a) => a.action)).toEqual(['delete'])
  })
})

describe('GET /api/forms/:id/stats', () => {
  it('counts choices and averages numbers on known answers', async () => {
    const form = await createForm(c.staff, { neighborhoodId: n1 })
    await submitOk(
      form.slug,
      riderAnswers({ platform: '美团', hours: '8', needs: ['充电', '饮水'], score: '5' }),
    )
    await submitOk(
      form.slug,
      riderAnswers({ platform: '美团', hours: '10', needs: ['充电'], score: '3' }),
    )
    await submitOk(
      form.slug,
      riderAnswers({ platform: '饿了么', hours: '12', needs: ['休息'], score: '4' }),
    )
    await submitOk(
      form.slug,
      riderAnswers({ platform: '其他', hours: '6', needs: ['饮水'], score: '4' }),
    )
    const r = await api(`/api/forms/${form.id}/stats`, { cookie: c.viewer })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.total).toBe(4)
    const q = (key: string) => r.body.questions.find((x: { key: string }) => x.key === key)
    expect(q('platform').options).toEqual([
      { label: '美团', count: 2, share: 0.5 },
      { label: '饿了么', count: 1, share: 0.25 },
      { label: '其他', count: 1, share: 0.25 },
    ])
    expect(q('needs').options.map((o: { count: number }) => o.count)).toEqual([2, 2, 1, 0])
    expect(q('hours')).toMatchObject({ answered: 4, mean: 9, median: 9, min: 6, max: 12 })
    expect(q('score')).toMatchObject({
      mean: 4,
      distribution: [0, 0, 1, 2, 1].map((count, i) => ({
        label: String(i + 1),
        count,
        share: count / 4,
      })),
    })
    expect(q('phone').options).toBeUndefined()
  })
})

describe('GET /api/forms/:id/export', () => {
  const hostile = '=HYPERLINK("http://evil.example","点我")'

  it('exports CSV with a BOM, a column per field and formulas neutralised', async () => {
    const form = await createForm(c.staff, {
      neighborhoodId: n1,
      title: '驿站调查',
      fields: [...RIDER_FIELDS, { key: 'note', label: '建议', type: 'text' }],
    })
    await submitOk(form.slug, { ...riderAnswers(), note: hostile })
    await submitOk(form.slug, {
      ...riderAnswers({ platform: '饿了么', phone: '13700001111' }),
      note: '+1 好',
    })
    const r = await api(`/api/forms/${form.id}/export?format=csv`, { cookie: c.staff })
    expect(r.status).toBe(200)
    expect(r.res.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(r.res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('驿站调查')}`,
    )
    const bytes = new Uint8Array(
      await (await fetchRaw(`/api/forms/${form.id}/export?format=csv`, c.staff)).arrayBuffer(),
    )
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = r.text.trimEnd().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe(
      '编号,回执号,提交时间,版本,您在哪个平台跑单,每天跑单几小时,驿站最需要什么,需要几个充电位,希望何时开放,对现有休息点的满意度,手机号,我同意居委会为驿站建设使用以上信息,来源,建议',
    )
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`)
    expect(lines[1]).toContain(',美团,10,充电、休息,6,,4,13812345678,同意,,')
    expect(lines[2]).toContain("'+1 好")
    const viewer = await api(`/api/forms/${form.id}/export?format=csv`, { cookie: c.viewer })
    expect(viewer.text).toContain('137****1111')
    expect(viewer.text).not.toContain('13700001111')
  })

  it('exports XLSX that parses back with the right rows', async () => {
    const form = await createForm(c.staff, {
      neighborhoodId: n1,
      fields: [...RIDER_FIELDS, { key: 'note', label: '建议', type: 'text' }],
    })
    await submitOk(form.slug, { ...riderAnswers(), note: hostile })
    await submitOk(form.slug, { ...riderAnswers({ hours: '7' }), note: '普通' })
    const res = await api(`/api/forms/${form.id}/export?format=xlsx`, { cookie: c.staff })
    expect(res.status).toBe(200)
    expect(res.res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    const bin = new Uint8Array(
      await (await fetchRaw(`/api/forms/${form.id}/export?format=xlsx`, c.staff)).arrayBuffer(),
    )
    const files = unzipSync(bin)
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml'])
    const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)]
    expect(rows.map((m) => m[1])).toEqual(['1', '2', '3'])
    const cells = (row: string) =>
      [
        ...row.matchAll(
          /<c r="([A-Z]+)\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g,
        ),
      ].map((m) => [m[1], m[2] ?? m[3]])
    const header = Object.fromEntries(cells(rows[0][2]).map(([col, v]) => [v, col]))
    const first = Object.fromEntries(cells(rows[1][2]))
    const second = Object.fromEntries(cells(rows[2][2]))
    expect(first[header.建议]).toBe(`'=HYPERLINK(&quot;http://evil.example&quot;,&quot;点我&quot;)`)
    expect(first[header.每天跑单几小时]).toBe('10')
    expect(second[header.每天跑单几小时]).toBe('7')
    expect(second[header.驿站最需要什么]).toBe('充电、休息')
    // Numbers are numeric cells, so a spreadsheet can sum them.
    expect(sheet).toMatch(new RegExp(`<c r="${header.每天跑单几小时}3"><v>7</v></c>`))
  })
})

describe('DELETE /api/forms/:id', () => {
  it('lets staff delete an empty form but only an admin one with responses', async () => {
    const empty = await createForm(c.staff, { neighborhoodId: n1 })
    expect(
      (await api(`/api/forms/${empty.id}`, { method: 'DELETE', cookie: c.staff })).status,
    ).toBe(200)
    const used = await createForm(c.staff, { neighborhoodId: n1 })
    await submitOk(used.slug, riderAnswers())
    const refused = await api(`/api/forms/${used.id}`, { method: 'DELETE', cookie: c.staff })
    expect(refused.status).toBe(403)
    const del = await api(`/api/forms/${used.id}`, { method: 'DELETE', cookie: c.admin })
    expect(del.status).toBe(200)
    const left = await env.DB.prepare('SELECT COUNT(*) AS n FROM form_responses WHERE form_id = ?')
      .bind(used.id)
      .first<{ n: number }>()
    expect(left!.n).toBe(0)
    expect((await auditRows('forms', used.id)).map((a) => a.action)).toEqual(['create', 'delete'])
    expect((await api(`/s/${used.slug}`)).status).toBe(404)
  })
})

describe('authentication', () => {
  it('answers 401 without a session, on the resource and on stats and export', async () => {
    for (const path of [
      '/api/forms',
      '/api/forms/1',
      '/api/forms/1/stats',
      '/api/forms/1/export',
      '/api/form-responses',
    ])
      expect((await api(path)).status, path).toBe(401)
  })
})
