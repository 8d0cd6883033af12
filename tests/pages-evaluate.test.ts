import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createTown } from './helpers'
import {
  getPage,
  inputValue,
  postPage,
  residentProject,
  residentTopic,
  setProjectStatus,
} from './pages-fixtures'

const setup = async (status = 'done') => {
  const { neighborhoodIds } = await createTown(1)
  const n = neighborhoodIds[0]
  const topic = await residentTopic(n, {
    title: '健身器材坏了',
    status: status === 'done' ? 'done' : 'in_progress',
  })
  const projectId = await residentProject(n, {
    title: '健身苑点改造',
    status,
    topicIds: [topic.id],
  })
  const slug = (await env.DB.prepare('SELECT slug FROM neighborhoods WHERE id = ?')
    .bind(n)
    .first<{ slug: string }>())!.slug
  return { n, topic, projectId, slug }
}

const rating = { resolved: 'solved', satisfaction: '4', comment: '修得很好' }
const evaluations = (projectId: number) =>
  env.DB.prepare(
    'SELECT tracking_code, resolved, satisfaction, comment FROM evaluations WHERE project_id = ? ORDER BY id',
  )
    .bind(projectId)
    .all()
    .then((r) => r.results)

describe('/t/:code/evaluate', () => {
  it('is refused while the project is not done, and stores nothing', async () => {
    const { topic, projectId } = await setup('in_progress')
    const page = await getPage(`/t/${topic.code}/evaluate`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('项目还没有完成')
    expect(page.text).not.toContain('name="resolved"')
    const r = await postPage(`/t/${topic.code}/evaluate`, { key: 'eval-key-notdone', ...rating })
    expect(r.status).toBe(409)
    expect(await evaluations(projectId)).toEqual([])
  })

  it('is refused for a topic without a project', async () => {
    const { neighborhoodIds } = await createTown(1)
    const topic = await residentTopic(neighborhoodIds[0])
    const r = await postPage(`/t/${topic.code}/evaluate`, { key: 'eval-key-noproj', ...rating })
    expect(r.status).toBe(409)
    expect(r.text).toContain('还没有对应的项目')
  })

  it('takes one rating per code once the project is done', async () => {
    const { topic, projectId } = await setup()
    const track = await getPage(`/t/${topic.code}`)
    expect(track.text).toContain(`href="/t/${topic.code}/evaluate"`)
    const form = await getPage(`/t/${topic.code}/evaluate`)
    expect(form.status, form.text).toBe(200)
    expect(form.text).toContain('<legend>问题解决了吗？</legend>')
    const key = inputValue(form.text, 'key')!
    const r = await postPage(`/t/${topic.code}/evaluate`, { key, ...rating })
    expect(r.status, r.text).toBe(200)
    expect(r.text).toContain('谢谢您的评议')
    expect(await evaluations(projectId)).toEqual([
      { tracking_code: topic.code, resolved: 'solved', satisfaction: 4, comment: '修得很好' },
    ])

    const replay = await postPage(`/t/${topic.code}/evaluate`, { key, ...rating })
    expect(replay.status).toBe(200)
    const second = await postPage(`/t/${topic.code}/evaluate`, {
      key: 'eval-key-second',
      ...rating,
      satisfaction: '1',
    })
    expect(second.status).toBe(409)
    expect(second.text).toContain('已经评议过了')
    expect(await evaluations(projectId)).toHaveLength(1)
    const after = await getPage(`/t/${topic.code}`)
    expect(after.text).toContain('您已评议过这个项目')
    expect(after.text).not.toContain(`/t/${topic.code}/evaluate`)
  })

  it('lets a supporter with a verified phone rate with their own code, and the board shows the totals', async () => {
    const { topic, projectId, slug } = await setup()
    await env.DB.prepare(
      "INSERT INTO supports (topic_id, tracking_code, source, phone_verified_at, created_at) VALUES (?, 'SPT-777', 'support', 1, ?)",
    )
      .bind(topic.id, Date.now())
      .run()
    expect(
      (
        await postPage(`/t/${topic.code}/evaluate`, {
          key: 'eval-key-owner',
          ...rating,
          resolved: 'solved',
          satisfaction: '5',
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await postPage('/t/SPT-777/evaluate', {
          key: 'eval-key-supporter',
          ...rating,
          resolved: 'partly',
          satisfaction: '2',
        })
      ).status,
    ).toBe(200)
    expect(await evaluations(projectId)).toHaveLength(2)
    const board = await getPage(`/b/${slug}`)
    // 满意度 (domain/evaluation.ts): solved AND 4–5; the supporter's 部分解决 is not satisfied.
    expect(board.text).toContain('满意度 50%（2 人评议）')
  })

  it("lets a merged topic's code rate the project of the topic it went into", async () => {
    const { n, topic, projectId } = await setup()
    const merged = await residentTopic(n, { status: 'merged', mergedIntoId: topic.id })
    expect(
      (await postPage(`/t/${merged.code}/evaluate`, { key: 'eval-key-merged', ...rating })).status,
    ).toBe(200)
    expect(await evaluations(projectId)).toHaveLength(1)
  })

  it('re-renders with the choices kept when one is missing', async () => {
    const { topic, projectId } = await setup()
    const r = await postPage(`/t/${topic.code}/evaluate`, {
      key: 'eval-key-missing',
      resolved: 'partly',
      satisfaction: '',
      comment: '<script>x</script>',
    })
    expect(r.status).toBe(400)
    expect(r.text).toContain('请选择：满意程度。')
    expect(r.text).toMatch(/value="partly" checked=""/)
    expect(r.text).toContain('&lt;script&gt;x&lt;/script&gt;</textarea>')
    expect(await evaluations(projectId)).toEqual([])
    const long = await postPage(`/t/${topic.code}/evaluate`, {
      key: 'eval-key-long',
      ...rating,
      comment: '好'.repeat(501),
    })
    expect(long.status).toBe(400)
    expect(long.text).toContain('最多 500 个字')
  })

  it('stops taking ratings when the project is reopened', async () => {
    const { topic, projectId } = await setup()
    await setProjectStatus(projectId, 'in_progress')
    expect(
      (await postPage(`/t/${topic.code}/evaluate`, { key: 'eval-key-reopen', ...rating })).status,
    ).toBe(409)
    expect(await evaluations(projectId)).toEqual([])
  })

  it('answers 404 for an unknown code', async () => {
    expect((await getPage('/t/ZZZ-ZZ2/evaluate')).status).toBe(404)
    expect(
      (await postPage('/t/ZZZ-ZZ2/evaluate', { key: 'eval-key-unknown', ...rating })).status,
    ).toBe(404)
  })
})
