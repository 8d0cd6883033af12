import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createWorld, fileTopic } from './helpers'
import { getPage, residentEvent, residentProject, residentTopic } from './pages-fixtures'
import { noteAfterStatus } from '../worker/domain/topic-workflow'

// The public timeline speaks to residents (issue 13, point 8): other topics by title, never by
// internal number; no status word twice; a project's card opens to its own page, which says why
// it is late.

let w: Awaited<ReturnType<typeof createWorld>>
let slug: string

beforeAll(async () => {
  w = await createWorld()
  slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
    .bind(w.neighborhoodIds[0])
    .first<{ slug: string }>())!.slug
})

const codeOf = async (id: number) =>
  (await env.DB.prepare('SELECT tracking_code AS c FROM topics WHERE id = ?')
    .bind(id)
    .first<{ c: string }>())!.c

/** The timeline list of a tracking page, as text. */
const timeline = async (code: string) => {
  const page = await getPage(`/t/${code}`)
  expect(page.status).toBe(200)
  const log = page.text.match(/<h2 id="timeline">[\s\S]*?<\/ol>/)?.[0] ?? ''
  return log.replace(/<[^>]+>/g, '')
}

describe('the public timeline', () => {
  it('names merged topics by title, without internal numbers, on both sides', async () => {
    const n = w.neighborhoodIds[0]
    const source = await fileTopic(n, { title: '五号楼楼道灯坏了' })
    const target = await fileTopic(n, { title: '小区路灯维修', status: 'accepted' })
    const r = await api(`/api/topics/${source.id}/merge`, {
      cookie: w.cookies.staff,
      body: { targetId: target.id },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const onTarget = await timeline(await codeOf(target.id))
    expect(onTarget).toContain('「五号楼楼道灯坏了」已合并到本议题')
    expect(onTarget).not.toMatch(/#\s*\d/)
    const onSource = await timeline(await codeOf(source.id))
    expect(onSource).toContain('请关注「小区路灯维修」的进展')
    expect(onSource).not.toMatch(/#\s*\d/)

    const undo = await api(`/api/topics/${source.id}/unmerge`, {
      cookie: w.cookies.staff,
      body: {},
    })
    expect(undo.status, JSON.stringify(undo.body)).toBe(200)
    const after = await timeline(await codeOf(target.id))
    expect(after).toContain('「五号楼楼道灯坏了」已撤销合并，单独办理')
    expect(after).not.toMatch(/#\s*\d/)
  })

  it('says 已立项 once when a topic is adopted', async () => {
    const topic = await fileTopic(w.neighborhoodIds[0], { title: '加装电梯', status: 'accepted' })
    const r = await api('/api/projects', {
      cookie: w.cookies.staff,
      body: { title: '一号楼加装电梯', neighborhoodId: w.neighborhoodIds[0], topicIds: [topic.id] },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    const log = await timeline(await codeOf(topic.id))
    expect(log).toContain('已立项：项目「一号楼加装电梯」')
    expect(log).not.toContain('已立项：已立项')
  })

  it('does not repeat a status word a note starts with', async () => {
    const topic = await residentTopic(w.neighborhoodIds[0], { status: 'adopted' })
    await residentEvent(topic.id, { toStatus: 'adopted', publicNote: '已立项：「旧的写法」' })
    const log = await timeline(topic.code)
    expect(log).toContain('已立项：「旧的写法」')
    expect(log).not.toContain('已立项：已立项')
    expect(noteAfterStatus('已转办', '已转办至街道城管科')).toBe('已转办至街道城管科')
    expect(noteAfterStatus('已立项', '已立项')).toBeNull()
  })

  it('rewrites the notes written before migration 0020', async () => {
    const n = w.neighborhoodIds[0]
    const target = await residentTopic(n, { title: '垃圾分类点太远', status: 'accepted' })
    const source = await residentTopic(n, { title: '垃圾房搬家', status: 'merged' })
    const adopted = await residentTopic(n, { title: '健身苑', status: 'adopted' })
    const typed = await residentTopic(n, { status: 'accepted' })
    await residentEvent(target.id, {
      kind: 'merged_in',
      publicNote: `议题 #${source.id}「垃圾房搬家」已合并到本议题`,
    })
    await residentEvent(source.id, {
      kind: 'merged',
      toStatus: 'merged',
      publicNote: `已合并到议题 #${target.id}，请关注该议题的进展`,
    })
    await residentEvent(adopted.id, {
      kind: 'adopted',
      toStatus: 'adopted',
      publicNote: '已立项：「健身苑改造」',
    })
    await residentEvent(typed.id, { kind: 'note', publicNote: '议题 #12 的情况我们已了解' })
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0020_'))!
    for (const query of migration.queries) await env.DB.prepare(query).run()
    const notes = async (id: number) =>
      (
        await env.DB.prepare('SELECT public_note AS n FROM topic_events WHERE topic_id = ?')
          .bind(id)
          .all<{ n: string }>()
      ).results.map((r) => r.n)
    expect(await notes(target.id)).toEqual(['「垃圾房搬家」已合并到本议题'])
    expect(await notes(source.id)).toEqual(['请关注「垃圾分类点太远」的进展'])
    expect(await notes(adopted.id)).toEqual(['项目「健身苑改造」'])
    expect(await notes(typed.id)).toEqual(['议题 #12 的情况我们已了解'])
  })
})

describe('a project on the board', () => {
  it('opens from its card to its own page', async () => {
    const n = w.neighborhoodIds[0]
    const topic = await residentTopic(n, { title: '儿童游乐区地面破损', status: 'done' })
    const id = await residentProject(n, {
      title: '游乐区地面翻新',
      status: 'done',
      checklist: [['铺设地垫', true]],
      updates: [['地垫已铺好', true]],
      topicIds: [topic.id],
    })
    const board = await getPage(`/b/${slug}`)
    expect(board.text).toContain(`<a href="/b/${slug}/p/${id}">游乐区地面翻新</a>`)
    const page = await getPage(`/b/${slug}/p/${id}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('<h1>游乐区地面翻新</h1>')
    expect(page.text).toContain('铺设地垫')
    expect(page.text).toContain('地垫已铺好')
    expect(page.text).toContain('儿童游乐区地面破损')
    const otherSlug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
      .bind(w.neighborhoodIds[1])
      .first<{ slug: string }>())!.slug
    expect((await getPage(`/b/${otherSlug}/p/${id}`)).status).toBe(404)
    expect((await getPage(`/b/${slug}/p/99999999`)).status).toBe(404)
  })

  it('says why it is blocked or late, on its card and its page', async () => {
    const n = w.neighborhoodIds[0]
    const blocked = await residentProject(n, {
      title: '车棚改造',
      status: 'blocked',
      updates: [
        ['内部：等领导签字', false],
        ['等待物业出具电路安全评估', true],
      ],
    })
    const late = await residentProject(n, {
      title: '绿化补种',
      status: 'in_progress',
      deadlineAt: Date.now() - 3 * 86_400_000,
    })
    const board = await getPage(`/b/${slug}`)
    const card = (title: string) =>
      board.text.split('<li class="box">').find((li) => li.includes(title))!
    expect(card('车棚改造')).toMatch(/最新说明（\d{4}-\d{2}-\d{2}）：等待物业出具电路安全评估/)
    expect(card('车棚改造')).not.toContain('等领导签字')
    expect(card('绿化补种')).toContain('居委会还没有说明原因。')
    const page = await getPage(`/b/${slug}/p/${blocked}`)
    expect(page.text).toContain('等待物业出具电路安全评估')
    expect((await getPage(`/b/${slug}/p/${late}`)).text).toContain('居委会还没有说明原因。')
  })
})
