import { env, SELF } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  REGISTRATION_STATUS_LABEL,
  TOPIC_STATUS_LABEL,
  MEETING_DECISION_LABEL,
  MEETING_DECISIONS,
} from '../worker/domain/vocabulary'
import { shanghaiTime } from '../worker/lib/export'
import { api, createActivity, createWorld, fileTopic, ORIGIN, registerJson } from './helpers'
import { createForm, submitOk } from './forms-fixtures'
import { adoptedProject, createPartner, ok } from './partners-fixtures'
import { csvRecords, readSheets, xlsxRecords, byHeader } from './sheets'

// Every export read back as a spreadsheet would read it (CSV parsed, XLSX unzipped and its sheet
// XML read), each column looked up BY ITS HEADER and compared with the record it came from. A
// value under the wrong header (类别 holding the 网格) fails here.

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let n1: number

const download = async (path: string, cookie: string) => {
  const res = await SELF.fetch(`${ORIGIN}${path}`, { headers: { cookie } })
  expect(res.status, path).toBe(200)
  return res
}
const csvOf = async (path: string, cookie: string) =>
  csvRecords(await (await download(`${path}&format=csv`, cookie)).text())
const xlsxOf = async (path: string, cookie: string, sheet?: string) =>
  xlsxRecords(await (await download(`${path}&format=xlsx`, cookie)).arrayBuffer(), sheet)
const filterQ = (filter: Record<string, unknown>) =>
  `filter=${encodeURIComponent(JSON.stringify(filter))}`
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v))

/** Each expected header's cell equals the expected text; every header of the file is expected. */
const expectRow = (row: Record<string, string> | undefined, expected: Record<string, unknown>) => {
  expect(row, 'the record is in the export').toBeDefined()
  expect(Object.keys(row!).sort()).toEqual(Object.keys(expected).sort())
  for (const [header, value] of Object.entries(expected))
    expect(row![header], `column ${header}`).toBe(text(value))
}

beforeAll(async () => {
  w = await createWorld()
  n1 = w.neighborhoodIds[0]
})

describe('topics export (CSV, XLSX)', () => {
  let topic: any
  const names = { category: '停车管理', grid: '第二网格', channel: '3号楼 楼道留言板' }

  beforeAll(async () => {
    const now = Date.now()
    const category = await env.DB.prepare(
      'INSERT INTO categories (name, name_en, sort_order, active) VALUES (?, ?, 0, 1) RETURNING id',
    )
      .bind(names.category, 'Parking')
      .first<{ id: number }>()
    const grid = await env.DB.prepare(
      'INSERT INTO grids (neighborhood_id, name) VALUES (?, ?) RETURNING id',
    )
      .bind(n1, names.grid)
      .first<{ id: number }>()
    const channel = await env.DB.prepare(
      `INSERT INTO channels (neighborhood_id, kind, label, code, created_at) VALUES (?, 'qr', ?, 'EXPCOL01', ?) RETURNING id`,
    )
      .bind(n1, names.channel, now)
      .first<{ id: number }>()
    const r = await api('/api/topics', {
      cookie: w.cookies.staff,
      body: {
        neighborhoodId: n1,
        title: '非机动车乱停放',
        description: '晚上 8 点后车棚外堆满',
        location: '3号楼北侧',
        categoryId: category!.id,
        gridId: grid!.id,
        channelId: channel!.id,
        submitterName: '王五',
        submitterPhone: '13911112222',
        consent: true,
      },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const accepted = await api(`/api/topics/${r.body.id}/transition`, {
      cookie: w.cookies.staff,
      body: { to: 'accepted', note: '已联系物业，本周清理' },
    })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
    topic = (await api(`/api/topics/${r.body.id}`, { cookie: w.cookies.staff })).body
    // A second topic with no category, grid or channel: its empty cells stay empty.
    await fileTopic(n1, { title: '另一个' })
  })

  const expected = () => ({
    编号: topic.id,
    查询码: topic.trackingCode,
    标题: '非机动车乱停放',
    描述: '晚上 8 点后车棚外堆满',
    位置: '3号楼北侧',
    类别: names.category,
    网格: names.grid,
    渠道: names.channel,
    状态: TOPIC_STATUS_LABEL.accepted.zh,
    附议数: topic.supportCount,
    提交人: '王五',
    联系电话: '13911112222',
    提交时间: shanghaiTime(topic.createdAt),
    受理回复: '已联系物业，本周清理',
    转办部门: '',
    合并到: '',
    项目编号: '',
    受理时间: shanghaiTime(topic.acceptedAt),
    立项时间: '',
    完成时间: '',
  })

  it('puts every value of a topic under its own header, in CSV and in XLSX', async () => {
    const n = await env.DB.prepare('SELECT name FROM neighborhoods WHERE id = ?')
      .bind(n1)
      .first<{ name: string }>()
    const want = { ...expected(), 居民区: n!.name }
    const path = `/api/topics/export?${filterQ({})}`
    const csv = await csvOf(path, w.cookies.staff)
    expectRow(
      csv.find((r) => r.编号 === String(topic.id)),
      want,
    )
    const xlsx = await xlsxOf(path, w.cookies.staff)
    expectRow(
      xlsx.find((r) => r.编号 === String(topic.id)),
      want,
    )
    const other = csv.find((r) => r.标题 === '另一个')!
    expect([other.类别, other.网格, other.渠道]).toEqual(['', '', ''])
    expect(other.居民区).toBe(n!.name)
  })
})

describe('registrations export (CSV, XLSX)', () => {
  it('puts every value of a registration under its own header, extra questions included', async () => {
    const { activity, sessions } = await createActivity(w.cookies.staff, n1, {
      questions: [{ key: 'grade', label: '孩子年级', type: 'text', required: true }],
    })
    const reg = await registerJson(activity.slug, sessions[0].id, {
      name: '李娜',
      phone: '13600000002',
      partySize: 2,
      answers: { grade: '二年级' },
    })
    expect(reg.status, JSON.stringify(reg.body)).toBe(201)
    const record = (await api(`/api/registrations/${reg.body.id}`, { cookie: w.cookies.staff }))
      .body
    const want = {
      编号: record.id,
      活动: activity.title,
      场次: sessions[0].label,
      开始时间: shanghaiTime(sessions[0].startsAt),
      姓名: '李娜',
      手机号: '13600000002',
      人数: 2,
      状态: REGISTRATION_STATUS_LABEL[record.status as 'confirmed'].zh,
      候补位次: text(record.waitlistPosition),
      报名顺序: record.seq,
      报名时间: shanghaiTime(record.createdAt),
      签到时间: '',
      '志愿时长（小时）': text(record.creditedHours),
      孩子年级: '二年级',
    }
    const path = `/api/registrations/export?${filterQ({ activityId: activity.id })}`
    expectRow((await csvOf(path, w.cookies.staff))[0], want)
    expectRow((await xlsxOf(path, w.cookies.staff))[0], want)
  })
})

describe('form responses export (CSV, XLSX)', () => {
  it('puts every answer under its question', async () => {
    const form = await createForm(w.cookies.staff, {
      neighborhoodId: n1,
      title: '加装电梯意向',
      fields: [
        { key: 'floor', label: '住几楼', type: 'number', required: true },
        {
          key: 'mind',
          label: '是否同意',
          type: 'single',
          required: true,
          options: ['同意', '不同意'],
        },
        { key: 'note', label: '其他想法', type: 'text' },
      ],
    })
    const receipt = await submitOk(form.slug, { floor: '6', mind: '不同意', note: '担心噪音' })
    const listed = await api(`/api/form-responses?${filterQ({ formId: form.id })}`, {
      cookie: w.cookies.staff,
    })
    const record = listed.body[0]
    expect(record.receipt).toBe(receipt)
    const want = {
      编号: record.id,
      回执号: receipt,
      提交时间: shanghaiTime(record.createdAt),
      版本: record.version,
      住几楼: 6,
      是否同意: '不同意',
      其他想法: '担心噪音',
    }
    const path = `/api/forms/${form.id}/export?${filterQ({})}`
    expectRow((await csvOf(path, w.cookies.staff))[0], want)
    expectRow((await xlsxOf(path, w.cookies.staff))[0], want)
  })
})

describe('meetings report (CSV, XLSX)', () => {
  it('has each neighborhood figure under its own header, as the JSON report has it', async () => {
    const t1 = await fileTopic(n1, { status: 'accepted' })
    const t2 = await fileTopic(n1, { status: 'accepted' })
    const m = await api('/api/meetings', {
      cookie: w.cookies.staff,
      body: {
        neighborhoodId: n1,
        kind: 'council',
        startsAt: Date.now() - 3_600_000,
        topicIds: [t1.id, t2.id],
      },
    })
    expect(m.status, JSON.stringify(m.body)).toBe(201)
    const [a, b] = m.body.items
    const tally = (item: any, body: Record<string, unknown>) =>
      api(`/api/meetings/${m.body.id}/items/${item.id}/tally`, {
        cookie: w.cookies.staff,
        body: { present: 17, inFavour: 12, against: 3, abstain: 2, confirm: true, ...body },
      })
    expect((await tally(a, { decision: 'adopt', project: { title: '议定项目' } })).status).toBe(200)
    expect((await tally(b, { decision: 'refer', referredTo: '城管中队' })).status).toBe(200)
    const path = `/api/reports/meetings?neighborhoodId=${n1}`
    const json = (await api(path, { cookie: w.cookies.staff })).body
    const n = json.neighborhoods[0]
    expect(n.meetings).toBe(1)
    const want = {
      居民区: n.name,
      '召开会议（场）': n.meetings,
      '到会（人次）': n.attendance,
      '议定议题（个）': n.decided,
      ...Object.fromEntries(
        MEETING_DECISIONS.map((d) => [MEETING_DECISION_LABEL[d].zh, n.byDecision[d]]),
      ),
      '立项项目（个）': n.projects,
    }
    expect(n.byDecision.adopt).toBe(1)
    expect(n.byDecision.refer).toBe(1)
    expectRow((await csvOf(path, w.cookies.staff))[0], want)
    expectRow((await xlsxOf(path, w.cookies.staff))[0], want)
  })
})

describe('partners report (CSV, XLSX)', () => {
  it('has each partner figure under its own header, as the JSON report has it', async () => {
    const partner = await createPartner(w)
    const p1 = await adoptedProject(w)
    const p2 = await adoptedProject(w)
    const claim = ok(
      await api('/api/claims', {
        cookie: w.cookies.staff,
        body: { projectId: p1.id, partnerId: partner.id },
      }),
      201,
    ).body
    ok(await api(`/api/claims/${claim.id}/accept`, { cookie: w.cookies.staff, body: {} }))
    ok(
      await api('/api/claims', {
        cookie: w.cookies.staff,
        body: { projectId: p2.id, partnerId: partner.id },
      }),
      201,
    )
    const path = `/api/reports/partners?townId=${w.townId}`
    const json = (await api(path, { cookie: w.cookies.town })).body
    const p = json.byPartner.find((x: any) => x.partnerId === partner.id)
    expect([p.claims, p.accepted, p.pending]).toEqual([2, 1, 1])
    const want = {
      类别: '共建单位',
      名称: p.name,
      类型: '共建单位',
      '举手认领（次）': p.claims,
      '已接受（次）': p.accepted,
      '待处理（次）': p.pending,
      '共建项目（个）': p.projects,
      '认领任务（项）': p.tasks,
      '带领活动（场）': p.activities,
      '举手党支部（个）': '',
    }
    for (const rows of [await csvOf(path, w.cookies.town), await xlsxOf(path, w.cookies.town)]) {
      const row = rows.find((r) => r.名称 === partner.name)
      expectRow(row, { ...want, 类型: row?.类型 })
      expect(row!.类型).not.toBe('')
    }
  })
})

describe('ledger export (XLSX)', () => {
  it('has each figure of each section under 指标 / 本期 / 去年同期, as the JSON ledger has it', async () => {
    const path = `/api/reports/ledger?neighborhoodId=${n1}`
    const json = (await api(path, { cookie: w.cookies.staff })).body
    const res = await download(`/api/reports/ledger/export?neighborhoodId=${n1}`, w.cookies.staff)
    const sheets = readSheets(await res.arrayBuffer())
    const figures = json.sections.flatMap((s: any) => s.figures)
    expect(figures.some((f: any) => f.value > 0)).toBe(true)
    for (const section of json.sections) {
      const name = Object.keys(sheets).find((k) => section.title.startsWith(k))!
      const rows = byHeader(sheets[name])
      section.figures.forEach((f: any, i: number) => {
        expectRow(rows[i], {
          指标: f.label,
          本期: f.value,
          去年同期: f.lastYear,
          变化: f.change,
          '变化率（%）': f.changePct,
        })
      })
    }
  })
})
