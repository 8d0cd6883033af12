import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { createDb } from '../worker/db/client'
import { createTopic } from '../worker/db/queries/topics/create'
import { normalizeTrackingCode, TRACKING_CODE } from '../worker/domain/tracking-code'
import { createTown } from './helpers'

describe('createTopic', () => {
  it('files a topic with a tracking code, its first timeline event and the channel count', async () => {
    const { neighborhoodIds } = await createTown(1)
    const channel = await env.DB.prepare(
      `INSERT INTO channels (neighborhood_id, kind, label, code, created_at) VALUES (?, 'qr', '12号楼 楼道留言板', 'TESTQR', ?) RETURNING id`,
    )
      .bind(neighborhoodIds[0], Date.now())
      .first<{ id: number }>()
    const topic = await createTopic(createDb(env.DB), {
      neighborhoodId: neighborhoodIds[0],
      title: '楼道堆物',
      channelId: channel!.id,
    })
    expect(topic.trackingCode).toMatch(TRACKING_CODE)
    expect(topic.status).toBe('submitted')
    const events = await env.DB.prepare(
      'SELECT kind, to_status FROM topic_events WHERE topic_id = ?',
    )
      .bind(topic.id)
      .all()
    expect(events.results).toEqual([{ kind: 'submitted', to_status: 'submitted' }])
    const ch = await env.DB.prepare('SELECT submissions FROM channels WHERE id = ?')
      .bind(channel!.id)
      .first<{ submissions: number }>()
    expect(ch!.submissions).toBe(1)
  })

  it('normalises typed tracking codes', () => {
    expect(normalizeTrackingCode('k7q 4mx')).toBe('K7Q-4MX')
    expect(normalizeTrackingCode('K7Q-4MX')).toBe('K7Q-4MX')
    expect(TRACKING_CODE.test(normalizeTrackingCode('AB0-1IL'))).toBe(false)
  })
})
