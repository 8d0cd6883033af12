import { env } from 'cloudflare:test'
import { unzipSync, strFromU8 } from 'fflate'
import { api, createTown, createUser, signIn } from './helpers'

// Shared by the programme tests: a town with staff and a template, straight through the API.

export const DAY = 86_400_000
const OFFSET = 8 * 3_600_000

/** Epoch ms of 00:00 in Shanghai of the day `days` from today. */
export const shanghaiDay = (days = 0) => {
  const now = Date.now()
  return now - ((now + OFFSET) % DAY) + days * DAY
}

/** A step body for POST /api/programmes. */
export const step = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  doneWhen: `${title}的完成标准`,
  evidence: 'note',
  dueDays: 10,
  ownerPost: 'secretary',
  public: true,
  ...extra,
})

/**
 * A town of `count` neighborhoods with a town user, one staff user per neighborhood and a
 * viewer of the first, all signed in.
 */
export const createProgrammeWorld = async (count = 3) => {
  const { townId, neighborhoodIds } = await createTown(count)
  const town = await createUser('town', { townIds: [townId] })
  const staff = []
  for (const n of neighborhoodIds) staff.push(await createUser('staff', { neighborhoodIds: [n] }))
  const viewer = await createUser('viewer', { neighborhoodIds: [neighborhoodIds[0]] })
  return {
    townId,
    neighborhoodIds,
    town,
    staff,
    viewer,
    cookies: {
      town: await signIn(town.username),
      staff: await signIn(staff[0].username),
      viewer: await signIn(viewer.username),
    },
  }
}

/** POST /api/programmes; fails the test unless 201. */
export const createProgramme = async (
  cookie: string,
  townId: number,
  steps: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
) => {
  const r = await api('/api/programmes', {
    cookie,
    body: {
      townId,
      name: '美好社区先锋行动',
      description: '九个一规定动作',
      startsAt: shanghaiDay(-20),
      endsAt: shanghaiDay(100),
      steps,
      ...extra,
    },
  })
  if (r.status !== 201) throw new Error(`createProgramme: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body as { id: number; steps: { id: number; due: number; title: string }[] }
}

/** Rows of a query on the test D1. */
export const rows = async <T = Record<string, unknown>>(query: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(query)
      .bind(...params)
      .all<T>()
  ).results

/** One number from a query (its first column of its first row). */
export const scalar = async (query: string, ...params: unknown[]) => {
  const row = await env.DB.prepare(query)
    .bind(...params)
    .first<Record<string, number>>()
  return row ? Number(Object.values(row)[0]) : 0
}

/** The sheets of an .xlsx body as rows of cell texts (inline strings and numbers), by name. */
export const readXlsx = (bytes: ArrayBuffer) => {
  const files = unzipSync(new Uint8Array(bytes))
  const workbook = strFromU8(files['xl/workbook.xml'])
  const names = [...workbook.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1])
  const sheets: Record<string, string[][]> = {}
  names.forEach((name, i) => {
    const xml = strFromU8(files[`xl/worksheets/sheet${i + 1}.xml`])
    sheets[name] = [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((row) =>
      [
        ...row[1].matchAll(
          /<c r="([A-Z]+)\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g,
        ),
      ].reduce<string[]>((cells, m) => {
        let index = 0
        for (const ch of m[1]) index = index * 26 + ch.charCodeAt(0) - 64
        cells[index - 1] = m[2] ?? unescapeXml(m[3] ?? '')
        return cells
      }, []),
    )
  })
  return sheets
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
