import { sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../../env'
import { type FieldErrors, validationError } from '../../lib/errors'

// Field rules shared by topic create and edit, and the check of the records a topic names.

export const topicText = {
  title: z
    .string({ message: '请填写标题' })
    .trim()
    .min(1, '请填写标题')
    .max(100, '标题最多 100 个字'),
  description: z.string({ message: '描述应为文字' }).trim().max(2000, '描述最多 2000 个字'),
  location: z.string({ message: '位置应为文字' }).trim().max(200, '位置最多 200 个字'),
}

export type TopicRefs = {
  categoryId?: number | null
  gridId?: number | null
  channelId?: number | null
  /** Check that the neighborhood itself exists (creates). */
  neighborhood?: boolean
}

type Found = {
  nbhd: number | null
  category: number | null
  grid: number | null
  channel: number | null
}

/**
 * Checks, in one query, that what a topic names exists: the category, and the grid and channel
 * within the topic's neighborhood. Throws 400 with field errors.
 * @example await assertTopicRefs(db, 3, { categoryId: 2, gridId: 5 })
 */
export const assertTopicRefs = async (db: Db, neighborhoodId: number, refs: TopicRefs) => {
  const found = await db.get<Found>(sql`
    SELECT (SELECT id FROM neighborhoods WHERE id = ${neighborhoodId}) AS nbhd,
           (SELECT id FROM categories WHERE id = ${refs.categoryId ?? null}) AS category,
           (SELECT id FROM grids WHERE id = ${refs.gridId ?? null} AND neighborhood_id = ${neighborhoodId}) AS grid,
           (SELECT id FROM channels WHERE id = ${refs.channelId ?? null} AND neighborhood_id = ${neighborhoodId}) AS channel`)
  const errors: FieldErrors = {}
  if (refs.neighborhood && !found.nbhd) errors.neighborhoodId = '居民区不存在'
  if (refs.categoryId != null && !found.category) errors.categoryId = '类别不存在'
  if (refs.gridId != null && !found.grid) errors.gridId = '网格不在该居民区'
  if (refs.channelId != null && !found.channel) errors.channelId = '渠道不在该居民区'
  if (Object.keys(errors).length) throw validationError(errors)
}

/**
 * The same checks as one SQL condition that holds when something named is missing, for a guard
 * in the write's own batch (no extra round trip); on failure, `assertTopicRefs` says what.
 * @example guard(db, badTopicRefs(3, { categoryId: 2 }))
 */
export const badTopicRefs = (neighborhoodId: number, refs: TopicRefs): SQL => {
  const problems: SQL[] = [
    sql`NOT EXISTS (SELECT 1 FROM neighborhoods WHERE id = ${neighborhoodId})`,
  ]
  if (refs.categoryId != null)
    problems.push(sql`NOT EXISTS (SELECT 1 FROM categories WHERE id = ${refs.categoryId})`)
  if (refs.gridId != null)
    problems.push(
      sql`NOT EXISTS (SELECT 1 FROM grids WHERE id = ${refs.gridId} AND neighborhood_id = ${neighborhoodId})`,
    )
  if (refs.channelId != null)
    problems.push(
      sql`NOT EXISTS (SELECT 1 FROM channels WHERE id = ${refs.channelId} AND neighborhood_id = ${neighborhoodId})`,
    )
  return sql.join(problems, sql` OR `)
}
