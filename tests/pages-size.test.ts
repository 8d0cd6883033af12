import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTown } from './helpers'
import {
  getPage,
  inputValue,
  postPage,
  residentCategory,
  residentChannel,
  residentEvent,
  residentProject,
  residentTopic,
  type PageResponse,
} from './pages-fixtures'

// Each resident page must arrive in one round trip on a weak network: ≤ 14 KB gzip, CSS included.
const LIMIT = 14 * 1024

const gzipSize = async (text: string) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(stream).arrayBuffer()).byteLength
}

// Long Chinese text drawn at random from ~350 common characters: about as hard to compress as
// real resident text (it has no repeated words), so the sizes are on the safe side.
const POOL =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切看楼梯灯坏修补垃圾停车充电绿化'
const phrase = (i: number, len: number) => {
  let seed = i * 7919 + 17
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  let s = `${i}号楼`
  while (s.length < len) s += POOL[Math.floor(rand() * POOL.length)]
  return s.slice(0, len)
}

const sizes: Record<string, number> = {}
let pages: Record<string, PageResponse> = {}

beforeAll(async () => {
  const { neighborhoodIds } = await createTown(1)
  const n = neighborhoodIds[0]
  const slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
    .bind(n)
    .first<{ slug: string }>())!.slug
  const categoryIds: number[] = []
  for (const name of [
    '环境卫生',
    '设施维修',
    '停车',
    '充电桩',
    '加装电梯',
    '绿化',
    '安全',
    '养老',
    '托幼',
    '物业',
    '邻里',
    '其他',
  ])
    categoryIds.push(await residentCategory(`${name}-size`))
  const channel = await residentChannel(n, { label: '32号楼2单元 楼道留言板（一楼信箱旁）' })
  // A full board: 20 running + 10 done projects, 25+ open topics, all with long titles.
  const topicIds: number[] = []
  for (let i = 0; i < 40; i++)
    topicIds.push(
      (
        await residentTopic(n, {
          title: phrase(i, 58),
          categoryId: categoryIds[i % 12],
          status: i % 2 ? 'accepted' : 'submitted',
          supportCount: i,
        })
      ).id,
    )
  for (let i = 0; i < 30; i++)
    await residentProject(n, {
      title: phrase(100 + i, 40),
      status: i < 20 ? 'in_progress' : 'done',
      owningBody: `${phrase(200 + i, 12)}居民区党总支`,
      deadlineAt: Date.now() + i * 86_400_000,
      checklist: [
        ['一', true],
        ['二', false],
      ],
    })
  // A long tracking page: 30 public events, a project with 30 checklist items and 20 updates.
  const tracked = await residentTopic(n, {
    title: phrase(300, 58),
    description: phrase(301, 900),
    categoryId: categoryIds[0],
    status: 'in_progress',
    publicReply: phrase(302, 200),
  })
  for (let i = 0; i < 30; i++)
    await residentEvent(tracked.id, { toStatus: 'accepted', publicNote: phrase(400 + i, 120) })
  await residentProject(n, {
    title: phrase(500, 40),
    status: 'done',
    checklist: Array.from(
      { length: 30 },
      (_, i) => [phrase(600 + i, 30), i % 3 === 0] as [string, boolean],
    ),
    updates: Array.from(
      { length: 20 },
      (_, i) => [phrase(700 + i, 150), true] as [string, boolean],
    ),
    topicIds: [tracked.id],
  })
  // Similar topics to the draft below.
  for (let i = 0; i < 3; i++)
    await residentTopic(n, { title: phrase(800, 58 - i), categoryId: categoryIds[1] })

  const form = await getPage(`/q/${channel.code}`)
  const key = inputValue(form.text, 'key')!
  const draft = {
    key,
    title: phrase(800, 58),
    details: phrase(900, 990),
    categoryId: String(categoryIds[1]),
    where: phrase(901, 58),
    name: '王',
    phone: '138',
    consent: '',
  }
  pages = {
    'needs form': form,
    'needs form with errors': await postPage(`/q/${channel.code}`, draft),
    'similar step': await postPage(`/q/${channel.code}`, { ...draft, phone: '', name: '' }),
    receipt: await postPage(`/q/${channel.code}`, {
      ...draft,
      phone: '',
      name: '',
      confirmed: '1',
    }),
    tracking: await getPage(`/t/${tracked.code}`),
    evaluate: await getPage(`/t/${tracked.code}/evaluate`),
    board: await getPage(`/b/${slug}`),
    'web form (English)': await getPage(`/n/${slug}/new?lang=en`),
    poster: await getPage(`/q/${channel.code}/poster`),
    'qr svg': await getPage(`/q/${channel.code}/qr.svg`),
    'not found': await getPage('/t/ZZZ-ZZZ'),
  }
  for (const [name, page] of Object.entries(pages)) sizes[name] = await gzipSize(page.text)
  console.log('resident page sizes (gzip bytes):', sizes)
})

describe('resident page sizes', () => {
  it('renders each measured page as it should', () => {
    expect(pages['needs form'].status).toBe(200)
    expect(pages['needs form with errors'].status).toBe(400)
    expect(pages['similar step'].text).toContain('这些事是不是和您说的一样？')
    expect(pages.receipt.text).toContain('class="code"')
    expect(pages.tracking.status).toBe(200)
    expect(pages.evaluate.text).toContain('name="resolved"')
    expect(pages.board.text.match(/<li class="box">/g)!.length).toBeGreaterThanOrEqual(50)
    expect(pages.poster.text).toContain('<svg')
    expect(pages['not found'].status).toBe(404)
  })

  it('keeps every page at or under 14 KB gzip including its CSS', () => {
    for (const [name, size] of Object.entries(sizes))
      expect(size, `${name}: ${size} bytes`).toBeLessThanOrEqual(LIMIT)
  })
})
